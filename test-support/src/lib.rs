//! Test doubles shared by the pallets' mock runtimes.
//!
//! Pallets ask each other questions through the traits in `healthchain-primitives`; their unit
//! tests answer those questions with stubs the tests set up directly instead of running the
//! pallet that answers on chain. A stub more than one pallet needs lives here, so that it gives
//! the same answers in every pallet's tests, and the answers the real pallet gives.
//!
//! - [`MockCredentials`] answers for the credentials pallet;
//! - [`MockAccess`] answers for the consent pallet's access decision and keeps its log;
//! - `MockFixtures` (with `runtime-benchmarks`) makes the benchmarks' credentials, access and
//!   guardianships in those two stubs, as every mock's `Config::BenchmarkHelper`;
//! - [`mock_base!`] configures what every mock runtime has besides its pallet (System,
//!   Balances, Timestamp) and its clock, which starts at [`START`].
//!
//! A dev-dependency only: it keeps its state in thread-locals (`std`) and never reaches the
//! runtime.

#![warn(missing_docs)]

/// The chain's clock when each test starts: 14 November 2023, in milliseconds.
pub const START: u64 = 1_700_000_000_000;

/// Configures what every mock runtime has besides its pallet, as FRAME's test defaults:
/// `frame_system` (accounts holding `u64` balances), `pallet_balances` (the deposits) and
/// `pallet_timestamp` (the clock), which the mock's `construct_runtime!` names `System`,
/// `Balances` and `Timestamp`; `set_now`, which moves the clock; and `endowed_genesis` and
/// `chain_at_start`, from which each mock builds its fresh chain. Expands in the mock, which
/// imports `derive_impl`, `frame_system`, `pallet_balances` and `pallet_timestamp` from
/// `polkadot_sdk`.
#[macro_export]
macro_rules! mock_base {
	($runtime:ident) => {
		#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
		impl frame_system::Config for $runtime {
			type Block = frame_system::mocking::MockBlock<$runtime>;
			type AccountData = pallet_balances::AccountData<u64>;
		}

		#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
		impl pallet_balances::Config for $runtime {
			type AccountStore = System;
		}

		#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
		impl pallet_timestamp::Config for $runtime {}

		/// Sets the chain's clock to `now`, in milliseconds.
		pub fn set_now(now: u64) {
			pallet_timestamp::Now::<$runtime>::put(now);
		}

		/// The genesis storage of a fresh chain: System's, and Balances' with each of
		/// `endowed` holding `endowment`.
		pub fn endowed_genesis(
			endowed: impl IntoIterator<Item = u64>,
			endowment: u64,
		) -> polkadot_sdk::sp_runtime::Storage {
			use polkadot_sdk::sp_runtime::BuildStorage;
			let mut storage =
				frame_system::GenesisConfig::<$runtime>::default().build_storage().unwrap();
			pallet_balances::GenesisConfig::<$runtime> {
				balances: endowed.into_iter().map(|account| (account, endowment)).collect(),
				..Default::default()
			}
			.assimilate_storage(&mut storage)
			.unwrap();
			storage
		}

		/// The chain `storage` describes at block 1 (so that events are kept), its clock at
		/// [`START`]($crate::START).
		pub fn chain_at_start(
			storage: polkadot_sdk::sp_runtime::Storage,
		) -> polkadot_sdk::sp_io::TestExternalities {
			let mut ext = polkadot_sdk::sp_io::TestExternalities::new(storage);
			ext.execute_with(|| {
				frame_system::Pallet::<$runtime>::set_block_number(1);
				pallet_timestamp::Pallet::<$runtime>::set_timestamp($crate::START);
			});
			ext
		}
	};
}

