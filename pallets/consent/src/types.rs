//! The data the consent pallet keeps: grants (FHIR Consent provisions), emergency accesses and
//! the access log (IHE ATNA / FHIR AuditEvent).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	consent::{
		AccessBasis, AccessDenied, AccessOutcome, AccessRequest, AccessTarget, Action,
		BreakGlassId, GrantId, Grantee, Purpose, StudyId,
	},
	credentials::{InstitutionId, InstitutionKind, Jurisdiction, LiveCredential, Role},
	records::{Category, RecordId},
	Moment,
};

/// The roles whose holders may read patient data under a grant.
/// Laboratory comes last here as in [`WRITE_ROLES`], so that one credential is the costliest
/// for both lists, which the benchmarks take as the worst case.
pub const READ_ROLES: [Role; 5] =
	[Role::Physician, Role::Nurse, Role::Pharmacist, Role::Insurer, Role::Laboratory];
/// The roles whose holders may write patient data under a grant.
pub const WRITE_ROLES: [Role; 3] = [Role::Physician, Role::Nurse, Role::Laboratory];
/// The roles whose holders may open emergency access.
pub const CLINICIAN_ROLES: [Role; 2] = [Role::Physician, Role::Nurse];
/// The institutions on whose behalf emergency access is opened: those that give care.
pub const CARE_KINDS: [InstitutionKind; 2] = [InstitutionKind::Hospital, InstitutionKind::Clinic];

/// What a grant allows (FHIR Consent.provision.action).
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
pub struct GrantedActions {
	/// Reading records.
	pub read: bool,
	/// Adding records, amending them and marking them entered in error.
	pub write: bool,
}

impl GrantedActions {
	/// Whether `action` is allowed.
	pub fn allows(&self, action: Action) -> bool {
		match action {
			Action::Read => self.read,
			Action::Write => self.write,
		}
	}

	/// The roles a grantee must hold for these actions: the writing roles if writing is granted.
	pub fn required_roles(&self) -> &'static [Role] {
		if self.write {
			&WRITE_ROLES
		} else {
			&READ_ROLES
		}
	}
}

/// Which of a patient's records a grant covers (FHIR Consent.provision.class / data).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	DebugNoBound,
)]
#[scale_info(skip_type_params(MaxItems))]
#[codec(mel_bound())]
pub enum GrantScope<MaxItems: Get<u32>> {
	/// Every record, present and future.
	AllRecords,
	/// Records of these categories, present and future.
	Categories(BoundedVec<Category, MaxItems>),
	/// These records only.
	Records(BoundedVec<RecordId, MaxItems>),
}

impl<MaxItems: Get<u32>> GrantScope<MaxItems> {
	/// How many categories or records the scope lists (none for all records).
	pub fn item_count(&self) -> u32 {
		let listed = match self {
			GrantScope::AllRecords => 0,
			GrantScope::Categories(categories) => categories.len(),
			GrantScope::Records(records) => records.len(),
		};
		// Bounded by `MaxItems`, itself a `u32`.
		u32::try_from(listed).unwrap_or(u32::MAX)
	}

	/// Whether the scope covers a record (or a record not yet written, `record: None`) of
	/// `category`.
	pub fn covers(&self, record: Option<RecordId>, category: &Category) -> bool {
		match self {
			GrantScope::AllRecords => true,
			GrantScope::Categories(categories) => categories.contains(category),
			GrantScope::Records(records) => record.is_some_and(|id| records.contains(&id)),
		}
	}
}

/// Whether a grant still stands (FHIR Consent.status).
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
pub enum GrantStatus {
	/// In force within its period.
	Active,
	/// Revoked by the patient; no access from this moment.
	Revoked {
		/// When.
		at: Moment,
	},
}

/// A patient's consent to a grantee, for one purpose of use.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Grant<Balance, Scope> {
	/// The grant's id, named in events and in the access log.
	pub id: GrantId,
	/// Which records it covers: a [`GrantScope`].
	pub scope: Scope,
	/// What it allows.
	pub actions: GrantedActions,
	/// When it starts.
	pub valid_from: Moment,
	/// When it ends; `None` until revoked.
	pub valid_until: Option<Moment>,
	/// When the patient made it.
	pub granted_at: Moment,
	/// Whether it stands.
	pub status: GrantStatus,
	/// The deposit held from the patient while the grant is stored.
	pub deposit: Balance,
}

impl<Balance, Scope> Grant<Balance, Scope> {
	/// Why the grant does not stand at `now`, if it does not.
	pub fn standing_at(&self, now: Moment) -> Result<(), AccessDenied> {
		if let GrantStatus::Revoked { .. } = self.status {
			return Err(AccessDenied::GrantRevoked);
		}
		if now < self.valid_from {
			return Err(AccessDenied::GrantNotYetValid);
		}
		if self.valid_until.is_some_and(|until| until <= now) {
			return Err(AccessDenied::GrantExpired);
		}
		Ok(())
	}

