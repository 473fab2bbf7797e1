//! The data the clinical-trials pallet keeps: registrations (WHO Trial Registration Data Set,
//! FHIR ResearchStudy), protocol versions, enrolments (FHIR ResearchSubject), adverse events and
//! results.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	consent::{Grantee, Purpose, StudyId},
	credentials::{InstitutionId, InstitutionKind, Jurisdiction, Role},
	is_well_formed_pointer, Moment,
};

/// Identifies a trial registered on chain: the id a research consent names
/// (`Grantee::Study`).
pub type TrialId = StudyId;

/// A content hash: of a protocol, an outcome's definition, a report, results.
pub type Hash32 = [u8; 32];

/// The kinds of verified institution that may be a trial's site.
pub const SITE_KINDS: [InstitutionKind; 3] =
	[InstitutionKind::Hospital, InstitutionKind::Clinic, InstitutionKind::Laboratory];

/// A trial's id in a primary registry of the WHO network (WHO TRDS item 1, "Primary Registry
/// and Trial Identifying Number"), kept as its ASCII characters.
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
pub enum RegistryId {
	/// ClinicalTrials.gov: `NCT` followed by these 8 digits.
	Nct([u8; 8]),
	/// The EU Clinical Trials Information System: the whole EU CT number,
	/// `YYYY-NNNNNN-NN-NN`, e.g. `2023-501234-12-00`.
	EuCt([u8; 17]),
	/// The ISRCTN registry: `ISRCTN` followed by these 8 digits.
	Isrctn([u8; 8]),
}

impl RegistryId {
	/// Parses a registry id as written: `NCT01234567`, `2023-501234-12-00` or
	/// `ISRCTN12345678`. `None` if it is none of these.
	pub fn parse(text: &[u8]) -> Option<Self> {
		let id = if let Some(digits) = text.strip_prefix(b"NCT") {
			RegistryId::Nct(digits.try_into().ok()?)
		} else if let Some(digits) = text.strip_prefix(b"ISRCTN") {
			RegistryId::Isrctn(digits.try_into().ok()?)
		} else {
			RegistryId::EuCt(text.try_into().ok()?)
		};
		id.is_well_formed().then_some(id)
	}

	/// Whether the id has its registry's format: digits where digits go, dashes where an EU CT
	/// number has them.
	pub fn is_well_formed(&self) -> bool {
		match self {
			RegistryId::Nct(digits) | RegistryId::Isrctn(digits) => {
				digits.iter().all(u8::is_ascii_digit)
			},
			RegistryId::EuCt(number) => number.iter().enumerate().all(|(index, byte)| {
				if matches!(index, 4 | 11 | 14) {
					*byte == b'-'
				} else {
					byte.is_ascii_digit()
				}
			}),
		}
	}
}

/// The trial's phase (WHO TRDS item 21 "Study Type: phase", FHIR ResearchStudy.phase).
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
pub enum Phase {
	/// Early phase 1 (formerly phase 0).
	EarlyPhase1,
	/// Phase 1.
	Phase1,
	/// Combined phase 1 and 2.
	Phase1Phase2,
	/// Phase 2.
	Phase2,
	/// Combined phase 2 and 3.
	Phase2Phase3,
	/// Phase 3.
	Phase3,
	/// Phase 4 (post-marketing).
	Phase4,
	/// Not a drug trial (devices, behavioural interventions).
	NotApplicable,
}

/// The status a suspension interrupts, to which lifting the suspension returns.
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
pub enum ResumableStatus {
	/// Registered, not yet recruiting.
	Registered,
	/// Recruiting participants.
	Recruiting,
	/// Recruitment closed, participants followed up.
	Active,
}

/// Where a trial stands (WHO TRDS item 18 "Recruitment Status", FHIR ResearchStudy.status).
///
/// The only transitions: Registered → Recruiting → Active → Completed by the sponsor;
/// Registered, Recruiting or Active → Suspended by an authority, and back to the status it
/// interrupted by an authority; any status but Completed or Terminated → Terminated by the
/// sponsor or an authority.
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
pub enum TrialStatus<AccountId> {
	/// Registered; recruitment has not begun.
	Registered,
	/// Recruiting participants (FHIR `active`).
	Recruiting,
	/// Recruitment closed; participants are followed up (FHIR `closed-to-accrual`).
	Active,
	/// Completed (FHIR `completed`): results become due.
	Completed {
		/// When.
		at: Moment,
	},
	/// Suspended by an authority (FHIR `temporarily-closed-to-accrual-and-intervention`).
	Suspended {
		/// The authority that suspended it.
		by: AccountId,
		/// When.
		at: Moment,
		/// The status it returns to when the suspension is lifted.
		from: ResumableStatus,
	},
	/// Terminated early (FHIR `administratively-completed`); final.
	Terminated {
		/// When.
		at: Moment,
	},
}

