//! Test doubles shared by the pallets' mock runtimes.
//!
//! Pallets ask each other questions through the traits in `healthchain-primitives`; their unit
//! tests answer those questions with stubs the tests set up directly instead of running the
//! pallet that answers on chain. A stub more than one pallet needs lives here, so that it gives
//! the same answers in every pallet's tests, and the answers the real pallet gives.
//!
//! A dev-dependency only: it keeps its state in thread-locals (`std`) and never reaches the
//! runtime.

#![warn(missing_docs)]

use healthchain_primitives::credentials::{
	CredentialsInspect, InstitutionId, InstitutionKind, Role,
};
use std::{
	cell::{Cell, RefCell},
	collections::{BTreeMap, BTreeSet},
};

/// The first institution id the benchmark helpers hand out. Tests set up their own institutions
/// with small ids, so those never collide with the ones benchmarks make.
pub const FIRST_BENCHMARK_INSTITUTION: InstitutionId = 1_000;

/// An institution as [`MockCredentials`] knows it.
#[derive(Clone, Copy)]
struct Institution {
	/// Its kind, as registered.
	kind: InstitutionKind,
	/// Whether an authority has verified it (and not suspended it since).
	verified: bool,
}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	static INSTITUTIONS: RefCell<BTreeMap<InstitutionId, Institution>> =
		const { RefCell::new(BTreeMap::new()) };
	static ADMINS: RefCell<BTreeMap<InstitutionId, u64>> = const { RefCell::new(BTreeMap::new()) };
	static AFFILIATIONS: RefCell<BTreeSet<(u64, InstitutionId)>> =
		const { RefCell::new(BTreeSet::new()) };
	static AUTHORITIES: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
	static NEXT_INSTITUTION: Cell<InstitutionId> = const { Cell::new(FIRST_BENCHMARK_INSTITUTION) };
}

/// The credentials pallet as tests set it up: who holds which live role, which institutions are
/// registered, of which kind, and verified, who administers them, who is affiliated where, and
/// who is an accredited authority. It answers [`CredentialsInspect`] as `pallet-credentials`
/// does:
///
/// - an institution is verified from [`verify`](Self::verify) until
///   [`suspend`](Self::suspend);
/// - a practitioner is affiliated to an institution only while it is verified;
/// - an account acts for an institution while it is verified and the account is its admin or
///   affiliated to it; an admin is not, as such, affiliated.
///
/// The state is per thread, so tests running in parallel do not see each other's; each mock's
/// externalities builder calls [`reset`](Self::reset) so that a test starts from nothing.
pub struct MockCredentials;

impl MockCredentials {
	/// Gives `who` a live credential for `role`.
	pub fn license(who: u64, role: Role) {
		ROLES.with(|roles| roles.borrow_mut().insert((who, role)));
	}

	/// Takes `who`'s credential for `role` away, as expiry, suspension or revocation would.
	pub fn lapse(who: u64, role: Role) {
		ROLES.with(|roles| roles.borrow_mut().remove(&(who, role)));
	}

	/// Registers `institution` as an institution of `kind` if it is not yet, and verifies it. A
	/// suspended institution verified again keeps its admin and affiliations.
	pub fn verify(institution: InstitutionId, kind: InstitutionKind) {
		INSTITUTIONS.with(|institutions| {
			institutions
				.borrow_mut()
				.insert(institution, Institution { kind, verified: true })
		});
	}

	/// Suspends `institution`: it stays registered, with its admin and affiliations, but is not
	/// verified, so its affiliations and admin give no standing until it is verified again.
	pub fn suspend(institution: InstitutionId) {
		INSTITUTIONS.with(|institutions| {
			if let Some(record) = institutions.borrow_mut().get_mut(&institution) {
				record.verified = false;
			}
		});
	}

	/// Makes `admin` the admin of `institution` in place of any other, as the account that
	/// registers an institution is: it acts for the institution while verified, without being
	/// affiliated to it.
	pub fn make_admin(admin: u64, institution: InstitutionId) {
		ADMINS.with(|admins| admins.borrow_mut().insert(institution, admin));
	}

	/// Affiliates `practitioner` to `institution`. Unlike the real pallet, the institution need
	/// not be verified (nor registered), so tests can check that such an affiliation gives no
	/// standing.
	pub fn affiliate(practitioner: u64, institution: InstitutionId) {
		AFFILIATIONS
			.with(|affiliations| affiliations.borrow_mut().insert((practitioner, institution)));
	}

	/// Makes `who` an accredited authority.
	pub fn accredit(who: u64) {
		AUTHORITIES.with(|authorities| authorities.borrow_mut().insert(who));
	}

