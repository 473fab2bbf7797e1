//! The data the records pallet keeps: index entries of patients' documents (IHE XDS.b
//! DocumentEntry, FHIR DocumentReference) and their version chains.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	consent::{
		AccessBasis, AccessDenied, AccessOutcome, AccessRequest, AccessTarget, Action, Purpose,
	},
	credentials::InstitutionId,
	is_well_formed_pointer,
	records::{Category, CodeSystem, RecordId, MAX_CATEGORY_CODE_LEN},
	Moment,
};

/// Why a record replaces an earlier version (FHIR DocumentReference.relatesTo, IHE XDS
/// document relationships).
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
pub enum AmendmentReason {
	/// The earlier version was wrong; this one corrects it (FHIR `replaces`, XDS RPLC).
	Correction,
	/// Newer information supersedes the earlier version, which was right when written (FHIR
	/// `replaces`, XDS RPLC).
	Update,
	/// This version adds to the earlier one without changing what it said (FHIR `appends`, XDS
	/// APND).
	Addendum,
	/// The same content in another format or encoding (FHIR `transforms`, XDS XFRM).
	Transformation,
}

/// Where a record stands (FHIR DocumentReference.status, XDS availabilityStatus).
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
pub enum RecordStatus {
	/// The latest version: it may be amended or marked entered in error.
	Current,
	/// A later version replaces it (XDS Deprecated). It stays readable.
	Superseded,
	/// It should never have been written, for instance it names the wrong patient. It stays
	/// readable, as the audit trail requires, and can no longer be amended.
	EnteredInError,
}

/// A record: the index entry of one encrypted off-chain document about a patient. The document
/// itself (and anything it says) never comes on chain; the hash lets anyone holding it check
/// that it is untampered, and deleting its off-chain key erases it.
///
/// Records are never removed (only superseded or marked entered in error), so the deposit stays
/// held for as long as the chain keeps the record.
///
/// `Pointer` is the bounded pointer type, `BoundedVec<u8, MaxPointerLen>` (see
/// `crate::PointerOf`): being generic over the whole vector rather than its bound keeps the
/// derived traits free of bounds on the bound (`ConstU32` is neither `PartialEq` nor `Eq`).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Record<AccountId, Balance, Pointer> {
	/// Whom the document is about.
	pub patient: AccountId,
	/// Who wrote this version: the patient or a provider (FHIR DocumentReference.author,
	/// Provenance.agent).
	pub author: AccountId,
	/// What kind of document it is (XDS classCode/typeCode, FHIR DocumentReference.type).
	pub category: Category,
	/// Hash of the encrypted document (XDS hash, FHIR Attachment.hash).
	pub content_hash: [u8; 32],
	/// Where the encrypted document lives: a CID or a clean `ipfs`, `ar` or `https` URI (XDS
	/// repositoryUniqueId and URI, FHIR Attachment.url), at most `MaxPointerLen` bytes.
	pub pointer: Pointer,
	/// When it was added (milliseconds since the Unix epoch).
	pub created_at: Moment,
	/// 1 for an original, one more for each amendment.
	pub version: u32,
	/// The version this one replaces, if it is an amendment.
	pub supersedes: Option<RecordId>,
	/// The version that replaced this one, if any.
	pub superseded_by: Option<RecordId>,
	/// Why this version replaced the one it supersedes; `None` for an original.
	pub amendment_reason: Option<AmendmentReason>,
	/// Where it stands.
	pub status: RecordStatus,
	/// The deposit held from the author for this record.
	pub deposit: Balance,
}
