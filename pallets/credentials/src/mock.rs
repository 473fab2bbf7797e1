//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and Credentials.

use crate as pallet_credentials;
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system::{self, EnsureRoot},
	pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
};

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Credentials: pallet_credentials,
	}
);

healthchain_test_support::mock_base!(Test);

parameter_types! {
	pub const InstitutionDeposit: u64 = 100;
	pub const AffiliationDeposit: u64 = 10;
	pub const CredentialDeposit: u64 = 5;
}

impl pallet_credentials::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type AuthorityOrigin = EnsureRoot<u64>;
	type InstitutionDeposit = InstitutionDeposit;
	type AffiliationDeposit = AffiliationDeposit;
	type CredentialDeposit = CredentialDeposit;
	type MaxPractitionersPerInstitution = ConstU32<2>;
	type WeightInfo = ();
}

/// A medical board in Germany: licenses physicians and nurses, verifies hospitals and clinics.
pub const MEDICAL_BOARD: u64 = 10;
/// A pharmacy board in Germany: licenses pharmacists and pharmacies, verifies pharmacies.
pub const PHARMACY_BOARD: u64 = 11;
/// A medical board in France.
pub const FRENCH_BOARD: u64 = 12;
/// A physician.
pub const DOCTOR: u64 = 20;
/// A nurse.
pub const NURSE: u64 = 21;
/// A hospital's admin account.
pub const HOSPITAL_ADMIN: u64 = 30;
/// Somebody with no role at all.
pub const STRANGER: u64 = 40;
/// An account with no funds.
pub const PAUPER: u64 = 99;

/// What every funded account starts with.
pub const ENDOWMENT: u64 = 1_000;
pub use healthchain_test_support::START;
/// A year in milliseconds.
pub const YEAR: u64 = 365 * 24 * 60 * 60 * 1_000;

/// A fresh chain at [`START`] with the test accounts funded.
pub fn new_bench_ext() -> TestExternalities {
	let storage = endowed_genesis(
		[MEDICAL_BOARD, PHARMACY_BOARD, FRENCH_BOARD, DOCTOR, NURSE, HOSPITAL_ADMIN, STRANGER],
		ENDOWMENT,
	);
	chain_at_start(storage)
}

/// Runs `test` on a fresh chain at [`START`], then checks the pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		test();
		Credentials::do_try_state().expect("storage invariants hold");
	});
}
