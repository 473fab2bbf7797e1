//! Clinical trials: registrations with locked outcomes, enrolment under research consent,
//! adverse events and results with due dates.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{time::DAY, Moment};
use pallet_clinical_trials::{
	AdverseEventOf, AmendmentOf, EnrolmentOf, RegistryId, ResultsOf, TrialOf,
};

use crate::{
	currency::deposit, Balance, Balances, Consent, Credentials, Runtime, RuntimeHoldReason,
	Timestamp,
};

/// A storage key of the trial id alone (32-byte prefix, Twox64Concat of a u32).
const TRIAL_KEY: u32 = 32 + 12;
/// A storage key of the trial id and a u32 (a version, an adverse-event or results number).
const TRIAL_NUMBER_KEY: u32 = TRIAL_KEY + 12;
/// A storage key of the trial id and an account (Blake2_128Concat of 32 bytes).
const TRIAL_ACCOUNT_KEY: u32 = TRIAL_KEY + 16 + 32;

parameter_types! {
	/// The registration: the trial and its version 0; its registry-id index entry; and the
	/// per-trial entries it may grow later (enrolment and adverse-event counts, a results-due
	/// date, the switched-outcomes index entry).
	pub TrialDeposit: Balance = deposit(
		7,
		TrialOf::<Runtime>::max_encoded_len() as u32 + TRIAL_KEY +
			AmendmentOf::<Runtime>::max_encoded_len() as u32 + TRIAL_NUMBER_KEY +
			4 + 32 + 16 + RegistryId::max_encoded_len() as u32 +
			4 * (TRIAL_KEY + 8),
	);
	/// One protocol version.
	pub AmendmentDeposit: Balance =
		deposit(1, AmendmentOf::<Runtime>::max_encoded_len() as u32 + TRIAL_NUMBER_KEY);
	/// One enrolment, returned when the participant leaves.
	pub EnrolmentDeposit: Balance =
		deposit(1, EnrolmentOf::<Runtime>::max_encoded_len() as u32 + TRIAL_ACCOUNT_KEY);
	/// One adverse-event report.
	pub AdverseEventDeposit: Balance =
		deposit(1, AdverseEventOf::<Runtime>::max_encoded_len() as u32 + TRIAL_NUMBER_KEY);
	/// One results posting.
	pub ResultsDeposit: Balance =
		deposit(1, ResultsOf::<Runtime>::max_encoded_len() as u32 + TRIAL_NUMBER_KEY);
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
	type BenchmarkHelper = ResearchConsentForBenchmarks;
}

/// Grants a trial research consent through the consent pallet's own call, as a participant
/// would, for the clinical-trials benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ResearchConsentForBenchmarks;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_clinical_trials::BenchmarkHelper<crate::AccountId> for ResearchConsentForBenchmarks {
	fn grant_research_consent(
		participant: &crate::AccountId,
		trial: pallet_clinical_trials::TrialId,
	) {
		super::consent::grant_for_benchmarks(
			participant,
			pallet_consent::Grantee::Study(trial),
			pallet_consent::Purpose::Research,
		);
	}
}
