//! # Claims: medical billing and contracts
//!
//! Billing is where healthcare loses the most to disputes, delays, and duplicate or fraudulent
//! claims. A shared ledger helps only if the rules both sides agreed to are applied the same way
//! for everyone, on the clock: here the contracts are on chain, adjudication is computed on
//! chain from them, and the clocks are the chain's. The data follow the FHIR financial module
//! and, where it speaks, X12 837/835/278 practice.
//!
//! - **Plans** (FHIR InsurancePlan): staff of a verified insurer publish a plan: terms hash and
//!   pointer, the services covered (CPT/HCPCS codes, their class, whether they need prior
//!   authorisation), deductible, coinsurance, co-pays by class, out-of-pocket maximum, plan year
//!   and whether an undecided prior authorisation is deemed approved at its deadline. Terms never
//!   change; a plan can be retired from new enrolment.
//! - **Coverage** (FHIR Coverage): the insurer offers coverage to a member, or the member (or a
//!   guardian) requests it; the other side accepts. Either side ends it with
//!   [`Config::CoverageNotice`]. Eligibility is checked against it.
//! - **Provider contracts** (FHIR Contract): an insurer and a provider institution (hospital,
//!   clinic, laboratory, pharmacy) both sign a fee schedule with an effective period and a
//!   prompt-pay interest rate. Amendments are new versions, proposed by either side and signed
//!   by the other; a new proposal replaces one not yet signed.
//! - **Prior authorisation** (X12 278): provider staff ask, under the member's live Payment
//!   consent to the insurer; the insurer decides within 72 hours (urgent) or 7 days (standard,
//!   CMS-0057-F). Past its deadline a request is overdue and, under a plan that says so, deemed
//!   approved.
//! - **Claims** (X12 837): provider staff submit a claim under the member's live Payment consent
//!   to the insurer, for a date the coverage covers, from a provider in network on that date. The
//!   same provider, member, service date and lines cannot be claimed twice; a replacement
//!   (frequency code 7) or a void (code 8) names an unpaid claim.
//! - **Adjudication** (X12 835, FHIR ExplanationOfBenefit) is computed, not asserted: each line's
//!   allowed amount from the fee schedule in force on the service date, the member's share from
//!   the plan's cost sharing and the plan year's accumulators (`primitives::billing`); services
//!   needing prior authorisation without an approved one are denied (CARC 197). The insurer may
//!   deny or reduce a line only with a CARC. Adjudication pays the provider from the insurer's
//!   funded payer account in the same call, with prompt-pay interest past the 30-day clean-claim
//!   deadline; the member's share is an open balance anyone may pay.
//! - **Appeals**: the provider or the member appeals a denial or reduction within
//!   [`Config::AppealWindow`]; the insurer decides within [`Config::AppealDecisionPeriod`]. An
//!   upheld (or overdue) appeal may go to external review, decided by an authority that oversees
//!   insurers in the insurer's jurisdiction; its decision binds and is paid at once.
//!
//! Adjudication reads the claim, its coverage, plan, contract version, prior authorisation and
//! one plan year's accumulators, never the member's or insurer's other claims, so its cost does
//! not grow with history. Insurers' CMS-0057-F metrics (decision counts, median and 90th
//! percentile decision times, overdue counts) are kept as the decisions are made.
//!
//! Claims, adjudications, plans and contracts are a permanent financial record: their deposits
//! stay held. A coverage proposal withdrawn or declined, a contract proposal replaced and an
//! appeal decided return theirs.
//!
//! The `do_*` functions live in `features/`, one file per concern; the data in `types.rs`; the
//! queries behind the runtime API and the storage invariants in `impls.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
use healthchain_primitives::{consent::ConsentFixtures, credentials::CredentialFixtures};
use polkadot_sdk::{
	frame_support::{
		traits::{fungible, fungibles},
		BoundedVec,
	},
	frame_system,
};

/// The balance type of the deposit currency (the native token).
pub type DepositOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// The balance type of the payment asset: every amount billed, allowed and paid.
pub type AmountOf<T> =
	<<T as Config>::Assets as fungibles::Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// The id type of the runtime's assets.
pub type AssetIdOf<T> =
	<<T as Config>::Assets as fungibles::Inspect<<T as frame_system::Config>::AccountId>>::AssetId;
/// A document pointer as this runtime bounds it.
pub type PointerOf<T> = BoundedVec<u8, <T as Config>::MaxPointerLen>;
/// A plan's covered services.
pub type ServicesOf<T> = BoundedVec<CoveredService, <T as Config>::MaxPlanServices>;
/// A plan's co-pays, one per class at most.
pub type CopaysOf<T> =
	BoundedVec<Copay<AmountOf<T>>, polkadot_sdk::frame_support::traits::ConstU32<SERVICE_CLASSES>>;
