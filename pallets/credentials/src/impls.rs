//! What other pallets and clients ask: live roles, affiliations, and the queries behind the
//! runtime API; and the pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::frame_support::traits::Time;

impl<T: Config> Pallet<T> {
	/// The live credential `who` holds for the first of `roles` that has one at `now`: one
	/// storage read, however many roles are asked about.
	pub fn first_live_credential_at(
		who: &T::AccountId,
		roles: &[Role],
		now: Moment,
	) -> Option<LiveCredential<T::AccountId>> {
		let held = HeldRoles::<T>::get(who);
		roles.iter().find_map(|role| {
			held.iter()
				.find(|standing| standing.gives_at(*role, now))
				.map(HeldRole::as_live)
		})
	}

	/// Whether `who` holds a live credential for `role` at `now`: one storage read.
	pub fn has_role_at(who: &T::AccountId, role: Role, now: Moment) -> bool {
		Self::first_live_credential_at(who, &[role], now).is_some()
	}

	/// The roles `who` holds a live credential for at `now`, in declaration order: one
	/// storage read.
	pub fn live_roles_at(who: &T::AccountId, now: Moment) -> Vec<Role> {
		let held = HeldRoles::<T>::get(who);
		Role::ALL
			.into_iter()
			.filter(|role| held.iter().any(|standing| standing.gives_at(*role, now)))
			.collect()
	}

	/// The roles `who` holds a live credential for now.
	pub fn live_roles(who: &T::AccountId) -> Vec<Role> {
		Self::live_roles_at(who, T::Time::now())
	}

	/// The unrevoked credentials `who` holds (live, suspended or expired), with their ids.
	pub fn credentials_of(who: &T::AccountId) -> Vec<(CredentialId, CredentialOf<T>)> {
		HeldRoles::<T>::get(who)
			.iter()
			.filter_map(|standing| {
				IssuedCredentials::<T>::get(standing.credential)
					.map(|credential| (standing.credential, credential))
			})
			.collect()
	}

	/// A credential by id, whatever its status.
	pub fn credential(id: CredentialId) -> Option<CredentialOf<T>> {
		IssuedCredentials::<T>::get(id)
	}

	/// What `who` is accredited to license and verify, if they are an authority.
	pub fn authority_scope(who: &T::AccountId) -> Option<AuthorityScope> {
		Authorities::<T>::get(who)
	}

	/// An institution by id, whatever its status.
	pub fn institution(id: InstitutionId) -> Option<InstitutionOf<T>> {
		Institutions::<T>::get(id)
	}

	/// The practitioners affiliated to `institution` (at most
	/// [`Config::MaxPractitionersPerInstitution`]).
	pub fn practitioners_of(institution: InstitutionId) -> Vec<T::AccountId> {
		Affiliations::<T>::iter_key_prefix(institution).collect()
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

		let mut institution_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut affiliation_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut credential_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
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
			deposits::add(&mut institution_deposits, &institution.admin, institution.deposit);
		}
		for (id, _, affiliation) in Affiliations::<T>::iter() {
			ensure!(Institutions::<T>::contains_key(id), "affiliation to a missing institution");
			deposits::add(&mut affiliation_deposits, &affiliation.depositor, affiliation.deposit);
		}
		let next_credential = NextCredentialId::<T>::get();
		for (id, credential) in IssuedCredentials::<T>::iter() {
			ensure!(id < next_credential, "credential id not yet handed out");
			deposits::add(&mut credential_deposits, &credential.issuer, credential.deposit);
		}
		let mut indexed = 0usize;
		for (holder, held) in HeldRoles::<T>::iter() {
			ensure!(!held.is_empty(), "empty role index stored");
			for (position, standing) in held.iter().enumerate() {
				ensure!(
					held.iter().skip(position + 1).all(|other| other.role != standing.role),
					"two credentials indexed for one role"
				);
				let credential = IssuedCredentials::<T>::get(standing.credential)
					.ok_or("role index to a missing credential")?;
				ensure!(credential.holder == holder, "role index to another account's credential");
				ensure!(
					credential.status != CredentialStatus::Revoked,
					"role index to a revoked credential"
				);
				ensure!(
					credential.standing(standing.credential) == *standing,
					"role index out of step with its credential"
				);
				indexed += 1;
			}
		}
		ensure!(
			IssuedCredentials::<T>::iter_values()
				.filter(|credential| credential.status != CredentialStatus::Revoked)
				.count() == indexed,
			"unrevoked credential missing from its holder's role index"
		);
		// Every account, not only the depositors: a hold nothing stored justifies shows too.
		ensure!(
			deposits::holds_match(
				frame_system::Account::<T>::iter_keys(),
				[
					(HoldReason::InstitutionDeposit, institution_deposits),
					(HoldReason::AffiliationDeposit, affiliation_deposits),
					(HoldReason::CredentialDeposit, credential_deposits),
				],
				|reason, who| T::Currency::balance_on_hold(&(*reason).into(), who),
			),
			"held deposits differ from the stored deposits"
		);
		Ok(())
	}
}

impl<T: Config> CredentialsInspect<T::AccountId> for Pallet<T> {
	fn live_credential(who: &T::AccountId, role: Role) -> Option<LiveCredential<T::AccountId>> {
		Self::first_live_credential_at(who, &[role], T::Time::now())
	}

	// One read of the role index for all the roles, instead of one per role.
	fn first_live_credential(
		who: &T::AccountId,
		roles: &[Role],
	) -> Option<LiveCredential<T::AccountId>> {
		Self::first_live_credential_at(who, roles, T::Time::now())
	}

	fn has_any_role(who: &T::AccountId, roles: &[Role]) -> bool {
		Self::first_live_credential(who, roles).is_some()
	}

	fn is_affiliated(practitioner: &T::AccountId, institution: InstitutionId) -> bool {
		Affiliations::<T>::contains_key(institution, practitioner)
			&& Self::is_verified_institution(institution)
	}

	fn verified_institution(institution: InstitutionId) -> Option<VerifiedInstitution> {
		Institutions::<T>::get(institution)
			.filter(|record| record.status.is_verified())
			.map(|record| VerifiedInstitution {
				kind: record.kind,
				jurisdiction: record.jurisdiction,
			})
	}

	fn institution_admin(institution: InstitutionId) -> Option<T::AccountId> {
		Institutions::<T>::get(institution).map(|record| record.admin)
	}

	fn acts_for(who: &T::AccountId, institution: InstitutionId) -> bool {
		// One read of the institution instead of two (the default asks `is_affiliated`, which
		// reads it again).
		Self::verified_institution(institution).is_some_and(|verified| {
			Affiliations::<T>::contains_key(institution, who)
				&& Self::has_any_role(who, verified.kind.acting_roles())
		})
	}

	fn oversees_role(who: &T::AccountId, role: Role, jurisdiction: Jurisdiction) -> bool {
		Authorities::<T>::get(who).is_some_and(|scope| scope.licenses(role, jurisdiction))
	}

	fn oversees_institution_kind(
		who: &T::AccountId,
		kind: InstitutionKind,
		jurisdiction: Jurisdiction,
	) -> bool {
		Authorities::<T>::get(who).is_some_and(|scope| scope.verifies(kind, jurisdiction))
	}

	fn is_authority(who: &T::AccountId) -> bool {
		Authorities::<T>::contains_key(who)
	}
}
