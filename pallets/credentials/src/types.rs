//! The data the credentials pallet keeps: authorities, institutions, affiliations, credentials.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::{pallet_prelude::ConstU32, BoundedVec};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	credentials::{
		InstitutionId, InstitutionKind, Jurisdiction, LiveCredential, Role, VerifiedInstitution,
		MAX_INSTITUTION_KINDS, MAX_ROLES,
	},
	Moment,
};

/// Identifies an issued credential.
pub type CredentialId = u64;

/// The roles an authority licenses.
pub type RoleList = BoundedVec<Role, ConstU32<MAX_ROLES>>;
/// The institution kinds an authority verifies.
pub type InstitutionKindList = BoundedVec<InstitutionKind, ConstU32<MAX_INSTITUTION_KINDS>>;

/// An accredited authority (a medical board, a pharmacy board, a medicines agency) and what it
/// may license.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct AuthorityScope {
	/// The country it licenses in.
	pub jurisdiction: Jurisdiction,
	/// The roles it issues credentials for.
	pub roles: RoleList,
	/// The kinds of institution it verifies.
	pub institution_kinds: InstitutionKindList,
}

impl AuthorityScope {
	/// Whether it licenses `role` in `jurisdiction`.
	pub fn licenses(&self, role: Role, jurisdiction: Jurisdiction) -> bool {
		self.jurisdiction == jurisdiction && self.roles.contains(&role)
	}

	/// Whether it verifies institutions of `kind` in `jurisdiction`.
	pub fn verifies(&self, kind: InstitutionKind, jurisdiction: Jurisdiction) -> bool {
		self.jurisdiction == jurisdiction && self.institution_kinds.contains(&kind)
	}
}

/// Where an institution stands with the authorities.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum InstitutionStatus<AccountId> {
	/// Registered, waiting for an authority to verify it.
	Pending,
	/// Verified by `by` at `at` (milliseconds since the Unix epoch).
	Verified { by: AccountId, at: Moment },
	/// Suspended by `by` at `at`: its affiliations give no standing until it is verified again.
	Suspended { by: AccountId, at: Moment },
}

impl<AccountId> InstitutionStatus<AccountId> {
	/// Whether an authority has verified the institution (and not suspended it since).
	pub fn is_verified(&self) -> bool {
		matches!(self, InstitutionStatus::Verified { .. })
	}
}

/// A registered institution. Its details (name, address, licences) stay off chain; the chain
/// keeps their hash.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Institution<AccountId, Balance> {
	/// What it is.
	pub kind: InstitutionKind,
	/// The country it operates in.
	pub jurisdiction: Jurisdiction,
	/// The account that manages it (best a multisig or a proxied account).
	pub admin: AccountId,
	/// Hash of its off-chain details document.
	pub details_hash: [u8; 32],
	/// Where it stands with the authorities.
	pub status: InstitutionStatus<AccountId>,
	/// How many practitioners are affiliated to it.
	pub practitioners: u32,
	/// The deposit held from the admin for this record.
	pub deposit: Balance,
}

/// A practitioner's affiliation to an institution.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Affiliation<AccountId, Balance> {
	/// When it began (milliseconds since the Unix epoch).
	pub since: Moment,
	/// Who holds the deposit for it (the admin who affiliated the practitioner).
	pub depositor: AccountId,
	/// The deposit held.
	pub deposit: Balance,
}

/// Where a credential stands.
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
pub enum CredentialStatus {
	/// In force while inside its validity period.
	Active,
	/// Suspended by an authority; it can be reinstated.
	Suspended,
	/// Revoked by an authority; final.
	Revoked,
}

/// A licence issued to an account (FHIR PractitionerRole with its qualification).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Credential<AccountId, Balance> {
	/// The account licensed.
	pub holder: AccountId,
	/// The role it licenses.
	pub role: Role,
	/// Where it is valid.
	pub jurisdiction: Jurisdiction,
	/// Hash of the licence number (the number itself stays off chain).
	pub licence_hash: [u8; 32],
	/// Valid from this time (milliseconds since the Unix epoch).
	pub valid_from: Moment,
	/// Valid until this time, exclusive.
	pub valid_until: Moment,
	/// The authority that issued it.
	pub issuer: AccountId,
	/// Where it stands.
	pub status: CredentialStatus,
	/// The deposit held from the issuer for this record.
	pub deposit: Balance,
}

impl<AccountId: Clone, Balance> Credential<AccountId, Balance> {
	/// Whether its validity period has ended at `now`.
	pub fn has_expired_at(&self, now: Moment) -> bool {
		now >= self.valid_until
	}

	/// What its holder's role index keeps of it, to decide without reading it whether it gives
	/// its role.
	pub fn standing(&self, credential: CredentialId) -> HeldRole<AccountId> {
		HeldRole {
			role: self.role,
			credential,
			jurisdiction: self.jurisdiction,
			issuer: self.issuer.clone(),
			valid_from: self.valid_from,
			valid_until: self.valid_until,
			suspended: self.status == CredentialStatus::Suspended,
		}
	}
}

/// One unrevoked credential as its holder's role index keeps it: everything deciding whether it
/// gives its role now needs, so that one read of the index answers "does this account act as a
/// physician (pharmacist, ...) now?" for every role at once. A copy of the credential's fields,
/// written whenever the credential changes (`try_state` checks the two agree).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct HeldRole<AccountId> {
	/// The role it licenses.
	pub role: Role,
	/// The credential.
	pub credential: CredentialId,
	/// Where it is valid.
	pub jurisdiction: Jurisdiction,
	/// The authority that issued it.
	pub issuer: AccountId,
	/// Valid from this time (milliseconds since the Unix epoch).
	pub valid_from: Moment,
	/// Valid until this time, exclusive.
	pub valid_until: Moment,
	/// Whether an authority has suspended it.
	pub suspended: bool,
}

impl<AccountId: Clone> HeldRole<AccountId> {
	/// Whether it gives its role at `now`: not suspended and inside its validity period.
	pub fn is_live_at(&self, now: Moment) -> bool {
		!self.suspended && self.valid_from <= now && now < self.valid_until
	}

	/// Whether it gives `role` at `now`.
	pub fn gives_at(&self, role: Role, now: Moment) -> bool {
		self.role == role && self.is_live_at(now)
	}

	/// What other pallets see of it while it is live.
	pub fn as_live(&self) -> LiveCredential<AccountId> {
		LiveCredential {
			role: self.role,
			jurisdiction: self.jurisdiction,
			issuer: self.issuer.clone(),
		}
	}
}

/// An account's unrevoked credentials, at most one per role, in the order they were issued.
pub type HeldRoleList<AccountId> = BoundedVec<HeldRole<AccountId>, ConstU32<MAX_ROLES>>;
