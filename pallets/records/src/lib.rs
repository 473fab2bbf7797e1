//! # Records
//!
//! The index of patients' health records: what an IHE XDS.b document registry keeps
//! (DocumentEntry) and what FHIR calls a DocumentReference. A record says whose document it is,
//! who wrote it, what kind of document it is (a FHIR resource type or a LOINC document code),
//! the 32-byte hash of the encrypted document and a bounded pointer (a CID or a clean URI) to
//! where it lives. The document never comes on chain; deleting its off-chain bytes and keys
//! erases it.
//!
//! - **Adding**: a patient adds a record to their own data; a provider adds one to a patient's
//!   data under the patient's consent.
//! - **Amending**: the patient or a provider under consent replaces the current version with a
//!   new one (correction, update, addendum or transformation). The old version is marked
//!   superseded and stays readable; the versions form a chain of at most
//!   [`Config::MaxVersions`].
//! - **Entered in error**: the patient or a provider under consent marks the current version as
//!   one that should never have been written. It stays readable.
//! - **Access**: a grantee declares that it reads a record; the off-chain storage gateway serves
//!   the document only after this call succeeds.
//! - **Erasure**: the patient or a live guardian has a document erased (GDPR Article 17): the
//!   record reads erased, its pointer is cleared and gateways delete the bytes and wrapped keys;
//!   the hash stays as proof that something existed.
//! - **Encryption keys**: each account publishes the X25519 key-agreement key that documents'
//!   data keys are wrapped to for it, deposit-backed.
//!
//! ## Access control
//!
//! The patient always acts on their own records: the pallet decides that itself, with
//! [`AccessBasis::Patient`], without asking [`Config::Access`]. A guardian acts as themselves,
//! answered [`AccessBasis::Guardian`] by the consent pallet and logged under their name. Anyone else is asked about through
//! [`healthchain_primitives::consent::AccessPolicy::check`] (in the runtime: the consent pallet,
//! which also checks the actor's live credential), and each allowed access on an existing or new
//! record, and each refused read, is reported to
//! [`healthchain_primitives::consent::AccessLogging::log_access`], which keeps the patient's
//! access log and events it. A refused write fails the call, as nothing is written. The patient adding their own record
//! ([`Pallet::add_record`]) names no purpose, so there is no request to log; its event is the
//! audit trail.
//!
//! ## Deposits
//!
//! Every record, amendments included, holds [`Config::RecordDeposit`] from its author. Records
//! are never removed, only superseded, marked entered in error or erased, so the deposit stays
//! held for as long as the record is on chain. A published encryption key holds
//! [`Config::EncryptionKeyDeposit`] until it is removed.
//!
//! The `do_*` functions with their checks and events live in `features/`, one file per concern;
//! the data in `types.rs`.

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
use healthchain_primitives::consent::ConsentFixtures;
use polkadot_sdk::frame_support::{traits::fungible::Inspect, BoundedVec};

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A record as this runtime stores it.
pub type RecordOf<T> = Record<<T as frame_system::Config>::AccountId, BalanceOf<T>, PointerOf<T>>;
/// A published encryption key as this runtime stores it.
pub type EncryptionKeyOf<T> = EncryptionKey<BalanceOf<T>>;
/// A pointer to an encrypted document, as this runtime bounds it.
pub type PointerOf<T> = BoundedVec<u8, <T as Config>::MaxPointerLen>;

/// The most records a patient already holds in the benchmarks of [`Pallet::add_record`],
/// [`Pallet::add_record_for`] and [`Pallet::access_record`]. The benchmarks show that the cost
/// does not grow with them; the calls' weights are taken at the top of this range.
pub const RECORDS_BENCHMARKED: u32 = 1_000;

