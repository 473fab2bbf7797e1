//! Provenance: medicines from the maker to the patient, under GS1 identifiers.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{
	provenance::{Gtin, Sgtin, Sscc},
	time::DAY,
	Moment,
};
use pallet_provenance::{
	BatchOf, CompanyPrefix, CompanyPrefixOf, ContainerOf, Lot, OrderOf, ProductOf, ShipmentOf,
	SuspectReportOf, Unit,
};

use super::storage_size::{blake2_128_concat, entry, max_len, twox64_concat, U32, U64};
use crate::{
	currency::deposit, Balance, Balances, Credentials, Runtime, RuntimeHoldReason, Timestamp,
};

parameter_types! {
	/// Seven storage items: the company prefix (`CompanyPrefixes`, by prefix) and one stem
	/// counter (`LongerPrefixes`, by stem) for each of its up to six shorter stems.
	pub CompanyPrefixDeposit: Balance = deposit(
		7,
		entry(blake2_128_concat(max_len::<CompanyPrefix>()), max_len::<CompanyPrefixOf<Runtime>>())
			+ 6 * entry(blake2_128_concat(max_len::<CompanyPrefix>()), U32),
	);
	/// One storage item: the product (`Products`, by GTIN).
	pub ProductDeposit: Balance = deposit(
		1,
		entry(blake2_128_concat(max_len::<Gtin>()), max_len::<ProductOf<Runtime>>()),
	);
	/// Two storage items: the batch (`Batches`, by its id) and its lot index entry
	/// (`BatchOfLot`, by GTIN and lot, the batch id).
	pub BatchDeposit: Balance = deposit(
		2,
		entry(twox64_concat(U32), max_len::<BatchOf<Runtime>>())
			+ entry(
				blake2_128_concat(max_len::<Gtin>()) + blake2_128_concat(max_len::<Lot>()),
				U32,
			),
	);
	/// Each unit a batch declares: its entry (`Units`, by SGTIN), with no item charge, so that
	/// a batch of 100,000 packs costs its bytes and no more.
	pub UnitDeposit: Balance =
		deposit(0, entry(blake2_128_concat(max_len::<Sgtin>()), max_len::<Unit>()));
	/// One storage item: the container (`Containers`, by SSCC).
	pub ContainerDeposit: Balance = deposit(
		1,
		entry(blake2_128_concat(max_len::<Sscc>()), max_len::<ContainerOf<Runtime>>()),
	);
	/// One storage item: the shipment (`Shipments`, by its id).
	pub ShipmentDeposit: Balance =
		deposit(1, entry(twox64_concat(U64), max_len::<ShipmentOf<Runtime>>()));
	/// One storage item: the purchase order (`Orders`, by its id).
	pub OrderDeposit: Balance = deposit(1, entry(twox64_concat(U64), max_len::<OrderOf<Runtime>>()));
	/// One storage item: the suspect report (`SuspectReports`, by SGTIN).
	pub SuspectReportDeposit: Balance = deposit(
		1,
		entry(blake2_128_concat(max_len::<Sgtin>()), max_len::<SuspectReportOf<Runtime>>()),
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
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_fixtures::BenchmarkFixtures;
}
