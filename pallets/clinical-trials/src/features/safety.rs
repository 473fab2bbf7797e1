//! Safety: investigators at the participant's site, or the sponsor, report adverse events of
//! enrolled participants.

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
	/// reporter: an investigator at the participant's site, or the sponsor. Reports are taken
	/// in any status (follow-up continues after suspension, completion or termination), and
	/// without a cap: each pays for itself.
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
		if investigator == entry.sponsor {
			Self::sponsored_trial(&investigator, trial)?;
		} else {
			Self::ensure_investigator_at(&investigator, &entry, site)?;
		}
		let enrolment = Enrolments::<T>::get(trial, &participant).ok_or(Error::<T>::NotEnrolled)?;
		ensure!(enrolment.site == site, Error::<T>::NotParticipantsSite);
		let number = AdverseEventCount::<T>::get(trial);
		let next = number.checked_add(1).ok_or(Error::<T>::NoIdsLeft)?;
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
		AdverseEventCount::<T>::insert(trial, next);
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
