//! Clinical trials: registrations with locked outcomes, enrolment under research consent,
//! adverse events and results with due dates.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{time::DAY, Moment};
use pallet_clinical_trials::{
	AdverseEventOf, AmendmentOf, EnrolmentOf, RegistryId, ResultsOf, TrialOf,
};

use super::storage_size::{blake2_128_concat, entry, max_len, twox64_concat, ACCOUNT, U32, U64};
use crate::{
	currency::deposit, Balance, Balances, Consent, Credentials, Runtime, RuntimeHoldReason,
	Timestamp,
};

/// The key of a per-trial map: the trial id.
const TRIAL: u32 = twox64_concat(U32);
/// The key of a trial's numbered items (versions, adverse events, results postings): the trial
/// id and the number.
const TRIAL_NUMBER: u32 = TRIAL + twox64_concat(U32);

parameter_types! {
	/// Seven storage items: the trial (`Trials`) and its version 0 (`ProtocolVersions`); its
	/// registry-id index entry (`TrialByRegistryId`, by registry id, the trial id); and the
	/// per-trial entries it may grow later (`EnrolmentCount`, `AdverseEventCount`,
	/// `ResultsDue`, `SwitchedTrials`), each sized for the largest of their values, a `Moment`.
	pub TrialDeposit: Balance = deposit(
		7,
		entry(TRIAL, max_len::<TrialOf<Runtime>>())
			+ entry(TRIAL_NUMBER, max_len::<AmendmentOf<Runtime>>())
			+ entry(blake2_128_concat(max_len::<RegistryId>()), U32)
			+ 4 * entry(TRIAL, U64),
	);
	/// One storage item: a protocol version (`ProtocolVersions`, by trial and version).
	pub AmendmentDeposit: Balance =
		deposit(1, entry(TRIAL_NUMBER, max_len::<AmendmentOf<Runtime>>()));
	/// One storage item: an enrolment (`Enrolments`, by trial and participant), returned when
	/// the participant leaves.
	pub EnrolmentDeposit: Balance = deposit(
		1,
		entry(TRIAL + blake2_128_concat(ACCOUNT), max_len::<EnrolmentOf<Runtime>>()),
	);
	/// One storage item: an adverse-event report (`AdverseEvents`, by trial and number).
	pub AdverseEventDeposit: Balance =
		deposit(1, entry(TRIAL_NUMBER, max_len::<AdverseEventOf<Runtime>>()));
	/// One storage item: a results posting (`TrialResults`, by trial and number).
	pub ResultsDeposit: Balance = deposit(1, entry(TRIAL_NUMBER, max_len::<ResultsOf<Runtime>>()));
	/// Results are due a year after completion (FDAAA 801, EU CTR art. 37).
	pub const ResultsDuePeriod: Moment = 365 * DAY;
}

impl pallet_clinical_trials::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = Credentials;
	type Consent = Consent;
	type TrialDeposit = TrialDeposit;
	type AmendmentDeposit = AmendmentDeposit;
	type EnrolmentDeposit = EnrolmentDeposit;
	type AdverseEventDeposit = AdverseEventDeposit;
	type ResultsDeposit = ResultsDeposit;
	type ResultsDuePeriod = ResultsDuePeriod;
	// Large multicentre trials run at a few dozen sites.
	type MaxSites = ConstU32<32>;
	type MaxOutcomes = ConstU32<16>;
	type MaxAmendments = ConstU32<32>;
	// A large phase 3 trial.
	type MaxParticipants = ConstU32<100_000>;
	type MaxResultPostings = ConstU32<8>;
	// A CID or a URI.
	type MaxPointerLen = ConstU32<128>;
	type WeightInfo = pallet_clinical_trials::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_fixtures::BenchmarkFixtures;
}
