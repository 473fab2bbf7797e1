//! Patient consent: the one question every pallet that touches patient data asks — "may this
//! actor do this action on this patient's data for this purpose, now?" — and the vocabulary of
//! its answer (FHIR Consent provisions, HL7 v3 PurposeOfUse).

use crate::{
	credentials::InstitutionId,
	records::{Category, RecordId},
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{DispatchError, Weight};
use scale_info::TypeInfo;

/// Identifies a consent grant.
pub type GrantId = u64;

/// Identifies an emergency (break-glass) access.
pub type BreakGlassId = u64;

/// Identifies a registered research study (clinical trial).
pub type StudyId = u32;

/// Why data is used: HL7 v3 PurposeOfUse, the codes a consent and an access name.
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
pub enum Purpose {
	/// TREAT: care of the patient.
	Treatment,
	/// ETREAT: care of the patient in an emergency.
	EmergencyTreatment,
	/// CAREMGT: coordinating the patient's care.
	CareManagement,
	/// HPAYMT: paying for the patient's care.
	Payment,
	/// HOPERAT: a provider's operations (quality, audit).
	Operations,
	/// PUBHLTH: public health reporting.
	PublicHealth,
	/// HRESCH: research, such as a clinical trial.
	Research,
}

/// What an actor does with a record.
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
pub enum Action {
	/// Read a record.
	Read,
	/// Add a record, amend one, or mark one entered in error.
	Write,
}

/// Whom a patient grants access to.
#[derive(
	Clone,
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
pub enum Grantee<AccountId> {
	/// A practitioner's own account.
	Practitioner(AccountId),
	/// A registered institution: its affiliated, credentialed practitioners act under the grant.
	Institution(InstitutionId),
	/// A research study: its investigators act under the grant.
	Study(StudyId),
}

/// The data an access is about.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AccessTarget<AccountId> {
	/// Whose data it is.
	pub patient: AccountId,
	/// The record, or `None` for a record not yet written.
	pub record: Option<RecordId>,
	/// The record's category.
	pub category: Category,
}

/// A request to access patient data.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct AccessRequest<AccountId> {
	/// Who acts.
	pub actor: AccountId,
	/// The institution the actor acts for, under a grant to that institution; `None` to act under
	/// a grant to the actor's own account.
	pub on_behalf_of: Option<InstitutionId>,
	/// What is accessed.
	pub target: AccessTarget<AccountId>,
	/// What the actor does.
	pub action: Action,
	/// Why.
	pub purpose: Purpose,
}

/// On what grounds an access is allowed.
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
pub enum AccessBasis {
	/// The patient acts on their own data.
	Patient,
	/// A live guardian of the patient acts on the patient's data, as themselves (logged, and
	/// the author of what they write), never with the patient's professional standing.
	Guardian,
	/// A live consent grant.
	Grant(GrantId),
	/// An open emergency access, pending review.
	BreakGlass(BreakGlassId),
}

/// Why an access is refused.
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
pub enum AccessDenied {
	/// The actor holds no live credential in a role that may do this action.
	NotCredentialed,
	/// The actor is not affiliated to the institution it claims to act for, or the institution is
	/// not verified.
	NotAffiliated,
	/// The patient has granted this grantee nothing for this purpose.
	NoGrant,
	/// The patient revoked the grant.
	GrantRevoked,
	/// The grant's period has ended.
	GrantExpired,
	/// The grant's period has not begun.
	GrantNotYetValid,
	/// The grant does not allow this action.
	ActionNotGranted,
	/// The record is outside the grant's scope.
	OutOfScope,
}

/// What became of an access attempt, as the access log keeps it (IHE ATNA audits failures too).
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
pub enum AccessOutcome {
	/// Allowed, on these grounds.
	Allowed(AccessBasis),
	/// Refused, for this reason.
	Denied(AccessDenied),
}

impl From<Result<AccessBasis, AccessDenied>> for AccessOutcome {
	fn from(decision: Result<AccessBasis, AccessDenied>) -> Self {
		match decision {
			Ok(basis) => AccessOutcome::Allowed(basis),
			Err(denied) => AccessOutcome::Denied(denied),
		}
	}
}

