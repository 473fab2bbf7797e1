//! Prescriptions: issued by physicians, dispensed by pharmacists with serialized packs that
//! provenance vouches for.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{time::DAY, Moment};
use pallet_prescriptions::{FillOf, PrescriptionOf};

use crate::{
	currency::deposit, Balance, Balances, Consent, Credentials, Provenance, Runtime,
	RuntimeHoldReason, Timestamp,
};

parameter_types! {
	/// Two storage items: the prescription (with its 48-byte key) and the patient's index entry
	/// (a 96-byte key).
	pub PrescriptionDeposit: Balance =
		deposit(2, PrescriptionOf::<Runtime>::max_encoded_len() as u32 + 48 + 96);
	/// One storage item per fill the prescription allows, with its 60-byte key, held from the
	/// prescriber up front.
	pub FillDeposit: Balance = deposit(1, FillOf::<Runtime>::max_encoded_len() as u32 + 60);
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
}
