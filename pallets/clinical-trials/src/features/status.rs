//! The status lifecycle: the sponsor moves a trial forward, an authority suspends it and lifts
//! the suspension, either terminates it. No other transition exists.

use crate::*;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Registered → Recruiting, by the sponsor: the outcomes in force are locked.
	pub(crate) fn do_start_recruitment(sponsor: T::AccountId, trial: TrialId) -> DispatchResult {
		let mut entry = Self::sponsored_trial(&sponsor, trial)?;
		ensure!(entry.status == TrialStatus::Registered, Error::<T>::InvalidTransition);
		entry.status = TrialStatus::Recruiting;
		// Recruitment begins only once: a suspended trial resumes without passing here.
		entry.recruitment_started_at = Some(T::Time::now());
		entry.locked_version = Some(entry.version);
		Self::store_status(trial, entry, sponsor);
		Ok(())
	}

	/// Recruiting → Active, by the sponsor.
	pub(crate) fn do_close_recruitment(sponsor: T::AccountId, trial: TrialId) -> DispatchResult {
		let mut entry = Self::sponsored_trial(&sponsor, trial)?;
		ensure!(entry.status == TrialStatus::Recruiting, Error::<T>::InvalidTransition);
		entry.status = TrialStatus::Active;
		Self::store_status(trial, entry, sponsor);
		Ok(())
	}

	/// Active → Completed, by the sponsor: results become due.
	pub(crate) fn do_complete_trial(sponsor: T::AccountId, trial: TrialId) -> DispatchResult {
		let mut entry = Self::sponsored_trial(&sponsor, trial)?;
		ensure!(entry.status == TrialStatus::Active, Error::<T>::InvalidTransition);
		let now = T::Time::now();
		entry.status = TrialStatus::Completed { at: now };
		Self::set_results_due(trial, &mut entry, now);
		Self::store_status(trial, entry, sponsor);
		Ok(())
	}

	/// Registered, Recruiting or Active → Suspended, by an authority.
	pub(crate) fn do_suspend_trial(authority: T::AccountId, trial: TrialId) -> DispatchResult {
		ensure!(T::Credentials::is_authority(&authority), Error::<T>::NotAnAuthority);
		let mut entry = Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?;
		let from = entry.status.resumable().ok_or(Error::<T>::InvalidTransition)?;
		entry.status = TrialStatus::Suspended { by: authority.clone(), at: T::Time::now(), from };
		Self::store_status(trial, entry, authority);
		Ok(())
	}

	/// Suspended → the status it interrupted, by an authority.
	pub(crate) fn do_resume_trial(authority: T::AccountId, trial: TrialId) -> DispatchResult {
		ensure!(T::Credentials::is_authority(&authority), Error::<T>::NotAnAuthority);
		let mut entry = Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?;
		let TrialStatus::Suspended { from, .. } = entry.status else {
			return Err(Error::<T>::InvalidTransition.into());
		};
		entry.status = from.into();
		Self::store_status(trial, entry, authority);
		Ok(())
	}

	/// Any status but Completed or Terminated → Terminated, by the sponsor or an authority.
	/// Results become due if recruitment had begun.
	pub(crate) fn do_terminate_trial(who: T::AccountId, trial: TrialId) -> DispatchResult {
		let mut entry = if T::Credentials::is_authority(&who) {
			Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?
		} else {
			Self::sponsored_trial(&who, trial)?
		};
		ensure!(!entry.status.is_final(), Error::<T>::InvalidTransition);
		let now = T::Time::now();
		entry.status = TrialStatus::Terminated { at: now };
		if entry.recruitment_started_at.is_some() {
			Self::set_results_due(trial, &mut entry, now);
		}
		Self::store_status(trial, entry, who);
		Ok(())
	}

	/// Sets the results-due date [`Config::ResultsDuePeriod`] after `now`, indexes it until
	/// results are posted, and events it.
	fn set_results_due(trial: TrialId, entry: &mut TrialOf<T>, now: Moment) {
		let due = now.saturating_add(T::ResultsDuePeriod::get());
		entry.results_due = Some(due);
		ResultsDue::<T>::insert(trial, due);
		Self::deposit_event(Event::ResultsDueSet { trial, due });
	}

	/// Stores the trial with its new status and events the change.
	fn store_status(trial: TrialId, entry: TrialOf<T>, by: T::AccountId) {
		let status = entry.status.clone();
		Trials::<T>::insert(trial, entry);
		Self::deposit_event(Event::StatusChanged { trial, by, status });
	}
}