use polkadot_sdk::frame_system;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use healthchain_primitives::consent::{AccessLogging, AccessPolicy, ConsentInspect};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{
				fungible::{Mutate, MutateHold},
				Time,
			},
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
		/// Holds the record deposits.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch), which dates records.
		type Time: Time<Moment = Moment>;

		/// The patient's consent: whether someone other than the patient may read or write the
		/// patient's records, and the access log (the consent pallet in the runtime).
		type Access: AccessPolicy<Self::AccountId>
			+ AccessLogging<Self::AccountId>
			+ ConsentInspect<Self::AccountId>;

		/// Deposit held from the author of each record, amendments included. Records are never
		/// removed, so it stays held while the record is on chain.
		#[pallet::constant]
		type RecordDeposit: Get<BalanceOf<Self>>;

		/// Deposit held while an account's encryption key is published.
		#[pallet::constant]
		type EncryptionKeyDeposit: Get<BalanceOf<Self>>;

		/// The longest pointer (CID or URI) to an encrypted document, in bytes.
		#[pallet::constant]
		type MaxPointerLen: Get<u32>;

		/// The most versions of one record (the original and its amendments), which bounds
		/// every walk along a version chain.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up the patient's consent along the access decision's longest path, and
		/// guardianships, as the consent pallet keeps them, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: ConsentFixtures<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A record on chain.
		RecordDeposit,
		/// A published encryption key.
		EncryptionKeyDeposit,
	}

	/// Every record ever added, superseded and entered-in-error ones included.
	#[pallet::storage]
	pub type RecordsById<T: Config> = StorageMap<_, Twox64Concat, RecordId, RecordOf<T>>;

	/// The id the next record gets.
	#[pallet::storage]
	pub type NextRecordId<T> = StorageValue<_, RecordId, ValueQuery>;

	/// The records about each patient: the listing index. Adding a record inserts one key, so
	/// it costs the same however many records the patient has.
	#[pallet::storage]
	pub type PatientRecords<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, RecordId, ()>;

	/// Each account's published X25519 key-agreement key, to which documents' data keys are
	/// wrapped for it.
	#[pallet::storage]
	pub type EncryptionKeys<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, EncryptionKeyOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A record (version 1) was added to a patient's records.
		RecordAdded {
			record: RecordId,
			patient: T::AccountId,
			author: T::AccountId,
			category: Category,
		},
		/// A new version of a record replaced the current one, which is now superseded.
		RecordAmended {
			record: RecordId,
			supersedes: RecordId,
			patient: T::AccountId,
			author: T::AccountId,
			reason: AmendmentReason,
		},
		/// A record was marked entered in error.
		RecordEnteredInError { record: RecordId, patient: T::AccountId, by: T::AccountId },
		/// The patient (or a guardian, `by`) erased a record's document: gateways delete its
		/// bytes and wrapped keys; the hash stays.
		RecordErased { record: RecordId, patient: T::AccountId, by: T::AccountId },
		/// An account published (or replaced) its encryption key.
		EncryptionKeyPublished { who: T::AccountId, key: [u8; 32] },
		/// An account withdrew its encryption key; the deposit was returned.
		EncryptionKeyRemoved { who: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A category must be a well-formed code of its system: a FHIR R4 resource type, or a
		/// LOINC code with a correct check digit.
		MalformedCategory,
		/// A pointer must be a CID, or an `ipfs`, `ar` or `https` URI without query, fragment or
		/// user information (see `healthchain_primitives::pointer`): never free text.
		MalformedPointer,
		/// No record has this id.
		UnknownRecord,
		/// Only the current version of a record can be amended or marked entered in error.
		NotCurrent,
		/// The record's version chain is as long as it may be.
		TooManyVersions,
		/// Every id of this kind has been handed out.
		NoIdsLeft,
		/// The actor holds no live credential in a role that may do this.
		NotCredentialed,
		/// The actor is not affiliated to the institution it claims to act for, or the
		/// institution is not verified.
		NotAffiliated,
		/// The patient has granted the actor (or its institution) nothing for this purpose.
		NoGrant,
		/// The patient revoked the grant.
		GrantRevoked,
		/// The grant's period has ended.
		GrantExpired,
		/// The grant's period has not begun.
		GrantNotYetValid,
		/// The grant does not allow this action (reading or writing).
		ActionNotGranted,
		/// The record or its category is outside the grant's scope.
		OutOfScope,
		/// Only the patient, or a live guardian of the patient, erases a record.
		NotPatientOrGuardian,
		/// The record is already erased.
		AlreadyErased,
		/// The key is a small-order X25519 point: anyone could unwrap what is wrapped to it.
		UnusableEncryptionKey,
		/// The account has no published encryption key.
		NoEncryptionKey,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Add a record (version 1) to the caller's own records, holding
		/// [`Config::RecordDeposit`] from the caller. The caller is the patient (or their
		/// guardian through a proxy).
		///
		/// The benchmark's component (records the patient already has) shows the cost does not
		/// grow; the weight is taken at the top of its range.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::add_record(RECORDS_BENCHMARKED))]
		pub fn add_record(
			origin: OriginFor<T>,
			category: Category,
			content_hash: [u8; 32],
			pointer: PointerOf<T>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::do_add_record(patient, category, content_hash, pointer)
		}

		/// Add a record (version 1) to `patient`'s records, holding [`Config::RecordDeposit`]
		/// from the caller, its author. Needs the patient's consent to write for `purpose`,
		/// under a grant to the caller or, with `on_behalf_of`, to the institution the caller
		/// acts for.
		///
		/// The benchmark's component (records the patient already has) shows the cost does not
		/// grow; the weight is taken at the top of its range.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_record_for(RECORDS_BENCHMARKED))]
		pub fn add_record_for(
			origin: OriginFor<T>,
			patient: T::AccountId,
			category: Category,
			content_hash: [u8; 32],
			pointer: PointerOf<T>,
			purpose: Purpose,
			on_behalf_of: Option<InstitutionId>,
		) -> DispatchResult {
			let author = ensure_signed(origin)?;
			Self::do_add_record_for(
				author,
				patient,
				category,
				content_hash,
				pointer,
				purpose,
				on_behalf_of,
			)
		}

		/// Replace the current version of `record` with a new one, holding
		/// [`Config::RecordDeposit`] from the caller, its author. The old version is marked
		/// superseded and stays readable. The patient, or a provider with the patient's consent
		/// to write this record for `purpose`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::amend_record())]
		pub fn amend_record(
			origin: OriginFor<T>,
			record: RecordId,
			content_hash: [u8; 32],
			pointer: PointerOf<T>,
			reason: AmendmentReason,
			purpose: Purpose,
			on_behalf_of: Option<InstitutionId>,
		) -> DispatchResult {
			let author = ensure_signed(origin)?;
			Self::do_amend_record(
				author,
				record,
				content_hash,
				pointer,
				reason,
				purpose,
				on_behalf_of,
			)
		}

		/// Mark the current version of `record` as entered in error. It stays readable and its
		/// deposit stays held. The patient, or a provider with the patient's consent to write
		/// this record for `purpose`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::mark_entered_in_error())]
		pub fn mark_entered_in_error(
			origin: OriginFor<T>,
			record: RecordId,
			purpose: Purpose,
			on_behalf_of: Option<InstitutionId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_mark_entered_in_error(who, record, purpose, on_behalf_of)
		}

		/// Declare that the caller reads `record` for `purpose`. The attempt goes into the
		/// patient's access log either way: allowed (with its grounds) when the patient's
		/// consent admits reading (any version, superseded and entered-in-error ones included),
		/// refused (with the reason) when it does not; a refusal is an audited outcome, not a
		/// failed call. The off-chain storage gateway serves the document only after an
		/// *allowed* logged access. The caller pays a deposit for their place in the log the
		/// first time, and is charged less for later accesses, which need no deposit.
		///
		/// The benchmark's component (records the patient already has) shows the cost does not
		/// grow; the weight is taken at the top of its range.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::access_record(RECORDS_BENCHMARKED))]
		pub fn access_record(
			origin: OriginFor<T>,
			record: RecordId,
			purpose: Purpose,
			on_behalf_of: Option<InstitutionId>,
		) -> DispatchResultWithPostInfo {
			let reader = ensure_signed(origin)?;
			let weight = Self::do_access_record(reader, record, purpose, on_behalf_of)?;
			Ok(Some(weight).into())
		}

		/// Erase a record's document, for the patient or a live guardian of theirs (GDPR
		/// Article 17): its status becomes erased and its pointer is cleared, and gateways that
		/// hold it delete its bytes and every wrapped key on the event. The hash and the rest
		/// of the index entry stay, as proof that a document existed (an erasure cannot undo
		/// what was already read). A guardian's erasure is logged as theirs.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::erase_record())]
		pub fn erase_record(origin: OriginFor<T>, record: RecordId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_erase_record(who, record)
		}

		/// Publish (or replace) the caller's X25519 key-agreement public key, to which
		/// documents' data keys are wrapped for them. Holds [`Config::EncryptionKeyDeposit`]
		/// the first time.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::publish_encryption_key())]
		pub fn publish_encryption_key(origin: OriginFor<T>, key: [u8; 32]) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_encryption_key(who, key)
		}

		/// Withdraw the caller's encryption key and take the deposit back. Keys already wrapped
		/// to it stay with the gateways that hold them.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::remove_encryption_key())]
		pub fn remove_encryption_key(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_encryption_key(who)
		}
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
}