#[cfg(feature = "runtime-benchmarks")]
use healthchain_primitives::{consent::ConsentFixtures, credentials::CredentialFixtures};
use healthchain_primitives::{
	consent::{
		AccessBasis, AccessDenied, AccessLogged, AccessLogging, AccessOutcome, AccessPolicy,
		AccessRequest, ConsentInspect, Grantee, Purpose,
	},
	credentials::{
		CredentialsInspect, InstitutionId, InstitutionKind, Jurisdiction, LiveCredential, Role,
		VerifiedInstitution,
	},
	records::RecordId,
	DispatchError,
};
use std::{
	cell::{Cell, RefCell},
	collections::{BTreeMap, BTreeSet},
};

/// The first institution id the benchmark helpers hand out. Tests set up their own institutions
/// with small ids, so those never collide with the ones benchmarks make.
pub const FIRST_BENCHMARK_INSTITUTION: InstitutionId = 1_000;

/// Where [`MockCredentials`] licenses, registers and accredits unless told otherwise (and where
/// the benchmark helpers put everything).
pub const HOME: Jurisdiction = Jurisdiction(*b"ZZ");

/// The authority that issues the credentials [`MockCredentials::license`] gives.
pub const HOME_ISSUER: u64 = 900;

/// Where an authority acts, the roles it licenses and the kinds of institution it verifies.
type AuthorityScope = (Jurisdiction, Vec<Role>, Vec<InstitutionKind>);

thread_local! {
	static CREDENTIALS: RefCell<BTreeMap<(u64, Role), LiveCredential<u64>>> =
		const { RefCell::new(BTreeMap::new()) };
	static INSTITUTIONS: RefCell<BTreeMap<InstitutionId, (VerifiedInstitution, bool)>> =
		const { RefCell::new(BTreeMap::new()) };
	static AFFILIATIONS: RefCell<BTreeSet<(u64, InstitutionId)>> =
		const { RefCell::new(BTreeSet::new()) };
	static ADMINS: RefCell<BTreeMap<InstitutionId, u64>> = const { RefCell::new(BTreeMap::new()) };
	static AUTHORITIES: RefCell<BTreeMap<u64, AuthorityScope>> =
		const { RefCell::new(BTreeMap::new()) };
	static NEXT_INSTITUTION: Cell<InstitutionId> = const { Cell::new(FIRST_BENCHMARK_INSTITUTION) };
}

/// The credentials pallet as tests set it up: who holds which live credential (role,
/// jurisdiction, issuer), which institutions are registered, of which kind and jurisdiction,
/// and verified, who is affiliated where, and which authority licenses which roles where. It
/// answers [`CredentialsInspect`] as `pallet-credentials` does:
///
/// - an institution is verified from [`verify`](Self::verify) until
///   [`suspend`](Self::suspend);
/// - a practitioner is affiliated to an institution only while it is verified;
/// - an account acts for an institution while it is verified, the account is affiliated to it
///   and holds a live credential of a role that fits its kind (the trait's default);
/// - an authority oversees a role, or institutions of a kind, in a jurisdiction if it was
///   accredited for both.
///
/// The state is per thread, so tests running in parallel do not see each other's; each mock's
/// externalities builder calls [`reset`](Self::reset) so that a test starts from nothing.
pub struct MockCredentials;

impl MockCredentials {
	/// Gives `who` a live credential for `role` in [`HOME`], issued by [`HOME_ISSUER`].
	pub fn license(who: u64, role: Role) {
		Self::license_in(who, role, HOME, HOME_ISSUER);
	}

	/// Gives `who` a live credential for `role` in `jurisdiction`, issued by `issuer`.
	pub fn license_in(who: u64, role: Role, jurisdiction: Jurisdiction, issuer: u64) {
		CREDENTIALS.with(|credentials| {
			credentials
				.borrow_mut()
				.insert((who, role), LiveCredential { role, jurisdiction, issuer })
		});
	}

	/// Takes `who`'s credential for `role` away, as expiry, suspension or revocation would.
	pub fn lapse(who: u64, role: Role) {
		CREDENTIALS.with(|credentials| credentials.borrow_mut().remove(&(who, role)));
	}

