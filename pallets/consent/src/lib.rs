//! # Consent
//!
//! The patient decides who may see or add to their health records, and every access is on the
//! record.
//!
//! - **Grants** (FHIR Consent provisions): a patient grants a practitioner, an institution or a
//!   research study access to all records, some categories or listed records, for reading and/or
//!   writing, for one purpose of use (HL7 v3 PurposeOfUse), over a period. The patient revokes at
//!   any time, with immediate effect. A guardian manages a patient's grants through
//!   `pallet-proxy` with the runtime's `Guardian` proxy type.
//! - **The access decision**: [`healthchain_primitives::consent::AccessPolicy::check`] answers
//!   "may this actor do this action on this record for this purpose now?" in a bounded number of
//!   storage reads, whatever the number of grants or records: grants are keyed by patient,
//!   grantee and purpose. The actor must also hold a live credential at that moment.
//! - **The access log** (IHE ATNA, FHIR AuditEvent): every access by someone other than the
//!   patient is logged and evented. The latest [`Config::AccessLogLength`] entries per patient
//!   stay in storage for the runtime API; the events are the complete trail.
//! - **Break-glass**: a physician or nurse opens emergency access to a patient's records with a
//!   justification hash and a deposit. It admits emergency treatment for
//!   [`Config::BreakGlassDuration`], then stays pending until the patient (or guardian) or an
//!   accredited authority reviews it. A finding of abuse is recorded against the clinician and
//!   their deposit goes to the patient.
//!
//! The `do_*` functions with their checks and events live in `features/`, one file per concern;
//! the data in `types.rs`; the access decision and the queries in `impls.rs`.

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

use polkadot_sdk::{frame_support::traits::fungible::Inspect, frame_system};

