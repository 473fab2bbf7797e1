//! The data the claims pallet keeps, named after the FHIR financial module: plans
//! (InsurancePlan), member coverage (Coverage), provider network contracts (Contract), prior
//! authorisations (Claim with `use = preauthorization` and its ClaimResponse), claims (Claim with
//! `use = claim`), their adjudication (ClaimResponse, ExplanationOfBenefit) and appeals.
//!
//! No personal data: codes (CPT/HCPCS service codes, ICD-10-CM diagnosis codes, CARC reason
//! codes, all bounded ASCII), amounts, hashes, pointers, ids and times.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{traits::ConstU32, BoundedVec},
	sp_runtime::Permill,
};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	billing::{Accumulators, CostSharing, LineShare},
	consent::{Grantee, Purpose},
	credentials::{InstitutionId, InstitutionKind, Role},
	is_well_formed_pointer,
	records::RecordId,
	Moment,
};

/// Identifies a coverage plan.
pub type PlanId = u32;
/// Identifies a member's coverage under a plan.
pub type CoverageId = u64;
/// Identifies the network contract between an insurer and a provider.
pub type ContractId = u32;
/// Identifies a prior-authorisation request.
pub type PriorAuthId = u64;
/// Identifies a claim.
pub type ClaimId = u64;
/// A plan year, counted from the plan's first year (0).
pub type PlanYear = u32;
/// A content hash: of plan terms, an appeal's grounds.
pub type Hash32 = [u8; 32];

pub use healthchain_primitives::time::DAY;
/// A plan year, in milliseconds: 365 days from the plan's year start.
pub const PLAN_YEAR: Moment = 365 * DAY;

/// The kinds of verified institution that bill an insurer for care.
pub const PROVIDER_KINDS: [InstitutionKind; 4] = [
	InstitutionKind::Hospital,
	InstitutionKind::Clinic,
	InstitutionKind::Laboratory,
	InstitutionKind::Pharmacy,
];

/// A billed service: a CPT code (five digits, or four digits and `F`, `T` or `U` for category
/// II and III codes) or a HCPCS Level II code (a letter and four digits), as ASCII.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ServiceCode(pub [u8; 5]);

impl ServiceCode {
	/// Whether the code has the shape of a CPT or HCPCS Level II code.
	pub fn is_well_formed(&self) -> bool {
		let [first, middle @ .., last] = &self.0;
		let digits = |bytes: &[u8]| bytes.iter().all(u8::is_ascii_digit);
		// CPT category I: five digits; category II and III: four digits and F or T; PLA: U.
		(digits(&self.0[..4]) && (last.is_ascii_digit() || matches!(last, b'F' | b'T' | b'U')))
			// HCPCS Level II: a letter and four digits.
			|| (first.is_ascii_uppercase() && digits(middle) && last.is_ascii_digit())
	}
}

/// A diagnosis: an ICD-10-CM code without its dot (`E119` for E11.9), 3 to 7 ASCII characters:
/// a letter, a digit, then digits or letters.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct DiagnosisCode(pub BoundedVec<u8, ConstU32<7>>);

impl DiagnosisCode {
	/// Whether the code has the shape of an ICD-10-CM code.
	pub fn is_well_formed(&self) -> bool {
		match self.0.as_slice() {
			[letter, digit, rest @ ..] if rest.len() <= 5 => {
				!rest.is_empty()
					&& letter.is_ascii_uppercase()
					&& digit.is_ascii_digit()
					&& rest.iter().all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
			},
			_ => false,
		}
	}
}

/// Why a line is denied or paid less: an X12 Claim Adjustment Reason Code (CARC), 1 to 3 ASCII
/// characters: a number from 1 to 299 without leading zeros (`45`, `197`) or a letter and one or
/// two digits (`A1`, `P12`).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct ReasonCode(pub BoundedVec<u8, ConstU32<3>>);

