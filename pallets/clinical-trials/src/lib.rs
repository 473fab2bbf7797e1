//! # Clinical trials
//!
//! A trial registry is trusted only if a sponsor cannot quietly change a trial's outcomes after
//! seeing the data. Here a registration is timestamped by the chain and its pre-registered
//! outcomes are locked once recruitment begins, so outcome switching is visible to everyone.
//! The data follow the WHO Trial Registration Data Set and FHIR ResearchStudy/ResearchSubject.
//!
//! - **Registration**: a sponsor with a live `TrialSponsor` credential registers a trial: its id
//!   in a primary registry ([`RegistryId`]: NCT, EU CT or ISRCTN number, format checked, unique
//!   on chain), protocol hash and pointer, phase, sites (verified hospitals, clinics or
//!   laboratories), target enrolment, and primary and secondary outcomes (hashes of their
//!   definitions). The registration time is the chain's; no call edits it. The sponsor holds
//!   [`Config::TrialDeposit`].
//! - **Status**: Registered → Recruiting → Active → Completed by the sponsor; an authority
//!   suspends a trial that is not finished and lifts the suspension back to where it was; the
//!   sponsor or an authority terminates a trial that is not finished. Nothing else.
//! - **Amendments**: the sponsor amends the protocol (and outcomes) while the trial is not
//!   finished. Every version is kept with its reason, at most [`Config::MaxAmendments`]. An
//!   amendment that changes the outcomes after recruitment began is flagged as an outcome
//!   switch, counted on the trial, listed in [`SwitchedTrials`] and evented. Each amendment
//!   holds [`Config::AmendmentDeposit`] from the sponsor.
//! - **Enrolment**: a physician with a live credential, affiliated to one of the trial's sites,
//!   enrols a pseudonymous participant account while the trial recruits, only under the
//!   participant's live research consent to this trial (asked of [`Config::Access`]), up to the
//!   target enrolment. The investigator holds [`Config::EnrolmentDeposit`] until the
//!   participant leaves. The participant withdraws at any time; revoking the research consent
//!   withdraws them too (this pallet implements `OnConsentRevoked`). A consent that expires
//!   after enrolment withdraws nobody (nothing fires on expiry); the runtime API reports the
//!   enrolment with its consent lapsed.
//! - **Safety**: investigators at the site where a participant was enrolled, or the sponsor,
//!   report the participant's adverse events (CTCAE grade, seriousness, report hash), each
//!   holding [`Config::AdverseEventDeposit`] from the reporter. No count caps them, so nobody can
//!   fill a trial's safety record and block real reports; the deposits pay for what is stored.
//! - **Results**: once the trial is completed (or terminated), the sponsor posts results (hash,
//!   pointer) naming the pre-registered outcomes they report. Completion (and termination after
//!   recruitment began) sets a results-due date [`Config::ResultsDuePeriod`] later, listed in
//!   [`ResultsDue`] until results are posted: the runtime API lists overdue trials and the
//!   outcomes never reported. Each posting holds [`Config::ResultsDeposit`] from the sponsor.
//!
//! A registry is permanent: trials, their versions, adverse events and results are never
//! removed, so their deposits stay held. Only an enrolment is removed (on withdrawal), and its
//! deposit returned.
//!
//! The `do_*` functions with their checks and events live in `features/`, one file per concern;
//! the data in `types.rs`; the consent hook, the queries behind the runtime API and the storage
//! invariants in `impls.rs`.

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

use core::marker::PhantomData;
#[cfg(feature = "runtime-benchmarks")]
use healthchain_primitives::credentials::CredentialFixtures;
use polkadot_sdk::{
	frame_support::{
		traits::{fungible::Inspect, Get},
		BoundedVec,
	},
	frame_system,
};

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A trial's sites as this runtime bounds them.
pub type SitesOf<T> = BoundedVec<InstitutionId, <T as Config>::MaxSites>;
/// A list of outcome hashes as this runtime bounds it.
pub type OutcomesOf<T> = BoundedVec<Hash32, <T as Config>::MaxOutcomes>;
/// A document pointer as this runtime bounds it.
pub type PointerOf<T> = BoundedVec<u8, <T as Config>::MaxPointerLen>;
/// The outcomes one results posting reports: at most all primary and secondary outcomes.
pub type ReportedOf<T> = BoundedVec<Hash32, MaxReported<T>>;
/// A trial as this runtime stores it.
pub type TrialOf<T> = Trial<<T as frame_system::Config>::AccountId, BalanceOf<T>, SitesOf<T>>;
/// A protocol version as this runtime stores it.
pub type AmendmentOf<T> = Amendment<PointerOf<T>, OutcomesOf<T>>;
/// An enrolment as this runtime stores it.
pub type EnrolmentOf<T> = Enrolment<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An adverse event as this runtime stores it.
pub type AdverseEventOf<T> = AdverseEvent<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A results posting as this runtime stores it.
pub type ResultsOf<T> = Results<PointerOf<T>, ReportedOf<T>>;
/// A research-consent grantee as this runtime names accounts.
pub type GranteeOf<T> = Grantee<<T as frame_system::Config>::AccountId>;
/// A trial's status as this runtime names accounts.
pub type TrialStatusOf<T> = TrialStatus<<T as frame_system::Config>::AccountId>;

