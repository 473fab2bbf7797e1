//! Enrolment: an investigator at a site enrols a participant under their live research consent;
//! the participant withdraws at any time, and revoking the consent withdraws them.

use crate::*;
use healthchain_primitives::{
	consent::ConsentInspect, counts, credentials::CredentialsInspect, deposits,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Enrols a participant in a recruiting trial, holding the enrolment deposit from the
	/// investigator.
	pub(crate) fn do_enrol(
		investigator: T::AccountId,
		trial: TrialId,
		site: InstitutionId,
		participant: T::AccountId,
	) -> DispatchResult {
		let entry = Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?;
		Self::ensure_investigator_at(&investigator, &entry, site)?;
		ensure!(entry.status == TrialStatus::Recruiting, Error::<T>::NotRecruiting);
		ensure!(
			T::Consent::has_live_grant(&participant, &Grantee::Study(trial), Purpose::Research),
			Error::<T>::NoResearchConsent
		);
		ensure!(!Enrolments::<T>::contains_key(trial, &participant), Error::<T>::AlreadyEnrolled);
		let count = EnrolmentCount::<T>::get(trial);
		// The target is at most `MaxParticipants`, so this bounds the enrolments too.
		ensure!(
			count < entry.target_enrolment.min(T::MaxParticipants::get()),
			Error::<T>::EnrolmentFull
		);
		let deposit = T::EnrolmentDeposit::get();
		T::Currency::hold(&HoldReason::EnrolmentDeposit.into(), &investigator, deposit)?;
		Enrolments::<T>::insert(
			trial,
			&participant,
			Enrolment { site, investigator: investigator.clone(), at: T::Time::now(), deposit },
		);
		EnrolmentCount::<T>::insert(trial, count.saturating_add(1));
		Self::deposit_event(Event::ParticipantEnrolled { trial, participant, site, investigator });
		Ok(())
	}

	/// Removes a participant's enrolment, returns the investigator's deposit and events it.
	pub(crate) fn do_withdraw(
		trial: TrialId,
		participant: T::AccountId,
		reason: WithdrawalReason,
	) -> DispatchResult {
		let enrolment =
			Enrolments::<T>::take(trial, &participant).ok_or(Error::<T>::NotEnrolled)?;
		deposits::release::<_, T::Currency>(
			&HoldReason::EnrolmentDeposit.into(),
			&enrolment.investigator,
			enrolment.deposit,
		)?;
		counts::decrement::<EnrolmentCount<T>, _, _>(trial);
		Self::deposit_event(Event::ParticipantWithdrawn { trial, participant, reason });
		Ok(())
	}

	/// `investigator` is a physician with a live credential, affiliated to `site`, one of the
	/// trial's sites.
	pub(crate) fn ensure_investigator_at(
		investigator: &T::AccountId,
		entry: &TrialOf<T>,
		site: InstitutionId,
	) -> Result<(), DispatchError> {
		ensure!(
			T::Credentials::has_role(investigator, Role::Physician),
			Error::<T>::NotAnInvestigator
		);
		ensure!(entry.sites.contains(&site), Error::<T>::SiteNotInTrial);
		ensure!(T::Credentials::is_affiliated(investigator, site), Error::<T>::NotAtSite);
		Ok(())
	}
}