impl ReasonCode {
	/// CARC 204: "This service/equipment/drug is not covered under the patient's current
	/// benefit plan".
	pub fn not_covered() -> Self {
		Self::from_ascii(b"204")
	}

	/// CARC 197: "Precertification/notification/authorization/pre-treatment absent".
	pub fn authorization_absent() -> Self {
		Self::from_ascii(b"197")
	}

	/// CARC 96: "Non-covered charge(s)": the contract sets no rate for the service.
	pub fn no_contract_rate() -> Self {
		Self::from_ascii(b"96")
	}

	/// CARC 198: "Precertification/notification/authorization/pre-treatment exceeded".
	pub fn authorization_exceeded() -> Self {
		Self::from_ascii(b"198")
	}

	/// The code of these characters (cut at three).
	pub fn from_ascii(code: &[u8]) -> Self {
		Self(BoundedVec::truncate_from(code.to_vec()))
	}

	/// Whether the code has the shape of a CARC.
	pub fn is_well_formed(&self) -> bool {
		match self.0.as_slice() {
			[] => false,
			digits if digits.iter().all(u8::is_ascii_digit) => {
				digits[0] != b'0'
					&& digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) <= 299
			},
			[letter, digits @ ..] => {
				letter.is_ascii_uppercase()
					&& (1..=2).contains(&digits.len())
					&& digits.iter().all(u8::is_ascii_digit)
			},
		}
	}
}

/// The classes of service a plan sets co-pays for (the benefit categories of a US summary of
/// benefits, FHIR InsurancePlan.plan.specificCost.category).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ServiceClass {
	/// Preventive care: screenings, immunisations, wellness visits.
	Preventive,
	/// A primary-care visit.
	PrimaryCare,
	/// A specialist visit.
	Specialist,
	/// Urgent care.
	UrgentCare,
	/// An emergency-room visit.
	Emergency,
	/// Inpatient hospital services.
	Inpatient,
	/// Outpatient procedures.
	Outpatient,
	/// Laboratory tests.
	Laboratory,
	/// Imaging.
	Imaging,
	/// Prescription drugs.
	Pharmacy,
}

/// The number of service classes: bounds a plan's co-pay list.
pub const SERVICE_CLASSES: u32 = 10;

/// The regulatory clocks, in milliseconds. Governance sets them (regulations change: CMS-0057-F
/// cut the standard prior-authorisation clock from 14 days to 7); a change applies to requests,
/// claims and appeals made after it, whose deadlines are fixed when they are made.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Clocks {
	/// How long an insurer has to decide an urgent prior authorisation.
	pub urgent_prior_auth: Moment,
	/// How long an insurer has to decide a standard prior authorisation.
	pub standard_prior_auth: Moment,
	/// How long after its approval (or deemed approval) a prior authorisation covers services.
	pub prior_auth_validity: Moment,
	/// How long an insurer has to adjudicate a claim before prompt-pay interest runs.
	pub clean_claim: Moment,
	/// How long after adjudication a denial or reduction may be appealed.
	pub appeal_window: Moment,
	/// How long an insurer has to decide an appeal.
	pub appeal_decision: Moment,
	/// How long after the insurer's appeal decision (or its deadline) external review may be
	/// asked for.
	pub external_review_window: Moment,
	/// The notice either side gives to end an active coverage.
	pub coverage_notice: Moment,
}

impl Clocks {
	/// Every period is at least a millisecond.
	pub fn is_valid(&self) -> bool {
		[
			self.urgent_prior_auth,
			self.standard_prior_auth,
			self.prior_auth_validity,
			self.clean_claim,
			self.appeal_window,
			self.appeal_decision,
			self.external_review_window,
			self.coverage_notice,
		]
		.iter()
		.all(|period| *period > 0)
	}
}

/// A service a plan covers.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct CoveredService {
	/// The service.
	pub code: ServiceCode,
	/// Its class, which sets its co-pay.
	pub class: ServiceClass,
	/// Whether the plan pays for it only under an approved prior authorisation.
	pub prior_auth: bool,
}