	/// Registers `institution` as an institution of `kind` in [`HOME`] if it is not yet, and
	/// verifies it. A suspended institution verified again keeps its affiliations.
	pub fn verify(institution: InstitutionId, kind: InstitutionKind) {
		Self::verify_in(institution, kind, HOME);
	}

	/// As [`verify`](Self::verify), in `jurisdiction`.
	pub fn verify_in(
		institution: InstitutionId,
		kind: InstitutionKind,
		jurisdiction: Jurisdiction,
	) {
		INSTITUTIONS.with(|institutions| {
			institutions
				.borrow_mut()
				.insert(institution, (VerifiedInstitution { kind, jurisdiction }, true))
		});
	}

	/// Suspends `institution`: it stays registered, with its affiliations, but is not verified,
	/// so its affiliations give no standing until it is verified again.
	pub fn suspend(institution: InstitutionId) {
		INSTITUTIONS.with(|institutions| {
			if let Some(record) = institutions.borrow_mut().get_mut(&institution) {
				record.1 = false;
			}
		});
	}

	/// Affiliates `practitioner` to `institution`. Unlike the real pallet, the institution need
	/// not be verified (nor registered), nor the practitioner credentialed, so tests can check
	/// that such an affiliation gives no standing.
	pub fn affiliate(practitioner: u64, institution: InstitutionId) {
		AFFILIATIONS
			.with(|affiliations| affiliations.borrow_mut().insert((practitioner, institution)));
	}

	/// Makes `admin` the account that administers `institution`: it is paid what is due to the
	/// institution, and acts for it only if also affiliated and credentialed.
	pub fn make_admin(admin: u64, institution: InstitutionId) {
		ADMINS.with(|admins| admins.borrow_mut().insert(institution, admin));
	}

	/// Ends `practitioner`'s affiliation to `institution`.
	pub fn disaffiliate(practitioner: u64, institution: InstitutionId) {
		AFFILIATIONS
			.with(|affiliations| affiliations.borrow_mut().remove(&(practitioner, institution)));
	}

	/// Makes `who` an accredited authority licensing every role and verifying every kind of
	/// institution in [`HOME`].
	pub fn accredit(who: u64) {
		Self::accredit_for(who, HOME, &Role::ALL, &InstitutionKind::ALL);
	}

	/// Makes `who` an accredited authority licensing `roles` in `jurisdiction`, and verifying no
	/// institution.
	pub fn accredit_in(who: u64, jurisdiction: Jurisdiction, roles: &[Role]) {
		Self::accredit_for(who, jurisdiction, roles, &[]);
	}

	/// Makes `who` an accredited authority licensing `roles` and verifying institutions of
	/// `kinds` in `jurisdiction`.
	pub fn accredit_for(
		who: u64,
		jurisdiction: Jurisdiction,
		roles: &[Role],
		kinds: &[InstitutionKind],
	) {
		AUTHORITIES.with(|authorities| {
			authorities
				.borrow_mut()
				.insert(who, (jurisdiction, roles.to_vec(), kinds.to_vec()))
		});
	}

	/// Forgets everything set up so far on this thread. Every mock's externalities builder calls
	/// it, as a test thread may run several tests one after the other.
	pub fn reset() {
		CREDENTIALS.with(|credentials| credentials.borrow_mut().clear());
		INSTITUTIONS.with(|institutions| institutions.borrow_mut().clear());
		AFFILIATIONS.with(|affiliations| affiliations.borrow_mut().clear());
		ADMINS.with(|admins| admins.borrow_mut().clear());
		AUTHORITIES.with(|authorities| authorities.borrow_mut().clear());
		NEXT_INSTITUTION.with(|next| next.set(FIRST_BENCHMARK_INSTITUTION));
	}

	/// A verified institution of `kind` in [`HOME`], under an id not yet registered, as the
	/// benchmark helpers make: from [`FIRST_BENCHMARK_INSTITUTION`] up, as the real pallet
	/// hands out ids from a counter.
	pub fn new_institution(kind: InstitutionKind) -> InstitutionId {
		let id = NEXT_INSTITUTION.with(|next| {
			let mut id = next.get();
			while INSTITUTIONS.with(|institutions| institutions.borrow().contains_key(&id)) {
				id += 1;
			}
			next.set(id + 1);
			id
		});
		Self::verify(id, kind);
		id
	}

