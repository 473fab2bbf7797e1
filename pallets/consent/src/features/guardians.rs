//! Guardians: appointed by the patient or by an accredited authority; they act on the
//! patient's records as themselves and make the patient's consent calls through
//! `as_guardian`, never with the patient's professional standing.

use crate::*;
use healthchain_primitives::{counts, credentials::CredentialsInspect, deposits};
use polkadot_sdk::{
	frame_support::{
		dispatch::{DispatchResultWithPostInfo, GetDispatchInfo, PostDispatchInfo},
		ensure,
		traits::{fungible::MutateHold, Get, IsSubType, Time},
	},
	frame_system::RawOrigin,
	sp_runtime::{traits::Dispatchable, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Stores a guardianship after checking the period, duplicates and the patient's bound,
	/// holding the deposit from `depositor`.
	pub(crate) fn do_appoint_guardian(
		depositor: T::AccountId,
		patient: T::AccountId,
		guardian: T::AccountId,
		appointed_by: GuardianAppointer<T::AccountId>,
		until: Option<Moment>,
	) -> DispatchResult {
		ensure!(guardian != patient, Error::<T>::SelfGuardian);
		let now = T::Time::now();
		ensure!(until.is_none_or(|until| until > now), Error::<T>::InvalidPeriod);
		ensure!(!Guardians::<T>::contains_key(&patient, &guardian), Error::<T>::GuardianExists);
		let count = GuardianCount::<T>::get(&patient);
		ensure!(count < T::MaxGuardians::get(), Error::<T>::TooManyGuardians);
		let deposit = T::GuardianDeposit::get();
		T::Currency::hold(&HoldReason::GuardianDeposit.into(), &depositor, deposit)?;
		Guardians::<T>::insert(
			&patient,
			&guardian,
			Guardianship {
				appointed_by: appointed_by.clone(),
				since: now,
				until,
				depositor,
				deposit,
			},
		);
		GuardianCount::<T>::insert(&patient, count.saturating_add(1));
		Self::deposit_event(Event::GuardianAppointed { patient, guardian, appointed_by, until });
		Ok(())
	}

	/// Appoints a guardian for someone else, for an accredited authority that is not the
	/// guardian itself.
	pub(crate) fn do_appoint_guardian_by_authority(
		authority: T::AccountId,
		patient: T::AccountId,
		guardian: T::AccountId,
		until: Option<Moment>,
		order_hash: [u8; 32],
	) -> DispatchResult {
		ensure!(
			authority != guardian && T::Credentials::is_authority(&authority),
			Error::<T>::NotAnAuthority
		);
		let appointed_by =
			GuardianAppointer::Authority { authority: authority.clone(), order_hash };
		Self::do_appoint_guardian(authority, patient, guardian, appointed_by, until)
	}

	/// Ends a guardianship for the patient (their own appointment), an accredited authority
	/// (an authority's appointment) or the guardian, returning the deposit.
	pub(crate) fn do_remove_guardian(
		who: T::AccountId,
		patient: T::AccountId,
		guardian: T::AccountId,
	) -> DispatchResult {
		let guardianship =
			Guardians::<T>::get(&patient, &guardian).ok_or(Error::<T>::NotGuardian)?;
		let may_remove = who == guardian
			|| match guardianship.appointed_by {
				GuardianAppointer::Patient => who == patient,
				GuardianAppointer::Authority { .. } => T::Credentials::is_authority(&who),
			};
		ensure!(may_remove, Error::<T>::NotGuardianRemover);
		deposits::release::<_, T::Currency>(
			&HoldReason::GuardianDeposit.into(),
			&guardianship.depositor,
			guardianship.deposit,
		)?;
		Guardians::<T>::remove(&patient, &guardian);
		counts::decrement::<GuardianCount<T>, _, _>(&patient);
		Self::deposit_event(Event::GuardianRemoved { patient, guardian, by: who });
		Ok(())
	}

	/// Runs a patient-side consent call for the patient on a live guardian's behalf, evented
	/// as the guardian's. Any other call is refused, so the patient's own standing (a
	/// clinician's break-glass, an authority's reviews and bans, their place in others' logs)
	/// never passes to the guardian.
	pub(crate) fn do_as_guardian(
		guardian: T::AccountId,
		patient: T::AccountId,
		call: <T as Config>::RuntimeCall,
	) -> DispatchResultWithPostInfo {
		ensure!(Self::is_guardian_at(&patient, &guardian, T::Time::now()), Error::<T>::NotGuardian);
		ensure!(Self::guardian_may_make(&call, &patient), Error::<T>::CallNotForGuardians);
		let inner = call.get_dispatch_info().call_weight;
		let result = call.dispatch(RawOrigin::Signed(patient.clone()).into());
		Self::deposit_event(Event::GuardianActed { patient, guardian });
		// Charge the wrapper and what the inner call reports it used.
		let used = match &result {
			Ok(info) => info.actual_weight,
			Err(error) => error.post_info.actual_weight,
		};
		let actual = T::WeightInfo::as_guardian().saturating_add(used.unwrap_or(inner));
		result
			.map(|_| PostDispatchInfo { actual_weight: Some(actual), pays_fee: Default::default() })
			.map_err(|mut error| {
				error.post_info.actual_weight = Some(actual);
				error
			})
	}

	/// Whether `guardian` is a live guardian of `patient` at `now`: one read.
	pub fn is_guardian_at(patient: &T::AccountId, guardian: &T::AccountId, now: Moment) -> bool {
		Guardians::<T>::get(patient, guardian)
			.is_some_and(|guardianship| guardianship.is_live_at(now))
	}

	/// The consent calls a guardian makes for the patient: the patient-side ones.
	fn guardian_may_make(call: &<T as Config>::RuntimeCall, patient: &T::AccountId) -> bool {
		let Some(call) = call.is_sub_type() else { return false };
		match call {
			Call::grant_consent { .. }
			| Call::revoke_consent { .. }
			| Call::remove_grant { .. } => true,
			Call::review_break_glass { patient: reviewed, .. } => reviewed == patient,
			_ => false,
		}
	}
}