/// A plan's co-pay for a class of service: a fixed amount outside the deductible.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Copay<Balance> {
	/// The class of service.
	pub class: ServiceClass,
	/// What the member pays for each such line.
	pub amount: Balance,
}

/// A coverage plan an insurer publishes (FHIR InsurancePlan): its terms and the cost sharing
/// adjudication applies. Its terms never change once published; a new plan year with new terms
/// is a new plan.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Plan<AccountId, Balance, Deposit, Pointer, Services, Copays> {
	/// The insurer that pays under it.
	pub insurer: InstitutionId,
	/// The insurer's staff member who published it, who holds the deposit.
	pub publisher: AccountId,
	/// The hash of the plan's terms document.
	pub terms_hash: Hash32,
	/// Where the terms document is.
	pub terms_pointer: Pointer,
	/// Deductible, coinsurance and out-of-pocket maximum per plan year.
	pub cost_sharing: CostSharing<Balance>,
	/// Co-pays by class of service, sorted by class.
	pub copays: Copays,
	/// The services covered, sorted by code.
	pub services: Services,
	/// When the first plan year starts; each lasts [`PLAN_YEAR`].
	pub year_start: Moment,
	/// Whether a prior authorisation left undecided past its deadline counts as approved.
	pub deemed_approval: bool,
	/// Whether the plan takes no new members.
	pub retired: bool,
	/// The deposit held from the publisher.
	pub deposit: Deposit,
}

impl<AccountId, Balance, Deposit, Pointer, Services, Copays>
	Plan<AccountId, Balance, Deposit, Pointer, Services, Copays>
where
	Services: AsRef<[CoveredService]>,
	Copays: AsRef<[Copay<Balance>]>,
	Balance: Copy,
{
	/// The covered service with this code, if the plan covers it: a binary search.
	pub fn service(&self, code: &ServiceCode) -> Option<CoveredService> {
		let services = self.services.as_ref();
		services
			.binary_search_by(|service| service.code.cmp(code))
			.ok()
			.map(|i| services[i])
	}

	/// The co-pay for a class of service, if the plan sets one.
	pub fn copay(&self, class: ServiceClass) -> Option<Balance> {
		let copays = self.copays.as_ref();
		copays
			.binary_search_by(|copay| copay.class.cmp(&class))
			.ok()
			.map(|i| copays[i].amount)
	}

	/// The plan year a date falls in, if it is on or after the plan's start.
	pub fn plan_year(&self, date: Moment) -> Option<PlanYear> {
		let elapsed = date.checked_sub(self.year_start)?;
		PlanYear::try_from(elapsed / PLAN_YEAR).ok()
	}
}

/// A side of a contract, and who may act in a claim's dispute.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Party {
	/// The insurer (payer).
	Insurer,
	/// The member (patient), or their guardian for them.
	Member,
	/// The provider institution.
	Provider,
}

/// Where a member's coverage stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum CoverageStatus {
	/// Proposed by one side (the insurer's offer, or the member's enrolment request), waiting
	/// for the other's acceptance.
	Proposed {
		/// Who proposed it.
		by: Party,
	},
	/// Both sides consented: the coverage is in force over its period.
	Active {
		/// When the second side accepted.
		accepted_at: Moment,
	},
}

/// A member's coverage under a plan (FHIR Coverage): the member contract. Both sides consent on
/// chain; it covers services on dates in `[start, end)`.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Coverage<AccountId, Deposit> {
	/// The plan.
	pub plan: PlanId,
	/// The plan's insurer.
	pub insurer: InstitutionId,
	/// The member.
	pub member: AccountId,
	/// The first moment covered.
	pub start: Moment,
	/// The first moment no longer covered.
	pub end: Moment,
	/// Proposed or active.
	pub status: CoverageStatus,
	/// Who ended it early, and when they gave notice.
	pub ended_by: Option<(Party, Moment)>,
	/// The account that proposed it, which holds the deposit.
	pub proposer: AccountId,
	/// The deposit held from the proposer.
	pub deposit: Deposit,
}