/// A contract's fee schedule.
pub type FeeScheduleOf<T> = BoundedVec<Fee<AmountOf<T>>, <T as Config>::MaxFeeSchedule>;
/// The services a prior authorisation asks for: code and units.
pub type RequestedServicesOf<T> = BoundedVec<(ServiceCode, u32), <T as Config>::MaxLines>;
/// The services of a stored prior authorisation.
pub type AuthorisedServicesOf<T> = BoundedVec<AuthorisedService, <T as Config>::MaxLines>;
/// Units approved, one per service asked for.
pub type ApprovedUnitsOf<T> = BoundedVec<u32, <T as Config>::MaxLines>;
/// Record references.
pub type RecordsOf<T> = BoundedVec<RecordId, <T as Config>::MaxRecordRefs>;
/// A claim's lines.
pub type LinesOf<T> = BoundedVec<ClaimLine<AmountOf<T>>, <T as Config>::MaxLines>;
/// A claim's diagnoses.
pub type DiagnosesOf<T> = BoundedVec<DiagnosisCode, <T as Config>::MaxDiagnoses>;
/// The insurer's decisions on a claim's lines.
pub type LineDecisionsOf<T> = BoundedVec<LineDecision<AmountOf<T>>, <T as Config>::MaxLines>;
/// A claim's adjudicated lines.
pub type AdjudicatedLinesOf<T> = BoundedVec<AdjudicatedLine<AmountOf<T>>, <T as Config>::MaxLines>;
/// A plan as this runtime stores it.
pub type PlanOf<T> = Plan<
	<T as frame_system::Config>::AccountId,
	AmountOf<T>,
	DepositOf<T>,
	PointerOf<T>,
	ServicesOf<T>,
	CopaysOf<T>,
>;
/// A coverage as this runtime stores it.
pub type CoverageOf<T> = Coverage<<T as frame_system::Config>::AccountId, DepositOf<T>>;
/// A contract version as this runtime stores it.
pub type ContractTermsOf<T> =
	ContractTerms<<T as frame_system::Config>::AccountId, DepositOf<T>, FeeScheduleOf<T>>;
/// A prior authorisation as this runtime stores it.
pub type PriorAuthOf<T> = PriorAuth<
	<T as frame_system::Config>::AccountId,
	DepositOf<T>,
	AuthorisedServicesOf<T>,
	RecordsOf<T>,
>;
/// A claim as this runtime stores it.
pub type ClaimOf<T> = Claim<
	<T as frame_system::Config>::AccountId,
	DepositOf<T>,
	LinesOf<T>,
	DiagnosesOf<T>,
	RecordsOf<T>,
>;
/// An adjudication as this runtime stores it.
pub type AdjudicationOf<T> =
	Adjudication<<T as frame_system::Config>::AccountId, AmountOf<T>, AdjudicatedLinesOf<T>>;
/// An appeal as this runtime stores it.
pub type AppealOf<T> = Appeal<<T as frame_system::Config>::AccountId, DepositOf<T>>;
/// A sample of decision times.
pub type DecisionSampleOf<T> = BoundedVec<Moment, <T as Config>::MaxDecisionSamples>;
/// One claim of an Explanation of Benefits as this runtime stores it.
pub type BenefitExplanationOf<T> = BenefitExplanation<ClaimOf<T>, AdjudicationOf<T>>;

/// How many adjudicated claims of the member (and insurer) the adjudication benchmark puts
/// before the one adjudicated, to show its cost does not grow with them; the call's weight is
/// taken at this top of the range.
pub const HISTORY_BENCHMARKED: u32 = 200;

/// What the benchmarks need from the runtime: institutions and authorities as the credentials
/// pallet keeps them and guardians as the consent pallet keeps them (the shared fixtures), a
/// member's live Payment consent to an insurer, funds in the payment asset, and the clock.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, AssetId, Amount>:
	CredentialFixtures<AccountId> + ConsentFixtures<AccountId>
{
	/// Makes `member` grant `insurer` a live consent for payment, which prior-authorisation
	/// requests and claims for the member need.
	fn grant_payment_consent(member: &AccountId, insurer: InstitutionId);

	/// Makes sure the payment asset exists, and gives `who` `amount` of it, so that payments
	/// (a payer's funding, a claim's payment) can be made in it.
	fn fund(asset: AssetId, who: &AccountId, amount: Amount);

	/// Sets the chain's clock to `now`, so that deadlines can pass.
	fn set_now(now: Moment);
}

