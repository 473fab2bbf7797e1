//! Runtime API of the clinical-trials pallet, for registries, journals, ethics committees,
//! sponsors' and sites' systems and participants' wallets.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_clinical_trials::{
	AdverseEvent, Amendment, Enrolment, Hash32, Moment, Participation, Phase, RegistryId, Results,
	Severity, Trial, TrialId, TrialStatus,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Trials with their amendment history, enrolment, adverse events and results, and the
	/// lists that keep sponsors honest: trials that switched outcomes, overdue results and
	/// outcomes never reported.
	///
	/// `Trial` is the runtime's trial type (`pallet_clinical_trials::TrialOf<Runtime>`),
	/// `Amendment` its protocol version type (`AmendmentOf<Runtime>`), `AdverseEvent` its
	/// adverse event type (`AdverseEventOf<Runtime>`) and `Results` its results posting type
	/// (`ResultsOf<Runtime>`).
	pub trait ClinicalTrialsApi<AccountId, Trial, Amendment, AdverseEvent, Results>
	where
		AccountId: Codec,
		Trial: Codec,
		Amendment: Codec,
		AdverseEvent: Codec,
		Results: Codec,
	{
		/// A registered trial.
		fn trial(id: TrialId) -> Option<Trial>;

		/// The trial registered under a primary-registry id (NCT, EU CT or ISRCTN number).
		fn trial_by_registry_id(registry_id: RegistryId) -> Option<TrialId>;

		/// Every protocol version of a trial, oldest (the registration, version 0) first, each
		/// flagged if it switched outcomes.
		fn amendments(id: TrialId) -> Vec<(u32, Amendment)>;

		/// How many participants a trial has enrolled now.
		fn enrolment_count(id: TrialId) -> u32;

		/// An account's participation in a trial: not enrolled, or enrolled and whether its
		/// research consent to it is still live (an expired consent does not withdraw a
		/// participant).
		fn participation(id: TrialId, participant: AccountId) -> Participation;

		/// The finished trials whose results are overdue now, with their due dates.
		fn overdue_results() -> Vec<(TrialId, Moment)>;

		/// The trials whose outcomes were changed after recruitment began.
		fn switched_outcomes() -> Vec<TrialId>;

		/// The outcomes a trial's results must report (those locked when recruitment began and
		/// those in force) that no results posting has reported.
		fn unreported_outcomes(id: TrialId) -> Vec<Hash32>;

		/// A trial's adverse events, in the order reported.
		fn adverse_events(id: TrialId) -> Vec<(u32, AdverseEvent)>;

		/// A trial's results postings, oldest first.
		fn results(id: TrialId) -> Vec<(u32, Results)>;
	}
}