impl<AccountId, Deposit> Coverage<AccountId, Deposit> {
	/// Whether the coverage is active and covers `date`.
	pub fn covers(&self, date: Moment) -> bool {
		matches!(self.status, CoverageStatus::Active { .. })
			&& self.start <= date
			&& date < self.end
	}
}

/// One entry of a fee schedule: what the contract allows per unit of a service.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Fee<Balance> {
	/// The service.
	pub code: ServiceCode,
	/// The allowed amount per unit.
	pub rate: Balance,
}

/// A provider network contract between an insurer and a provider institution: who they are and
/// how many versions both have signed.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct NetworkContract {
	/// The insurer.
	pub insurer: InstitutionId,
	/// The provider institution.
	pub provider: InstitutionId,
	/// How many versions both sides have signed; they are numbered from 0, and the next
	/// proposal gets this number.
	pub signed_versions: u32,
}

/// One version of a network contract's terms (FHIR Contract): the fee schedule, the period it
/// is in force and the prompt-pay interest rate. Both sides sign each version.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct ContractTerms<AccountId, Deposit, FeeSchedule> {
	/// Allowed amounts per unit, sorted by service code.
	pub fee_schedule: FeeSchedule,
	/// The first service date the version applies to.
	pub effective_from: Moment,
	/// The first service date it no longer applies to.
	pub effective_to: Moment,
	/// Simple annual interest on claims paid after the clean-claim deadline.
	pub prompt_pay_rate: Permill,
	/// The side that proposed it.
	pub proposed_by: Party,
	/// The insurer's signatory, once signed.
	pub insurer_signatory: Option<AccountId>,
	/// The provider's signatory, once signed.
	pub provider_signatory: Option<AccountId>,
	/// The account that proposed it, which holds the deposit.
	pub proposer: AccountId,
	/// The deposit held from the proposer.
	pub deposit: Deposit,
}

impl<AccountId, Deposit, FeeSchedule> ContractTerms<AccountId, Deposit, FeeSchedule> {
	/// Whether both sides have signed.
	pub fn is_signed(&self) -> bool {
		self.insurer_signatory.is_some() && self.provider_signatory.is_some()
	}

	/// Whether the version applies to a service on `date`.
	pub fn in_force_on(&self, date: Moment) -> bool {
		self.effective_from <= date && date < self.effective_to
	}

	/// The allowed amount per unit of a service, if the schedule lists it: a binary search.
	pub fn rate<Balance: Copy>(&self, code: &ServiceCode) -> Option<Balance>
	where
		FeeSchedule: AsRef<[Fee<Balance>]>,
	{
		let fees = self.fee_schedule.as_ref();
		fees.binary_search_by(|fee| fee.code.cmp(code)).ok().map(|i| fees[i].rate)
	}
}

/// A service a prior authorisation asks for, and how much of it is approved and used.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct AuthorisedService {
	/// The service.
	pub code: ServiceCode,
	/// The units requested.
	pub requested: u32,
	/// The units approved (0 until decided, or if denied).
	pub approved: u32,
	/// The units claims have used.
	pub used: u32,
}

/// What an insurer decided on a prior authorisation (FHIR ClaimResponse.outcome).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum PriorAuthOutcome {
	/// Every unit requested approved.
	Approved,
	/// Some units approved, with the reason for the rest.
	Partial(ReasonCode),
	/// Nothing approved, with the reason.
	Denied(ReasonCode),
}

/// A decision on a prior authorisation.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct PriorAuthDecision<AccountId> {
	/// What was decided.
	pub outcome: PriorAuthOutcome,
	/// When.
	pub at: Moment,
	/// The insurer's staff member who decided it.
	pub by: AccountId,
}