	/// Makes `member` act for `institution` as the institution's staff: affiliated, with a live
	/// credential for the last of the kind's acting roles.
	pub fn staff(member: u64, institution: InstitutionId, kind: InstitutionKind) {
		Self::affiliate(member, institution);
		if let Some(role) = kind.acting_roles().last() {
			if !Self::has_role(&member, *role) {
				Self::license(member, *role);
			}
		}
	}
}

impl CredentialsInspect<u64> for MockCredentials {
	fn live_credential(who: &u64, role: Role) -> Option<LiveCredential<u64>> {
		CREDENTIALS.with(|credentials| credentials.borrow().get(&(*who, role)).cloned())
	}

	fn is_affiliated(practitioner: &u64, institution: InstitutionId) -> bool {
		Self::is_verified_institution(institution)
			&& AFFILIATIONS
				.with(|affiliations| affiliations.borrow().contains(&(*practitioner, institution)))
	}

	fn verified_institution(institution: InstitutionId) -> Option<VerifiedInstitution> {
		INSTITUTIONS.with(|institutions| {
			institutions
				.borrow()
				.get(&institution)
				.filter(|(_, verified)| *verified)
				.map(|(record, _)| *record)
		})
	}

	fn institution_admin(institution: InstitutionId) -> Option<u64> {
		ADMINS.with(|admins| admins.borrow().get(&institution).copied())
	}

	fn oversees_role(who: &u64, role: Role, jurisdiction: Jurisdiction) -> bool {
		AUTHORITIES.with(|authorities| {
			authorities
				.borrow()
				.get(who)
				.is_some_and(|(scope, roles, _)| *scope == jurisdiction && roles.contains(&role))
		})
	}

	fn oversees_institution_kind(
		who: &u64,
		kind: InstitutionKind,
		jurisdiction: Jurisdiction,
	) -> bool {
		AUTHORITIES.with(|authorities| {
			authorities
				.borrow()
				.get(who)
				.is_some_and(|(scope, _, kinds)| *scope == jurisdiction && kinds.contains(&kind))
		})
	}

	fn is_authority(who: &u64) -> bool {
		AUTHORITIES.with(|authorities| authorities.borrow().contains_key(who))
	}
}

/// The access decision's answer, as [`MockAccess`] gives it.
pub type Answer = Result<AccessBasis, AccessDenied>;

thread_local! {
	/// The answers, by actor, patient and purpose; absent ones are [`AccessDenied::NoGrant`].
	static ANSWERS: RefCell<BTreeMap<(u64, u64, Purpose), Answer>> =
		const { RefCell::new(BTreeMap::new()) };
	/// Every request asked about, in order.
	static CHECKED: RefCell<Vec<AccessRequest<u64>>> = const { RefCell::new(Vec::new()) };
	/// Every access reported to the log, in order.
	static LOGGED: RefCell<Vec<(AccessRequest<u64>, RecordId, AccessOutcome)>> =
		const { RefCell::new(Vec::new()) };
	/// Live grants by patient, grantee and purpose, whatever their scope.
	static GRANTS: RefCell<BTreeSet<(u64, Grantee<u64>, Purpose)>> =
		const { RefCell::new(BTreeSet::new()) };
	/// Live guardianships, as (patient, guardian).
	static GUARDIANS: RefCell<BTreeSet<(u64, u64)>> = const { RefCell::new(BTreeSet::new()) };
}

