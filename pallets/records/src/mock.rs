//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and Records, with a stub
//! of the consent pallet's access policy whose answers the tests set and whose access log the
//! tests read.

use crate as pallet_records;
use alloc::vec::Vec;
use pallet_records::{AccessBasis, AccessDenied, AccessOutcome, AccessRequest, Purpose, RecordId};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
};

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Records: pallet_records,
	}
);

healthchain_test_support::mock_base!(Test);

parameter_types! {
	pub const RecordDeposit: u64 = 10;
	pub const EncryptionKeyDeposit: u64 = 3;
}

/// The longest pointer in the mock: room for `ipfs://` and a CIDv1 in base32.
pub const MAX_POINTER_LEN: u32 = 80;
/// The longest version chain in the mock: an original and two amendments.
pub const MAX_VERSIONS: u32 = 3;

impl pallet_records::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Access = StubAccess;
	type RecordDeposit = RecordDeposit;
	type EncryptionKeyDeposit = EncryptionKeyDeposit;
	type MaxPointerLen = ConstU32<MAX_POINTER_LEN>;
	type MaxVersions = ConstU32<MAX_VERSIONS>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = healthchain_test_support::MockFixtures;
}

/// A patient.
pub const PATIENT: u64 = 1;
/// Another patient.
pub const OTHER_PATIENT: u64 = 2;
/// A physician.
pub const DOCTOR: u64 = 20;
/// A nurse.
pub const NURSE: u64 = 21;
/// Somebody the stub refuses everything.
pub const STRANGER: u64 = 40;
/// An account with no funds.
pub const PAUPER: u64 = 99;

/// What every funded account starts with.
pub const ENDOWMENT: u64 = 1_000;
pub use healthchain_test_support::START;

/// The consent pallet's stand-in, shared with the other pallets' tests.
pub use healthchain_test_support::MockAccess as StubAccess;

/// Makes the stub answer `result` when `actor` asks about `patient`'s data for `purpose`.
pub fn answer(
	actor: u64,
	patient: u64,
	purpose: Purpose,
	result: Result<AccessBasis, AccessDenied>,
) {
	StubAccess::answer(actor, patient, purpose, result);
}

/// The requests the stub was asked about so far.
pub fn checked() -> Vec<AccessRequest<u64>> {
	StubAccess::checked()
}

/// The accesses reported to the stub's log so far.
pub fn logged() -> Vec<(AccessRequest<u64>, RecordId, AccessOutcome)> {
	StubAccess::logged()
}

/// A fresh chain at [`START`] with the test accounts funded and the stub's tables empty.
pub fn new_bench_ext() -> TestExternalities {
	StubAccess::reset();
	let storage = endowed_genesis([PATIENT, OTHER_PATIENT, DOCTOR, NURSE, STRANGER], ENDOWMENT);
	chain_at_start(storage)
}

/// Runs `test` on a fresh chain at [`START`], then checks the pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		test();
		Records::do_try_state().expect("storage invariants hold");
	});
}
