//! Safety: investigators report adverse events of enrolled participants.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Stores an adverse event of an enrolled participant, holding the deposit from the
	/// reporting investigator. Reports are taken in any status: follow-up continues after
	/// suspension, completion or termination.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_report_adverse_event(
		investigator: T::AccountId,
		trial: TrialId,
		site: InstitutionId,
		participant: T::AccountId,
		severity: Severity,
		serious: bool,
		report_hash: Hash32,
	) -> DispatchResult {
		let entry = Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?;
		Self::ensure_investigator_at(&investigator, &entry, site)?;
		ensure!(Enrolments::<T>::contains_key(trial, &participant), Error::<T>::NotEnrolled);
		let number = AdverseEventCount::<T>::get(trial);
		ensure!(number < T::MaxAdverseEvents::get(), Error::<T>::TooManyAdverseEvents);
		let deposit = T::AdverseEventDeposit::get();
		T::Currency::hold(&HoldReason::AdverseEventDeposit.into(), &investigator, deposit)?;
		AdverseEvents::<T>::insert(
			trial,
			number,
			AdverseEvent {
				participant: participant.clone(),
				site,
				investigator: investigator.clone(),
				severity,
				serious,
				report_hash,
				at: T::Time::now(),
				deposit,
			},
		);
		AdverseEventCount::<T>::insert(trial, number.saturating_add(1));
		Self::deposit_event(Event::AdverseEventReported {
			trial,
			number,
			participant,
			site,
			investigator,
			severity,
			serious,
			report_hash,
		});
		Ok(())
	}
}
