//! The access decision and the access log that other pallets use through
//! [`AccessPolicy`]; the queries behind the runtime API; the pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::{consent::AccessPolicy, credentials::CredentialsInspect};
use polkadot_sdk::frame_support::traits::{Get, Time};

impl<T: Config> Pallet<T> {
	/// The access decision at `now`. Reads at most: the actor's credentials for the action's
	/// roles (two reads each), the latest emergency access (two), the affiliation (two) and one
	/// grant — never a list of grants or records.
	pub fn check_at(
		request: &AccessRequest<T::AccountId>,
		now: Moment,
	) -> Result<AccessBasis, AccessDenied> {
		let AccessRequest { actor, on_behalf_of, target, action, purpose } = request;
		if *actor == target.patient {
			return Ok(AccessBasis::Patient);
		}
		let roles: &[Role] = match action {
			Action::Read => &READ_ROLES,
			Action::Write => &WRITE_ROLES,
		};
		if !T::Credentials::has_any_role(actor, roles) {
			return Err(AccessDenied::NotCredentialed);
		}
		if *purpose == Purpose::EmergencyTreatment {
			if let Some(id) = Self::open_break_glass_at(&target.patient, actor, now) {
				return Ok(AccessBasis::BreakGlass(id));
			}
		}
		let grantee = match on_behalf_of {
			None => Grantee::Practitioner(actor.clone()),
			Some(institution) => {
				if !T::Credentials::is_affiliated(actor, *institution) {
					return Err(AccessDenied::NotAffiliated);
				}
				Grantee::Institution(*institution)
			},
		};
		let grant =
			Grants::<T>::get(&target.patient, (grantee, *purpose)).ok_or(AccessDenied::NoGrant)?;
		grant.standing_at(now)?;
		if !grant.actions.allows(*action) {
			return Err(AccessDenied::ActionNotGranted);
		}
		if !grant.scope.covers(target.record, &target.category) {
			return Err(AccessDenied::OutOfScope);
		}
		Ok(AccessBasis::Grant(grant.id))
	}

	/// The emergency access `clinician` has open to `patient` at `now`, if any.
	fn open_break_glass_at(
		patient: &T::AccountId,
		clinician: &T::AccountId,
		now: Moment,
	) -> Option<BreakGlassId> {
		let id = LatestBreakGlass::<T>::get(patient, clinician)?;
		BreakGlasses::<T>::get(patient, id)
			.filter(|access| access.is_open_at(now))
			.map(|_| id)
	}

	/// Appends an access to the patient's log ring and events it.
	pub(crate) fn do_log_access(
		request: &AccessRequest<T::AccountId>,
		record: RecordId,
		basis: AccessBasis,
	) {
		let AccessRequest { actor, on_behalf_of, target, action, purpose } = request;
		let count = AccessCount::<T>::get(&target.patient);
		let slot = Self::log_slot(count);
		AccessLog::<T>::insert(
			&target.patient,
			slot,
			AccessEntry {
				accessor: actor.clone(),
				on_behalf_of: *on_behalf_of,
				record,
				action: *action,
				purpose: *purpose,
				basis,
				at: T::Time::now(),
			},
		);
		AccessCount::<T>::insert(&target.patient, count.saturating_add(1));
		Self::deposit_event(Event::RecordAccessed {
			patient: target.patient.clone(),
			record,
			accessor: actor.clone(),
			on_behalf_of: *on_behalf_of,
			action: *action,
			purpose: *purpose,
			basis,
		});
	}

	/// The ring slot of the access numbered `count`.
	fn log_slot(count: u64) -> u32 {
		let length = u64::from(T::AccessLogLength::get().max(1));
		// The remainder is below `length`, itself a `u32`.
		u32::try_from(count % length).unwrap_or_default()
	}

	/// The patient's logged accesses still in storage, oldest first.
	pub fn access_log(patient: &T::AccountId) -> Vec<AccessEntryOf<T>> {
		let count = AccessCount::<T>::get(patient);
		let kept = count.min(u64::from(T::AccessLogLength::get()));
		(count.saturating_sub(kept)..count)
			.filter_map(|number| AccessLog::<T>::get(patient, Self::log_slot(number)))
			.collect()
	}

	/// The patient's stored grants (live, yet to start, revoked or expired), by grantee and
	/// purpose.
	pub fn grants_of(patient: &T::AccountId) -> Vec<(GranteeOf<T>, Purpose, GrantOf<T>)> {
		Grants::<T>::iter_prefix(patient)
			.map(|((grantee, purpose), grant)| (grantee, purpose, grant))
			.collect()
	}