/// A stand-in for the consent pallet. [`AccessPolicy::check`] answers what a test set with
/// [`answer`](Self::answer) for the request's actor, patient and purpose (whatever the action,
/// record or category), [`AccessDenied::NoGrant`] otherwise, and remembers the request;
/// [`AccessLogging::log_access`] remembers every access it is told of, the patient's own
/// included (the consent pallet drops those). [`ConsentInspect::has_live_grant`] finds the grants
/// made with [`grant`](Self::grant) (to institutions and studies too) and the answers set for a
/// practitioner; [`ConsentInspect::is_guardian`] the guardians made with
/// [`guardian`](Self::guardian) and those answered [`AccessBasis::Guardian`].
pub struct MockAccess;

impl MockAccess {
	/// Makes the stub answer `result` when `actor` asks about `patient`'s data for `purpose`.
	pub fn answer(actor: u64, patient: u64, purpose: Purpose, result: Answer) {
		ANSWERS.with(|answers| answers.borrow_mut().insert((actor, patient, purpose), result));
	}

	/// The requests asked about so far.
	pub fn checked() -> Vec<AccessRequest<u64>> {
		CHECKED.with(|checked| checked.borrow().clone())
	}

	/// The accesses reported to the log so far.
	pub fn logged() -> Vec<(AccessRequest<u64>, RecordId, AccessOutcome)> {
		LOGGED.with(|logged| logged.borrow().clone())
	}

	/// `patient` grants `grantee` a live consent for `purpose`.
	pub fn grant(patient: u64, grantee: Grantee<u64>, purpose: Purpose) {
		GRANTS.with(|grants| grants.borrow_mut().insert((patient, grantee, purpose)));
	}

	/// The grant ends (revoked or expired); nothing else is told.
	pub fn end_grant(patient: u64, grantee: Grantee<u64>, purpose: Purpose) {
		GRANTS.with(|grants| grants.borrow_mut().remove(&(patient, grantee, purpose)));
	}

	/// `guardian` becomes a live guardian of `patient`.
	pub fn guardian(patient: u64, guardian: u64) {
		GUARDIANS.with(|guardians| guardians.borrow_mut().insert((patient, guardian)));
	}

	/// Forgets every answer, request, logged access, grant and guardianship on this thread.
	pub fn reset() {
		ANSWERS.with(|answers| answers.borrow_mut().clear());
		CHECKED.with(|checked| checked.borrow_mut().clear());
		LOGGED.with(|logged| logged.borrow_mut().clear());
		GRANTS.with(|grants| grants.borrow_mut().clear());
		GUARDIANS.with(|guardians| guardians.borrow_mut().clear());
	}
}

impl AccessPolicy<u64> for MockAccess {
	fn check(request: &AccessRequest<u64>) -> Answer {
		CHECKED.with(|checked| checked.borrow_mut().push(request.clone()));
		let key = (request.actor, request.target.patient, request.purpose);
		ANSWERS
			.with(|answers| answers.borrow().get(&key).copied())
			.unwrap_or(Err(AccessDenied::NoGrant))
	}
}

impl AccessLogging<u64> for MockAccess {
	/// An accessor's first access to a patient's records opens a ring, later ones use it.
	fn log_access(
		request: &AccessRequest<u64>,
		record: RecordId,
		outcome: AccessOutcome,
	) -> Result<AccessLogged, DispatchError> {
		LOGGED.with(|logged| {
			let mut logged = logged.borrow_mut();
			let seen = logged.iter().any(|(earlier, _, _)| {
				earlier.actor == request.actor && earlier.target.patient == request.target.patient
			});
			logged.push((request.clone(), record, outcome));
			Ok(if request.actor == request.target.patient {
				AccessLogged::NotNeeded
			} else if seen {
				AccessLogged::InRing
			} else {
				AccessLogged::InNewRing
			})
		})
	}
}

impl ConsentInspect<u64> for MockAccess {
	fn has_live_grant(patient: &u64, grantee: &Grantee<u64>, purpose: Purpose) -> bool {
		if GRANTS.with(|grants| grants.borrow().contains(&(*patient, grantee.clone(), purpose))) {
			return true;
		}
		let Grantee::Practitioner(actor) = grantee else { return false };
		ANSWERS.with(|answers| {
			matches!(answers.borrow().get(&(*actor, *patient, purpose)), Some(Ok(_)))
		})
	}