/// A prior-authorisation request (FHIR Claim with `use = preauthorization`, X12 278).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct PriorAuth<AccountId, Deposit, Services, Records> {
	/// The member's coverage it is asked under.
	pub coverage: CoverageId,
	/// The member.
	pub member: AccountId,
	/// The insurer that decides.
	pub insurer: InstitutionId,
	/// The provider that asks.
	pub provider: InstitutionId,
	/// The provider's staff member who asked, who holds the deposit.
	pub requester: AccountId,
	/// The services asked for, with the units approved and used.
	pub services: Services,
	/// Records that support the request.
	pub supporting: Records,
	/// Whether the request is urgent (72-hour clock) or standard (7 days).
	pub urgent: bool,
	/// When it was asked.
	pub submitted_at: Moment,
	/// When the decision is due.
	pub due: Moment,
	/// The decision, once made.
	pub decision: Option<PriorAuthDecision<AccountId>>,
	/// The deposit held from the requester.
	pub deposit: Deposit,
}

/// Where a prior authorisation stands now, deemed approval included.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum PriorAuthStanding {
	/// Undecided, within its deadline.
	Pending,
	/// Undecided past its deadline, under a plan without deemed approval.
	Overdue,
	/// Undecided past its deadline, under a plan that deems it approved.
	DeemedApproved,
	/// Decided.
	Decided(PriorAuthOutcome),
}

/// One line of a claim: a service, its units and what the provider charges for them.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct ClaimLine<Balance> {
	/// The service.
	pub code: ServiceCode,
	/// How many units.
	pub units: u32,
	/// The provider's charge for the line.
	pub charge: Balance,
}

/// A claim's place in the X12 claim-frequency scheme: an original, or a replacement of an
/// earlier claim (code 7). A void (code 8) is the `void_claim` call.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Frequency {
	/// Code 1: an original claim.
	Original,
	/// Code 7: replaces this claim, which must not have been paid.
	Replacement(ClaimId),
}

/// Where a claim stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ClaimStatus {
	/// Waiting for adjudication, due by the claim's deadline.
	Submitted,
	/// Adjudicated (and paid): see its adjudication.
	Adjudicated,
	/// Voided by the provider before payment (frequency code 8).
	Voided,
	/// Replaced by a later claim (frequency code 7) before payment.
	Replaced(ClaimId),
}

/// A claim for an encounter (FHIR Claim with `use = claim`, X12 837).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Claim<AccountId, Deposit, Lines, Diagnoses, Records> {
	/// The provider that billed.
	pub provider: InstitutionId,
	/// The insurer billed.
	pub insurer: InstitutionId,
	/// The member treated.
	pub member: AccountId,
	/// The member's coverage.
	pub coverage: CoverageId,
	/// The provider's staff member who submitted it, who holds the deposit.
	pub submitter: AccountId,
	/// When the services were given.
	pub service_date: Moment,
	/// The services, units and charges.
	pub lines: Lines,
	/// The diagnoses (ICD-10-CM), principal first.
	pub diagnoses: Diagnoses,
	/// The prior authorisation it relies on, if any.
	pub prior_auth: Option<PriorAuthId>,
	/// The records of the encounter.
	pub records: Records,
	/// When it was submitted.
	pub submitted_at: Moment,
	/// The clean-claim deadline: adjudication after it pays prompt-pay interest.
	pub due: Moment,
	/// The claim it replaces, if it is a replacement (frequency code 7).
	pub replaces: Option<ClaimId>,
	/// Where it stands.
	pub status: ClaimStatus,
	/// The hash of provider, member, service date and lines: equal hashes are duplicates.
	pub fingerprint: Hash32,
	/// The deposit held from the submitter.
	pub deposit: Deposit,
}

/// An insurer's decision on one claim line.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum LineDecision<Balance> {
	/// Pay what the contract and the plan say.
	Pay,
	/// Allow less than the contract says, for this reason.
	Reduce {
		/// The amount allowed instead: less than the contract's.
		allowed: Balance,
		/// Why.
		reason: ReasonCode,
	},
	/// Pay nothing, for this reason.
	Deny(ReasonCode),
}

