//! Appeals: the provider or the member appeals a claim's denials and reductions; the insurer
//! upholds or overturns on its clock; an upheld or overdue appeal goes to external review by an
//! authority overseeing insurers, whose decision binds. Overturns are paid at once.

use crate::*;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{traits::Zero, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Files an appeal of an adjudicated claim, holding the deposit from the appellant.
	pub(crate) fn do_appeal_claim(
		who: T::AccountId,
		claim: ClaimId,
		grounds_hash: Hash32,
	) -> DispatchResult {
		let entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		let adjudication = Adjudications::<T>::get(claim).ok_or(Error::<T>::NotAdjudicated)?;
		let party = if Self::speaks_for_member(&who, &entry.member) {
			Party::Member
		} else {
			Self::ensure_provider_staff(&who, entry.provider)?;
			Party::Provider
		};
		ensure!(
			adjudication.lines.iter().any(|line| line.adjustment.is_some()),
			Error::<T>::NothingToAppeal
		);
		let now = T::Time::now();
		ensure!(
			now <= adjudication.decided_at.saturating_add(Self::clocks().appeal_window),
			Error::<T>::AppealWindowClosed
		);
		ensure!(!Appeals::<T>::contains_key(claim), Error::<T>::AlreadyAppealed);
		let deposit = T::AppealDeposit::get();
		Self::hold_deposit(&who, deposit)?;
		let due = now.saturating_add(Self::clocks().appeal_decision);
		Appeals::<T>::insert(
			claim,
			Appeal {
				party,
				appellant: who,
				grounds_hash,
				filed_at: now,
				due,
				status: AppealStatus::Pending,
				deposit,
			},
		);
		OpenAppeals::<T>::insert(entry.insurer, claim, due);
		Self::deposit_event(Event::ClaimAppealed { claim, by: party, due });
		Ok(())
	}

	/// The insurer upholds or overturns; the appellant's deposit is returned either way.
	pub(crate) fn do_decide_appeal(
		who: T::AccountId,
		claim: ClaimId,
		overturn: bool,
	) -> DispatchResult {
		let mut appeal = Appeals::<T>::get(claim).ok_or(Error::<T>::NoAppeal)?;
		let entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		Self::ensure_insurer_staff(&who, entry.insurer)?;
		ensure!(appeal.status == AppealStatus::Pending, Error::<T>::AppealNotPending);
		let paid = if overturn { Self::pay_overturned(claim)? } else { Zero::zero() };
		let at = T::Time::now();
		appeal.status =
			if overturn { AppealStatus::Overturned { at } } else { AppealStatus::Upheld { at } };
		Self::close_appeal(entry.insurer, claim, &appeal)?;
		Self::record_appeal(entry.insurer, false, overturn);
		Appeals::<T>::insert(claim, appeal);
		Self::deposit_event(Event::AppealDecided { claim, overturned: overturn, paid });
		Ok(())
	}

	/// The appellant's side sends an upheld appeal, or one left past its deadline, to external
	/// review.
	pub(crate) fn do_request_external_review(who: T::AccountId, claim: ClaimId) -> DispatchResult {
		let mut appeal = Appeals::<T>::get(claim).ok_or(Error::<T>::NoAppeal)?;
		let entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		match appeal.party {
			Party::Member => ensure!(
				Self::speaks_for_member(&who, &entry.member),
				Error::<T>::NotMemberOrGuardian
			),
			_ => Self::ensure_provider_staff(&who, entry.provider)?,
		}
		let now = T::Time::now();
		let opened = match appeal.status {
			AppealStatus::Upheld { at } => at,
			AppealStatus::Pending if now > appeal.due => appeal.due,
			_ => return Err(Error::<T>::ExternalReviewNotOpen.into()),
		};
		ensure!(
			now <= opened.saturating_add(Self::clocks().external_review_window),
			Error::<T>::ExternalReviewNotOpen
		);
		if appeal.status == AppealStatus::Pending {
			Self::close_appeal(entry.insurer, claim, &appeal)?;
		}
		appeal.status = AppealStatus::ExternalReview { requested_at: now };
		Appeals::<T>::insert(claim, appeal);
		Self::deposit_event(Event::ExternalReviewRequested { claim });
		Ok(())
	}

	/// An authority overseeing insurers in the insurer's jurisdiction decides; an overturn is
	/// paid at once.
	pub(crate) fn do_decide_external_review(
		reviewer: T::AccountId,
		claim: ClaimId,
		overturn: bool,
	) -> DispatchResult {
		let mut appeal = Appeals::<T>::get(claim).ok_or(Error::<T>::NoAppeal)?;
		ensure!(
			matches!(appeal.status, AppealStatus::ExternalReview { .. }),
			Error::<T>::ExternalReviewNotOpen
		);
		let entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		let insurer =
			T::Credentials::verified_institution(entry.insurer).ok_or(Error::<T>::NotAnInsurer)?;
		ensure!(
			T::Credentials::oversees_institution_kind(
				&reviewer,
				InstitutionKind::Insurer,
				insurer.jurisdiction
			),
			Error::<T>::NotPayerOverseer
		);
		let paid = if overturn { Self::pay_overturned(claim)? } else { Zero::zero() };
		let at = T::Time::now();
		appeal.status = if overturn {
			AppealStatus::ExternalOverturned { at }
		} else {
			AppealStatus::ExternalUpheld { at }
		};
		Self::record_appeal(entry.insurer, true, overturn);
		Appeals::<T>::insert(claim, appeal);
		Self::deposit_event(Event::ExternalReviewDecided {
			claim,
			reviewer,
			overturned: overturn,
			paid,
		});
		Ok(())
	}

	/// Takes a pending appeal off the insurer's open list and returns its deposit.
	fn close_appeal(
		insurer: InstitutionId,
		claim: ClaimId,
		appeal: &AppealOf<T>,
	) -> DispatchResult {
		OpenAppeals::<T>::remove(insurer, claim);
		Self::release_deposit(&appeal.appellant, appeal.deposit)
	}
}
