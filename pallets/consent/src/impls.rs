//! The access decision and the access log that other pallets use through
//! [`AccessPolicy`]; the queries behind the runtime API; the pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::{
	consent::{AccessLogged, AccessLogging, AccessPolicy, ConsentInspect},
	credentials::CredentialsInspect,
};
use polkadot_sdk::{frame_support::traits::Time, sp_runtime::DispatchError};

impl<T: Config> Pallet<T> {
	/// The access decision at `now`. Reads at most: the guardianship (one), the actor's
	/// credentials for the action's
	/// roles (two reads each), the affiliation and institution (two), the clinician's
	/// credentials and latest emergency access (six), and one grant — never a list of grants or
	/// records.
	///
	/// An emergency access admits only emergency treatment by the clinician who opened it,
	/// still a live physician or nurse, acting for the institution it was opened for: that
	/// institution is what the log then names.
	pub fn check_at(
		request: &AccessRequest<T::AccountId>,
		now: Moment,
	) -> Result<AccessBasis, AccessDenied> {
		let AccessRequest { actor, on_behalf_of, target, action, purpose } = request;
		if *actor == target.patient {
			return Ok(AccessBasis::Patient);
		}
		// A guardian acts on the patient's data as themselves, needing no credential; acting
		// for an institution is professional access, judged below like anyone's.
		if on_behalf_of.is_none() && Self::is_guardian_at(&target.patient, actor, now) {
			return Ok(AccessBasis::Guardian);
		}
		let roles: &[Role] = match action {
			Action::Read => &READ_ROLES,
			Action::Write => &WRITE_ROLES,
		};
		if !T::Credentials::has_any_role(actor, roles) {
			return Err(AccessDenied::NotCredentialed);
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
		if *purpose == Purpose::EmergencyTreatment {
			if let Some(institution) = on_behalf_of {
				if let Some(id) =
					Self::open_break_glass_at(&target.patient, actor, *institution, now)
				{
					return Ok(AccessBasis::BreakGlass(id));
				}
			}
		}
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

	/// The emergency access `clinician`, still a live physician or nurse, has open to
	/// `patient` at `now` for `institution`, if any.
	fn open_break_glass_at(
		patient: &T::AccountId,
		clinician: &T::AccountId,
		institution: InstitutionId,
		now: Moment,
	) -> Option<BreakGlassId> {
		let id = LatestBreakGlass::<T>::get(patient, clinician)?;
		BreakGlasses::<T>::get(patient, id)
			.filter(|access| access.is_open_at(now) && access.on_behalf_of == institution)
			.filter(|_| T::Credentials::has_any_role(clinician, &CLINICIAN_ROLES))
			.map(|_| id)
	}

	/// The patient's logged access attempts still in storage, oldest first: each accessor's
	/// latest, whatever others did.
	pub fn access_log(patient: &T::AccountId) -> Vec<AccessEntryOf<T>> {
		let mut entries: Vec<AccessEntryOf<T>> =
			AccessLog::<T>::iter_prefix_values((patient,)).collect();
		entries.sort_by_key(|entry| entry.number);
		entries
	}

	/// One accessor's latest accesses to the patient's records, oldest first: at most
	/// [`Config::AccessLogPerAccessor`] entries, so a gateway checking that an access was logged
	/// reads one ring, not the whole log.
	pub fn accesses_by(patient: &T::AccountId, accessor: &T::AccountId) -> Vec<AccessEntryOf<T>> {
		let mut entries: Vec<AccessEntryOf<T>> =
			AccessLog::<T>::iter_prefix_values((patient, accessor)).collect();
		entries.sort_by_key(|entry| entry.number);
		entries
	}

	/// The patient's stored grants (live, yet to start, revoked or expired), by grantee and
	/// purpose.
	pub fn grants_of(patient: &T::AccountId) -> Vec<(GranteeOf<T>, Purpose, GrantOf<T>)> {
		Grants::<T>::iter_prefix(patient)
			.map(|((grantee, purpose), grant)| (grantee, purpose, grant))
			.collect()
	}

	/// The patient's grant to `grantee` for `purpose`, in whatever state.
	pub fn grant(
		patient: &T::AccountId,
		grantee: GranteeOf<T>,
		purpose: Purpose,
	) -> Option<GrantOf<T>> {
		Grants::<T>::get(patient, (grantee, purpose))
	}

	/// How many of `clinician`'s emergency accesses reviews found abusive.
	pub fn abuse_findings(clinician: &T::AccountId) -> u32 {
		AbuseFindings::<T>::get(clinician)
	}

	/// `clinician`'s ban from emergency access, if one stands.
	pub fn break_glass_ban(clinician: &T::AccountId) -> Option<BreakGlassBanOf<T>> {
		BreakGlassBans::<T>::get(clinician)
	}

	/// The emergency accesses to the patient's records that wait for review.
	pub fn break_glass_of(patient: &T::AccountId) -> Vec<(BreakGlassId, BreakGlassOf<T>)> {
		BreakGlasses::<T>::iter_prefix(patient).collect()
	}

	/// Checks the pallet's storage invariants.
	// Always compiled: the runtime fuzzer (`fuzz/`) checks it after every block without the
	// `try-runtime` feature, which would change the node's one build.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use healthchain_primitives::deposits;
		use polkadot_sdk::frame_support::{
			ensure,
			traits::{fungible::InspectHold, Get},
		};

		let mut grant_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut break_glass_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut access_log_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut guardian_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
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
			deposits::add(&mut grant_deposits, &patient, grant.deposit);
		}
		let next_break_glass = NextBreakGlassId::<T>::get();
		let mut opened_by = BTreeMap::<T::AccountId, u32>::new();
		for (_, id, access) in BreakGlasses::<T>::iter() {
			ensure!(id < next_break_glass, "emergency access id not yet handed out");
			ensure!(access.opened_at < access.expires_at, "emergency access never open");
			deposits::add(&mut break_glass_deposits, &access.clinician, access.deposit);
			let count = opened_by.entry(access.clinician).or_default();
			*count = count.saturating_add(1);
		}
		for (clinician, pending) in PendingBreakGlass::<T>::iter() {
			ensure!(pending > 0, "zero pending count stored");
			ensure!(pending <= T::MaxPendingBreakGlass::get(), "over the break-glass bound");
			ensure!(
				opened_by.remove(&clinician) == Some(pending),
				"pending count differs from the clinician's emergency accesses stored"
			);
		}
		ensure!(opened_by.is_empty(), "uncounted emergency access");
		for (patient, count) in GuardianCount::<T>::iter() {
			ensure!(count > 0, "zero guardian count stored");
			ensure!(count <= T::MaxGuardians::get(), "patient over the guardian bound");
			ensure!(
				Guardians::<T>::iter_prefix(&patient).count() == count as usize,
				"guardian count differs from the guardians stored"
			);
		}
		for (patient, guardian, guardianship) in Guardians::<T>::iter() {
			ensure!(patient != guardian, "patient their own guardian");
			ensure!(GuardianCount::<T>::get(&patient) > 0, "uncounted guardian");
			ensure!(
				guardianship.until.is_none_or(|until| until > guardianship.since),
				"guardianship ending before it starts"
			);
			deposits::add(&mut guardian_deposits, &guardianship.depositor, guardianship.deposit);
		}
		for (_, ban) in BreakGlassBans::<T>::iter() {
			ensure!(ban.break_glass < next_break_glass, "ban for an access never opened");
		}
		for (patient, clinician, id) in LatestBreakGlass::<T>::iter() {
			let access = BreakGlasses::<T>::get(&patient, id)
				.ok_or("latest emergency access not pending")?;
			ensure!(access.clinician == clinician, "latest emergency access of another clinician");
		}
		let ring = Self::ring_length();
		for ((patient, accessor, slot), entry) in AccessLog::<T>::iter() {
			ensure!(slot < ring, "access log slot outside the ring");
			ensure!(entry.accessor == accessor, "entry filed under another accessor");
			let share = AccessLogShares::<T>::get(&patient, &accessor)
				.ok_or("access log entry without its accessor's share")?;
			ensure!(u64::from(slot) < share.logged, "access log slot not yet written");
			ensure!(entry.number < AccessCount::<T>::get(&patient), "entry numbered ahead");
		}
		for (patient, accessor, share) in AccessLogShares::<T>::iter() {
			ensure!(share.logged > 0, "access log share with nothing logged");
			ensure!(
				share.logged <= AccessCount::<T>::get(&patient),
				"accessor logged more than the patient's count"
			);
			deposits::add(&mut access_log_deposits, &accessor, share.deposit);
		}
		// Every account, not only the depositors: a hold nothing stored justifies shows too.
		ensure!(
			deposits::holds_match(
				frame_system::Account::<T>::iter_keys(),
				[
					(HoldReason::GrantDeposit, grant_deposits),
					(HoldReason::BreakGlassDeposit, break_glass_deposits),
					(HoldReason::AccessLogDeposit, access_log_deposits),
					(HoldReason::GuardianDeposit, guardian_deposits),
				],
				|reason, who| T::Currency::balance_on_hold(&(*reason).into(), who),
			),
			"held deposits differ from the stored deposits"
		);
		Ok(())
	}
}

impl<T: Config> AccessPolicy<T::AccountId> for Pallet<T> {
	fn check(request: &AccessRequest<T::AccountId>) -> Result<AccessBasis, AccessDenied> {
		Self::check_at(request, T::Time::now())
	}
}

impl<T: Config> AccessLogging<T::AccountId> for Pallet<T> {
	fn log_access(
		request: &AccessRequest<T::AccountId>,
		record: RecordId,
		outcome: AccessOutcome,
	) -> Result<AccessLogged, DispatchError> {
		if request.actor == request.target.patient {
			return Ok(AccessLogged::NotNeeded);
		}
		Self::do_log_access(request, record, outcome)
	}
}

impl<T: Config> ConsentInspect<T::AccountId> for Pallet<T> {
	fn has_live_grant(
		patient: &T::AccountId,
		grantee: &Grantee<T::AccountId>,
		purpose: Purpose,
	) -> bool {
		Grants::<T>::get(patient, (grantee.clone(), purpose))
			.is_some_and(|grant| grant.is_live_at(T::Time::now()))
	}

	fn is_guardian(patient: &T::AccountId, guardian: &T::AccountId) -> bool {
		Self::is_guardian_at(patient, guardian, T::Time::now())
	}
}