/// How one line was adjudicated (FHIR ClaimResponse.item.adjudication, X12 835 SVC/CAS).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct AdjudicatedLine<Balance> {
	/// What the contract allows for the line (rate × units, at most the charge), before any
	/// denial or reduction.
	pub contract_allowed: Balance,
	/// How the amount finally allowed is split between member and payer.
	pub share: LineShare<Balance>,
	/// Why the line was denied or allowed less than the contract says, if it was.
	pub adjustment: Option<ReasonCode>,
}

/// A claim's adjudication and payment (FHIR ClaimResponse / ExplanationOfBenefit, X12 835).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Adjudication<AccountId, Balance, Lines> {
	/// Each line's outcome, in the claim's order.
	pub lines: Lines,
	/// The plan year whose accumulators the member's share counted toward.
	pub plan_year: PlanYear,
	/// What the insurer paid the provider, interest excluded.
	pub payer_paid: Balance,
	/// Prompt-pay interest paid with it.
	pub interest: Balance,
	/// Whole or part days past the clean-claim deadline.
	pub days_late: u32,
	/// The member's share: what the member owes the provider.
	pub member_share: Balance,
	/// What the member (or anyone for them) has paid of it.
	pub member_paid: Balance,
	/// When it was adjudicated.
	pub decided_at: Moment,
	/// The insurer's staff member who adjudicated it.
	pub decided_by: AccountId,
}

/// Where an appeal stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum AppealStatus {
	/// Filed, waiting for the insurer's decision by the appeal's deadline.
	Pending,
	/// The insurer upheld its adjudication.
	Upheld {
		/// When.
		at: Moment,
	},
	/// The insurer overturned its denials and reductions.
	Overturned {
		/// When.
		at: Moment,
	},
	/// Sent to external review, after the insurer upheld or let its deadline pass.
	ExternalReview {
		/// When it was requested.
		requested_at: Moment,
	},
	/// The external reviewer upheld the adjudication: final.
	ExternalUpheld {
		/// When.
		at: Moment,
	},
	/// The external reviewer overturned it: binding on the insurer, paid at once.
	ExternalOverturned {
		/// When.
		at: Moment,
	},
}

/// An appeal of a claim's denials and reductions (internal appeal, then external review).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Appeal<AccountId, Deposit> {
	/// Who appealed: the provider or the member.
	pub party: Party,
	/// The account that filed it, which holds the deposit until it is decided.
	pub appellant: AccountId,
	/// The hash of the grounds document.
	pub grounds_hash: Hash32,
	/// When it was filed.
	pub filed_at: Moment,
	/// When the insurer's decision is due.
	pub due: Moment,
	/// Where it stands.
	pub status: AppealStatus,
	/// The deposit held from the appellant.
	pub deposit: Deposit,
}

/// What a payer's funded payment account has seen.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct PayerLedger<Balance> {
	/// Paid in.
	pub funded: Balance,
	/// Taken back out by the insurer.
	pub withdrawn: Balance,
	/// Paid to providers for claims, interest included.
	pub paid: Balance,
}

/// Decisions of one kind an insurer made, by outcome.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DecisionCounts {
	/// Approved (or paid) in full.
	pub approved: u32,
	/// Approved (or paid) in part.
	pub partial: u32,
	/// Denied in full.
	pub denied: u32,
	/// Of all these, decided after their deadline.
	pub late: u32,
}

impl DecisionCounts {
	/// Counts a decision.
	pub fn count(&mut self, approved_all: bool, denied_all: bool, late: bool) {
		let counter = if approved_all {
			&mut self.approved
		} else if denied_all {
			&mut self.denied
		} else {
			&mut self.partial
		};
		*counter = counter.saturating_add(1);
		if late {
			self.late = self.late.saturating_add(1);
		}
	}