	/// Forgets everything set up so far on this thread. Every mock's externalities builder calls
	/// it, as a test thread may run several tests one after the other.
	pub fn reset() {
		ROLES.with(|roles| roles.borrow_mut().clear());
		INSTITUTIONS.with(|institutions| institutions.borrow_mut().clear());
		ADMINS.with(|admins| admins.borrow_mut().clear());
		AFFILIATIONS.with(|affiliations| affiliations.borrow_mut().clear());
		AUTHORITIES.with(|authorities| authorities.borrow_mut().clear());
		NEXT_INSTITUTION.with(|next| next.set(FIRST_BENCHMARK_INSTITUTION));
	}

	/// A verified institution of `kind` with `admin` as its admin, under an id not yet
	/// registered, as the benchmark helpers make: from [`FIRST_BENCHMARK_INSTITUTION`] up, as
	/// the real pallet hands out ids from a counter.
	pub fn new_institution(kind: InstitutionKind, admin: u64) -> InstitutionId {
		let id = NEXT_INSTITUTION.with(|next| {
			let mut id = next.get();
			while INSTITUTIONS.with(|institutions| institutions.borrow().contains_key(&id)) {
				id += 1;
			}
			next.set(id + 1);
			id
		});
		Self::verify(id, kind);
		Self::make_admin(admin, id);
		id
	}
}

impl CredentialsInspect<u64> for MockCredentials {
	fn has_role(who: &u64, role: Role) -> bool {
		ROLES.with(|roles| roles.borrow().contains(&(*who, role)))
	}

	fn is_affiliated(practitioner: &u64, institution: InstitutionId) -> bool {
		Self::is_verified_institution(institution)
			&& AFFILIATIONS
				.with(|affiliations| affiliations.borrow().contains(&(*practitioner, institution)))
	}

	fn verified_institution_kind(institution: InstitutionId) -> Option<InstitutionKind> {
		INSTITUTIONS.with(|institutions| {
			institutions
				.borrow()
				.get(&institution)
				.filter(|record| record.verified)
				.map(|record| record.kind)
		})
	}

	fn acts_for(who: &u64, institution: InstitutionId) -> bool {
		Self::is_affiliated(who, institution)
			|| (Self::is_verified_institution(institution)
				&& ADMINS.with(|admins| admins.borrow().get(&institution) == Some(who)))
	}

