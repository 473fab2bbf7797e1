//! Prescriptions: issued by physicians, dispensed by pharmacists with serialized packs that
//! provenance vouches for.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{time::DAY, Moment};
use pallet_prescriptions::{FillOf, PrescriptionOf};

use super::storage_size::{blake2_128_concat, entry, max_len, twox64_concat, ACCOUNT, U32, U64};
use crate::{
	currency::deposit, Balance, Balances, Consent, Credentials, Provenance, Runtime,
	RuntimeHoldReason, Timestamp,
};

parameter_types! {
	/// Two storage items: the prescription (`IssuedPrescriptions`, by its id) and the patient's
	/// index entry (`PatientPrescriptions`, by patient and id, no value).
	pub PrescriptionDeposit: Balance = deposit(
		2,
		entry(twox64_concat(U64), max_len::<PrescriptionOf<Runtime>>())
			+ entry(blake2_128_concat(ACCOUNT) + twox64_concat(U64), 0),
	);
	/// One storage item per fill the prescription allows (`Fills`, by prescription id and fill
	/// number), held from the prescriber up front.
	pub FillDeposit: Balance =
		deposit(1, entry(twox64_concat(U64) + twox64_concat(U32), max_len::<FillOf<Runtime>>()));
	/// A prescription is valid for a year at most.
	pub const MaxValidity: Moment = 365 * DAY;
}

impl pallet_prescriptions::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = Credentials;
	type Units = Provenance;
	// Prescribing needs the patient's consent; guardians authorise fills.
	type Access = Consent;
	type PrescriptionDeposit = PrescriptionDeposit;
	type FillDeposit = FillDeposit;
	// Packs handed over in one fill.
	type MaxUnitsPerFill = ConstU32<10>;
	// A year of monthly repeats.
	type MaxRepeats = ConstU32<12>;
	type MaxValidity = MaxValidity;
	type WeightInfo = pallet_prescriptions::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_fixtures::BenchmarkFixtures;
}
