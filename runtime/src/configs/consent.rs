//! Consent: patients' grants, the access log and audited emergency access.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::Moment;
use pallet_consent::{BreakGlassOf, GrantOf, GRANTS_BENCHMARKED};

use crate::{
	currency::deposit, Balance, Balances, ClinicalTrials, Credentials, Runtime, RuntimeHoldReason,
	Timestamp,
};

/// An hour, in milliseconds.
const HOUR: Moment = 60 * 60 * 1_000;

parameter_types! {
	/// One storage item of a grant's size, with its 130-byte key (patient, grantee, purpose).
	pub GrantDeposit: Balance =
		deposit(1, GrantOf::<Runtime>::max_encoded_len() as u32 + 130);
	/// Two storage items: the emergency access and the clinician's index entry.
	pub BreakGlassDeposit: Balance =
		deposit(2, BreakGlassOf::<Runtime>::max_encoded_len() as u32 + 8);
	/// Emergency access admits emergency treatment for a day: long enough for an emergency
	/// admission, short enough that a review follows soon.
	pub const BreakGlassDuration: Moment = 24 * HOUR;
}

impl pallet_consent::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = Credentials;
	// Revoking a research consent withdraws the participant from the trial.
	type OnRevoked = ClinicalTrials;
	type GrantDeposit = GrantDeposit;
	type BreakGlassDeposit = BreakGlassDeposit;
	type BreakGlassDuration = BreakGlassDuration;
	// The grant benchmarks' range: weights hold for this many grants per patient.
	type MaxGrantsPerPatient = ConstU32<GRANTS_BENCHMARKED>;
	type MaxPendingBreakGlass = ConstU32<16>;
	type MaxScopeItems = ConstU32<32>;
	type AccessLogLength = ConstU32<256>;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
}