// Calls take their fields one by one, as clients send them.
#[allow(clippy::too_many_arguments)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use healthchain_primitives::{consent::ConsentInspect, credentials::CredentialsInspect};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{
				fungible::{Mutate, MutateHold},
				fungibles, Time,
			},
			PalletId,
		},
		frame_system::pallet_prelude::*,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Holds the deposits of plans, coverage, contracts, prior authorisations, claims and
		/// appeals (the native token).
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The assets claims are paid in.
		type Assets: fungibles::Mutate<Self::AccountId>;

		/// The asset claims are paid in: every amount billed, allowed and paid is in it.
		#[pallet::constant]
		type PaymentAsset: Get<AssetIdOf<Self>>;

		/// Derives each insurer's payer account, which the pallet alone moves funds out of.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The chain's clock (milliseconds since the Unix epoch): service dates, deadlines and
		/// decision times.
		type Time: Time<Moment = Moment>;

		/// Who acts for which verified institution with a live credential, which authority
		/// oversees insurers where (the credentials pallet in the runtime).
		type Credentials: CredentialsInspect<Self::AccountId>;

		/// Whether a member holds a live Payment consent to an insurer, and who is whose
		/// guardian (the consent pallet in the runtime).
		type Consent: ConsentInspect<Self::AccountId>;

		/// Deposit for a plan, held from its publisher.
		#[pallet::constant]
		type PlanDeposit: Get<DepositOf<Self>>;

		/// Deposit for a coverage, held from its proposer.
		#[pallet::constant]
		type CoverageDeposit: Get<DepositOf<Self>>;

		/// Deposit for a contract version, held from its proposer.
		#[pallet::constant]
		type ContractDeposit: Get<DepositOf<Self>>;

		/// Deposit for a prior-authorisation request, held from the requester.
		#[pallet::constant]
		type PriorAuthDeposit: Get<DepositOf<Self>>;

		/// Deposit for a claim, held from its submitter.
		#[pallet::constant]
		type ClaimDeposit: Get<DepositOf<Self>>;

		/// Deposit for an appeal, held from the appellant until it is decided.
		#[pallet::constant]
		type AppealDeposit: Get<DepositOf<Self>>;

		/// How long an insurer has to decide an urgent prior authorisation (72 hours under
		/// CMS-0057-F), in milliseconds.
		#[pallet::constant]
		type UrgentPriorAuthPeriod: Get<Moment>;

		/// How long an insurer has to decide a standard prior authorisation (7 calendar days
		/// under CMS-0057-F), in milliseconds.
		#[pallet::constant]
		type StandardPriorAuthPeriod: Get<Moment>;

		/// How long after its approval (or deemed approval) a prior authorisation covers
		/// services, in milliseconds.
		#[pallet::constant]
		type PriorAuthValidity: Get<Moment>;

		/// The clean-claim window: how long an insurer has to adjudicate a claim before
		/// prompt-pay interest runs (30 days), in milliseconds.
		#[pallet::constant]
		type CleanClaimPeriod: Get<Moment>;

		/// How long after adjudication a denial or reduction may be appealed (180 days under the
		/// ACA), in milliseconds.
		#[pallet::constant]
		type AppealWindow: Get<Moment>;

		/// How long an insurer has to decide an appeal, in milliseconds.
		#[pallet::constant]
		type AppealDecisionPeriod: Get<Moment>;

		/// How long after the insurer's decision (or its deadline) external review may be
		/// requested (4 months under the ACA), in milliseconds.
		#[pallet::constant]
		type ExternalReviewWindow: Get<Moment>;

		/// The notice either side gives to end an active coverage, in milliseconds.
		#[pallet::constant]
		type CoverageNotice: Get<Moment>;

		/// The most services a plan may cover.
		#[pallet::constant]
		type MaxPlanServices: Get<u32>;

		/// The most entries a contract's fee schedule may have.
		#[pallet::constant]
		type MaxFeeSchedule: Get<u32>;

		/// The most versions both sides may sign of one contract.
		#[pallet::constant]
		type MaxContractVersions: Get<u32>;

		/// The most lines of a claim, and services of a prior authorisation.
		#[pallet::constant]
		type MaxLines: Get<u32>;

		/// The most diagnoses of a claim.
		#[pallet::constant]
		type MaxDiagnoses: Get<u32>;

		/// The most record references of a claim or prior authorisation.
		#[pallet::constant]
		type MaxRecordRefs: Get<u32>;

		/// The longest document pointer (CID or URI), in bytes.
		#[pallet::constant]
		type MaxPointerLen: Get<u32>;

		/// How many of an insurer's latest decision times of each kind are kept for its
		/// published median and 90th percentile.
		#[pallet::constant]
		type MaxDecisionSamples: Get<u32>;

		/// Who sets the regulatory clocks (the constants above are their defaults).
		type ClockOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up institutions, authorities, consent, guardians, funds and the clock for the
		/// benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, AssetIdOf<Self>, AmountOf<Self>>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A plan, coverage, contract version, prior authorisation, claim or appeal.
		ClaimsDeposit,
	}

	/// The regulatory clocks governance set, if it changed them from the configured defaults.
	#[pallet::storage]
	pub type ClockSettings<T> = StorageValue<_, Clocks>;

	/// Every published plan.
	#[pallet::storage]
	pub type Plans<T: Config> = StorageMap<_, Twox64Concat, PlanId, PlanOf<T>>;

	/// The id the next plan gets.
	#[pallet::storage]
	pub type NextPlanId<T> = StorageValue<_, PlanId, ValueQuery>;

	/// Every coverage, proposed or active.
	#[pallet::storage]
	pub type Coverages<T: Config> = StorageMap<_, Twox64Concat, CoverageId, CoverageOf<T>>;

	/// The id the next coverage gets.
	#[pallet::storage]
	pub type NextCoverageId<T> = StorageValue<_, CoverageId, ValueQuery>;

	/// Each member's coverages, for eligibility.
	#[pallet::storage]
	pub type MemberCoverages<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, CoverageId, ()>;

	/// What each member has paid in each plan year of a coverage.
	#[pallet::storage]
	pub type YearAccumulators<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		CoverageId,
		Twox64Concat,
		PlanYear,
		Accumulators<AmountOf<T>>,
		ValueQuery,
	>;

	/// Every network contract.
	#[pallet::storage]
	pub type Contracts<T> = StorageMap<_, Twox64Concat, ContractId, NetworkContract>;

	/// The id the next contract gets.
	#[pallet::storage]
	pub type NextContractId<T> = StorageValue<_, ContractId, ValueQuery>;

	/// The contract between each insurer and provider: one per pair.
	#[pallet::storage]
	pub type ContractByParties<T> =
		StorageDoubleMap<_, Twox64Concat, InstitutionId, Twox64Concat, InstitutionId, ContractId>;

	/// The service-date period of each signed version of each contract, in version order: the
	/// version in force on a date is found here, so only that version's fee schedule is read.
	#[pallet::storage]
	pub type ContractPeriods<T: Config> = StorageMap<
		_,
		Twox64Concat,
		ContractId,
		BoundedVec<(Moment, Moment), <T as Config>::MaxContractVersions>,
		ValueQuery,
	>;

	/// Each contract's versions: the signed ones numbered from 0, and at most one proposal
	/// waiting for signature after them.
	#[pallet::storage]
	pub type ContractVersions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ContractId, Twox64Concat, u32, ContractTermsOf<T>>;

	/// Every prior-authorisation request.
	#[pallet::storage]
	pub type PriorAuths<T: Config> = StorageMap<_, Twox64Concat, PriorAuthId, PriorAuthOf<T>>;

	/// The id the next prior authorisation gets.
	#[pallet::storage]
	pub type NextPriorAuthId<T> = StorageValue<_, PriorAuthId, ValueQuery>;

	/// Each insurer's undecided prior authorisations, with their deadlines.
	#[pallet::storage]
	pub type OpenPriorAuths<T> =
		StorageDoubleMap<_, Twox64Concat, InstitutionId, Twox64Concat, PriorAuthId, Moment>;

	/// Every claim.
	#[pallet::storage]
	pub type ClaimEntries<T: Config> = StorageMap<_, Twox64Concat, ClaimId, ClaimOf<T>>;

	/// The id the next claim gets.
	#[pallet::storage]
	pub type NextClaimId<T> = StorageValue<_, ClaimId, ValueQuery>;

	/// The live claim with each fingerprint (provider, member, service date, lines): a second
	/// claim with the same one is a duplicate.
	#[pallet::storage]
	pub type ClaimFingerprints<T> = StorageMap<_, Identity, Hash32, ClaimId>;

	/// Each member's claims, for their Explanation of Benefits.
	#[pallet::storage]
	pub type MemberClaims<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, ClaimId, ()>;

	/// Each insurer's unadjudicated claims, with their clean-claim deadlines.
	#[pallet::storage]
	pub type OpenClaims<T> =
		StorageDoubleMap<_, Twox64Concat, InstitutionId, Twox64Concat, ClaimId, Moment>;

	/// Each adjudicated claim's adjudication and payment.
	#[pallet::storage]
	pub type Adjudications<T: Config> = StorageMap<_, Twox64Concat, ClaimId, AdjudicationOf<T>>;

	/// The appeal of each appealed claim.
	#[pallet::storage]
	pub type Appeals<T: Config> = StorageMap<_, Twox64Concat, ClaimId, AppealOf<T>>;

	/// Each insurer's undecided appeals, with their deadlines.
	#[pallet::storage]
	pub type OpenAppeals<T> =
		StorageDoubleMap<_, Twox64Concat, InstitutionId, Twox64Concat, ClaimId, Moment>;

	/// What each insurer's payer account has been paid, and has paid out.
	#[pallet::storage]
	pub type PayerLedgers<T: Config> =
		StorageMap<_, Twox64Concat, InstitutionId, PayerLedger<AmountOf<T>>, ValueQuery>;

	/// Each insurer's decisions by kind and outcome (CMS-0057-F).
	#[pallet::storage]
	pub type Decisions<T> = StorageMap<_, Twox64Concat, InstitutionId, PayerDecisions, ValueQuery>;

	/// Each insurer's latest decision times of each kind, oldest first.
	#[pallet::storage]
	pub type DecisionSamples<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		InstitutionId,
		Twox64Concat,
		DecisionKind,
		DecisionSampleOf<T>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance set the regulatory clocks (`None`: back to the configured defaults).
		ClocksSet { clocks: Option<Clocks> },
		/// An insurer published a plan.
		PlanPublished { plan: PlanId, insurer: InstitutionId, terms_hash: Hash32 },
		/// An insurer retired a plan from new enrolment.
		PlanRetired { plan: PlanId },
		/// One side proposed coverage under a plan.
		CoverageProposed {
			coverage: CoverageId,
			plan: PlanId,
			member: T::AccountId,
			by: Party,
			start: Moment,
			end: Moment,
		},
		/// The other side accepted: the coverage is in force.
		CoverageAccepted { coverage: CoverageId, by: Party },
		/// A coverage proposal was withdrawn or declined.
		CoverageProposalDropped { coverage: CoverageId, by: Party },
		/// One side ended a coverage; it covers nothing from `end`.
		CoverageEnded { coverage: CoverageId, by: Party, end: Moment },
		/// One side proposed a contract version.
		ContractProposed {
			contract: ContractId,
			version: u32,
			insurer: InstitutionId,
			provider: InstitutionId,
			by: Party,
		},
		/// A proposal not yet signed was replaced by a new one.
		ContractProposalReplaced { contract: ContractId, version: u32 },
		/// The other side signed a contract version: it is in force over its period.
		ContractSigned { contract: ContractId, version: u32 },
		/// A provider asked for prior authorisation.
		PriorAuthRequested {
			prior_auth: PriorAuthId,
			insurer: InstitutionId,
			provider: InstitutionId,
			urgent: bool,
			due: Moment,
		},
		/// The insurer decided a prior authorisation.
		PriorAuthDecided { prior_auth: PriorAuthId, outcome: PriorAuthOutcome, late: bool },
		/// A provider submitted a claim.
		ClaimSubmitted {
			claim: ClaimId,
			insurer: InstitutionId,
			provider: InstitutionId,
			replaces: Option<ClaimId>,
			due: Moment,
		},
		/// A provider voided an unpaid claim (frequency code 8).
		ClaimVoided { claim: ClaimId },
		/// The insurer adjudicated a claim and paid the provider.
		ClaimAdjudicated {
			claim: ClaimId,
			payer_paid: AmountOf<T>,
			interest: AmountOf<T>,
			member_share: AmountOf<T>,
			days_late: u32,
		},
		/// Someone paid toward a member's share of a claim.
		MemberSharePaid { claim: ClaimId, payer: T::AccountId, amount: AmountOf<T> },
		/// Someone paid into an insurer's payer account.
		PayerFunded { insurer: InstitutionId, from: T::AccountId, amount: AmountOf<T> },
		/// An insurer took funds out of its payer account, to its admin account.
		PayerFundsWithdrawn { insurer: InstitutionId, amount: AmountOf<T> },
		/// The provider or member appealed a claim's denials or reductions.
		ClaimAppealed { claim: ClaimId, by: Party, due: Moment },
		/// The insurer decided an appeal; if overturned, `paid` more went to the provider.
		AppealDecided { claim: ClaimId, overturned: bool, paid: AmountOf<T> },
		/// The appellant asked for external review.
		ExternalReviewRequested { claim: ClaimId },
		/// An external reviewer decided; if overturned, `paid` more went to the provider.
		ExternalReviewDecided {
			claim: ClaimId,
			reviewer: T::AccountId,
			overturned: bool,
			paid: AmountOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only staff acting for a verified insurer with a live credential may do this.
		NotInsurerStaff,
		/// Only staff acting for a verified hospital, clinic, laboratory or pharmacy with a
		/// live credential may do this.
		NotProviderStaff,
		/// Only the member or their guardian may do this.
		NotMemberOrGuardian,
		/// A pointer must be a CID, or an `ipfs`, `ar` or `https` URI without query, fragment or
		/// user information (see `healthchain_primitives::pointer`).
		MalformedPointer,
		/// A service code is not a CPT or HCPCS Level II code.
		MalformedServiceCode,
		/// A diagnosis code is not an ICD-10-CM code.
		MalformedDiagnosisCode,
		/// A reason code is not a CARC.
		MalformedReasonCode,
		/// A list must be sorted with no entry twice (services and fees by code, co-pays by
		/// class).
		NotSortedOrDuplicate,
		/// A plan must cover at least one service, a contract price at least one.
		NothingListed,
		/// The out-of-pocket maximum is below the deductible.
		MaximumBelowDeductible,
		/// Every id of this kind has been handed out.
		NoIdsLeft,
		/// No plan has this id.
		UnknownPlan,
		/// The plan takes no new members.
		PlanRetired,
		/// A period must end after it starts.
		EmptyPeriod,
		/// Coverage cannot start before the plan's first year.
		BeforePlanStart,
		/// No coverage has this id.
		UnknownCoverage,
		/// The coverage is not waiting for this side's acceptance.
		NotAwaitingYou,
		/// The coverage is already active.
		AlreadyActive,
		/// The coverage is not active.
		CoverageNotActive,
		/// The coverage has already ended, or will end sooner than the notice allows.
		AlreadyEnding,
		/// The coverage does not cover the service date.
		NotCovered,
		/// The institution is not a verified insurer.
		NotAnInsurer,
		/// The institution is not a verified hospital, clinic, laboratory or pharmacy.
		NotAProvider,
		/// No contract has this id.
		UnknownContract,
		/// Only staff acting for the contract's insurer or provider may do this.
		NotContractParty,
		/// No proposal of this version waits for signature.
		NoSuchProposal,
		/// The proposer signs its own proposal already; the other side must sign.
		OwnProposal,
		/// The contract has as many signed versions as it may.
		TooManyVersions,
		/// No signed contract version between the insurer and the provider is in force on the
		/// service date.
		OutOfNetwork,
		/// The member holds no live Payment consent to the insurer.
		NoPaymentConsent,
		/// A prior authorisation asks for no units of a service.
		ZeroUnits,
		/// No prior authorisation has this id.
		UnknownPriorAuth,
		/// The prior authorisation is already decided.
		AlreadyDecided,
		/// One approved count per service asked for, none above what was asked.
		BadApproval,
		/// A partial approval or denial needs a reason code; a full approval takes none.
		ReasonMismatch,
		/// The prior authorisation is not this claim's member's, coverage's and provider's.
		PriorAuthMismatch,
		/// A claim needs at least one line and one diagnosis.
		EmptyClaim,
		/// A claim line bills no units.
		ZeroUnitsBilled,
		/// The service date is in the future.
		FutureServiceDate,
		/// The same provider, member, service date and lines are already claimed.
		DuplicateClaim,
		/// No claim has this id.
		UnknownClaim,
		/// The claim has been adjudicated, voided or replaced.
		NotOpen,
		/// Only the claim's own provider may replace or void it.
		NotClaimsProvider,
		/// A replacement must be for the same member and coverage as the claim it replaces.
		ReplacementMismatch,
		/// One decision per claim line.
		DecisionCountMismatch,
		/// A reduction must allow less than the contract does.
		NotAReduction,
		/// The payer account cannot pay this.
		InsufficientFunds,
		/// The institution has no admin account to pay.
		NoPayee,
		/// The claim has not been adjudicated.
		NotAdjudicated,
		/// Nothing is left of the member's share.
		NothingOwed,
		/// The payment exceeds what is left of the member's share.
		Overpayment,
		/// An amount must be more than zero.
		ZeroAmount,
		/// Nothing in the adjudication was denied or reduced.
		NothingToAppeal,
		/// The appeal window has closed.
		AppealWindowClosed,
		/// The claim is already appealed.
		AlreadyAppealed,
		/// No appeal of this claim.
		NoAppeal,
		/// The appeal is not waiting for this decision.
		AppealNotPending,
		/// External review follows an upheld appeal, or one the insurer left past its deadline.
		ExternalReviewNotOpen,
		/// Only an authority overseeing insurers in the insurer's jurisdiction may decide an
		/// external review.
		NotPayerOverseer,
		/// Every clock must run at least a millisecond.
		ZeroPeriod,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Publish a coverage plan for `insurer`: its terms (hash and pointer), cost sharing,
		/// co-pays (sorted by class), covered services (sorted by code, each with its class and
		/// whether it needs prior authorisation), the start of its first plan year and whether
		/// an undecided prior authorisation is deemed approved at its deadline. The caller acts
		/// for the insurer and holds [`Config::PlanDeposit`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::publish_plan())]
		pub fn publish_plan(
			origin: OriginFor<T>,
			insurer: InstitutionId,
			terms_hash: Hash32,
			terms_pointer: PointerOf<T>,
			cost_sharing: CostSharing<AmountOf<T>>,
			copays: CopaysOf<T>,
			services: ServicesOf<T>,
			year_start: Moment,
			deemed_approval: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_plan(
				who,
				insurer,
				terms_hash,
				terms_pointer,
				cost_sharing,
				copays,
				services,
				year_start,
				deemed_approval,
			)
		}

		/// Close a plan to new coverage; coverage already accepted runs on. The caller acts for
		/// the plan's insurer.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::retire_plan())]
		pub fn retire_plan(origin: OriginFor<T>, plan: PlanId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire_plan(who, plan)
		}

		/// Offer `member` coverage under a plan over `[start, end)`; the member (or a guardian)
		/// accepts it. The caller acts for the plan's insurer and holds
		/// [`Config::CoverageDeposit`] until the offer is withdrawn or declined.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::offer_coverage())]
		pub fn offer_coverage(
			origin: OriginFor<T>,
			plan: PlanId,
			member: T::AccountId,
			start: Moment,
			end: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_coverage(who, Party::Insurer, plan, member, start, end)
		}

		/// Ask to enrol `member` (the caller, or a patient the caller is guardian of) in a plan
		/// over `[start, end)`; the insurer accepts. The caller holds
		/// [`Config::CoverageDeposit`] until the request is withdrawn or declined.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::request_coverage())]
		pub fn request_coverage(
			origin: OriginFor<T>,
			plan: PlanId,
			member: T::AccountId,
			start: Moment,
			end: Moment,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_coverage(who, Party::Member, plan, member, start, end)
		}

		/// Accept a coverage the other side proposed: the member (or a guardian) accepts an
		/// offer, the insurer's staff an enrolment request. It is in force from then on.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::accept_coverage())]
		pub fn accept_coverage(origin: OriginFor<T>, coverage: CoverageId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_coverage(who, coverage)
		}

		/// Withdraw (as proposer's side) or decline (as the other side) a coverage not yet
		/// accepted; the proposer's deposit is returned.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::drop_coverage_proposal())]
		pub fn drop_coverage_proposal(
			origin: OriginFor<T>,
			coverage: CoverageId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_drop_coverage_proposal(who, coverage)
		}

		/// End an active coverage: it covers nothing from [`Config::CoverageNotice`] after now
		/// (or its own end, if sooner). The member (or a guardian) or the insurer's staff.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::end_coverage())]
		pub fn end_coverage(origin: OriginFor<T>, coverage: CoverageId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_end_coverage(who, coverage)
		}

		/// Propose a network contract between `insurer` and `provider`, or an amendment of
		/// theirs: the fee schedule (sorted by code), the service dates it applies to and the
		/// prompt-pay interest rate. The caller acts for one side, which thereby signs; the
		/// other side signs with [`Pallet::sign_contract`]. A proposal not yet signed is replaced.
		/// The caller holds [`Config::ContractDeposit`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::propose_contract())]
		pub fn propose_contract(
			origin: OriginFor<T>,
			insurer: InstitutionId,
			provider: InstitutionId,
			fee_schedule: FeeScheduleOf<T>,
			effective_from: Moment,
			effective_to: Moment,
			prompt_pay_rate: polkadot_sdk::sp_runtime::Permill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_propose_contract(
				who,
				insurer,
				provider,
				fee_schedule,
				effective_from,
				effective_to,
				prompt_pay_rate,
			)
		}

		/// Sign the proposed `version` of a contract as the side that did not propose it: it
		/// is in force over its period from now.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::sign_contract())]
		pub fn sign_contract(
			origin: OriginFor<T>,
			contract: ContractId,
			version: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_sign_contract(who, contract, version)
		}

		/// Ask the insurer to authorise services (code and units each) for a member under an
		/// active coverage, supported by records, urgent or standard. The caller acts for
		/// `provider`; the member must hold a live Payment consent to the insurer. The caller
		/// holds [`Config::PriorAuthDeposit`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::request_prior_auth())]
		pub fn request_prior_auth(
			origin: OriginFor<T>,
			coverage: CoverageId,
			provider: InstitutionId,
			services: RequestedServicesOf<T>,
			supporting: RecordsOf<T>,
			urgent: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_prior_auth(who, coverage, provider, services, supporting, urgent)
		}

		/// Decide a prior authorisation: the units approved for each service asked for, and the
		/// reason code when not all are. The caller acts for the insurer. A decision after the
		/// deadline is counted late.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::decide_prior_auth())]
		pub fn decide_prior_auth(
			origin: OriginFor<T>,
			prior_auth: PriorAuthId,
			approved: ApprovedUnitsOf<T>,
			reason: Option<ReasonCode>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_prior_auth(who, prior_auth, approved, reason)
		}

		/// Submit a claim for an encounter on `service_date` under an active coverage: lines
		/// (code, units, charge), diagnoses (principal first), the prior authorisation relied
		/// on and the encounter's records. An original, or the replacement of an unpaid claim of
		/// the same provider, member and coverage. The caller acts for `provider`, which must be
		/// in network on the service date; the member must hold a live Payment consent to the
		/// insurer. The caller holds [`Config::ClaimDeposit`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::submit_claim())]
		pub fn submit_claim(
			origin: OriginFor<T>,
			coverage: CoverageId,
			provider: InstitutionId,
			service_date: Moment,
			lines: LinesOf<T>,
			diagnoses: DiagnosesOf<T>,
			prior_auth: Option<PriorAuthId>,
			records: RecordsOf<T>,
			frequency: Frequency,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_claim(
				who,
				coverage,
				provider,
				service_date,
				lines,
				diagnoses,
				prior_auth,
				records,
				frequency,
			)
		}

		/// Void a claim not yet adjudicated (frequency code 8). The caller acts for its
		/// provider.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::void_claim())]
		pub fn void_claim(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_void_claim(who, claim)
		}

		/// Adjudicate a claim, one decision per line (pay; reduce, with a reason code; deny,
		/// with a reason code), and pay the provider from the insurer's payer account at once,
		/// with prompt-pay interest if past the clean-claim deadline. The amounts are computed
		/// from the contract, the plan and the member's plan year. The caller acts for the
		/// insurer.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::adjudicate_claim(HISTORY_BENCHMARKED))]
		pub fn adjudicate_claim(
			origin: OriginFor<T>,
			claim: ClaimId,
			decisions: LineDecisionsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_adjudicate_claim(who, claim, decisions)
		}

		/// Pay `amount` of the payment asset into an insurer's payer account. Anyone may.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::fund_payer())]
		pub fn fund_payer(
			origin: OriginFor<T>,
			insurer: InstitutionId,
			amount: AmountOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_fund_payer(who, insurer, amount)
		}

		/// Move `amount` out of an insurer's payer account to the insurer's admin account. The
		/// caller acts for the insurer.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::withdraw_payer_funds())]
		pub fn withdraw_payer_funds(
			origin: OriginFor<T>,
			insurer: InstitutionId,
			amount: AmountOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_payer_funds(who, insurer, amount)
		}

		/// Pay `amount` toward the member's open share of an adjudicated claim, to the
		/// provider's admin account. Anyone may pay for the member.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::pay_member_share())]
		pub fn pay_member_share(
			origin: OriginFor<T>,
			claim: ClaimId,
			amount: AmountOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_pay_member_share(who, claim, amount)
		}

		/// Appeal a claim's denials and reductions within [`Config::AppealWindow`] of its
		/// adjudication, on grounds whose document hashes to `grounds_hash`. The member (or a
		/// guardian), or staff acting for the provider; holds [`Config::AppealDeposit`] until
		/// it is decided.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::appeal_claim())]
		pub fn appeal_claim(
			origin: OriginFor<T>,
			claim: ClaimId,
			grounds_hash: Hash32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_appeal_claim(who, claim, grounds_hash)
		}

		/// Decide an appeal: uphold the adjudication, or overturn its denials and reductions
		/// and pay the provider the difference at once. The caller acts for the insurer.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::decide_appeal())]
		pub fn decide_appeal(
			origin: OriginFor<T>,
			claim: ClaimId,
			overturn: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_appeal(who, claim, overturn)
		}

		/// Send an upheld appeal (or one the insurer left past its deadline) to external review,
		/// within [`Config::ExternalReviewWindow`]. The appellant's side.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::request_external_review())]
		pub fn request_external_review(origin: OriginFor<T>, claim: ClaimId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_request_external_review(who, claim)
		}

		/// Decide an external review: it binds the insurer, and an overturn is paid from its
		/// payer account at once. Only an authority overseeing insurers in the insurer's
		/// jurisdiction.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::decide_external_review())]
		pub fn decide_external_review(
			origin: OriginFor<T>,
			claim: ClaimId,
			overturn: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decide_external_review(who, claim, overturn)
		}

		/// Set the regulatory clocks, or with `None` return to the configured defaults. Only
		/// [`Config::ClockOrigin`]. Due dates already set keep their dates; the windows
		/// (appeal, external review, authorisation validity) follow the clocks in force.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::set_clocks())]
		pub fn set_clocks(origin: OriginFor<T>, clocks: Option<Clocks>) -> DispatchResult {
			T::ClockOrigin::ensure_origin(origin)?;
			Self::do_set_clocks(clocks)
		}
	}
}
