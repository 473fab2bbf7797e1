//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and Consent, with the
//! shared stub of the credentials pallet ([`MockCredentials`]) that tests set up directly.

use crate as pallet_consent;
use healthchain_primitives::{
	consent::{Grantee, OnConsentRevoked, Purpose},
	credentials::{InstitutionId, InstitutionKind, Role},
};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
};
use std::cell::RefCell;

pub use healthchain_test_support::MockCredentials;

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Consent: pallet_consent,
	}
);

healthchain_test_support::mock_base!(Test);

thread_local! {
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

	fn reset() {
		REVOCATIONS.with(|told| told.borrow_mut().clear());
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

parameter_types! {
	pub const GrantDeposit: u64 = 10;
	pub const BreakGlassDeposit: u64 = 50;
	pub const BreakGlassDuration: u64 = HOUR * 4;
	pub const AccessLogRetention: u64 = DAY * 30;
	pub const AccessLogDeposit: u64 = 3;
	pub const GuardianDeposit: u64 = 7;
}

impl pallet_consent::Config for Test {
	type RuntimeCall = RuntimeCall;
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
	type MaxGuardians = ConstU32<2>;
	type GuardianDeposit = GuardianDeposit;
	type AccessLogPerAccessor = ConstU32<3>;
	type AccessLogRetention = AccessLogRetention;
	type AccessLogDeposit = AccessLogDeposit;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = healthchain_test_support::MockFixtures;
}

/// A patient.
pub const PATIENT: u64 = 1;
/// Another patient.
pub const OTHER_PATIENT: u64 = 2;
/// The patient's guardian, once appointed.
pub const GUARDIAN: u64 = 3;
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
pub use healthchain_primitives::time::{DAY, HOUR};
pub use healthchain_test_support::START;

/// A fresh chain at [`START`] with the test accounts funded and no credentials.
pub fn new_bench_ext() -> TestExternalities {
	MockCredentials::reset();
	RecordRevocations::reset();
	let storage = endowed_genesis(
		[
			PATIENT,
			OTHER_PATIENT,
			GUARDIAN,
			DOCTOR,
			NURSE,
			PHARMACIST,
			HOSPITAL_DOCTOR,
			BOARD,
			STRANGER,
		],
		ENDOWMENT,
	);
	chain_at_start(storage)
}

/// Runs `test` on a fresh chain at [`START`] where the doctor, the hospital doctor and the nurse
/// are licensed, the pharmacist too, the hospital is verified with the hospital doctor
/// affiliated to it and the board is an authority; then checks the pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		MockCredentials::license(DOCTOR, Role::Physician);
		MockCredentials::license(HOSPITAL_DOCTOR, Role::Physician);
		MockCredentials::license(NURSE, Role::Nurse);
		MockCredentials::license(PHARMACIST, Role::Pharmacist);
		MockCredentials::verify(HOSPITAL, InstitutionKind::Hospital);
		MockCredentials::affiliate(HOSPITAL_DOCTOR, HOSPITAL);
		MockCredentials::accredit(BOARD);
		test();
		Consent::do_try_state().expect("storage invariants hold");
	});
}
