//! Fixtures for benchmarks, this pallet's and other pallets' (through their runtime's benchmark
//! helpers): credentials, institutions and authorities in [`BENCHMARK_JURISDICTION`], written
//! straight to storage. Nothing is held.

use crate::*;
use healthchain_primitives::credentials::BENCHMARK_JURISDICTION;

impl<T: Config> Pallet<T> {
	/// Gives `who` a live credential for `role` in [`BENCHMARK_JURISDICTION`], revoking the one
	/// they held for it.
	pub fn grant_role_for_benchmarks(who: &T::AccountId, role: Role) {
		let id = NextCredentialId::<T>::get();
		NextCredentialId::<T>::put(id.saturating_add(1));
		let credential = Credential {
			holder: who.clone(),
			role,
			jurisdiction: BENCHMARK_JURISDICTION,
			licence_hash: [0; 32],
			valid_from: 0,
			valid_until: Moment::MAX,
			issuer: who.clone(),
			status: CredentialStatus::Active,
			deposit: Default::default(),
		};
		// A credential already held for the role is revoked first: one per role.
		let held = HeldRoles::<T>::get(who);
		if let Some(old) = held.iter().find(|standing| standing.role == role) {
			IssuedCredentials::<T>::mutate(old.credential, |old| {
				if let Some(old) = old {
					old.status = CredentialStatus::Revoked;
				}
			});
			let _ = Self::index_role(who, old.credential, None);
		}
		if Self::index_role(who, id, Some(&credential)).is_ok() {
			IssuedCredentials::<T>::insert(id, credential);
		}
	}

	/// Gives `who` a suspended credential for each of `roles`, so that a check of those roles
	/// reads every credential and finds none live: the worst case of a role check.
	pub fn lapsed_roles_for_benchmarks(who: &T::AccountId, roles: &[Role]) {
		for role in roles {
			Self::grant_role_for_benchmarks(who, *role);
			let held = HeldRoles::<T>::get(who);
			if let Some(standing) = held.iter().find(|standing| standing.role == *role) {
				let id = standing.credential;
				if let Some(mut credential) = IssuedCredentials::<T>::get(id) {
					credential.status = CredentialStatus::Suspended;
					let _ = Self::index_role(who, id, Some(&credential));
					IssuedCredentials::<T>::insert(id, credential);
				}
			}
		}
	}

	/// Makes a verified hospital in [`BENCHMARK_JURISDICTION`] with `practitioner` affiliated.
	/// Gives no credential.
	pub fn affiliate_for_benchmarks(practitioner: &T::AccountId) -> InstitutionId {
		Self::verified_institution_for_benchmarks(InstitutionKind::Hospital, practitioner)
	}

	/// Registers a verified institution of `kind` in [`BENCHMARK_JURISDICTION`] with `member`
	/// as its admin, affiliated, and holding a live credential for the last of the kind's
	/// acting roles (the one `CredentialsInspect::acts_for` finds last).
	pub fn institution_for_benchmarks(
		kind: InstitutionKind,
		member: &T::AccountId,
	) -> InstitutionId {
		let id = Self::verified_institution_for_benchmarks(kind, member);
		if let Some(role) = kind.acting_roles().last() {
			Self::grant_role_for_benchmarks(member, *role);
		}
		id
	}

	/// Registers a verified institution of `kind` in [`BENCHMARK_JURISDICTION`] with `member`
	/// as its admin (who verified it) and its one affiliated practitioner. Gives no credential.
	fn verified_institution_for_benchmarks(
		kind: InstitutionKind,
		member: &T::AccountId,
	) -> InstitutionId {
		let id = NextInstitutionId::<T>::get();
		NextInstitutionId::<T>::put(id.saturating_add(1));
		Institutions::<T>::insert(
			id,
			Institution {
				kind,
				jurisdiction: BENCHMARK_JURISDICTION,
				admin: member.clone(),
				details_hash: [0; 32],
				status: InstitutionStatus::Verified { by: member.clone(), at: 0 },
				practitioners: 1,
				deposit: Default::default(),
			},
		);
		Affiliations::<T>::insert(
			id,
			member,
			Affiliation { since: 0, depositor: member.clone(), deposit: Default::default() },
		);
		id
	}

	/// Makes `who` an accredited authority licensing every role and verifying every kind in
	/// [`BENCHMARK_JURISDICTION`].
	pub fn accredit_for_benchmarks(who: &T::AccountId) {
		Authorities::<T>::insert(
			who,
			AuthorityScope {
				jurisdiction: BENCHMARK_JURISDICTION,
				roles: RoleList::truncate_from(Role::ALL.to_vec()),
				institution_kinds: InstitutionKindList::truncate_from(
					InstitutionKind::ALL.to_vec(),
				),
			},
		);
	}
}
