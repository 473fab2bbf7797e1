//! Claims: coverage plans, member coverage, provider network contracts, prior authorisation,
//! claims adjudicated on chain and paid in the payment asset, appeals.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32, PalletId};
use healthchain_primitives::{
	time::{DAY, HOUR},
	Moment,
};
use pallet_claims::{
	AdjudicationOf, AppealOf, ClaimOf, ContractTermsOf, CoverageOf, NetworkContract, PlanOf,
	PriorAuthOf,
};

use super::monetary::PAYMENT_ASSET;
use crate::{
	currency::deposit, Assets, Balance, Balances, Consent, Credentials, Runtime, RuntimeHoldReason,
	Timestamp,
};

/// The most versions both sides may sign of one contract.
const MAX_CONTRACT_VERSIONS: u32 = 32;
/// A storage key of a 32-byte prefix and a Twox64Concat id of `id` bytes.
const fn key(id: u32) -> u32 {
	32 + 8 + id
}
/// A storage key of a Blake2_128Concat account and a Twox64Concat id of `id` bytes.
const fn account_key(id: u32) -> u32 {
	32 + 16 + 32 + 8 + id
}

parameter_types! {
	pub const PaymentAsset: u32 = PAYMENT_ASSET;
	pub const ClaimsPalletId: PalletId = PalletId(*b"hc/claim");
	/// The plan.
	pub PlanDeposit: Balance =
		deposit(1, PlanOf::<Runtime>::max_encoded_len() as u32 + key(4));
	/// The coverage and its member-index entry.
	pub CoverageDeposit: Balance = deposit(
		2,
		CoverageOf::<Runtime>::max_encoded_len() as u32 + key(8) + account_key(8),
	);
	/// A contract version and its period; with the first, the contract, its parties-index entry
	/// and its list of periods.
	pub ContractDeposit: Balance = deposit(
		4,
		ContractTermsOf::<Runtime>::max_encoded_len() as u32 + key(4) + 4
			+ NetworkContract::max_encoded_len() as u32 + key(4)
			+ 4 + key(4) + 8 + 4
			+ key(4) + 4 + 16 * MAX_CONTRACT_VERSIONS,
	);
	/// The request and its open-list entry.
	pub PriorAuthDeposit: Balance =
		deposit(2, PriorAuthOf::<Runtime>::max_encoded_len() as u32 + key(8) + key(4) + 8 + 8 + 8);
	/// Everything a claim may come to keep: the claim, its duplicate-index, member-index and
	/// open-list entries, its adjudication and its appeal.
	pub ClaimDeposit: Balance = deposit(
		6,
		ClaimOf::<Runtime>::max_encoded_len() as u32 + key(8)
			+ 32 + 32 + 8
			+ account_key(8)
			+ key(4) + 8 + 8 + 8
			+ AdjudicationOf::<Runtime>::max_encoded_len() as u32 + key(8)
			+ AppealOf::<Runtime>::max_encoded_len() as u32 + key(8),
	);
	/// A deterrent against frivolous appeals, returned when the appeal is decided (the claim's
	/// deposit pays for the appeal's storage).
	pub AppealDeposit: Balance = deposit(1, AppealOf::<Runtime>::max_encoded_len() as u32);
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
	type BenchmarkHelper = ClaimsBenchmarkHelper;
}

/// Grants payment consent through the consent pallet's own call, funds accounts in the payment
/// asset and moves the clock, for the claims benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct ClaimsBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_claims::BenchmarkHelper<crate::AccountId, u32, Balance> for ClaimsBenchmarkHelper {
	fn grant_payment_consent(member: &crate::AccountId, insurer: pallet_claims::InstitutionId) {
		super::consent::grant_for_benchmarks(
			member,
			pallet_consent::Grantee::Institution(insurer),
			pallet_consent::Purpose::Payment,
		);
	}

	fn fund(asset: u32, who: &crate::AccountId, amount: Balance) {
		use frame_support::traits::fungibles::{Create, Inspect, Mutate};
		if !Assets::asset_exists(asset) {
			<Assets as Create<crate::AccountId>>::create(
				asset,
				super::monetary::AssetsAdmin::get(),
				true,
				1,
			)
			.expect("a new asset id");
		}
		<Assets as Mutate<crate::AccountId>>::mint_into(asset, who, amount)
			.expect("the payment asset mints");
	}

	fn set_now(now: Moment) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}
