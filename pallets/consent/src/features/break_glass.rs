//! Break-glass: emergency access to a patient's records, opened by a clinician and reviewed
//! afterwards by the patient or an authority.

use crate::*;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible::MutateHold,
			tokens::{Precision, Restriction},
			Get, Time,
		},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Opens emergency access for a clinician with a live credential, holding their deposit.
	pub(crate) fn do_open_break_glass(
		clinician: T::AccountId,
		patient: T::AccountId,
		justification_hash: [u8; 32],
	) -> DispatchResult {
		ensure!(clinician != patient, Error::<T>::SelfBreakGlass);
		ensure!(
			T::Credentials::has_any_role(&clinician, &CLINICIAN_ROLES),
			Error::<T>::NotAClinician
		);
		let now = T::Time::now();
		if let Some(latest) = LatestBreakGlass::<T>::get(&patient, &clinician) {
			let still_open = BreakGlasses::<T>::get(&patient, latest)
				.is_some_and(|access| access.is_open_at(now));
			ensure!(!still_open, Error::<T>::BreakGlassAlreadyOpen);
		}
		let pending = PendingBreakGlass::<T>::get(&patient);
		ensure!(pending < T::MaxPendingBreakGlass::get(), Error::<T>::TooManyPendingBreakGlass);

		let break_glass = NextBreakGlassId::<T>::get();
		NextBreakGlassId::<T>::put(break_glass.checked_add(1).ok_or(Error::<T>::IdOverflow)?);
		let deposit = T::BreakGlassDeposit::get();
		T::Currency::hold(&HoldReason::BreakGlassDeposit.into(), &clinician, deposit)?;
		let expires_at = now.saturating_add(T::BreakGlassDuration::get());
		BreakGlasses::<T>::insert(
			&patient,
			break_glass,
			BreakGlass {
				clinician: clinician.clone(),
				justification_hash,
				opened_at: now,
				expires_at,
				deposit,
			},
		);
		PendingBreakGlass::<T>::insert(&patient, pending.saturating_add(1));
		LatestBreakGlass::<T>::insert(&patient, &clinician, break_glass);
		Self::deposit_event(Event::BreakGlassOpened {
			break_glass,
			patient,
			clinician,
			justification_hash,
			expires_at,
		});
		Ok(())
	}

	/// Closes an emergency access with the reviewer's finding: the deposit goes back to the
	/// clinician, or to the patient on abuse, which is also counted against the clinician.
	pub(crate) fn do_review_break_glass(
		reviewer: T::AccountId,
		patient: T::AccountId,
		break_glass: BreakGlassId,
		finding: ReviewFinding,
	) -> DispatchResult {
		ensure!(
			reviewer == patient || T::Credentials::is_authority(&reviewer),
			Error::<T>::NotReviewer
		);
		let access =
			BreakGlasses::<T>::get(&patient, break_glass).ok_or(Error::<T>::UnknownBreakGlass)?;
		let reason = HoldReason::BreakGlassDeposit.into();
		match finding {
			ReviewFinding::Justified => {
				T::Currency::release(
					&reason,
					&access.clinician,
					access.deposit,
					Precision::BestEffort,
				)?;
			},
			ReviewFinding::Abuse => {
				T::Currency::transfer_on_hold(
					&reason,
					&access.clinician,
					&patient,
					access.deposit,
					Precision::BestEffort,
					Restriction::Free,
					polkadot_sdk::frame_support::traits::tokens::Fortitude::Force,
				)?;
				AbuseFindings::<T>::mutate(&access.clinician, |count| {
					*count = count.saturating_add(1)
				});
			},
		}
		BreakGlasses::<T>::remove(&patient, break_glass);
		PendingBreakGlass::<T>::mutate_exists(&patient, |pending| {
			*pending =
				pending.map(|pending| pending.saturating_sub(1)).filter(|pending| *pending > 0)
		});
		if LatestBreakGlass::<T>::get(&patient, &access.clinician) == Some(break_glass) {
			LatestBreakGlass::<T>::remove(&patient, &access.clinician);
		}
		Self::deposit_event(Event::BreakGlassReviewed {
			break_glass,
			patient,
			clinician: access.clinician,
			reviewer,
			finding,
		});
		Ok(())
	}
}
