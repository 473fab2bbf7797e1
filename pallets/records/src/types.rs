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
	/// The patient (or a guardian) had the document erased: the gateway deleted its bytes and
	/// every wrapped key (crypto-shredding) and its pointer is cleared. The hash stays, as
	/// proof that a document existed; nothing more can be done with it.
	Erased,
}

/// A record: the index entry of one encrypted off-chain document about a patient. The document
/// itself (and anything it says) never comes on chain; the hash lets anyone holding it check
/// that it is untampered, and deleting its off-chain key erases it.
///
/// Records are never removed (only superseded, marked entered in error or erased), so the
/// deposit stays held for as long as the chain keeps the record.
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

/// An account's published X25519 key-agreement public key: the key the authors of documents for
/// it (and the gateway's key envelopes) wrap each document's data key to, so that only the
/// account can unwrap it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct EncryptionKey<Balance> {
	/// The X25519 public key.
	pub key: [u8; 32],
	/// When it was published (milliseconds since the Unix epoch).
	pub published_at: Moment,
	/// The deposit held while it is published.
	pub deposit: Balance,
}

/// Whether `key` may be an X25519 public key to wrap keys to: not one of the small-order points
/// (0, 1, the two points of order 8, p − 1, p and p + 1, the top bit ignored as X25519 does),
/// with which the shared secret would be known to anyone (libsodium refuses the same list).
pub fn is_usable_encryption_key(key: &[u8; 32]) -> bool {
	const fn high(low: u8) -> [u8; 32] {
		let mut point = [0xff; 32];
		point[0] = low;
		point[31] = 0x7f;
		point
	}
	const fn low(first: u8) -> [u8; 32] {
		let mut point = [0; 32];
		point[0] = first;
		point
	}
	const ORDER_EIGHT: [[u8; 32]; 2] = [
		[
			0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f,
			0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16,
			0x5f, 0x49, 0xb8, 0x00,
		],
		[
			0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83,
			0xef, 0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd,
			0xd0, 0x9f, 0x11, 0x57,
		],
	];
	let small_order =
		[low(0), low(1), ORDER_EIGHT[0], ORDER_EIGHT[1], high(0xec), high(0xed), high(0xee)];
	let mut point = *key;
	point[31] &= 0x7f;
	!small_order.contains(&point)
}
