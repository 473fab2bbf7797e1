//! Provenance: medicines from the maker to the patient, under GS1 identifiers.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{
	provenance::{Gtin, Sgtin},
	time::DAY,
	Moment,
};
use pallet_provenance::{
	BatchOf, CompanyPrefix, CompanyPrefixOf, ContainerOf, OrderOf, ProductOf, ShipmentOf,
	SuspectReportOf, Unit,
};

use crate::{
	currency::deposit, Balance, Balances, Credentials, Runtime, RuntimeHoldReason, Timestamp,
};

/// The storage prefix of every map key (pallet and item hashes).
const PREFIX: u32 = 32;

/// Bytes of one map entry: the prefix, the key's hash and the key, and the value.
const fn entry(hash: u32, key: usize, value: usize) -> u32 {
	PREFIX + hash + key as u32 + value as u32
}

parameter_types! {
	/// A company prefix entry (Blake2-128 key of the prefix) and one stem counter for each of
	/// its up to six shorter stems.
	pub CompanyPrefixDeposit: Balance = deposit(
		7,
		entry(16, CompanyPrefix::max_encoded_len(), CompanyPrefixOf::<Runtime>::max_encoded_len()) +
			6 * entry(16, CompanyPrefix::max_encoded_len(), 4),
	);
	/// A product entry (Blake2-128 key of its GTIN).
	pub ProductDeposit: Balance =
		deposit(1, entry(16, Gtin::max_encoded_len(), ProductOf::<Runtime>::max_encoded_len()));
	/// A batch entry (Twox64 key of its id) and its lot index entry.
	pub BatchDeposit: Balance = deposit(
		2,
		entry(8, 4, BatchOf::<Runtime>::max_encoded_len()) +
			entry(32, Gtin::max_encoded_len() + 21, 4),
	);
	/// Each unit a batch declares: its entry (Blake2-128 key of its SGTIN), with no item
	/// charge, so that a batch of 100,000 packs costs its bytes and no more.
	pub UnitDeposit: Balance =
		deposit(0, entry(16, Sgtin::max_encoded_len(), Unit::max_encoded_len()));
	/// A container entry (Blake2-128 key of its SSCC).
	pub ContainerDeposit: Balance =
		deposit(1, entry(16, 18, ContainerOf::<Runtime>::max_encoded_len()));
	/// A shipment entry.
	pub ShipmentDeposit: Balance =
		deposit(1, entry(8, 8, ShipmentOf::<Runtime>::max_encoded_len()));
	/// A purchase order entry.
	pub OrderDeposit: Balance = deposit(1, entry(8, 8, OrderOf::<Runtime>::max_encoded_len()));
	/// A suspect report entry.
	pub SuspectReportDeposit: Balance = deposit(
		1,
		entry(16, Sgtin::max_encoded_len(), SuspectReportOf::<Runtime>::max_encoded_len()),
	);
	/// Units stay verifiable for a year after their batch expires (EU FMD), then anyone may
	/// purge them.
	pub const RetentionPeriod: Moment = 365 * DAY;
}

impl pallet_provenance::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = Credentials;
	type CompanyPrefixDeposit = CompanyPrefixDeposit;
	type ProductDeposit = ProductDeposit;
	type BatchDeposit = BatchDeposit;
	type UnitDeposit = UnitDeposit;
	type ContainerDeposit = ContainerDeposit;
	type ShipmentDeposit = ShipmentDeposit;
	type OrderDeposit = OrderDeposit;
	type SuspectReportDeposit = SuspectReportDeposit;
	type RetentionPeriod = RetentionPeriod;
	// A large production batch.
	type MaxBatchQuantity = ConstU32<1_000_000>;
	// Keeps a call naming the most units well inside a block's proof-size budget.
	type MaxUnitsPerCall = ConstU32<500>;
	// A truck's load of pallets and loose cases.
	type MaxItemsPerShipment = ConstU32<100>;
	// Unit → case → pallet.
	type MaxNesting = ConstU32<2>;
	type WeightInfo = pallet_provenance::weights::SubstrateWeight<Runtime>;
}
