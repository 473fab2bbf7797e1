//! Runtime API of the records pallet, for wallets, patient portals and the off-chain storage
//! gateway.
//!
//! `Record` is the runtime's record type (`pallet_records::RecordOf<Runtime>`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_records::{AmendmentReason, Category, CodeSystem, RecordId, RecordStatus};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// A patient's records and their version chains.
	pub trait RecordsApi<AccountId, Record>
	where
		AccountId: Codec,
		Record: Codec,
	{
		/// A record by id, whatever its status.
		fn record(id: RecordId) -> Option<Record>;

		/// Every record about `patient` (every version, whatever its status), oldest first.
		fn records_of(patient: AccountId) -> Vec<(RecordId, Record)>;

		/// The versions of the record `id` belongs to, from the original to the latest; empty if
		/// there is no such record.
		fn version_chain(id: RecordId) -> Vec<(RecordId, Record)>;

		/// The X25519 key-agreement key `who` published, to which documents' data keys are
		/// wrapped for them.
		fn encryption_key(who: AccountId) -> Option<[u8; 32]>;
	}
}
