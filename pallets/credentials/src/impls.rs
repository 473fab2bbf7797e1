//! What other pallets and clients ask: live roles, affiliations, and the queries behind the
//! runtime API; and the pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::frame_support::traits::Time;

impl<T: Config> Pallet<T> {
	/// Whether `who` holds a live credential for `role` at `now`: two storage reads.
	pub fn has_role_at(who: &T::AccountId, role: Role, now: Moment) -> bool {
		CredentialOfRole::<T>::get(who, role)
			.and_then(CredentialRecords::<T>::get)
			.is_some_and(|credential| credential.is_live_at(now))
	}

	/// The roles `who` holds a live credential for at `now`.
	pub fn live_roles_at(who: &T::AccountId, now: Moment) -> Vec<Role> {
		Role::ALL
			.into_iter()
			.filter(|role| Self::has_role_at(who, *role, now))
			.collect()
	}

	/// The roles `who` holds a live credential for now.
	pub fn live_roles(who: &T::AccountId) -> Vec<Role> {
		Self::live_roles_at(who, T::Time::now())
	}

	/// The unrevoked credentials `who` holds (live, suspended or expired), with their ids.
	pub fn credentials_of(who: &T::AccountId) -> Vec<(CredentialId, CredentialOf<T>)> {
		Role::ALL
			.into_iter()
			.filter_map(|role| CredentialOfRole::<T>::get(who, role))
			.filter_map(|id| CredentialRecords::<T>::get(id).map(|credential| (id, credential)))
			.collect()
	}

	/// The practitioners affiliated to `institution` (at most
	/// [`Config::MaxPractitionersPerInstitution`]).
	pub fn practitioners_of(institution: InstitutionId) -> Vec<T::AccountId> {
		Affiliations::<T>::iter_key_prefix(institution).collect()
	}

	/// Checks the pallet's storage invariants.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use polkadot_sdk::frame_support::{ensure, traits::Get};

		for scope in Authorities::<T>::iter_values() {
			ensure!(scope.jurisdiction.is_well_formed(), "authority with a malformed jurisdiction");
			ensure!(
				!scope.roles.is_empty() || !scope.institution_kinds.is_empty(),
				"authority with an empty scope"
			);
		}
		let next_institution = NextInstitutionId::<T>::get();
		for (id, institution) in Institutions::<T>::iter() {
			ensure!(id < next_institution, "institution id not yet handed out");
			let affiliated = Affiliations::<T>::iter_key_prefix(id).count();
			ensure!(
				affiliated == institution.practitioners as usize,
				"institution's practitioner count differs from its affiliations"
			);
			ensure!(
				institution.practitioners <= T::MaxPractitionersPerInstitution::get(),
				"institution over its practitioner bound"
			);
		}
		for (id, _, _) in Affiliations::<T>::iter() {
			ensure!(Institutions::<T>::contains_key(id), "affiliation to a missing institution");
		}
		let next_credential = NextCredentialId::<T>::get();
		for (id, _) in CredentialRecords::<T>::iter() {
			ensure!(id < next_credential, "credential id not yet handed out");
		}
		for (holder, role, id) in CredentialOfRole::<T>::iter() {
			let credential =
				CredentialRecords::<T>::get(id).ok_or("role index to a missing credential")?;
			ensure!(
				credential.holder == holder && credential.role == role,
				"role index to another account's or role's credential"
			);
			ensure!(
				credential.status != CredentialStatus::Revoked,
				"role index to a revoked credential"
			);
		}
		Ok(())
	}
}

impl<T: Config> CredentialsInspect<T::AccountId> for Pallet<T> {
	fn has_role(who: &T::AccountId, role: Role) -> bool {
		Self::has_role_at(who, role, T::Time::now())
	}

	fn is_affiliated(practitioner: &T::AccountId, institution: InstitutionId) -> bool {
		Affiliations::<T>::contains_key(institution, practitioner)
			&& Self::is_verified_institution(institution)
	}

	fn verified_institution_kind(institution: InstitutionId) -> Option<InstitutionKind> {
		Institutions::<T>::get(institution)
			.filter(|record| record.status.is_verified())
			.map(|record| record.kind)
	}

	fn acts_for(who: &T::AccountId, institution: InstitutionId) -> bool {
		Institutions::<T>::get(institution).is_some_and(|record| {
			record.status.is_verified()
				&& (record.admin == *who || Affiliations::<T>::contains_key(institution, who))
		})
	}

	fn is_authority(who: &T::AccountId) -> bool {
		Authorities::<T>::contains_key(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn grant_role_for_benchmarks(who: &T::AccountId, role: Role) {
		let id = NextCredentialId::<T>::get();
		NextCredentialId::<T>::put(id.saturating_add(1));
		CredentialRecords::<T>::insert(
			id,
			Credential {
				holder: who.clone(),
				role,
				jurisdiction: Jurisdiction(*b"ZZ"),
				licence_hash: [0; 32],
				valid_from: 0,
				valid_until: Moment::MAX,
				issuer: who.clone(),
				status: CredentialStatus::Active,
				deposit: Default::default(),
			},
		);
		CredentialOfRole::<T>::insert(who, role, id);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn affiliate_for_benchmarks(practitioner: &T::AccountId) -> InstitutionId {
		let id = NextInstitutionId::<T>::get();
		NextInstitutionId::<T>::put(id.saturating_add(1));
		Institutions::<T>::insert(
			id,
			Institution {
				kind: InstitutionKind::Hospital,
				jurisdiction: Jurisdiction(*b"ZZ"),
				admin: practitioner.clone(),
				details_hash: [0; 32],
				status: InstitutionStatus::Verified { by: practitioner.clone(), at: 0 },
				practitioners: 1,
				deposit: Default::default(),
			},
		);
		Affiliations::<T>::insert(
			id,
			practitioner,
			Affiliation { since: 0, depositor: practitioner.clone(), deposit: Default::default() },
		);
		id
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn institution_for_benchmarks(kind: InstitutionKind, admin: &T::AccountId) -> InstitutionId {
		let id = NextInstitutionId::<T>::get();
		NextInstitutionId::<T>::put(id.saturating_add(1));
		Institutions::<T>::insert(
			id,
			Institution {
				kind,
				jurisdiction: Jurisdiction(*b"ZZ"),
				admin: admin.clone(),
				details_hash: [0; 32],
				status: InstitutionStatus::Verified { by: admin.clone(), at: 0 },
				practitioners: 0,
				deposit: Default::default(),
			},
		);
		id
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmarks(who: &T::AccountId) {
		Authorities::<T>::insert(
			who,
			AuthorityScope {
				jurisdiction: Jurisdiction(*b"ZZ"),
				roles: RoleList::truncate_from(Role::ALL.to_vec()),
				institution_kinds: Default::default(),
			},
		);
	}
}
