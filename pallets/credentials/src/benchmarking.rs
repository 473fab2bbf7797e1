//! Benchmarks of every call at its worst case.

use super::*;
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungible::Mutate, EnsureOrigin, Get},
	frame_system::RawOrigin,
	sp_runtime::Saturating,
};

const DE: Jurisdiction = Jurisdiction(*b"DE");
/// Far in the future: the year 2100, in milliseconds.
const VALID_UNTIL: Moment = 4_102_444_800_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::InstitutionDeposit::get()
		.saturating_add(T::CredentialDeposit::get())
		.saturating_add(T::AffiliationDeposit::get())
		.saturating_mul(100u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// The widest scope there is: every role and every institution kind, in Germany.
fn full_scope() -> AuthorityScope {
	AuthorityScope {
		jurisdiction: DE,
		roles: RoleList::truncate_from(Role::ALL.to_vec()),
		institution_kinds: InstitutionKindList::truncate_from(Vec::from([
			InstitutionKind::Hospital,
			InstitutionKind::Clinic,
			InstitutionKind::Laboratory,
			InstitutionKind::Pharmacy,
			InstitutionKind::Manufacturer,
			InstitutionKind::Distributor,
			InstitutionKind::TrialSponsor,
			InstitutionKind::Insurer,
		])),
	}
}

fn authority<T: Config>(index: u32) -> T::AccountId {
	let who = funded::<T>("authority", index);
	Authorities::<T>::insert(&who, full_scope());
	who
}

/// Gives `holder` a suspended credential for every role but the last (Regulator, the one the
/// benchmarks issue): their role index is as long as it gets, so every credential call reads,
/// searches and rewrites the largest index there is.
fn holding_every_other_role<T: Config>(holder: &T::AccountId) {
	Pallet::<T>::lapsed_roles_for_benchmarks(holder, &Role::ALL[..Role::ALL.len() - 1]);
}

/// A credential for the last role checked, so every "any live role?" scan goes the whole way,
/// issued to a holder of every other role ([`holding_every_other_role`]).
fn issued<T: Config>(issuer: &T::AccountId, holder: &T::AccountId) -> CredentialId {
	let id = NextCredentialId::<T>::get();
	Pallet::<T>::do_issue_credential(
		issuer.clone(),
		holder.clone(),
		Role::Regulator,
		DE,
		[1; 32],
		0,
		VALID_UNTIL,
	)
	.expect("the authority covers every role");
	id
}

/// [`issued`], to a holder who already holds every other role.
fn issued_beside_others<T: Config>(issuer: &T::AccountId, holder: &T::AccountId) -> CredentialId {
	holding_every_other_role::<T>(holder);
	issued::<T>(issuer, holder)
}

fn registered<T: Config>(admin: &T::AccountId) -> InstitutionId {
	let id = NextInstitutionId::<T>::get();
	Pallet::<T>::do_register_institution(admin.clone(), InstitutionKind::Hospital, DE, [2; 32])
		.expect("the admin is funded");
	id
}

fn verified<T: Config>(admin: &T::AccountId, by: &T::AccountId) -> InstitutionId {
	let id = registered::<T>(admin);
	Pallet::<T>::do_verify_institution(by.clone(), id).expect("the authority covers it");
	id
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn accredit_authority() -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("authority", 0, 0);
		let scope = full_scope();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), DE, scope.roles, scope.institution_kinds);
		assert!(Authorities::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn withdraw_authority() -> Result<(), BenchmarkError> {
		let origin =
			T::AuthorityOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who = authority::<T>(0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Authorities::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn register_institution() {
		let admin = funded::<T>("admin", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), InstitutionKind::Hospital, DE, [2; 32]);
		assert!(Institutions::<T>::contains_key(0));
	}

	#[benchmark]
	fn verify_institution() {
		let board = authority::<T>(0);
		let admin = funded::<T>("admin", 0);
		let id = registered::<T>(&admin);
		#[extrinsic_call]
		_(RawOrigin::Signed(board), id);
		assert!(matches!(
			Institutions::<T>::get(id).map(|i| i.status),
			Some(InstitutionStatus::Verified { .. })
		));
	}

	#[benchmark]
	fn suspend_institution() {
		let board = authority::<T>(0);
		let admin = funded::<T>("admin", 0);
		let id = verified::<T>(&admin, &board);
		#[extrinsic_call]
		_(RawOrigin::Signed(board), id);
		assert!(matches!(
			Institutions::<T>::get(id).map(|i| i.status),
			Some(InstitutionStatus::Suspended { .. })
		));
	}

	#[benchmark]
	fn update_institution_details() {
		let board = authority::<T>(0);
		let admin = funded::<T>("admin", 0);
		let id = verified::<T>(&admin, &board);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), id, [3; 32]);
		assert_eq!(Institutions::<T>::get(id).map(|i| i.details_hash), Some([3; 32]));
	}

	#[benchmark]
	fn deregister_institution() {
		let admin = funded::<T>("admin", 0);
		let id = registered::<T>(&admin);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), id);
		assert!(!Institutions::<T>::contains_key(id));
	}

	/// The practitioner holds a credential for every role, all suspended but the last: the
	/// "any live role?" scan searches the longest role index to its end.
	#[benchmark]
	fn affiliate_practitioner() {
		let board = authority::<T>(0);
		let admin = funded::<T>("admin", 0);
		let id = verified::<T>(&admin, &board);
		let practitioner = funded::<T>("practitioner", 0);
		issued_beside_others::<T>(&board, &practitioner);
		#[extrinsic_call]
		_(RawOrigin::Signed(admin), id, practitioner.clone());
		assert!(Affiliations::<T>::contains_key(id, &practitioner));
	}

	#[benchmark]
	fn end_affiliation() {
		let board = authority::<T>(0);
		let admin = funded::<T>("admin", 0);
		let id = verified::<T>(&admin, &board);
		let practitioner = funded::<T>("practitioner", 0);
		issued::<T>(&board, &practitioner);
		Pallet::<T>::do_affiliate_practitioner(admin.clone(), id, practitioner.clone())
			.expect("credentialed and verified");
		#[extrinsic_call]
		_(RawOrigin::Signed(practitioner.clone()), id, practitioner.clone());
		assert!(!Affiliations::<T>::contains_key(id, &practitioner));
	}

	/// The holder already holds every other role: the duplicate check searches, and the
	/// issue rewrites, the longest role index.
	#[benchmark]
	fn issue_credential() {
		let board = authority::<T>(0);
		let holder: T::AccountId = account("holder", 0, 0);
		holding_every_other_role::<T>(&holder);
		#[extrinsic_call]
		_(RawOrigin::Signed(board), holder.clone(), Role::Regulator, DE, [1; 32], 0, VALID_UNTIL);
		assert!(Pallet::<T>::credentials_of(&holder)
			.iter()
			.any(|(_, c)| c.role == Role::Regulator));
	}

	#[benchmark]
	fn renew_credential() {
		let board = authority::<T>(0);
		let holder: T::AccountId = account("holder", 0, 0);
		let id = issued_beside_others::<T>(&board, &holder);
		#[extrinsic_call]
		_(RawOrigin::Signed(board), id, VALID_UNTIL + 1);
		assert_eq!(IssuedCredentials::<T>::get(id).map(|c| c.valid_until), Some(VALID_UNTIL + 1));
	}

	#[benchmark]
	fn suspend_credential() {
		let board = authority::<T>(0);
		let holder: T::AccountId = account("holder", 0, 0);
		let id = issued_beside_others::<T>(&board, &holder);
		#[extrinsic_call]
		_(RawOrigin::Signed(board), id);
		assert_eq!(
			IssuedCredentials::<T>::get(id).map(|c| c.status),
			Some(CredentialStatus::Suspended)
		);
	}

	#[benchmark]
	fn reinstate_credential() {
		let board = authority::<T>(0);
		let holder: T::AccountId = account("holder", 0, 0);
		let id = issued_beside_others::<T>(&board, &holder);
		Pallet::<T>::do_suspend_credential(board.clone(), id).expect("active");
		#[extrinsic_call]
		_(RawOrigin::Signed(board), id);
		assert_eq!(
			IssuedCredentials::<T>::get(id).map(|c| c.status),
			Some(CredentialStatus::Active)
		);
	}

	#[benchmark]
	fn revoke_credential() {
		let board = authority::<T>(0);
		let holder: T::AccountId = account("holder", 0, 0);
		let id = issued_beside_others::<T>(&board, &holder);
		#[extrinsic_call]
		_(RawOrigin::Signed(board), id);
		assert!(!HeldRoles::<T>::get(&holder).iter().any(|held| held.credential == id));
	}

	/// Worst case: an expired (so still indexed) credential purged by another authority than
	/// its issuer.
	#[benchmark]
	fn purge_credential() {
		let issuer = authority::<T>(0);
		let other = authority::<T>(1);
		let holder: T::AccountId = account("holder", 0, 0);
		let id = issued_beside_others::<T>(&issuer, &holder);
		IssuedCredentials::<T>::mutate(id, |credential| {
			if let Some(credential) = credential {
				// Expired at the clock's start, whatever the benchmark's clock reads.
				credential.valid_until = 0;
			}
		});
		#[extrinsic_call]
		_(RawOrigin::Signed(other), id);
		assert!(!IssuedCredentials::<T>::contains_key(id));
		assert!(!HeldRoles::<T>::get(&holder).iter().any(|held| held.credential == id));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