/// How an access attempt was logged, which decides what logging it cost: a ring opened in the
/// patient's log holds the accessor's deposit, an entry in their ring already there does not.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AccessLogged {
	/// Not logged: the patient's own access.
	NotNeeded,
	/// In the accessor's ring of the patient's log, already there.
	InRing,
	/// In a ring opened for it: the accessor's first access to the patient's records, which
	/// held their deposit.
	InNewRing,
}

/// The access decision. Every pallet that reads or writes patient data asks
/// [`AccessPolicy::check`] first, and records what it did in the patient's access log ([`AccessLogging`]).
///
/// `check` costs a bounded number of storage reads whatever the number of grants a patient has
/// made or records they hold. It is a decision only: nothing is served or written on it alone,
/// and clients that ask it through a runtime API get a preview.
pub trait AccessPolicy<AccountId> {
	/// May the request go ahead now, and on what grounds?
	fn check(request: &AccessRequest<AccountId>) -> Result<AccessBasis, AccessDenied>;
}

/// The patient's access log: what the pallets that serve patient data record after each
/// decision.
pub trait AccessLogging<AccountId> {
	/// Records an access attempt by anyone but the patient, allowed or refused, in the
	/// patient's access log, and says how. The accessor pays for their place in the log (a
	/// deposit the first time), so it fails only if they cannot; the patient's own accesses are
	/// not logged.
	fn log_access(
		request: &AccessRequest<AccountId>,
		record: RecordId,
		outcome: AccessOutcome,
	) -> Result<AccessLogged, DispatchError>;
}

/// What a patient has put in place, as facts other pallets act on without a whole access
/// decision: an insurer's payment consent, a study's research consent, a guardian.
pub trait ConsentInspect<AccountId> {
	/// Whether `patient` holds a live grant to `grantee` for `purpose` now, whatever its scope.
	fn has_live_grant(patient: &AccountId, grantee: &Grantee<AccountId>, purpose: Purpose) -> bool;

	/// Whether `guardian` is a live guardian of `patient` now: one read.
	fn is_guardian(patient: &AccountId, guardian: &AccountId) -> bool;
}

/// What a pallet is told when a patient revokes a consent grant, so that it can undo what the
/// grant allowed: the clinical-trials pallet withdraws a participant whose research consent to
/// the trial is revoked.
pub trait OnConsentRevoked<AccountId> {
	/// `patient` revoked their grant to `grantee` for `purpose`, with immediate effect.
	fn on_revoked(patient: &AccountId, grantee: &Grantee<AccountId>, purpose: Purpose);

	/// The most [`Self::on_revoked`] costs, which the revoking call adds to its own weight.
	fn weight() -> Weight;
}

/// Nobody is told.
impl<AccountId> OnConsentRevoked<AccountId> for () {
	fn on_revoked(_patient: &AccountId, _grantee: &Grantee<AccountId>, _purpose: Purpose) {}

	fn weight() -> Weight {
		Weight::zero()
	}
}

/// Consent as the consent pallet keeps it: what the benchmarks of the pallets that ask
/// [`AccessPolicy`] or [`ConsentInspect`] set patients up with. Benchmarks only, so that no
/// production trait carries them: each pallet reaches them through its `Config::BenchmarkHelper`,
/// which the runtime implements with the consent pallet's fixtures and the mocks with their
/// stub.
#[cfg(feature = "runtime-benchmarks")]
pub trait ConsentFixtures<AccountId> {
	/// Sets up the access decision's longest path ending in `patient`'s grant for `purpose` to
	/// `practitioner` (in the runtime, the consent pallet's `grant_path_for_benchmarks`: every
	/// earlier role read and found lapsed, acting for an institution, for emergency treatment a
	/// stale emergency access read, then the grant), so that a call that asks
	/// [`AccessPolicy::check`] is measured at its most expensive allowed answer. Returns the
	/// institution to name as `on_behalf_of`, if any.
	fn grant_access(
		patient: &AccountId,
		practitioner: &AccountId,
		purpose: Purpose,
	) -> Option<InstitutionId>;

	/// Makes `guardian` a live guardian of `patient`, for the calls a guardian makes for the
	/// patient.
	fn appoint_guardian(patient: &AccountId, guardian: &AccountId);
}
