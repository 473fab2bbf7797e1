//! Amendments: a new protocol version keeps every earlier one; changing the outcomes after
//! recruitment began is an outcome switch, flagged and listed.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::{DispatchResult, Saturating},
};

impl<T: Config> Pallet<T> {
	/// Stores the next protocol version of a trial that is not finished, holding the amendment
	/// deposit, and flags an outcome switch if the outcomes change after recruitment began.
	pub(crate) fn do_amend_protocol(
		sponsor: T::AccountId,
		trial: TrialId,
		protocol_hash: Hash32,
		pointer: PointerOf<T>,
		primary: OutcomesOf<T>,
		secondary: OutcomesOf<T>,
		reason_hash: Hash32,
	) -> DispatchResult {
		let mut entry = Self::sponsored_trial(&sponsor, trial)?;
		ensure!(!entry.status.is_final(), Error::<T>::TrialFinished);
		ensure!(entry.version < T::MaxAmendments::get(), Error::<T>::TooManyAmendments);
		Self::ensure_protocol(&pointer, &primary, &secondary)?;
		let current =
			ProtocolVersions::<T>::get(trial, entry.version).ok_or(Error::<T>::UnknownTrial)?;
		let outcome_change =
			entry.recruitment_started_at.is_some() && !current.same_outcomes(&primary, &secondary);
		let version = entry.version.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;

		let deposit = T::AmendmentDeposit::get();
		T::Currency::hold(&HoldReason::TrialDeposit.into(), &sponsor, deposit)?;
		entry.deposit = entry.deposit.saturating_add(deposit);
		entry.version = version;
		ProtocolVersions::<T>::insert(
			trial,
			version,
			Amendment {
				protocol_hash,
				pointer,
				primary: primary.clone(),
				secondary: secondary.clone(),
				reason_hash: Some(reason_hash),
				at: T::Time::now(),
				outcome_change,
			},
		);
		Self::deposit_event(Event::ProtocolAmended {
			trial,
			version,
			protocol_hash,
			reason_hash,
			outcome_change,
		});
		if outcome_change {
			entry.outcome_switches = entry.outcome_switches.saturating_add(1);
			SwitchedTrials::<T>::insert(trial, entry.outcome_switches);
			Self::deposit_event(Event::OutcomesSwitched {
				trial,
				version,
				primary,
				secondary,
				switches: entry.outcome_switches,
			});
		}
		Trials::<T>::insert(trial, entry);
		Ok(())
	}
}