	/// Whether `guardian` was made `patient`'s guardian, or the stub answers
	/// [`AccessBasis::Guardian`] for them on `patient`'s data, for some purpose.
	fn is_guardian(patient: &u64, guardian: &u64) -> bool {
		GUARDIANS.with(|guardians| guardians.borrow().contains(&(*patient, *guardian)))
			|| ANSWERS.with(|answers| {
				answers.borrow().iter().any(|((actor, of, _), answer)| {
					actor == guardian && of == patient && *answer == Ok(AccessBasis::Guardian)
				})
			})
	}
}

/// The benchmark fixtures as the stubs keep them, written once for every pallet's mock: each
/// mock's `Config::BenchmarkHelper` is this, and a pallet whose benchmarks need more than the
/// shared fixtures implements its own helper trait's extras for it in its mock. Credentials,
/// institutions and authorities go to [`MockCredentials`] (from
/// [`FIRST_BENCHMARK_INSTITUTION`], in [`HOME`]), access and guardianships to [`MockAccess`].
#[cfg(feature = "runtime-benchmarks")]
pub struct MockFixtures;

#[cfg(feature = "runtime-benchmarks")]
impl CredentialFixtures<u64> for MockFixtures {
	/// As the real pallet: a live credential for `role`.
	fn grant_role(who: &u64, role: Role) {
		MockCredentials::license(*who, role);
	}

	/// As the real pallet, where a suspended credential gives no role: takes the roles away.
	fn lapse_roles(who: &u64, roles: &[Role]) {
		for role in roles {
			MockCredentials::lapse(*who, *role);
		}
	}

	/// As the real pallet: a new verified hospital with `practitioner` affiliated to it.
	fn affiliate(practitioner: &u64) -> InstitutionId {
		let id = MockCredentials::new_institution(InstitutionKind::Hospital);
		MockCredentials::affiliate(*practitioner, id);
		id
	}

	/// As the real pallet: a new verified institution of `kind` with `member` as its admin and
	/// staff.
	fn register_institution(kind: InstitutionKind, member: &u64) -> InstitutionId {
		let id = MockCredentials::new_institution(kind);
		MockCredentials::staff(*member, id, kind);
		MockCredentials::make_admin(*member, id);
		id
	}

	/// As the real pallet: an authority licensing every role and verifying every kind in
	/// [`HOME`].
	fn accredit(who: &u64) {
		MockCredentials::accredit(*who);
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl ConsentFixtures<u64> for MockFixtures {
	/// Unlike the real pallet, which sets up the access decision's longest path: the stub
	/// allows `practitioner` to act on `patient`'s data for `purpose` under their own grant,
	/// for no institution.
	fn grant_access(patient: &u64, practitioner: &u64, purpose: Purpose) -> Option<InstitutionId> {
		MockAccess::answer(*practitioner, *patient, purpose, Ok(AccessBasis::Grant(0)));
		None
	}

	/// As the real pallet: `guardian` is a live guardian of `patient`.
	fn appoint_guardian(patient: &u64, guardian: &u64) {
		MockAccess::answer(*guardian, *patient, Purpose::CareManagement, Ok(AccessBasis::Guardian));
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const DOCTOR: u64 = 20;
	const ADMIN: u64 = 21;
	const HOSPITAL: InstitutionId = 7;
	const DE: Jurisdiction = Jurisdiction(*b"DE");

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
			assert_eq!(
				MockCredentials::live_credential(&DOCTOR, Role::Physician),
				Some(LiveCredential {
					role: Role::Physician,
					jurisdiction: HOME,
					issuer: HOME_ISSUER
				})
			);
			assert!(!MockCredentials::has_role(&DOCTOR, Role::Nurse));
			assert!(MockCredentials::has_any_role(&DOCTOR, &[Role::Nurse, Role::Physician]));
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert!(!MockCredentials::has_role(&DOCTOR, Role::Physician));
		});
	}

