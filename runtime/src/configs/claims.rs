//! Claims: coverage plans, member coverage, provider network contracts, prior authorisation,
//! claims adjudicated on chain and paid in the payment asset, appeals.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::ConstU32, BoundedVec, PalletId};
use healthchain_primitives::{
	time::{DAY, HOUR},
	Moment,
};
use pallet_claims::{
	AdjudicationOf, AppealOf, ClaimOf, ContractTermsOf, CoverageOf, NetworkContract, PlanOf,
	PriorAuthOf,
};

use super::{
	monetary::PAYMENT_ASSET,
	storage_size::{
		blake2_128_concat, entry, identity, max_len, twox64_concat, ACCOUNT, HASH, U32, U64,
	},
};
use crate::{
	currency::deposit, Assets, Balance, Balances, Consent, Credentials, Runtime, RuntimeHoldReason,
	Timestamp,
};

/// The most versions both sides may sign of one contract.
const MAX_CONTRACT_VERSIONS: u32 = 32;

parameter_types! {
	pub const PaymentAsset: u32 = PAYMENT_ASSET;
	pub const ClaimsPalletId: PalletId = PalletId(*b"hc/claim");
	/// One storage item: the plan (`Plans`, by its id).
	pub PlanDeposit: Balance = deposit(1, entry(twox64_concat(U32), max_len::<PlanOf<Runtime>>()));
	/// Two storage items: the coverage (`Coverages`, by its id) and the member's index entry
	/// (`MemberCoverages`, by member and coverage id, no value).
	pub CoverageDeposit: Balance = deposit(
		2,
		entry(twox64_concat(U64), max_len::<CoverageOf<Runtime>>())
			+ entry(blake2_128_concat(ACCOUNT) + twox64_concat(U64), 0),
	);
	/// Four storage items: a contract version (`ContractVersions`, by contract id and version)
	/// and its period; with the first, the contract (`Contracts`, by its id), its parties-index
	/// entry (`ContractByParties`, by insurer and provider, the contract id) and its list of
	/// periods (`ContractPeriods`, by contract id).
	pub ContractDeposit: Balance = deposit(
		4,
		entry(twox64_concat(U32) + twox64_concat(U32), max_len::<ContractTermsOf<Runtime>>())
			+ entry(twox64_concat(U32), max_len::<NetworkContract>())
			+ entry(twox64_concat(U32) + twox64_concat(U32), U32)
			+ entry(
				twox64_concat(U32),
				max_len::<BoundedVec<(Moment, Moment), ConstU32<MAX_CONTRACT_VERSIONS>>>(),
			),
	);
	/// Two storage items: the request (`PriorAuths`, by its id) and the insurer's open-list
	/// entry (`OpenPriorAuths`, by insurer and request id, its deadline).
	pub PriorAuthDeposit: Balance = deposit(
		2,
		entry(twox64_concat(U64), max_len::<PriorAuthOf<Runtime>>())
			+ entry(twox64_concat(U32) + twox64_concat(U64), U64),
	);
	/// Six storage items, everything a claim may come to keep: the claim (`ClaimEntries`, by its
	/// id), its duplicate-index entry (`ClaimFingerprints`, by fingerprint), member-index entry
	/// (`MemberClaims`, by member and claim id, no value) and open-list entry (`OpenClaims`,
	/// then `OpenAppeals`, by insurer and claim id, a deadline), its adjudication
	/// (`Adjudications`) and its appeal (`Appeals`, both by claim id).
	pub ClaimDeposit: Balance = deposit(
		6,
		entry(twox64_concat(U64), max_len::<ClaimOf<Runtime>>())
			+ entry(identity(HASH), U64)
			+ entry(blake2_128_concat(ACCOUNT) + twox64_concat(U64), 0)
			+ entry(twox64_concat(U32) + twox64_concat(U64), U64)
			+ entry(twox64_concat(U64), max_len::<AdjudicationOf<Runtime>>())
			+ entry(twox64_concat(U64), max_len::<AppealOf<Runtime>>()),
	);
	/// A deterrent against frivolous appeals, returned when the appeal is decided (the claim's
	/// deposit pays for the appeal's storage): one item of an appeal's size.
	pub AppealDeposit: Balance = deposit(1, max_len::<AppealOf<Runtime>>());
	/// CMS-0057-F: 72 hours for expedited prior-authorisation decisions.
	pub const UrgentPriorAuthPeriod: Moment = 72 * HOUR;
	/// CMS-0057-F: 7 calendar days for standard ones.
	pub const StandardPriorAuthPeriod: Moment = 7 * DAY;
	/// An approval covers services for 90 days, a common payer practice.
	pub const PriorAuthValidity: Moment = 90 * DAY;
	/// The prompt-pay clean-claim window most US states set for electronic claims.
	pub const CleanClaimPeriod: Moment = 30 * DAY;
	/// The ACA's 180 days to appeal an adverse benefit determination.
	pub const AppealWindow: Moment = 180 * DAY;
	/// The ACA's 60 days to decide an appeal of a post-service claim.
	pub const AppealDecisionPeriod: Moment = 60 * DAY;
	/// The ACA's four months to ask for external review.
	pub const ExternalReviewWindow: Moment = 120 * DAY;
	/// A month's notice to end coverage.
	pub const CoverageNotice: Moment = 30 * DAY;
}

impl pallet_claims::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type PaymentAsset = PaymentAsset;
	type PalletId = ClaimsPalletId;
	type Time = Timestamp;
	type Credentials = Credentials;
	type Consent = Consent;
	type PlanDeposit = PlanDeposit;
	type CoverageDeposit = CoverageDeposit;
	type ContractDeposit = ContractDeposit;
	type PriorAuthDeposit = PriorAuthDeposit;
	type ClaimDeposit = ClaimDeposit;
	type AppealDeposit = AppealDeposit;
	type UrgentPriorAuthPeriod = UrgentPriorAuthPeriod;
	type StandardPriorAuthPeriod = StandardPriorAuthPeriod;
	type PriorAuthValidity = PriorAuthValidity;
	type CleanClaimPeriod = CleanClaimPeriod;
	type AppealWindow = AppealWindow;
	type AppealDecisionPeriod = AppealDecisionPeriod;
	type ExternalReviewWindow = ExternalReviewWindow;
	type CoverageNotice = CoverageNotice;
	// A plan lists the codes it covers; services it does not list are not covered.
	type MaxPlanServices = ConstU32<1024>;
	type MaxFeeSchedule = ConstU32<1024>;
	type MaxContractVersions = ConstU32<MAX_CONTRACT_VERSIONS>;
	// X12 837P carries up to 50 service lines and 12 diagnosis codes.
	type MaxLines = ConstU32<50>;
	type MaxDiagnoses = ConstU32<12>;
	type MaxRecordRefs = ConstU32<16>;
	// A CID or a URI.
	type MaxPointerLen = ConstU32<128>;
	type MaxDecisionSamples = ConstU32<256>;
	type ClockOrigin = super::governance::EnsureRootOrTwoThirdsCouncil;
	type WeightInfo = pallet_claims::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_fixtures::BenchmarkFixtures;
}