impl<AccountId> TrialStatus<AccountId> {
	/// Whether the trial is completed or terminated: no transition, amendment or enrolment any
	/// more.
	pub fn is_final(&self) -> bool {
		matches!(self, TrialStatus::Completed { .. } | TrialStatus::Terminated { .. })
	}

	/// The status a suspension would interrupt, if the trial may be suspended now.
	pub fn resumable(&self) -> Option<ResumableStatus> {
		match self {
			TrialStatus::Registered => Some(ResumableStatus::Registered),
			TrialStatus::Recruiting => Some(ResumableStatus::Recruiting),
			TrialStatus::Active => Some(ResumableStatus::Active),
			_ => None,
		}
	}
}

impl<AccountId> From<ResumableStatus> for TrialStatus<AccountId> {
	fn from(status: ResumableStatus) -> Self {
		match status {
			ResumableStatus::Registered => TrialStatus::Registered,
			ResumableStatus::Recruiting => TrialStatus::Recruiting,
			ResumableStatus::Active => TrialStatus::Active,
		}
	}
}

/// A registered trial (WHO TRDS, FHIR ResearchStudy). Its protocol and outcomes are versioned
/// apart, in `crate::Amendments`: version 0 is the registration, `version` the one in force.
///
/// `Sites` is the bounded list of sites, `BoundedVec<InstitutionId, MaxSites>` (see
/// `crate::SitesOf`).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Trial<AccountId, Balance, Sites> {
	/// The sponsor who registered it (WHO TRDS item 5, ResearchStudy.sponsor).
	pub sponsor: AccountId,
	/// Where the sponsor's licence was valid when it registered: the authorities that license
	/// trial sponsors there oversee the trial (suspend, resume, terminate).
	pub jurisdiction: Jurisdiction,
	/// Its id in a primary registry (WHO TRDS item 1, ResearchStudy.identifier).
	pub registry_id: RegistryId,
	/// The authority that confirmed the registry id belongs to this sponsor's trial, once one
	/// has: until then the registration is provisional, and recruitment cannot start.
	pub registry_confirmed_by: Option<AccountId>,
	/// Its phase.
	pub phase: Phase,
	/// The verified institutions where participants are enrolled (ResearchStudy.site).
	pub sites: Sites,
	/// The planned sample size (WHO TRDS item 19): enrolment stops there.
	pub target_enrolment: u32,
	/// When it was registered on chain (WHO TRDS item 2), set by the chain; no call edits it.
	pub registered_at: Moment,
	/// When recruitment began, if it has: from then on the outcomes are locked and any change
	/// to them is flagged as an outcome switch.
	pub recruitment_started_at: Option<Moment>,
	/// The protocol version in force when recruitment began: its outcomes are the locked,
	/// pre-registered ones.
	pub locked_version: Option<u32>,
	/// The protocol version in force (0 = as registered).
	pub version: u32,
	/// How many amendments changed the outcomes after recruitment began.
	pub outcome_switches: u32,
	/// Where it stands.
	pub status: TrialStatus<AccountId>,
	/// When results are due, once it is completed (or terminated after recruiting).
	pub results_due: Option<Moment>,
	/// How many results postings it has.
	pub results_posted: u32,
	/// What the sponsor holds for the registration, its amendments and its results postings.
	pub deposit: Balance,
}