/// The number of grants a patient already has in the benchmarks that show granting and the
/// access decision do not grow with it; weights are taken at the top of that range.
pub const GRANTS_BENCHMARKED: u32 = 100;

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A grant as this runtime stores it.
pub type GrantOf<T> = Grant<BalanceOf<T>, GrantScopeOf<T>>;
/// A grant's scope as this runtime bounds it.
pub type GrantScopeOf<T> = GrantScope<<T as Config>::MaxScopeItems>;
/// A grantee as this runtime names accounts.
pub type GranteeOf<T> = Grantee<<T as frame_system::Config>::AccountId>;
/// An emergency access as this runtime stores it.
pub type BreakGlassOf<T> = BreakGlass<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An access-log entry as this runtime stores it.
pub type AccessEntryOf<T> = AccessEntry<<T as frame_system::Config>::AccountId>;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use healthchain_primitives::{consent::OnConsentRevoked, credentials::CredentialsInspect};
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
		/// Holds the deposits for grants and emergency accesses.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch), against which grant periods
		/// and emergency accesses are judged.
		type Time: Time<Moment = Moment>;

		/// Who holds which live credential, who is affiliated where, who is an authority.
		type Credentials: CredentialsInspect<Self::AccountId>;

		/// Told when a patient revokes a grant, e.g. the clinical-trials pallet withdraws the
		/// participant from the trial whose research consent is revoked.
		type OnRevoked: OnConsentRevoked<Self::AccountId>;

		/// Deposit a patient holds for each stored grant, returned when it is removed.
		#[pallet::constant]
		type GrantDeposit: Get<BalanceOf<Self>>;

		/// Deposit a clinician holds for an emergency access until it is reviewed.
		#[pallet::constant]
		type BreakGlassDeposit: Get<BalanceOf<Self>>;

		/// How long an emergency access admits emergency treatment, in milliseconds.
		#[pallet::constant]
		type BreakGlassDuration: Get<Moment>;

		/// The most grants a patient may have stored (live, revoked or expired).
		#[pallet::constant]
		type MaxGrantsPerPatient: Get<u32>;

		/// The most emergency accesses pending review for one patient.
		#[pallet::constant]
		type MaxPendingBreakGlass: Get<u32>;

		/// The most categories or records one grant may list.
		#[pallet::constant]
		type MaxScopeItems: Get<u32>;

		/// How many of a patient's latest accesses stay in storage.
		#[pallet::constant]
		type AccessLogLength: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A stored consent grant.
		GrantDeposit,
		/// An emergency access pending review.
		BreakGlassDeposit,
	}

	/// Consent grants, by patient and then by grantee and purpose of use: the key the access
	/// decision reads in one go.
	#[pallet::storage]
	pub type Grants<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		(GranteeOf<T>, Purpose),
		GrantOf<T>,
	>;

	/// How many grants each patient has stored.
	#[pallet::storage]
	pub type GrantCount<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The id the next grant gets.
	#[pallet::storage]
	pub type NextGrantId<T> = StorageValue<_, GrantId, ValueQuery>;

	/// Emergency accesses pending review, by patient.
	#[pallet::storage]
	pub type BreakGlasses<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		BreakGlassId,
		BreakGlassOf<T>,
	>;

	/// How many emergency accesses are pending review for each patient.
	#[pallet::storage]
	pub type PendingBreakGlass<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The latest emergency access each clinician opened to each patient, while pending review:
	/// the access decision's one read for break-glass.
	#[pallet::storage]
	pub type LatestBreakGlass<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		BreakGlassId,
	>;

	/// The id the next emergency access gets.
	#[pallet::storage]
	pub type NextBreakGlassId<T> = StorageValue<_, BreakGlassId, ValueQuery>;

	/// Reviews that found an emergency access abusive, by clinician.
	#[pallet::storage]
	pub type AbuseFindings<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The latest accesses to each patient's records, in a ring of [`Config::AccessLogLength`]
	/// slots.
	#[pallet::storage]
	pub type AccessLog<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, u32, AccessEntryOf<T>>;

	/// How many accesses each patient's records have had in all; the next one goes to slot
	/// `count % AccessLogLength`.
	#[pallet::storage]
	pub type AccessCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A patient granted access.
		ConsentGranted {
			grant: GrantId,
			patient: T::AccountId,
			grantee: GranteeOf<T>,
			purpose: Purpose,
			scope: GrantScopeOf<T>,
			actions: GrantedActions,
			valid_from: Moment,
			valid_until: Option<Moment>,
		},
		/// A patient revoked a grant; it admits no access from now on.
		ConsentRevoked {
			grant: GrantId,
			patient: T::AccountId,
			grantee: GranteeOf<T>,
			purpose: Purpose,
		},
		/// A revoked or expired grant was removed and its deposit returned.
		GrantRemoved { grant: GrantId, patient: T::AccountId },
		/// Someone other than the patient accessed a patient's record.
		RecordAccessed {
			patient: T::AccountId,
			record: RecordId,
			accessor: T::AccountId,
			on_behalf_of: Option<InstitutionId>,
			action: Action,
			purpose: Purpose,
			basis: AccessBasis,
		},
		/// A clinician opened emergency access to a patient's records.
		BreakGlassOpened {
			break_glass: BreakGlassId,
			patient: T::AccountId,
			clinician: T::AccountId,
			justification_hash: [u8; 32],
			expires_at: Moment,
		},
		/// An emergency access was reviewed and closed.
		BreakGlassReviewed {
			break_glass: BreakGlassId,
			patient: T::AccountId,
			clinician: T::AccountId,
			reviewer: T::AccountId,
			finding: ReviewFinding,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A patient cannot grant access to themselves.
		SelfGrant,
		/// A grant must allow reading, writing or both.
		NoActions,
		/// A scope must list at least one category or record.
		EmptyScope,
		/// A category or record is listed twice.
		DuplicateInScope,
		/// A category's code is not well formed for its code system.
		MalformedCategory,
		/// A grant must end after it starts, and after now.
		InvalidPeriod,
		/// The practitioner holds no live credential in a role the granted actions need.
		GranteeNotCredentialed,
		/// The institution is not registered and verified.
		GranteeNotVerified,
		/// A grant to a research study must be for research.
		StudyGrantNotForResearch,
		/// A grant to this grantee for this purpose is live or yet to start; revoke it first.
		GrantExists,
		/// The patient has as many grants stored as they may.
		TooManyGrants,
		/// The patient has no grant to this grantee for this purpose.
		NoGrant,
		/// The grant is already revoked.
		AlreadyRevoked,
		/// The grant is still live or yet to start; revoke it first.
		GrantStillLive,
		/// Only a physician or nurse with a live credential may open emergency access.
		NotAClinician,
		/// A patient needs no emergency access to their own records.
		SelfBreakGlass,
		/// This clinician's emergency access to this patient is still open.
		BreakGlassAlreadyOpen,
		/// The patient has as many emergency accesses pending review as they may.
		TooManyPendingBreakGlass,
		/// No emergency access with this id is pending review for this patient.
		UnknownBreakGlass,
		/// Only the patient or an accredited authority may review an emergency access.
		NotReviewer,
		/// An id counter is exhausted.
		IdOverflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Grants `grantee` access to the caller's records: `scope` says which, `actions` what,
		/// `purpose` why, and the period when (`valid_from` defaults to now; `valid_until`
		/// `None` runs until revoked). Holds [`Config::GrantDeposit`] unless it replaces a
		/// revoked or expired grant to the same grantee for the same purpose.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant_consent(scope.item_count(), GRANTS_BENCHMARKED))]
		pub fn grant_consent(
			origin: OriginFor<T>,
			grantee: GranteeOf<T>,
			purpose: Purpose,
			scope: GrantScopeOf<T>,
			actions: GrantedActions,
			valid_from: Option<Moment>,
			valid_until: Option<Moment>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::do_grant_consent(
				patient,
				grantee,
				purpose,
				scope,
				actions,
				valid_from,
				valid_until,
			)
		}

		/// Revokes the caller's grant to `grantee` for `purpose`, with immediate effect. The
		/// revoked grant stays stored (and visible) until removed.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke_consent().saturating_add(T::OnRevoked::weight()))]
		pub fn revoke_consent(
			origin: OriginFor<T>,
			grantee: GranteeOf<T>,
			purpose: Purpose,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::do_revoke_consent(patient, grantee, purpose)
		}

		/// Removes a revoked or expired grant of the caller's and returns its deposit.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_grant())]
		pub fn remove_grant(
			origin: OriginFor<T>,
			grantee: GranteeOf<T>,
			purpose: Purpose,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::do_remove_grant(patient, grantee, purpose)
		}

		/// Opens emergency access to `patient`'s records for the caller, a physician or nurse
		/// with a live credential, for [`Config::BreakGlassDuration`]. `justification_hash` is
		/// the hash of the off-chain justification. Holds [`Config::BreakGlassDeposit`] until
		/// review.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::open_break_glass())]
		pub fn open_break_glass(
			origin: OriginFor<T>,
			patient: T::AccountId,
			justification_hash: [u8; 32],
		) -> DispatchResult {
			let clinician = ensure_signed(origin)?;
			Self::do_open_break_glass(clinician, patient, justification_hash)
		}

		/// Reviews and closes an emergency access to `patient`'s records: the patient (or their
		/// guardian) or an accredited authority records the finding. A finding of abuse counts
		/// against the clinician and hands their deposit to the patient.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::review_break_glass())]
		pub fn review_break_glass(
			origin: OriginFor<T>,
			patient: T::AccountId,
			break_glass: BreakGlassId,
			finding: ReviewFinding,
		) -> DispatchResult {
			let reviewer = ensure_signed(origin)?;
			Self::do_review_break_glass(reviewer, patient, break_glass, finding)
		}
	}
}