	fn is_authority(who: &u64) -> bool {
		AUTHORITIES.with(|authorities| authorities.borrow().contains(who))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn grant_role_for_benchmarks(who: &u64, role: Role) {
		Self::license(*who, role);
	}

	/// As the real pallet: a new verified hospital with `practitioner` as its admin and
	/// affiliated to it.
	#[cfg(feature = "runtime-benchmarks")]
	fn affiliate_for_benchmarks(practitioner: &u64) -> InstitutionId {
		let id = Self::new_institution(InstitutionKind::Hospital, *practitioner);
		Self::affiliate(*practitioner, id);
		id
	}

	/// As the real pallet: a new verified institution of `kind` with `admin` as its admin, and
	/// nobody affiliated.
	#[cfg(feature = "runtime-benchmarks")]
	fn institution_for_benchmarks(kind: InstitutionKind, admin: &u64) -> InstitutionId {
		Self::new_institution(kind, *admin)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmarks(who: &u64) {
		Self::accredit(*who);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const DOCTOR: u64 = 20;
	const ADMIN: u64 = 21;
	const HOSPITAL: InstitutionId = 7;

	/// Runs `test` from a clean slate, as every mock's externalities builder does.
	fn fresh(test: impl FnOnce()) {
		MockCredentials::reset();
		test();
	}

	#[test]
	fn roles_are_live_until_they_lapse() {
		fresh(|| {
			assert!(!MockCredentials::has_role(&DOCTOR, Role::Physician));
			MockCredentials::license(DOCTOR, Role::Physician);
			assert!(MockCredentials::has_role(&DOCTOR, Role::Physician));
			assert!(!MockCredentials::has_role(&DOCTOR, Role::Nurse));
			assert!(MockCredentials::has_any_role(&DOCTOR, &[Role::Nurse, Role::Physician]));
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert!(!MockCredentials::has_role(&DOCTOR, Role::Physician));
		});
	}

	#[test]
	fn affiliations_count_only_at_verified_institutions() {
		fresh(|| {
			MockCredentials::affiliate(DOCTOR, HOSPITAL);
			assert!(!MockCredentials::is_affiliated(&DOCTOR, HOSPITAL));
			assert!(!MockCredentials::acts_for(&DOCTOR, HOSPITAL));
			MockCredentials::verify(HOSPITAL, InstitutionKind::Clinic);
			assert_eq!(
				MockCredentials::verified_institution_kind(HOSPITAL),
				Some(InstitutionKind::Clinic)
			);
			assert!(MockCredentials::is_affiliated(&DOCTOR, HOSPITAL));
			assert!(MockCredentials::acts_for(&DOCTOR, HOSPITAL));
			MockCredentials::suspend(HOSPITAL);
			assert!(!MockCredentials::is_verified_institution(HOSPITAL));
			assert!(!MockCredentials::is_affiliated(&DOCTOR, HOSPITAL));
			assert!(!MockCredentials::acts_for(&DOCTOR, HOSPITAL));
			// Verified again, the affiliation counts again.
			MockCredentials::verify(HOSPITAL, InstitutionKind::Hospital);
			assert!(MockCredentials::is_affiliated(&DOCTOR, HOSPITAL));
		});
	}

	#[test]
	fn an_admin_acts_for_its_institution_without_being_affiliated() {
		fresh(|| {
			MockCredentials::make_admin(ADMIN, HOSPITAL);
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
			MockCredentials::verify(HOSPITAL, InstitutionKind::Hospital);
			assert!(MockCredentials::acts_for(&ADMIN, HOSPITAL));
			assert!(!MockCredentials::is_affiliated(&ADMIN, HOSPITAL));
			MockCredentials::make_admin(DOCTOR, HOSPITAL);
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
			MockCredentials::suspend(HOSPITAL);
			assert!(!MockCredentials::acts_for(&DOCTOR, HOSPITAL));
		});
	}

	#[test]
	fn suspending_an_unknown_institution_registers_nothing() {
		fresh(|| {
			MockCredentials::suspend(HOSPITAL);
			MockCredentials::make_admin(ADMIN, HOSPITAL);
			assert!(!MockCredentials::is_verified_institution(HOSPITAL));
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
		});
	}

	#[test]
	fn new_institutions_get_fresh_ids_from_a_thousand() {
		fresh(|| {
			MockCredentials::verify(FIRST_BENCHMARK_INSTITUTION + 1, InstitutionKind::Clinic);
			let first = MockCredentials::new_institution(InstitutionKind::Pharmacy, ADMIN);
			let second = MockCredentials::new_institution(InstitutionKind::Laboratory, DOCTOR);
			assert_eq!(first, FIRST_BENCHMARK_INSTITUTION);
			// The id a test registered is skipped.
			assert_eq!(second, FIRST_BENCHMARK_INSTITUTION + 2);
			assert_eq!(
				MockCredentials::verified_institution_kind(first),
				Some(InstitutionKind::Pharmacy)
			);
			assert!(MockCredentials::acts_for(&ADMIN, first));
			assert!(!MockCredentials::acts_for(&ADMIN, second));
			MockCredentials::reset();
			assert_eq!(
				MockCredentials::new_institution(InstitutionKind::Pharmacy, ADMIN),
				FIRST_BENCHMARK_INSTITUTION
			);
		});
	}

	#[test]
	fn authorities_are_those_accredited() {
		fresh(|| {
			assert!(!MockCredentials::is_authority(&ADMIN));
			MockCredentials::accredit(ADMIN);
			assert!(MockCredentials::is_authority(&ADMIN));
			MockCredentials::reset();
			assert!(!MockCredentials::is_authority(&ADMIN));
		});
	}

	#[cfg(feature = "runtime-benchmarks")]
	#[test]
	fn benchmark_helpers_set_up_what_the_real_pallet_does() {
		fresh(|| {
			MockCredentials::grant_role_for_benchmarks(&DOCTOR, Role::Physician);
			assert!(MockCredentials::has_role(&DOCTOR, Role::Physician));

			let hospital = MockCredentials::affiliate_for_benchmarks(&DOCTOR);
			assert_eq!(
				MockCredentials::verified_institution_kind(hospital),
				Some(InstitutionKind::Hospital)
			);
			assert!(MockCredentials::is_affiliated(&DOCTOR, hospital));
			assert!(MockCredentials::acts_for(&DOCTOR, hospital));

			let lab =
				MockCredentials::institution_for_benchmarks(InstitutionKind::Laboratory, &ADMIN);
			assert_ne!(lab, hospital);
			assert_eq!(
				MockCredentials::verified_institution_kind(lab),
				Some(InstitutionKind::Laboratory)
			);
			assert!(MockCredentials::acts_for(&ADMIN, lab));
			assert!(!MockCredentials::is_affiliated(&ADMIN, lab));

			MockCredentials::accredit_for_benchmarks(&ADMIN);
			assert!(MockCredentials::is_authority(&ADMIN));
		});
	}
}
