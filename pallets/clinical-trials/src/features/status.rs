//! The status lifecycle: the sponsor moves a trial forward, an authority overseeing it (one that
//! licenses trial sponsors in the trial's jurisdiction) suspends it and lifts the suspension,
//! either terminates it. No other transition exists.

use crate::*;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Registered → Recruiting, by the sponsor, once an authority has confirmed the registry
	/// id: the outcomes in force are locked.
	pub(crate) fn do_start_recruitment(sponsor: T::AccountId, trial: TrialId) -> DispatchResult {
		let mut entry = Self::sponsored_trial(&sponsor, trial)?;
		ensure!(entry.status == TrialStatus::Registered, Error::<T>::InvalidTransition);
		ensure!(entry.registry_confirmed_by.is_some(), Error::<T>::RegistryIdNotConfirmed);
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

	/// Registered, Recruiting or Active → Suspended, by an authority overseeing the trial.
	pub(crate) fn do_suspend_trial(authority: T::AccountId, trial: TrialId) -> DispatchResult {
		let mut entry = Self::overseen_trial(&authority, trial)?;
		let from = entry.status.resumable().ok_or(Error::<T>::InvalidTransition)?;
		entry.status = TrialStatus::Suspended { by: authority.clone(), at: T::Time::now(), from };
		Self::store_status(trial, entry, authority);
		Ok(())
	}

	/// Suspended → the status it interrupted, by an authority overseeing the trial.
	pub(crate) fn do_resume_trial(authority: T::AccountId, trial: TrialId) -> DispatchResult {
		let mut entry = Self::overseen_trial(&authority, trial)?;
		let TrialStatus::Suspended { from, .. } = entry.status else {
			return Err(Error::<T>::InvalidTransition.into());
		};
		entry.status = from.into();
		Self::store_status(trial, entry, authority);
		Ok(())
	}

	/// Any status but Completed or Terminated → Terminated, by the sponsor or an authority
	/// overseeing the trial. Results become due if recruitment had begun.
	pub(crate) fn do_terminate_trial(who: T::AccountId, trial: TrialId) -> DispatchResult {
		let entry = Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?;
		let mut entry =
			if Self::oversees(&who, &entry) { entry } else { Self::sponsored_trial(&who, trial)? };
		ensure!(!entry.status.is_final(), Error::<T>::InvalidTransition);
		let now = T::Time::now();
		entry.status = TrialStatus::Terminated { at: now };
		if entry.recruitment_started_at.is_some() {
			Self::set_results_due(trial, &mut entry, now);
		}
		Self::store_status(trial, entry, who);
		Ok(())
	}

	/// Confirms, for an authority overseeing the trial, that the registry id is the sponsor's:
	/// the registration stops being provisional.
	pub(crate) fn do_confirm_registry_id(
		authority: T::AccountId,
		trial: TrialId,
	) -> DispatchResult {
		let mut entry = Self::overseen_trial(&authority, trial)?;
		// A rejected registration is terminated: it stays settled.
		ensure!(
			entry.registry_confirmed_by.is_none() && !entry.status.is_final(),
			Error::<T>::RegistryIdAlreadySettled
		);
		entry.registry_confirmed_by = Some(authority.clone());
		let registry_id = entry.registry_id;
		Trials::<T>::insert(trial, entry);
		Self::deposit_event(Event::RegistryIdConfirmed { trial, registry_id, authority });
		Ok(())
	}

	/// Rejects, for an authority overseeing the trial, a provisional registration whose
	/// registry id is not the sponsor's: the trial is terminated (it never recruited, so no
	/// results are due), stays on the registry with its deposit, and the id is free for the
	/// trial it belongs to.
	pub(crate) fn do_reject_registry_id(
		authority: T::AccountId,
		trial: TrialId,
		reason_hash: Hash32,
	) -> DispatchResult {
		let mut entry = Self::overseen_trial(&authority, trial)?;
		ensure!(entry.registry_confirmed_by.is_none(), Error::<T>::RegistryIdAlreadySettled);
		ensure!(entry.status.resumable().is_some(), Error::<T>::InvalidTransition);
		let registry_id = entry.registry_id;
		TrialByRegistryId::<T>::remove(registry_id);
		entry.status = TrialStatus::Terminated { at: T::Time::now() };
		Self::deposit_event(Event::RegistryIdRejected {
			trial,
			registry_id,
			authority: authority.clone(),
			reason_hash,
		});
		Self::store_status(trial, entry, authority);
		Ok(())
	}

	/// The trial, if `authority` oversees it: it licenses trial sponsors in the trial's
	/// jurisdiction.
	fn overseen_trial(
		authority: &T::AccountId,
		trial: TrialId,
	) -> Result<TrialOf<T>, DispatchError> {
		let entry = Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?;
		ensure!(Self::oversees(authority, &entry), Error::<T>::NotTrialOverseer);
		Ok(entry)
	}

	/// Whether `who` is an authority licensing trial sponsors in the trial's jurisdiction.
	fn oversees(who: &T::AccountId, trial: &TrialOf<T>) -> bool {
		T::Credentials::oversees_role(who, Role::TrialSponsor, trial.jurisdiction)
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
