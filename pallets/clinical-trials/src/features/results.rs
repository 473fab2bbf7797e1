//! Results: the sponsor posts a finished trial's results, naming the outcomes they report.

use crate::*;
use healthchain_primitives::has_duplicates;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::{DispatchResult, Saturating},
};

impl<T: Config> Pallet<T> {
	/// Stores a results posting of a completed or terminated trial, holding the deposit from
	/// the sponsor, and closes its open due date.
	pub(crate) fn do_post_results(
		sponsor: T::AccountId,
		trial: TrialId,
		results_hash: Hash32,
		pointer: PointerOf<T>,
		reported: ReportedOf<T>,
	) -> DispatchResult {
		let mut entry = Self::sponsored_trial(&sponsor, trial)?;
		ensure!(entry.status.is_final(), Error::<T>::NotFinished);
		ensure!(is_well_formed_pointer(&pointer), Error::<T>::MalformedPointer);
		ensure!(
			entry.results_posted < T::MaxResultPostings::get(),
			Error::<T>::TooManyResultPostings
		);
		ensure!(!has_duplicates(&reported), Error::<T>::DuplicateOutcome);
		let current = ProtocolVersions::<T>::get(trial, entry.version);
		let locked = entry
			.locked_version
			.and_then(|version| ProtocolVersions::<T>::get(trial, version));
		ensure!(
			reported.iter().all(|outcome| current
				.iter()
				.chain(locked.iter())
				.any(|version| version.has_outcome(outcome))),
			Error::<T>::UnknownOutcome
		);

		let deposit = T::ResultsDeposit::get();
		T::Currency::hold(&HoldReason::TrialDeposit.into(), &sponsor, deposit)?;
		entry.deposit = entry.deposit.saturating_add(deposit);
		let posting = entry.results_posted;
		entry.results_posted = posting.saturating_add(1);
		TrialResults::<T>::insert(
			trial,
			posting,
			Results {
				results_hash,
				pointer,
				reported: reported.clone(),
				posted_at: T::Time::now(),
			},
		);
		ResultsDue::<T>::remove(trial);
		Trials::<T>::insert(trial, entry);
		Self::deposit_event(Event::ResultsPosted { trial, posting, results_hash, reported });
		Ok(())
	}
}