/// Twice [`Config::MaxOutcomes`]: the most outcomes one results posting reports.
pub struct MaxReported<T>(PhantomData<T>);

impl<T: Config> Get<u32> for MaxReported<T> {
	fn get() -> u32 {
		T::MaxOutcomes::get().saturating_mul(2)
	}
}

/// What the benchmarks need from the runtime: credentials, institutions and authorities as
/// the credentials pallet keeps them (the shared fixtures), and a live research consent.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId>: CredentialFixtures<AccountId> {
	/// Makes `participant` grant trial `trial` a live consent for research, which enrolment
	/// needs.
	fn grant_research_consent(participant: &AccountId, trial: TrialId);
}

// `register_trial` and `report_adverse_event` take their fields one by one, as clients send them.
#[allow(clippy::too_many_arguments)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use healthchain_primitives::{consent::ConsentInspect, credentials::CredentialsInspect};
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
		/// Holds the deposits of registrations, amendments, enrolments, adverse events and
		/// results.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch): registration, amendment,
		/// enrolment and results times, and results-due dates.
		type Time: Time<Moment = Moment>;

		/// Who holds which live credential, who is affiliated where, which institutions are
		/// verified and of what kind, who is an authority (the credentials pallet in the
		/// runtime).
		type Credentials: CredentialsInspect<Self::AccountId>;

		/// Whether a participant holds a live research consent to a trial (the consent pallet
		/// in the runtime).
		type Consent: ConsentInspect<Self::AccountId>;

		/// Deposit the sponsor holds for a registration: the trial, its version 0 and its
		/// registry-id index entry.
		#[pallet::constant]
		type TrialDeposit: Get<BalanceOf<Self>>;

		/// Deposit the sponsor holds for each amendment.
		#[pallet::constant]
		type AmendmentDeposit: Get<BalanceOf<Self>>;

		/// Deposit the investigator holds for each enrolment, returned when the participant
		/// leaves.
		#[pallet::constant]
		type EnrolmentDeposit: Get<BalanceOf<Self>>;

		/// Deposit the reporting investigator holds for each adverse event.
		#[pallet::constant]
		type AdverseEventDeposit: Get<BalanceOf<Self>>;

		/// Deposit the sponsor holds for each results posting.
		#[pallet::constant]
		type ResultsDeposit: Get<BalanceOf<Self>>;

		/// How long after completion results are due, in milliseconds (a year under FDAAA
		/// 801 and the EU CTR).
		#[pallet::constant]
		type ResultsDuePeriod: Get<Moment>;

		/// The most sites a trial may have.
		#[pallet::constant]
		type MaxSites: Get<u32>;

		/// The most primary, and the most secondary, outcomes a protocol version may list.
		#[pallet::constant]
		type MaxOutcomes: Get<u32>;

		/// The most amendments a trial may have after its registration.
		#[pallet::constant]
		type MaxAmendments: Get<u32>;

		/// The most participants a trial may plan to enrol (and so have enrolled at once).
		#[pallet::constant]
		type MaxParticipants: Get<u32>;

		/// The most results postings a trial may have.
		#[pallet::constant]
		type MaxResultPostings: Get<u32>;

		/// The longest document pointer (CID or URI), in bytes.
		#[pallet::constant]
		type MaxPointerLen: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up credentials, institutions, authorities and research consent for the
		/// benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A trial's registration, amendments and results postings, held from the sponsor.
		TrialDeposit,
		/// An enrolment, held from the investigator until the participant leaves.
		EnrolmentDeposit,
		/// An adverse event report, held from the investigator.
		AdverseEventDeposit,
	}

	/// Every registered trial.
	#[pallet::storage]
	pub type Trials<T: Config> = StorageMap<_, Twox64Concat, TrialId, TrialOf<T>>;

	/// The id the next trial gets.
	#[pallet::storage]
	pub type NextTrialId<T> = StorageValue<_, TrialId, ValueQuery>;

	/// The trial registered under each primary-registry id: one trial per id.
	#[pallet::storage]
	pub type TrialByRegistryId<T> = StorageMap<_, Blake2_128Concat, RegistryId, TrialId>;

	/// Every protocol version of each trial: 0 as registered, then each amendment.
	#[pallet::storage]
	pub type ProtocolVersions<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Twox64Concat, u32, AmendmentOf<T>>;

	/// The participants enrolled in each trial now.
	#[pallet::storage]
	pub type Enrolments<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Blake2_128Concat, T::AccountId, EnrolmentOf<T>>;

	/// How many participants each trial has enrolled now.
	#[pallet::storage]
	pub type EnrolmentCount<T> = StorageMap<_, Twox64Concat, TrialId, u32, ValueQuery>;

	/// The adverse events reported in each trial, numbered from 0.
	#[pallet::storage]
	pub type AdverseEvents<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Twox64Concat, u32, AdverseEventOf<T>>;

	/// How many adverse events each trial has reported; the next one gets this number.
	#[pallet::storage]
	pub type AdverseEventCount<T> = StorageMap<_, Twox64Concat, TrialId, u32, ValueQuery>;

	/// The results postings of each trial, numbered from 0.
	#[pallet::storage]
	pub type TrialResults<T: Config> =
		StorageDoubleMap<_, Twox64Concat, TrialId, Twox64Concat, u32, ResultsOf<T>>;

	/// When results are due, for each finished trial with none posted yet: the open due dates
	/// the runtime API scans for overdue results.
	#[pallet::storage]
	pub type ResultsDue<T> = StorageMap<_, Twox64Concat, TrialId, Moment>;

	/// The trials whose outcomes were switched after recruitment began, with how many times.
	#[pallet::storage]
	pub type SwitchedTrials<T> = StorageMap<_, Twox64Concat, TrialId, u32>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A sponsor registered a trial; its registration time is the chain's.
		TrialRegistered {
			trial: TrialId,
			sponsor: T::AccountId,
			registry_id: RegistryId,
			phase: Phase,
			protocol_hash: Hash32,
			sites: SitesOf<T>,
			target_enrolment: u32,
			primary: OutcomesOf<T>,
			secondary: OutcomesOf<T>,
			registered_at: Moment,
		},
		/// A trial's status changed.
		StatusChanged { trial: TrialId, by: T::AccountId, status: TrialStatusOf<T> },
		/// An authority confirmed that a trial's registry id is its sponsor's: the
		/// registration is no longer provisional.
		RegistryIdConfirmed { trial: TrialId, registry_id: RegistryId, authority: T::AccountId },
		/// An authority rejected a provisional registration's registry id: the trial is
		/// terminated and the id free for the trial it belongs to.
		RegistryIdRejected {
			trial: TrialId,
			registry_id: RegistryId,
			authority: T::AccountId,
			reason_hash: Hash32,
		},
		/// A finished trial's results are due by `due`.
		ResultsDueSet { trial: TrialId, due: Moment },
		/// The sponsor amended a trial's protocol; the earlier versions are kept.
		ProtocolAmended {
			trial: TrialId,
			version: u32,
			protocol_hash: Hash32,
			reason_hash: Hash32,
			outcome_change: bool,
		},
		/// An amendment changed a trial's outcomes after recruitment began.
		OutcomesSwitched {
			trial: TrialId,
			version: u32,
			primary: OutcomesOf<T>,
			secondary: OutcomesOf<T>,
			switches: u32,
		},
		/// An investigator enrolled a participant under their research consent.
		ParticipantEnrolled {
			trial: TrialId,
			participant: T::AccountId,
			site: InstitutionId,
			investigator: T::AccountId,
		},
		/// A participant left a trial.
		ParticipantWithdrawn { trial: TrialId, participant: T::AccountId, reason: WithdrawalReason },
		/// An investigator reported an adverse event.
		AdverseEventReported {
			trial: TrialId,
			number: u32,
			participant: T::AccountId,
			site: InstitutionId,
			investigator: T::AccountId,
			severity: Severity,
			serious: bool,
			report_hash: Hash32,
		},
		/// The sponsor posted results reporting these outcomes.
		ResultsPosted {
			trial: TrialId,
			posting: u32,
			results_hash: Hash32,
			reported: ReportedOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only an account with a live trial-sponsor credential may do this.
		NotASponsor,
		/// The registry id does not have its registry's format.
		MalformedRegistryId,
		/// A trial is already registered under this registry id.
		RegistryIdTaken,
		/// Recruitment starts once an authority has confirmed the registry id.
		RegistryIdNotConfirmed,
		/// The registry id is already confirmed, or the registration rejected or otherwise
		/// ended.
		RegistryIdAlreadySettled,
		/// A trial needs at least one site.
		NoSites,
		/// A site is listed twice.
		DuplicateSite,
		/// A site is not a verified hospital, clinic or laboratory.
		InvalidSite,
		/// The target enrolment must be at least one.
		ZeroTarget,
		/// The target enrolment may be at most [`Config::MaxParticipants`].
		TargetTooLarge,
		/// A protocol needs at least one primary outcome.
		NoPrimaryOutcome,
		/// An outcome is listed twice (in one list, or as primary and secondary).
		DuplicateOutcome,
		/// A pointer must be a CID, or an `ipfs`, `ar` or `https` URI without query, fragment or
		/// user information (see `healthchain_primitives::pointer`).
		MalformedPointer,
		/// Every id of this kind has been handed out.
		NoIdsLeft,
		/// No trial has this id.
		UnknownTrial,
		/// Only the trial's sponsor may do this.
		NotTrialSponsor,
		/// The trial's status does not allow this transition.
		InvalidTransition,
		/// Only an authority licensing trial sponsors in the trial's jurisdiction may do this.
		NotTrialOverseer,
		/// The trial is completed or terminated.
		TrialFinished,
		/// The trial has as many amendments as it may.
		TooManyAmendments,
		/// Only a physician with a live credential may act as investigator.
		NotAnInvestigator,
		/// The investigator is not affiliated to this site.
		NotAtSite,
		/// The site is not one of the trial's.
		SiteNotInTrial,
		/// The trial is not recruiting.
		NotRecruiting,
		/// The participant holds no live research consent to this trial.
		NoResearchConsent,
		/// The participant is already enrolled.
		AlreadyEnrolled,
		/// The trial has enrolled its target.
		EnrolmentFull,
		/// The account is not enrolled in this trial.
		NotEnrolled,
		/// An adverse event is reported by an investigator at the site where the participant
		/// was enrolled (naming that site), or by the sponsor.
		NotParticipantsSite,
		/// Results may be posted once the trial is completed or terminated.
		NotFinished,
		/// A reported outcome is not one of the trial's pre-registered or current outcomes.
		UnknownOutcome,
		/// The trial has as many results postings as it may.
		TooManyResultPostings,
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

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a trial: its id in a primary registry, its phase, the hash and pointer of
		/// its protocol, its sites (verified hospitals, clinics or laboratories, no duplicates),
		/// its target enrolment and its primary (at least one) and secondary outcomes (hashes
		/// of their definitions). The chain sets the registration time. The caller must hold a
		/// live trial-sponsor credential, and holds [`Config::TrialDeposit`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_trial())]
		pub fn register_trial(
			origin: OriginFor<T>,
			registry_id: RegistryId,
			phase: Phase,
			protocol_hash: Hash32,
			pointer: PointerOf<T>,
			sites: SitesOf<T>,
			target_enrolment: u32,
			primary: OutcomesOf<T>,
			secondary: OutcomesOf<T>,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			Self::do_register_trial(
				sponsor,
				registry_id,
				phase,
				protocol_hash,
				pointer,
				sites,
				target_enrolment,
				primary,
				secondary,
			)
		}

		/// Open recruitment of a registered trial: its outcomes are locked from now on. Only
		/// its sponsor, with a live credential.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::start_recruitment())]
		pub fn start_recruitment(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			Self::do_start_recruitment(sponsor, trial)
		}

		/// Close recruitment of a recruiting trial: its participants are followed up. Only its
		/// sponsor, with a live credential.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::close_recruitment())]
		pub fn close_recruitment(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			Self::do_close_recruitment(sponsor, trial)
		}

		/// Complete an active trial: its results become due [`Config::ResultsDuePeriod`] from
		/// now. Only its sponsor, with a live credential.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::complete_trial())]
		pub fn complete_trial(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			Self::do_complete_trial(sponsor, trial)
		}

		/// Suspend a registered, recruiting or active trial. Only an authority overseeing the
		/// trial: one that licenses trial sponsors in the trial's jurisdiction.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::suspend_trial())]
		pub fn suspend_trial(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_suspend_trial(authority, trial)
		}

		/// Lift a trial's suspension: it returns to the status the suspension interrupted. Only
		/// an authority overseeing the trial.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::resume_trial())]
		pub fn resume_trial(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_resume_trial(authority, trial)
		}

		/// Terminate a trial that is neither completed nor terminated. Its sponsor (with a live
		/// credential) or an authority overseeing the trial. If recruitment had begun, results become due
		/// [`Config::ResultsDuePeriod`] from now.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::terminate_trial())]
		pub fn terminate_trial(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_terminate_trial(who, trial)
		}

		/// Amend a trial's protocol: a new version with its hash, pointer, primary and secondary
		/// outcomes and the hash of the reason. Every earlier version is kept. Changing the
		/// outcomes after recruitment began is flagged as an outcome switch. Only the sponsor,
		/// with a live credential, while the trial is not completed or terminated; holds
		/// [`Config::AmendmentDeposit`]. The registration time is not part of it.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::amend_protocol())]
		pub fn amend_protocol(
			origin: OriginFor<T>,
			trial: TrialId,
			protocol_hash: Hash32,
			pointer: PointerOf<T>,
			primary: OutcomesOf<T>,
			secondary: OutcomesOf<T>,
			reason_hash: Hash32,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			Self::do_amend_protocol(
				sponsor,
				trial,
				protocol_hash,
				pointer,
				primary,
				secondary,
				reason_hash,
			)
		}

		/// Enrol `participant` in a recruiting trial at `site`. The caller must be a physician
		/// with a live credential, affiliated to `site`, one of the trial's sites; the
		/// participant must hold a live research consent to this trial; the trial must not have
		/// reached its target. The caller holds [`Config::EnrolmentDeposit`] until the
		/// participant leaves.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::enrol())]
		pub fn enrol(
			origin: OriginFor<T>,
			trial: TrialId,
			site: InstitutionId,
			participant: T::AccountId,
		) -> DispatchResult {
			let investigator = ensure_signed(origin)?;
			Self::do_enrol(investigator, trial, site, participant)
		}

		/// Withdraw the caller from a trial, at any time, whatever its status. The
		/// investigator's deposit is returned.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let participant = ensure_signed(origin)?;
			Self::do_withdraw(trial, participant, WithdrawalReason::ByParticipant)
		}

		/// Report an adverse event of an enrolled participant at `site`, where they were
		/// enrolled: its CTCAE grade, whether it is serious, and the hash of the off-chain
		/// report. The caller must be a physician with a live credential affiliated to `site`,
		/// or the trial's sponsor with a live credential; it holds
		/// [`Config::AdverseEventDeposit`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::report_adverse_event())]
		pub fn report_adverse_event(
			origin: OriginFor<T>,
			trial: TrialId,
			site: InstitutionId,
			participant: T::AccountId,
			severity: Severity,
			serious: bool,
			report_hash: Hash32,
		) -> DispatchResult {
			let investigator = ensure_signed(origin)?;
			Self::do_report_adverse_event(
				investigator,
				trial,
				site,
				participant,
				severity,
				serious,
				report_hash,
			)
		}

		/// Post a completed or terminated trial's results: the hash and pointer of the results
		/// document and the outcomes it reports, each a pre-registered (locked) or current
		/// outcome of the trial. Later postings (updates, corrections) are kept beside the
		/// first. Only the sponsor, with a live credential; holds [`Config::ResultsDeposit`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::post_results())]
		pub fn post_results(
			origin: OriginFor<T>,
			trial: TrialId,
			results_hash: Hash32,
			pointer: PointerOf<T>,
			reported: ReportedOf<T>,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			Self::do_post_results(sponsor, trial, results_hash, pointer, reported)
		}

		/// Confirm that `trial`'s registry id is its sponsor's (checked against the primary
		/// registry off chain): the registration stops being provisional and recruitment may
		/// start. Only an authority overseeing the trial.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::confirm_registry_id())]
		pub fn confirm_registry_id(origin: OriginFor<T>, trial: TrialId) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_confirm_registry_id(authority, trial)
		}

		/// Reject a provisional registration whose registry id is not its sponsor's (a squatted
		/// id): the trial is terminated and the id freed for the trial it belongs to.
		/// `reason_hash` is the hash of the off-chain finding. Only an authority overseeing the
		/// trial.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::reject_registry_id())]
		pub fn reject_registry_id(
			origin: OriginFor<T>,
			trial: TrialId,
			reason_hash: Hash32,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_reject_registry_id(authority, trial, reason_hash)
		}
	}
}
