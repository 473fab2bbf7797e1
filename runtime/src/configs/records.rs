//! Health records: patients' EHR pointers and their version chains.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::ConstU32};
use pallet_records::{EncryptionKeyOf, RecordOf};

use super::storage_size::{blake2_128_concat, entry, max_len, twox64_concat, ACCOUNT, U64};
use crate::{currency::deposit, Balance, Balances, Consent, Runtime, RuntimeHoldReason, Timestamp};

parameter_types! {
	/// Two storage items: the record (`RecordsById`, by its id) and the patient's index entry
	/// (`PatientRecords`, by patient and id, no value).
	pub RecordDeposit: Balance = deposit(
		2,
		entry(twox64_concat(U64), max_len::<RecordOf<Runtime>>())
			+ entry(blake2_128_concat(ACCOUNT) + twox64_concat(U64), 0),
	);
	/// One storage item: the account's key (`EncryptionKeys`, by account).
	pub EncryptionKeyDeposit: Balance =
		deposit(1, entry(blake2_128_concat(ACCOUNT), max_len::<EncryptionKeyOf<Runtime>>()));
}

impl pallet_records::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Access = Consent;
	type RecordDeposit = RecordDeposit;
	type EncryptionKeyDeposit = EncryptionKeyDeposit;
	// An IPFS CID (59 characters in base32 CIDv1) with a scheme, or an HTTPS URI of a
	// document repository.
	type MaxPointerLen = ConstU32<128>;
	// Corrections of corrections: a document amended this often is replaced by a new one.
	type MaxVersions = ConstU32<32>;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_fixtures::BenchmarkFixtures;
}
