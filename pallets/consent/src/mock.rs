//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and Consent, with a stub
//! of the credentials pallet that tests set up directly.

use crate as pallet_consent;
use healthchain_primitives::{
	consent::{Grantee, OnConsentRevoked, Purpose},
	credentials::{CredentialsInspect, InstitutionId, InstitutionKind, Role},
};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
};
use std::{cell::RefCell, collections::BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Consent: pallet_consent,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	static AFFILIATIONS: RefCell<BTreeSet<(u64, InstitutionId)>> =
		const { RefCell::new(BTreeSet::new()) };
	static VERIFIED: RefCell<BTreeSet<InstitutionId>> = const { RefCell::new(BTreeSet::new()) };
	static AUTHORITIES: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
	static REVOCATIONS: RefCell<Vec<(u64, Grantee<u64>, Purpose)>> =
		const { RefCell::new(Vec::new()) };
}

/// Records what the consent pallet tells [`pallet_consent::Config::OnRevoked`].
pub struct RecordRevocations;

impl RecordRevocations {
	/// The revocations told so far, oldest first.
	pub fn told() -> Vec<(u64, Grantee<u64>, Purpose)> {
		REVOCATIONS.with(|told| told.borrow().clone())
	}
}

impl OnConsentRevoked<u64> for RecordRevocations {
	fn on_revoked(patient: &u64, grantee: &Grantee<u64>, purpose: Purpose) {
		REVOCATIONS.with(|told| told.borrow_mut().push((*patient, grantee.clone(), purpose)));
	}

	fn weight() -> polkadot_sdk::sp_runtime::Weight {
		polkadot_sdk::sp_runtime::Weight::from_parts(1_000, 0)
	}
}

/// The credentials pallet as the tests set it up: who holds which live role, who is affiliated
/// where, which institutions are verified, who is an authority.
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

	/// Verifies `institution` and affiliates `practitioner` to it.
	pub fn affiliate(practitioner: u64, institution: InstitutionId) {
		VERIFIED.with(|verified| verified.borrow_mut().insert(institution));
		AFFILIATIONS
			.with(|affiliations| affiliations.borrow_mut().insert((practitioner, institution)));
	}

	/// Makes `who` an accredited authority.
	pub fn accredit(who: u64) {
		AUTHORITIES.with(|authorities| authorities.borrow_mut().insert(who));
	}

	fn reset() {
		ROLES.with(|roles| roles.borrow_mut().clear());
		AFFILIATIONS.with(|affiliations| affiliations.borrow_mut().clear());
		VERIFIED.with(|verified| verified.borrow_mut().clear());
		AUTHORITIES.with(|authorities| authorities.borrow_mut().clear());
		REVOCATIONS.with(|told| told.borrow_mut().clear());
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
		VERIFIED
			.with(|verified| verified.borrow().contains(&institution))
			.then_some(InstitutionKind::Hospital)
	}

	fn acts_for(who: &u64, institution: InstitutionId) -> bool {
		Self::is_affiliated(who, institution)
	}

	fn is_authority(who: &u64) -> bool {
		AUTHORITIES.with(|authorities| authorities.borrow().contains(who))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn grant_role_for_benchmarks(who: &u64, role: Role) {
		Self::license(*who, role);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn affiliate_for_benchmarks(practitioner: &u64) -> InstitutionId {
		Self::affiliate(*practitioner, 900);
		900
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn institution_for_benchmarks(_kind: InstitutionKind, admin: &u64) -> InstitutionId {
		Self::affiliate(*admin, 901);
		901
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmarks(who: &u64) {
		Self::accredit(*who);
	}
}

parameter_types! {
	pub const GrantDeposit: u64 = 10;
	pub const BreakGlassDeposit: u64 = 50;
	pub const BreakGlassDuration: u64 = HOUR * 4;
}

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = MockCredentials;
	type OnRevoked = RecordRevocations;
	type GrantDeposit = GrantDeposit;
	type BreakGlassDeposit = BreakGlassDeposit;
	type BreakGlassDuration = BreakGlassDuration;
	type MaxGrantsPerPatient = ConstU32<4>;
	type MaxPendingBreakGlass = ConstU32<2>;
	type MaxScopeItems = ConstU32<3>;
	type AccessLogLength = ConstU32<3>;
	type WeightInfo = ();
}

/// A patient.
pub const PATIENT: u64 = 1;
/// Another patient.
pub const OTHER_PATIENT: u64 = 2;
/// A physician.
pub const DOCTOR: u64 = 20;
/// A nurse.
pub const NURSE: u64 = 21;
/// A pharmacist.
pub const PHARMACIST: u64 = 22;
/// A physician at the hospital.
pub const HOSPITAL_DOCTOR: u64 = 23;
/// A medical board: an accredited authority.
pub const BOARD: u64 = 10;
/// Somebody with no role at all.
pub const STRANGER: u64 = 40;
/// An account with no funds.
pub const PAUPER: u64 = 99;
/// A verified hospital.
pub const HOSPITAL: InstitutionId = 7;

/// What every funded account starts with.
pub const ENDOWMENT: u64 = 1_000;
/// The chain's clock when each test starts: 14 November 2023, in milliseconds.
pub const START: u64 = 1_700_000_000_000;
/// An hour in milliseconds.
pub const HOUR: u64 = 60 * 60 * 1_000;
/// A day in milliseconds.
pub const DAY: u64 = 24 * HOUR;

/// A fresh chain at [`START`] with the test accounts funded and no credentials.
pub fn new_bench_ext() -> TestExternalities {
	MockCredentials::reset();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [
			PATIENT,
			OTHER_PATIENT,
			DOCTOR,
			NURSE,
			PHARMACIST,
			HOSPITAL_DOCTOR,
			BOARD,
			STRANGER,
		]
		.into_iter()
		.map(|account| (account, ENDOWMENT))
		.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(START);
	});
	ext
}

/// Runs `test` on a fresh chain at [`START`] where the doctor, the hospital doctor and the nurse
/// are licensed, the pharmacist too, the hospital doctor is affiliated to the hospital and the
/// board is an authority; then checks the pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		MockCredentials::license(DOCTOR, Role::Physician);
		MockCredentials::license(HOSPITAL_DOCTOR, Role::Physician);
		MockCredentials::license(NURSE, Role::Nurse);
		MockCredentials::license(PHARMACIST, Role::Pharmacist);
		MockCredentials::affiliate(HOSPITAL_DOCTOR, HOSPITAL);
		MockCredentials::accredit(BOARD);
		test();
		Consent::do_try_state().expect("storage invariants hold");
	});
}

/// Moves the chain's clock to `now`.
pub fn set_now(now: u64) {
	pallet_timestamp::Now::<Test>::put(now);
}
