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
//! - **The access log** (IHE ATNA, FHIR AuditEvent): every access attempt by someone other than
//!   the patient, allowed or refused, is logged and evented; the events are the complete trail.
//!   In storage, for the runtime API, each accessor has their own ring of their latest
//!   [`Config::AccessLogPerAccessor`] entries in each patient's log, so no accessor can push
//!   another's entries out. The accessor pays for their ring with a deposit the first time, and
//!   takes it back only [`Config::AccessLogRetention`] after their latest access
//!   (`release_access_log`), when the ring goes.
//! - **Guardians**: the patient, or an accredited authority for a minor or an incapacitated
//!   adult, appoints a guardian. The guardian reads and writes the patient's records with
//!   their own account ([`AccessBasis::Guardian`]: logged under their name, and the author of
//!   what they write) and manages the patient's consents through [`Pallet::as_guardian`],
//!   which admits only the patient-side consent calls, so nothing done through guardianship
//!   uses the patient's own professional standing.
//! - **Break-glass**: a physician or nurse with a live credential opens emergency access to a
//!   patient's records on behalf of a hospital or clinic they are affiliated to, with a
//!   justification hash and a deposit. It admits emergency treatment for that clinician acting
//!   for that institution (which the log names) for [`Config::BreakGlassDuration`], then stays
//!   pending until the patient (or guardian) or an authority overseeing the clinician's
//!   credential reviews it — never the clinician. A finding of abuse hands the deposit to the
//!   patient, tells the credential's issuer by an event and bans the clinician from opening
//!   emergency access until an authority overseeing that credential lifts the ban. Each
//!   clinician has at most [`Config::MaxPendingBreakGlass`] cases pending, so no number of
//!   cases opened by others can keep a clinician from a patient in an emergency.
//!
//! The `do_*` functions with their checks and events live in `features/`, one file per concern;
//! the data in `types.rs`; the access decision and the queries in `impls.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(feature = "runtime-benchmarks")]
mod fixtures;
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
use healthchain_primitives::credentials::CredentialFixtures;
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
/// A guardianship as this runtime stores it.
pub type GuardianshipOf<T> = Guardianship<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A ban from break-glass as this runtime stores it.
pub type BreakGlassBanOf<T> = BreakGlassBan<<T as frame_system::Config>::AccountId>;
/// An access-log entry as this runtime stores it.
pub type AccessEntryOf<T> = AccessEntry<<T as frame_system::Config>::AccountId>;
/// An accessor's place in a patient's access log as this runtime stores it.
pub type AccessLogShareOf<T> = AccessLogShare<BalanceOf<T>>;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use healthchain_primitives::{consent::OnConsentRevoked, credentials::CredentialsInspect};
	use polkadot_sdk::{
		frame_support::{
			dispatch::{GetDispatchInfo, PostDispatchInfo},
			pallet_prelude::*,
			traits::{
				fungible::{Mutate, MutateHold},
				IsSubType, Time,
			},
		},
		frame_system::pallet_prelude::*,
		sp_runtime::traits::Dispatchable,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The runtime's calls: a guardian's consent call for a patient is one of this pallet's,
		/// dispatched as the patient's.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ GetDispatchInfo
			+ From<Call<Self>>
			+ IsSubType<Call<Self>>;

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

		/// The most emergency accesses one clinician may have pending review: they are rare,
		/// and each is reviewed before the clinician opens many more.
		#[pallet::constant]
		type MaxPendingBreakGlass: Get<u32>;

		/// The most categories or records one grant may list.
		#[pallet::constant]
		type MaxScopeItems: Get<u32>;

		/// The most guardians a patient may have.
		#[pallet::constant]
		type MaxGuardians: Get<u32>;

		/// Deposit the appointer holds for each guardianship, returned when it ends.
		#[pallet::constant]
		type GuardianDeposit: Get<BalanceOf<Self>>;

		/// How many of one accessor's latest accesses to one patient's records stay in storage.
		#[pallet::constant]
		type AccessLogPerAccessor: Get<u32>;

		/// How long after an accessor's latest access to a patient's records their entries
		/// stay in storage before they may take them (and their deposit) back, in milliseconds.
		#[pallet::constant]
		type AccessLogRetention: Get<Moment>;

		/// Deposit an accessor holds for their ring of entries in one patient's access log.
		#[pallet::constant]
		type AccessLogDeposit: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Makes the credentials, institutions and authorities the benchmarks (and
		/// [`Pallet::grant_path_for_benchmarks`]) rest on, as the credentials pallet keeps them,
		/// in `BENCHMARK_JURISDICTION`.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: CredentialFixtures<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A stored consent grant.
		GrantDeposit,
		/// An emergency access pending review.
		BreakGlassDeposit,
		/// An accessor's entries in a patient's access log.
		AccessLogDeposit,
		/// A guardianship.
		GuardianDeposit,
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

	/// Emergency accesses pending review, by patient and id.
	#[pallet::storage]
	pub type BreakGlasses<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		BreakGlassId,
		BreakGlassOf<T>,
	>;

	/// How many emergency accesses each clinician has pending review (at most
	/// [`Config::MaxPendingBreakGlass`]).
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

	/// Reviews that found an emergency access abusive, by clinician: their record, which
	/// authorities and employers read through the runtime API.
	#[pallet::storage]
	pub type AbuseFindings<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Clinicians banned from opening emergency access after a finding of abuse, until an
	/// authority overseeing their credential lifts the ban.
	#[pallet::storage]
	pub type BreakGlassBans<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, BreakGlassBanOf<T>>;

	/// The latest accesses to each patient's records by each accessor, in a ring of
	/// [`Config::AccessLogPerAccessor`] slots per patient and accessor.
	#[pallet::storage]
	pub type AccessLog<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Blake2_128Concat, T::AccountId>,
			NMapKey<Twox64Concat, u32>,
		),
		AccessEntryOf<T>,
	>;

	/// Guardians, by patient and guardian.
	#[pallet::storage]
	pub type Guardians<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		GuardianshipOf<T>,
	>;

	/// How many guardians each patient has (at most [`Config::MaxGuardians`]).
	#[pallet::storage]
	pub type GuardianCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Each accessor's place in each patient's access log, by patient and accessor.
	#[pallet::storage]
	pub type AccessLogShares<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		AccessLogShareOf<T>,
	>;

	/// How many access attempts each patient's records have had in all: the next entry's
	/// number.
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
		/// Someone other than the patient accessed a patient's record, or tried to and was
		/// refused.
		RecordAccessed {
			patient: T::AccountId,
			record: RecordId,
			accessor: T::AccountId,
			on_behalf_of: Option<InstitutionId>,
			action: Action,
			purpose: Purpose,
			outcome: AccessOutcome,
		},
		/// An accessor's entries in a patient's access log were removed after the retention
		/// period and their deposit returned.
		AccessLogReleased { patient: T::AccountId, accessor: T::AccountId },
		/// A clinician opened emergency access to a patient's records for an institution.
		BreakGlassOpened {
			break_glass: BreakGlassId,
			patient: T::AccountId,
			clinician: T::AccountId,
			on_behalf_of: InstitutionId,
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
		/// A review found an emergency access abusive: the clinician is banned from opening
		/// another, and `issuer`, the authority that issued the credential it was opened
		/// under, is told.
		BreakGlassAbuseFound {
			break_glass: BreakGlassId,
			patient: T::AccountId,
			clinician: T::AccountId,
			role: Role,
			jurisdiction: Jurisdiction,
			issuer: T::AccountId,
		},
		/// An authority lifted a clinician's ban from opening emergency access.
		BreakGlassBanLifted { clinician: T::AccountId, authority: T::AccountId },
		/// A guardian was appointed for a patient.
		GuardianAppointed {
			patient: T::AccountId,
			guardian: T::AccountId,
			appointed_by: GuardianAppointer<T::AccountId>,
			until: Option<Moment>,
		},
		/// A guardianship ended, by `by`'s call.
		GuardianRemoved { patient: T::AccountId, guardian: T::AccountId, by: T::AccountId },
		/// A guardian made a consent call for a patient: the events that follow in the same
		/// extrinsic are the guardian's doing, not the patient's.
		GuardianActed { patient: T::AccountId, guardian: T::AccountId },
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
		/// Emergency access is opened for a verified hospital or clinic the clinician acts for.
		NotActingForCareInstitution,
		/// A review found this clinician's emergency access abusive; an authority overseeing
		/// their credential must lift the ban first.
		BannedFromBreakGlass,
		/// A patient needs no emergency access to their own records.
		SelfBreakGlass,
		/// This clinician's emergency access to this patient is still open.
		BreakGlassAlreadyOpen,
		/// The clinician has as many emergency accesses pending review as they may.
		TooManyPendingBreakGlass,
		/// No emergency access with this id is pending review for this patient.
		UnknownBreakGlass,
		/// Only the patient or an authority overseeing the clinician's credential (its role, in
		/// its jurisdiction) may review an emergency access.
		NotReviewer,
		/// The clinician who opened an emergency access cannot review it.
		SelfReview,
		/// The clinician is not banned from emergency access.
		NotBanned,
		/// Only an authority overseeing the banned clinician's credential may lift the ban.
		NotOverseer,
		/// The caller has no entries in this patient's access log.
		NoAccessLogEntries,
		/// The caller's latest access to this patient's records is still within the retention
		/// period.
		AccessLogRetained,
		/// A patient cannot be their own guardian.
		SelfGuardian,
		/// This guardian is already appointed for this patient.
		GuardianExists,
		/// The patient has as many guardians as they may.
		TooManyGuardians,
		/// The caller is not a live guardian of this patient.
		NotGuardian,
		/// Only the patient (for their own appointment), an accredited authority (for an
		/// authority's) or the guardian may end a guardianship.
		NotGuardianRemover,
		/// Only an accredited authority, other than the guardian, may appoint a guardian for
		/// someone else.
		NotAnAuthority,
		/// A guardian makes only the patient-side consent calls for the patient: granting,
		/// revoking and removing grants, and reviewing the patient's own emergency accesses.
		CallNotForGuardians,
		/// Every id of this kind has been handed out.
		NoIdsLeft,
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
		/// with a live credential acting for `on_behalf_of` (a hospital or clinic), for
		/// [`Config::BreakGlassDuration`]. `justification_hash` is the hash of the off-chain
		/// justification. Holds [`Config::BreakGlassDeposit`] until review.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::open_break_glass())]
		pub fn open_break_glass(
			origin: OriginFor<T>,
			patient: T::AccountId,
			on_behalf_of: InstitutionId,
			justification_hash: [u8; 32],
		) -> DispatchResult {
			let clinician = ensure_signed(origin)?;
			Self::do_open_break_glass(clinician, patient, on_behalf_of, justification_hash)
		}

		/// Reviews and closes an emergency access to `patient`'s records: the patient (or their
		/// guardian) or an authority overseeing the clinician's credential records the finding;
		/// never the clinician. A finding of abuse hands their deposit to the patient, tells
		/// the credential's issuer and bans the clinician from break-glass.
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

		/// Removes the caller's entries from `patient`'s access log and returns their deposit,
		/// once [`Config::AccessLogRetention`] has passed since their latest access to the
		/// patient's records. The events stay the complete trail.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::release_access_log())]
		pub fn release_access_log(origin: OriginFor<T>, patient: T::AccountId) -> DispatchResult {
			let accessor = ensure_signed(origin)?;
			Self::do_release_access_log(accessor, patient)
		}

		/// Appoints `guardian` for the caller, the patient, until `until` (or until ended).
		/// Holds [`Config::GuardianDeposit`] from the patient.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::appoint_guardian())]
		pub fn appoint_guardian(
			origin: OriginFor<T>,
			guardian: T::AccountId,
			until: Option<Moment>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::do_appoint_guardian(
				patient.clone(),
				patient,
				guardian,
				GuardianAppointer::Patient,
				until,
			)
		}

		/// Appoints `guardian` for `patient`, a minor or an incapacitated adult, under an order
		/// whose hash is `order_hash`: an accredited authority, not the guardian themselves.
		/// Holds [`Config::GuardianDeposit`] from the authority.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::appoint_guardian())]
		pub fn appoint_guardian_by_authority(
			origin: OriginFor<T>,
			patient: T::AccountId,
			guardian: T::AccountId,
			until: Option<Moment>,
			order_hash: [u8; 32],
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_appoint_guardian_by_authority(authority, patient, guardian, until, order_hash)
		}

		/// Ends `guardian`'s guardianship of `patient` and returns its deposit: the patient (for
		/// their own appointment), an accredited authority (for an authority's), or the
		/// guardian stepping down.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::remove_guardian())]
		pub fn remove_guardian(
			origin: OriginFor<T>,
			patient: T::AccountId,
			guardian: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_guardian(who, patient, guardian)
		}

		/// Makes `call`, a patient-side consent call (grant, revoke or remove a grant, review
		/// one of the patient's emergency accesses), for `patient`, of whom the caller is a
		/// live guardian. The call runs as the patient's; `GuardianActed` names the guardian.
		/// Deposits come from the patient, whose consents they are.
		#[pallet::call_index(10)]
		#[pallet::weight({
			let inner = call.get_dispatch_info();
			(T::WeightInfo::as_guardian().saturating_add(inner.call_weight), inner.class)
		})]
		pub fn as_guardian(
			origin: OriginFor<T>,
			patient: T::AccountId,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			let guardian = ensure_signed(origin)?;
			Self::do_as_guardian(guardian, patient, *call)
		}

		/// Lifts `clinician`'s ban from opening emergency access: an authority overseeing the
		/// credential the abused access was opened under (its role, in its jurisdiction), once
		/// satisfied the clinician may be trusted with it again.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::lift_break_glass_ban())]
		pub fn lift_break_glass_ban(
			origin: OriginFor<T>,
			clinician: T::AccountId,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_lift_break_glass_ban(authority, clinician)
		}
	}
}