	/// The emergency accesses to the patient's records that wait for review.
	pub fn break_glass_of(patient: &T::AccountId) -> Vec<(BreakGlassId, BreakGlassOf<T>)> {
		BreakGlasses::<T>::iter_prefix(patient).collect()
	}

	/// Checks the pallet's storage invariants.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use polkadot_sdk::frame_support::ensure;

		let next_grant = NextGrantId::<T>::get();
		for (patient, count) in GrantCount::<T>::iter() {
			ensure!(count > 0, "zero grant count stored");
			ensure!(count <= T::MaxGrantsPerPatient::get(), "patient over the grant bound");
			ensure!(
				Grants::<T>::iter_prefix(&patient).count() == count as usize,
				"grant count differs from the grants stored"
			);
		}
		for (patient, (grantee, purpose), grant) in Grants::<T>::iter() {
			ensure!(GrantCount::<T>::contains_key(&patient), "grant of a patient with no count");
			ensure!(grant.id < next_grant, "grant id not yet handed out");
			ensure!(grant.actions.read || grant.actions.write, "grant allowing nothing");
			ensure!(
				grant.valid_until.is_none_or(|until| until > grant.valid_from),
				"grant ending before it starts"
			);
			ensure!(
				!matches!(grantee, Grantee::Study(_)) || purpose == Purpose::Research,
				"study grant for another purpose than research"
			);
		}
		let next_break_glass = NextBreakGlassId::<T>::get();
		for (patient, pending) in PendingBreakGlass::<T>::iter() {
			ensure!(pending > 0, "zero pending count stored");
			ensure!(pending <= T::MaxPendingBreakGlass::get(), "over the break-glass bound");
			ensure!(
				BreakGlasses::<T>::iter_prefix(&patient).count() == pending as usize,
				"pending count differs from the emergency accesses stored"
			);
		}
		for (patient, id, access) in BreakGlasses::<T>::iter() {
			ensure!(id < next_break_glass, "emergency access id not yet handed out");
			ensure!(access.opened_at < access.expires_at, "emergency access never open");
			ensure!(PendingBreakGlass::<T>::get(&patient) > 0, "uncounted emergency access");
		}
		for (patient, clinician, id) in LatestBreakGlass::<T>::iter() {
			let access = BreakGlasses::<T>::get(&patient, id)
				.ok_or("latest emergency access not pending")?;
			ensure!(access.clinician == clinician, "latest emergency access of another clinician");
		}
		let length = T::AccessLogLength::get();
		for (patient, slot, _) in AccessLog::<T>::iter() {
			ensure!(slot < length, "access log slot outside the ring");
			let count = AccessCount::<T>::get(&patient);
			ensure!(u64::from(slot) < count, "access log slot not yet written");
		}
		Ok(())
	}
}

impl<T: Config> AccessPolicy<T::AccountId> for Pallet<T> {
	fn check(request: &AccessRequest<T::AccountId>) -> Result<AccessBasis, AccessDenied> {
		Self::check_at(request, T::Time::now())
	}

	fn log_access(request: &AccessRequest<T::AccountId>, record: RecordId, basis: AccessBasis) {
		if basis != AccessBasis::Patient {
			Self::do_log_access(request, record, basis);
		}
	}

	fn has_live_grant(
		patient: &T::AccountId,
		grantee: &Grantee<T::AccountId>,
		purpose: Purpose,
	) -> bool {
		Grants::<T>::get(patient, (grantee.clone(), purpose))
			.is_some_and(|grant| grant.is_live_at(T::Time::now()))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn grant_for_benchmarks(patient: &T::AccountId, practitioner: &T::AccountId, purpose: Purpose) {
		// The role found last when checking either reading or writing roles.
		T::Credentials::grant_role_for_benchmarks(practitioner, Role::Laboratory);
		let id = NextGrantId::<T>::get();
		NextGrantId::<T>::put(id.saturating_add(1));
		let key = (Grantee::Practitioner(practitioner.clone()), purpose);
		if !Grants::<T>::contains_key(patient, &key) {
			GrantCount::<T>::mutate(patient, |count| *count = count.saturating_add(1));
		}
		Grants::<T>::insert(
			patient,
			key,
			Grant {
				id,
				scope: GrantScope::AllRecords,
				actions: GrantedActions { read: true, write: true },
				valid_from: 0,
				valid_until: None,
				granted_at: 0,
				status: GrantStatus::Active,
				deposit: Default::default(),
			},
		);
	}
}
