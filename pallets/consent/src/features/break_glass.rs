//! Break-glass: emergency access to a patient's records, opened by a clinician for the hospital
//! or clinic they act for, reviewed afterwards by the patient or an authority overseeing the
//! clinician, with a ban from break-glass when the review finds abuse.

use crate::*;
use healthchain_primitives::{counts, credentials::CredentialsInspect, deposits, ids};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
			Get, Time,
		},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Opens emergency access for a clinician with a live credential who acts for a verified
	/// hospital or clinic, is not banned and has room under their own pending bound, holding
	/// their deposit. Nothing other clinicians opened counts against them.
	pub(crate) fn do_open_break_glass(
		clinician: T::AccountId,
		patient: T::AccountId,
		on_behalf_of: InstitutionId,
		justification_hash: [u8; 32],
	) -> DispatchResult {
		ensure!(clinician != patient, Error::<T>::SelfBreakGlass);
		let credential = T::Credentials::first_live_credential(&clinician, &CLINICIAN_ROLES)
			.ok_or(Error::<T>::NotAClinician)?;
		ensure!(!BreakGlassBans::<T>::contains_key(&clinician), Error::<T>::BannedFromBreakGlass);
		ensure!(
			T::Credentials::verified_institution_kind(on_behalf_of)
				.is_some_and(|kind| CARE_KINDS.contains(&kind))
				&& T::Credentials::acts_for(&clinician, on_behalf_of),
			Error::<T>::NotActingForCareInstitution
		);
		let now = T::Time::now();
		if let Some(latest) = LatestBreakGlass::<T>::get(&patient, &clinician) {
			let still_open = BreakGlasses::<T>::get(&patient, latest)
				.is_some_and(|access| access.is_open_at(now));
			ensure!(!still_open, Error::<T>::BreakGlassAlreadyOpen);
		}
		let pending = PendingBreakGlass::<T>::get(&clinician);
		ensure!(pending < T::MaxPendingBreakGlass::get(), Error::<T>::TooManyPendingBreakGlass);

		let break_glass = ids::next_id::<NextBreakGlassId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::BreakGlassDeposit::get();
		T::Currency::hold(&HoldReason::BreakGlassDeposit.into(), &clinician, deposit)?;
		let expires_at = now.saturating_add(T::BreakGlassDuration::get());
		BreakGlasses::<T>::insert(
			&patient,
			break_glass,
			BreakGlass {
				clinician: clinician.clone(),
				on_behalf_of,
				credential,
				justification_hash,
				opened_at: now,
				expires_at,
				deposit,
			},
		);
		PendingBreakGlass::<T>::insert(&clinician, pending.saturating_add(1));
		LatestBreakGlass::<T>::insert(&patient, &clinician, break_glass);
		Self::deposit_event(Event::BreakGlassOpened {
			break_glass,
			patient,
			clinician,
			on_behalf_of,
			justification_hash,
			expires_at,
		});
		Ok(())
	}

	/// Closes an emergency access with the reviewer's finding: the deposit goes back to the
	/// clinician, or on abuse to the patient, with the clinician banned from break-glass and
	/// the credential's issuer told. The reviewer is the patient or an authority overseeing the
	/// credential the access was opened under, and never the clinician.
	pub(crate) fn do_review_break_glass(
		reviewer: T::AccountId,
		patient: T::AccountId,
		break_glass: BreakGlassId,
		finding: ReviewFinding,
	) -> DispatchResult {
		let access =
			BreakGlasses::<T>::get(&patient, break_glass).ok_or(Error::<T>::UnknownBreakGlass)?;
		ensure!(reviewer != access.clinician, Error::<T>::SelfReview);
		ensure!(
			reviewer == patient
				|| T::Credentials::oversees_role(
					&reviewer,
					access.credential.role,
					access.credential.jurisdiction
				),
			Error::<T>::NotReviewer
		);
		let reason = HoldReason::BreakGlassDeposit.into();
		match finding {
			ReviewFinding::Justified => {
				deposits::release::<_, T::Currency>(&reason, &access.clinician, access.deposit)?;
			},
			ReviewFinding::Abuse => {
				T::Currency::transfer_on_hold(
					&reason,
					&access.clinician,
					&patient,
					access.deposit,
					Precision::BestEffort,
					Restriction::Free,
					Fortitude::Force,
				)?;
				AbuseFindings::<T>::mutate(&access.clinician, |count| {
					*count = count.saturating_add(1)
				});
				let credential = access.credential.clone();
				BreakGlassBans::<T>::insert(
					&access.clinician,
					BreakGlassBan {
						credential: credential.clone(),
						break_glass,
						patient: patient.clone(),
						at: T::Time::now(),
					},
				);
				Self::deposit_event(Event::BreakGlassAbuseFound {
					break_glass,
					patient: patient.clone(),
					clinician: access.clinician.clone(),
					role: credential.role,
					jurisdiction: credential.jurisdiction,
					issuer: credential.issuer,
				});
			},
		}
		BreakGlasses::<T>::remove(&patient, break_glass);
		counts::decrement::<PendingBreakGlass<T>, _, _>(&access.clinician);
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

	/// Lifts a clinician's ban from break-glass, for an authority overseeing the credential the
	/// abused access was opened under.
	pub(crate) fn do_lift_break_glass_ban(
		authority: T::AccountId,
		clinician: T::AccountId,
	) -> DispatchResult {
		let ban = BreakGlassBans::<T>::get(&clinician).ok_or(Error::<T>::NotBanned)?;
		ensure!(
			authority != clinician
				&& T::Credentials::oversees_role(
					&authority,
					ban.credential.role,
					ban.credential.jurisdiction
				),
			Error::<T>::NotOverseer
		);
		BreakGlassBans::<T>::remove(&clinician);
		Self::deposit_event(Event::BreakGlassBanLifted { clinician, authority });
		Ok(())
	}
}
