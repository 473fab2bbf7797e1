//! The data the consent pallet keeps: grants (FHIR Consent provisions), emergency accesses and
//! the access log (IHE ATNA / FHIR AuditEvent).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	consent::{
		AccessBasis, AccessDenied, AccessRequest, AccessTarget, Action, BreakGlassId, GrantId,
		Grantee, Purpose, StudyId,
	},
	credentials::{InstitutionId, Role},
	records::{Category, RecordId},
	Moment,
};

/// The roles whose holders may read patient data under a grant.
pub const READ_ROLES: [Role; 5] =
	[Role::Physician, Role::Nurse, Role::Laboratory, Role::Pharmacist, Role::Insurer];
/// The roles whose holders may write patient data under a grant.
pub const WRITE_ROLES: [Role; 3] = [Role::Physician, Role::Nurse, Role::Laboratory];
/// The roles whose holders may open emergency access.
pub const CLINICIAN_ROLES: [Role; 2] = [Role::Physician, Role::Nurse];

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

/// One access in a patient's access log (IHE ATNA, FHIR AuditEvent).
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct AccessEntry<AccountId> {
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
	/// On what grounds it was allowed.
	pub basis: AccessBasis,
	/// When.
	pub at: Moment,
}