	/// Whether the grant is in force at `now`.
	pub fn is_live_at(&self, now: Moment) -> bool {
		self.standing_at(now).is_ok()
	}

	/// Whether the grant could be in force at `now` or later (not revoked, not ended).
	pub fn is_pending_or_live_at(&self, now: Moment) -> bool {
		!matches!(
			self.standing_at(now),
			Err(AccessDenied::GrantRevoked) | Err(AccessDenied::GrantExpired)
		)
	}
}

/// What a review of an emergency access found.
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
pub enum ReviewFinding {
	/// The emergency was real: the deposit goes back to the clinician.
	Justified,
	/// The access was abuse: it is recorded against the clinician, whose deposit goes to the
	/// patient.
	Abuse,
}

/// An emergency access a clinician opened to a patient's records, pending review.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct BreakGlass<AccountId, Balance> {
	/// Who opened it.
	pub clinician: AccountId,
	/// The hospital or clinic the clinician opened it for, to which they are affiliated: what
	/// the access log names for every access through it.
	pub on_behalf_of: InstitutionId,
	/// The credential it was opened under: its role and jurisdiction say which authorities
	/// may review it, its issuer is told of abuse.
	pub credential: LiveCredential<AccountId>,
	/// Hash of the off-chain justification.
	pub justification_hash: [u8; 32],
	/// When it opened.
	pub opened_at: Moment,
	/// When access through it ends (it stays pending review after that).
	pub expires_at: Moment,
	/// The deposit held from the clinician until review.
	pub deposit: Balance,
}

impl<AccountId, Balance> BreakGlass<AccountId, Balance> {
	/// Whether access through it is open at `now`.
	pub fn is_open_at(&self, now: Moment) -> bool {
		self.opened_at <= now && now < self.expires_at
	}
}

/// Who appointed a guardian, which says who may end the guardianship.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum GuardianAppointer<AccountId> {
	/// The patient chose them (a parent, a carer, a representative): the patient or the
	/// guardian ends it.
	Patient,
	/// An accredited authority appointed them for a minor or an incapacitated adult, under an
	/// order whose hash is kept: an authority or the guardian ends it, not the patient.
	Authority {
		/// The appointing authority.
		authority: AccountId,
		/// Hash of the off-chain order (court or guardianship-authority decision).
		order_hash: [u8; 32],
	},
}

/// A guardian's standing for a patient: they read and write the patient's records and manage
/// the patient's consents, always as themselves.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct Guardianship<AccountId, Balance> {
	/// Who appointed them.
	pub appointed_by: GuardianAppointer<AccountId>,
	/// From when it holds.
	pub since: Moment,
	/// Until when it holds (exclusive); `None` until ended.
	pub until: Option<Moment>,
	/// Who holds the deposit for it: the patient or the appointing authority.
	pub depositor: AccountId,
	/// The deposit held.
	pub deposit: Balance,
}

impl<AccountId, Balance> Guardianship<AccountId, Balance> {
	/// Whether it holds at `now`.
	pub fn is_live_at(&self, now: Moment) -> bool {
		self.since <= now && self.until.is_none_or(|until| now < until)
	}
}

/// A clinician's ban from opening emergency access, after a review found abuse; it lasts until
/// an authority overseeing the clinician's credential lifts it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct BreakGlassBan<AccountId> {
	/// The credential the abused access was opened under.
	pub credential: LiveCredential<AccountId>,
	/// The emergency access found abusive.
	pub break_glass: BreakGlassId,
	/// Whose records it opened.
	pub patient: AccountId,
	/// When the finding was made.
	pub at: Moment,
}

/// One access in a patient's access log (IHE ATNA, FHIR AuditEvent).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AccessEntry<AccountId> {
	/// Its place among every access to the patient's records, from 0: the log's order.
	pub number: u64,
	/// Who accessed.
	pub accessor: AccountId,
	/// The institution the accessor acted for, if any.
	pub on_behalf_of: Option<InstitutionId>,
	/// The record.
	pub record: RecordId,
	/// Read or write.
	pub action: Action,
	/// Why.
	pub purpose: Purpose,
	/// Allowed on what grounds, or refused why.
	pub outcome: AccessOutcome,
	/// When.
	pub at: Moment,
}

/// One accessor's place in a patient's access log: their own ring of the latest
/// [`crate::Config::AccessLogPerAccessor`] entries, paid for by their deposit, kept until
/// [`crate::Config::AccessLogRetention`] after their latest access.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AccessLogShare<Balance> {
	/// How many accesses this accessor has made to the patient's records in all; the next one
	/// goes to slot `logged % AccessLogPerAccessor`.
	pub logged: u64,
	/// When the latest of them was.
	pub last_at: Moment,
	/// The deposit held from the accessor for the ring.
	pub deposit: Balance,
}
