//! Health records: patients' EHR pointers and their version chains.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32};
use pallet_records::{EncryptionKeyOf, RecordOf};

use crate::{currency::deposit, Balance, Balances, Consent, Runtime, RuntimeHoldReason, Timestamp};

parameter_types! {
	/// Two storage items: the record (with its 48-byte key) and the patient's index entry (a
	/// 96-byte key, no value).
	pub RecordDeposit: Balance =
		deposit(2, RecordOf::<Runtime>::max_encoded_len() as u32 + 48 + 96);
	/// One storage item: the key entry with its 80-byte key (prefix, Blake2-128 hash, account).
	pub EncryptionKeyDeposit: Balance =
		deposit(1, EncryptionKeyOf::<Runtime>::max_encoded_len() as u32 + 80);
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
}