	#[test]
	fn affiliations_count_only_at_verified_institutions() {
		fresh(|| {
			MockCredentials::license(DOCTOR, Role::Physician);
			MockCredentials::affiliate(DOCTOR, HOSPITAL);
			assert!(!MockCredentials::is_affiliated(&DOCTOR, HOSPITAL));
			assert!(!MockCredentials::acts_for(&DOCTOR, HOSPITAL));
			MockCredentials::verify_in(HOSPITAL, InstitutionKind::Clinic, DE);
			assert_eq!(
				MockCredentials::verified_institution(HOSPITAL),
				Some(VerifiedInstitution { kind: InstitutionKind::Clinic, jurisdiction: DE })
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
			MockCredentials::disaffiliate(DOCTOR, HOSPITAL);
			assert!(!MockCredentials::acts_for(&DOCTOR, HOSPITAL));
		});
	}

	#[test]
	fn acting_for_an_institution_needs_a_live_credential_that_fits_its_kind() {
		fresh(|| {
			MockCredentials::verify(HOSPITAL, InstitutionKind::Manufacturer);
			MockCredentials::affiliate(ADMIN, HOSPITAL);
			assert!(MockCredentials::is_affiliated(&ADMIN, HOSPITAL));
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
			// A credential of a role that does not fit a manufacturer gives no standing there.
			MockCredentials::license(ADMIN, Role::Pharmacist);
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
			MockCredentials::license(ADMIN, Role::Manufacturer);
			assert!(MockCredentials::acts_for(&ADMIN, HOSPITAL));
			MockCredentials::lapse(ADMIN, Role::Manufacturer);
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
		});
	}

	#[test]
	fn admins_are_paid_but_do_not_act_by_themselves() {
		fresh(|| {
			MockCredentials::verify(HOSPITAL, InstitutionKind::Hospital);
			assert_eq!(MockCredentials::institution_admin(HOSPITAL), None);
			MockCredentials::make_admin(ADMIN, HOSPITAL);
			assert_eq!(MockCredentials::institution_admin(HOSPITAL), Some(ADMIN));
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
		});
	}

	#[test]
	fn staff_act_for_their_institution() {
		fresh(|| {
			let pharmacy = MockCredentials::new_institution(InstitutionKind::Pharmacy);
			MockCredentials::staff(ADMIN, pharmacy, InstitutionKind::Pharmacy);
			assert!(MockCredentials::acts_for(&ADMIN, pharmacy));
			assert!(MockCredentials::has_role(&ADMIN, Role::Pharmacy));
			assert!(!MockCredentials::acts_for(&DOCTOR, pharmacy));
		});
	}

	#[test]
	fn suspending_an_unknown_institution_registers_nothing() {
		fresh(|| {
			MockCredentials::suspend(HOSPITAL);
			MockCredentials::staff(ADMIN, HOSPITAL, InstitutionKind::Hospital);
			assert!(!MockCredentials::is_verified_institution(HOSPITAL));
			assert!(!MockCredentials::acts_for(&ADMIN, HOSPITAL));
		});
	}

	#[test]
	fn new_institutions_get_fresh_ids_from_a_thousand() {
		fresh(|| {
			MockCredentials::verify(FIRST_BENCHMARK_INSTITUTION + 1, InstitutionKind::Clinic);
			let first = MockCredentials::new_institution(InstitutionKind::Pharmacy);
			let second = MockCredentials::new_institution(InstitutionKind::Laboratory);
			assert_eq!(first, FIRST_BENCHMARK_INSTITUTION);
			// The id a test registered is skipped.
			assert_eq!(second, FIRST_BENCHMARK_INSTITUTION + 2);
			assert_eq!(
				MockCredentials::verified_institution_kind(first),
				Some(InstitutionKind::Pharmacy)
			);
			MockCredentials::reset();
			assert_eq!(
				MockCredentials::new_institution(InstitutionKind::Pharmacy),
				FIRST_BENCHMARK_INSTITUTION
			);
		});
	}

	#[test]
	fn authorities_oversee_their_roles_in_their_jurisdiction_only() {
		fresh(|| {
			assert!(!MockCredentials::is_authority(&ADMIN));
			MockCredentials::accredit_in(ADMIN, DE, &[Role::Physician]);
			assert!(MockCredentials::is_authority(&ADMIN));
			assert!(MockCredentials::oversees_role(&ADMIN, Role::Physician, DE));
			assert!(!MockCredentials::oversees_role(&ADMIN, Role::Nurse, DE));
			assert!(!MockCredentials::oversees_role(&ADMIN, Role::Physician, HOME));
			MockCredentials::accredit(DOCTOR);
			assert!(MockCredentials::oversees_role(&DOCTOR, Role::Regulator, HOME));
			MockCredentials::reset();
			assert!(!MockCredentials::is_authority(&ADMIN));
		});
	}

	#[cfg(feature = "runtime-benchmarks")]
	#[test]
	fn benchmark_helpers_set_up_what_the_real_pallet_does() {
		fresh(|| {
			MockFixtures::grant_role(&DOCTOR, Role::Physician);
			assert!(MockCredentials::has_role(&DOCTOR, Role::Physician));

			let hospital = MockFixtures::affiliate(&DOCTOR);
			assert_eq!(
				MockCredentials::verified_institution_kind(hospital),
				Some(InstitutionKind::Hospital)
			);
			assert!(MockCredentials::is_affiliated(&DOCTOR, hospital));
			assert!(MockCredentials::acts_for(&DOCTOR, hospital));

			let lab = MockFixtures::register_institution(InstitutionKind::Laboratory, &ADMIN);
			assert_ne!(lab, hospital);
			assert_eq!(
				MockCredentials::verified_institution_kind(lab),
				Some(InstitutionKind::Laboratory)
			);
			assert!(MockCredentials::acts_for(&ADMIN, lab));
			assert!(MockCredentials::has_role(&ADMIN, Role::Laboratory));

			MockFixtures::accredit(&ADMIN);
			assert!(MockCredentials::oversees_role(&ADMIN, Role::Nurse, HOME));
		});
	}

	#[test]
	fn grants_and_guardianships_hold_until_they_end() {
		MockAccess::reset();
		let study = Grantee::Study(3);
		let insurer = Grantee::Institution(HOSPITAL);
		assert!(!MockAccess::has_live_grant(&DOCTOR, &study, Purpose::Research));
		MockAccess::grant(DOCTOR, study.clone(), Purpose::Research);
		MockAccess::grant(DOCTOR, insurer.clone(), Purpose::Payment);
		assert!(MockAccess::has_live_grant(&DOCTOR, &study, Purpose::Research));
		assert!(MockAccess::has_live_grant(&DOCTOR, &insurer, Purpose::Payment));
		// Another purpose, another grantee or another patient is not granted.
		assert!(!MockAccess::has_live_grant(&DOCTOR, &study, Purpose::Payment));
		assert!(!MockAccess::has_live_grant(&DOCTOR, &Grantee::Study(4), Purpose::Research));
		assert!(!MockAccess::has_live_grant(&ADMIN, &study, Purpose::Research));
		MockAccess::end_grant(DOCTOR, study.clone(), Purpose::Research);
		assert!(!MockAccess::has_live_grant(&DOCTOR, &study, Purpose::Research));

		assert!(!MockAccess::is_guardian(&DOCTOR, &ADMIN));
		MockAccess::guardian(DOCTOR, ADMIN);
		assert!(MockAccess::is_guardian(&DOCTOR, &ADMIN));
		assert!(!MockAccess::is_guardian(&ADMIN, &DOCTOR));
		MockAccess::reset();
		assert!(!MockAccess::is_guardian(&DOCTOR, &ADMIN));
		assert!(!MockAccess::has_live_grant(&DOCTOR, &insurer, Purpose::Payment));
	}
}