	/// Every decision counted.
	pub fn total(&self) -> u32 {
		self.approved.saturating_add(self.partial).saturating_add(self.denied)
	}
}

/// An insurer's decisions, as CMS-0057-F asks payers to report them.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct PayerDecisions {
	/// Standard prior-authorisation decisions.
	pub standard_prior_auth: DecisionCounts,
	/// Urgent (expedited) prior-authorisation decisions.
	pub urgent_prior_auth: DecisionCounts,
	/// Claim adjudications.
	pub claims: DecisionCounts,
	/// Appeals the insurer upheld.
	pub appeals_upheld: u32,
	/// Appeals the insurer overturned.
	pub appeals_overturned: u32,
	/// External reviews that overturned the insurer.
	pub external_overturned: u32,
	/// External reviews that upheld the insurer.
	pub external_upheld: u32,
}

/// The kinds of decision whose times are sampled for the published medians and 90th
/// percentiles.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum DecisionKind {
	/// Standard prior authorisation.
	StandardPriorAuth,
	/// Urgent prior authorisation.
	UrgentPriorAuth,
	/// Claim adjudication.
	Claim,
}

/// The median and 90th percentile of a sample of decision times, in milliseconds.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct DecisionTimes {
	/// How many decisions the sample holds (the most recent ones).
	pub sampled: u32,
	/// The median time from request to decision.
	pub median: Moment,
	/// The 90th-percentile time from request to decision.
	pub p90: Moment,
}

impl DecisionTimes {
	/// The median and 90th percentile (nearest rank) of `sample`.
	pub fn of(mut sample: alloc::vec::Vec<Moment>) -> Self {
		sample.sort_unstable();
		let rank = |percent: usize| {
			let n = sample.len();
			// Nearest rank: the smallest value with at least `percent` % of the sample at or
			// below it.
			let index = (n.saturating_mul(percent).saturating_add(99) / 100).saturating_sub(1);
			sample.get(index).copied().unwrap_or_default()
		};
		Self { sampled: sample.len() as u32, median: rank(50), p90: rank(90) }
	}
}

/// What an insurer publishes (CMS-0057-F, 42 CFR 422.122(c)): decisions by outcome, decision
/// times, and what is overdue now.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct PayerMetrics {
	/// Decisions by outcome.
	pub decisions: PayerDecisions,
	/// Standard prior-authorisation decision times.
	pub standard_prior_auth_times: DecisionTimes,
	/// Urgent prior-authorisation decision times.
	pub urgent_prior_auth_times: DecisionTimes,
	/// Claim adjudication times.
	pub claim_times: DecisionTimes,
	/// Prior authorisations undecided past their deadline now.
	pub overdue_prior_auths: u32,
	/// Claims unadjudicated past the clean-claim deadline now.
	pub overdue_claims: u32,
	/// Appeals undecided past their deadline now.
	pub overdue_appeals: u32,
}

/// Whether a member is covered for a service on a date, and what they would pay toward it
/// (FHIR CoverageEligibilityResponse).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Eligibility<Balance> {
	/// The member's active coverage under the plan on the date, if any.
	pub coverage: Option<CoverageId>,
	/// Whether the plan covers the service.
	pub covered: bool,
	/// Whether the plan pays for it only under an approved prior authorisation.
	pub prior_auth_required: bool,
	/// The co-pay for the service's class, if the plan sets one.
	pub copay: Option<Balance>,
	/// The deductible still open in the plan year.
	pub deductible_remaining: Balance,
	/// The out-of-pocket room left in the plan year.
	pub out_of_pocket_remaining: Balance,
}

/// One claim of a member's Explanation of Benefits.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct BenefitExplanation<ClaimEntry, AdjudicationEntry> {
	/// The claim's id.
	pub id: ClaimId,
	/// The claim.
	pub claim: ClaimEntry,
	/// Its adjudication, once adjudicated.
	pub adjudication: Option<AdjudicationEntry>,
}