/// One version of a trial's protocol: version 0 as registered, then each amendment. Every
/// version is kept.
///
/// `Pointer` is `BoundedVec<u8, MaxPointerLen>` and `Outcomes` `BoundedVec<[u8; 32],
/// MaxOutcomes>` (see `crate::PointerOf`, `crate::OutcomesOf`).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Amendment<Pointer, Outcomes> {
	/// Hash of the protocol document.
	pub protocol_hash: Hash32,
	/// Where the (encrypted or public) protocol document is: a CID or URI.
	pub pointer: Pointer,
	/// Hashes of the primary outcomes' definitions (WHO TRDS item 22); never empty.
	pub primary: Outcomes,
	/// Hashes of the secondary outcomes' definitions (WHO TRDS item 23).
	pub secondary: Outcomes,
	/// Hash of the off-chain reason for the amendment; `None` for the registration.
	pub reason_hash: Option<Hash32>,
	/// When this version was stored, set by the chain.
	pub at: Moment,
	/// Whether this version changed the outcomes after recruitment began: an outcome switch.
	pub outcome_change: bool,
}

impl<Pointer, Outcomes: AsRef<[Hash32]>> Amendment<Pointer, Outcomes> {
	/// Whether `outcome` is one of this version's primary or secondary outcomes.
	pub fn has_outcome(&self, outcome: &Hash32) -> bool {
		self.primary.as_ref().contains(outcome) || self.secondary.as_ref().contains(outcome)
	}

	/// Whether this version has the same primary and the same secondary outcomes as `other`, in
	/// any order.
	pub fn same_outcomes(&self, primary: &[Hash32], secondary: &[Hash32]) -> bool {
		same_set(self.primary.as_ref(), primary) && same_set(self.secondary.as_ref(), secondary)
	}
}

/// Whether two lists without duplicates hold the same items.
fn same_set(left: &[Hash32], right: &[Hash32]) -> bool {
	left.len() == right.len() && left.iter().all(|item| right.contains(item))
}

/// A participant's enrolment (FHIR ResearchSubject): a pseudonymous account, where, by whom and
/// when. No personal data.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Enrolment<AccountId, Balance> {
	/// The site where the participant was enrolled.
	pub site: InstitutionId,
	/// The investigator who enrolled them; holds the deposit.
	pub investigator: AccountId,
	/// When.
	pub at: Moment,
	/// The deposit the investigator holds, returned on withdrawal.
	pub deposit: Balance,
}

/// Why a participant left a trial.
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
pub enum WithdrawalReason {
	/// The participant withdrew.
	ByParticipant,
	/// The participant revoked their research consent to the trial.
	ConsentRevoked,
}

/// Whether an account takes part in a trial, and whether its research consent is live.
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
pub enum Participation {
	/// Not enrolled.
	NotEnrolled,
	/// Enrolled, with a live research consent to the trial.
	Enrolled,
	/// Enrolled, but the research consent has expired since: no hook fires on expiry, so the
	/// enrolment stays until the participant withdraws; investigators should stop collecting.
	EnrolledConsentLapsed,
}

/// The severity of an adverse event: the CTCAE grade.
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
pub enum Severity {
	/// Grade 1.
	Mild,
	/// Grade 2.
	Moderate,
	/// Grade 3.
	Severe,
	/// Grade 4.
	LifeThreatening,
	/// Grade 5.
	Death,
}

/// An adverse event an investigator reported (FHIR AdverseEvent, coarsened). The report itself
/// stays off chain; only its hash is kept.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct AdverseEvent<AccountId, Balance> {
	/// The participant it happened to.
	pub participant: AccountId,
	/// The site.
	pub site: InstitutionId,
	/// The investigator who reported it; holds the deposit.
	pub investigator: AccountId,
	/// Its CTCAE grade.
	pub severity: Severity,
	/// Whether it is a serious adverse event (ICH E2A: death, life-threatening,
	/// hospitalisation, disability, congenital anomaly).
	pub serious: bool,
	/// Hash of the off-chain report.
	pub report_hash: Hash32,
	/// When it was reported.
	pub at: Moment,
	/// The deposit the investigator holds for it.
	pub deposit: Balance,
}

/// A results posting (WHO TRDS item 24 "Summary Results"). A trial may have several: the first
/// and later updates or corrections, each kept.
///
/// `Pointer` is `BoundedVec<u8, MaxPointerLen>` and `Reported` the bounded list of outcome
/// hashes it reports (see `crate::ReportedOf`).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Results<Pointer, Reported> {
	/// Hash of the results document.
	pub results_hash: Hash32,
	/// Where the results document is: a CID or URI.
	pub pointer: Pointer,
	/// The pre-registered outcomes these results report.
	pub reported: Reported,
	/// When they were posted, set by the chain.
	pub posted_at: Moment,
}
