//! Institutions: registration with a deposit, verification by authorities, and affiliations.

use crate::*;
use healthchain_primitives::{deposits, ids};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Registers an institution with `admin` holding the deposit; it starts pending.
	pub(crate) fn do_register_institution(
		admin: T::AccountId,
		kind: InstitutionKind,
		jurisdiction: Jurisdiction,
		details_hash: [u8; 32],
	) -> DispatchResult {
		ensure!(jurisdiction.is_well_formed(), Error::<T>::MalformedJurisdiction);
		let institution = ids::next_id::<NextInstitutionId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::InstitutionDeposit::get();
		T::Currency::hold(&HoldReason::InstitutionDeposit.into(), &admin, deposit)?;
		Institutions::<T>::insert(
			institution,
			Institution {
				kind,
				jurisdiction,
				admin: admin.clone(),
				details_hash,
				status: InstitutionStatus::Pending,
				practitioners: 0,
				deposit,
			},
		);
		Self::deposit_event(Event::InstitutionRegistered {
			institution,
			kind,
			jurisdiction,
			admin,
		});
		Ok(())
	}

	/// Verifies a pending or suspended institution.
	pub(crate) fn do_verify_institution(
		authority: T::AccountId,
		institution: InstitutionId,
	) -> DispatchResult {
		Self::mutate_institution_as_authority(&authority, institution, |entry| {
			ensure!(!entry.status.is_verified(), Error::<T>::AlreadyVerified);
			entry.status =
				InstitutionStatus::Verified { by: authority.clone(), at: T::Time::now() };
			Ok(())
		})?;
		Self::deposit_event(Event::InstitutionVerified { institution, authority });
		Ok(())
	}

	/// Suspends a verified institution.
	pub(crate) fn do_suspend_institution(
		authority: T::AccountId,
		institution: InstitutionId,
	) -> DispatchResult {
		Self::mutate_institution_as_authority(&authority, institution, |entry| {
			ensure!(entry.status.is_verified(), Error::<T>::InstitutionNotVerified);
			entry.status =
				InstitutionStatus::Suspended { by: authority.clone(), at: T::Time::now() };
			Ok(())
		})?;
		Self::deposit_event(Event::InstitutionSuspended { institution, authority });
		Ok(())
	}

	/// Replaces the details hash; what an authority verified no longer holds, so the
	/// institution is pending again.
	pub(crate) fn do_update_institution_details(
		admin: T::AccountId,
		institution: InstitutionId,
		details_hash: [u8; 32],
	) -> DispatchResult {
		Institutions::<T>::try_mutate(institution, |entry| {
			let found = entry.as_mut().ok_or(Error::<T>::UnknownInstitution)?;
			ensure!(found.admin == admin, Error::<T>::NotInstitutionAdmin);
			found.details_hash = details_hash;
			found.status = InstitutionStatus::Pending;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::InstitutionDetailsUpdated { institution, details_hash });
		Ok(())
	}

	/// Removes an institution without practitioners and returns the admin's deposit.
	pub(crate) fn do_deregister_institution(
		admin: T::AccountId,
		institution: InstitutionId,
	) -> DispatchResult {
		let entry = Institutions::<T>::get(institution).ok_or(Error::<T>::UnknownInstitution)?;
		ensure!(entry.admin == admin, Error::<T>::NotInstitutionAdmin);
		ensure!(entry.practitioners == 0, Error::<T>::InstitutionHasPractitioners);
		Self::release(HoldReason::InstitutionDeposit, &admin, entry.deposit)?;
		Institutions::<T>::remove(institution);
		Self::deposit_event(Event::InstitutionDeregistered { institution });
		Ok(())
	}

	/// Affiliates a practitioner holding a live credential to a verified institution.
	pub(crate) fn do_affiliate_practitioner(
		admin: T::AccountId,
		institution: InstitutionId,
		practitioner: T::AccountId,
	) -> DispatchResult {
		let mut entry =
			Institutions::<T>::get(institution).ok_or(Error::<T>::UnknownInstitution)?;
		ensure!(entry.admin == admin, Error::<T>::NotInstitutionAdmin);
		ensure!(entry.status.is_verified(), Error::<T>::InstitutionNotVerified);
		ensure!(
			!Affiliations::<T>::contains_key(institution, &practitioner),
			Error::<T>::AlreadyAffiliated
		);
		ensure!(
			entry.practitioners < T::MaxPractitionersPerInstitution::get(),
			Error::<T>::TooManyPractitioners
		);
		let now = T::Time::now();
		ensure!(!Self::live_roles_at(&practitioner, now).is_empty(), Error::<T>::NotCredentialed);

		let deposit = T::AffiliationDeposit::get();
		T::Currency::hold(&HoldReason::AffiliationDeposit.into(), &admin, deposit)?;
		// Bounded by `MaxPractitionersPerInstitution` just above, so no overflow.
		entry.practitioners = entry.practitioners.saturating_add(1);
		Institutions::<T>::insert(institution, entry);
		Affiliations::<T>::insert(
			institution,
			&practitioner,
			Affiliation { since: now, depositor: admin, deposit },
		);
		Self::deposit_event(Event::PractitionerAffiliated { institution, practitioner });
		Ok(())
	}

	/// Ends an affiliation at the request of the admin or the practitioner.
	pub(crate) fn do_end_affiliation(
		who: T::AccountId,
		institution: InstitutionId,
		practitioner: T::AccountId,
	) -> DispatchResult {
		let mut entry =
			Institutions::<T>::get(institution).ok_or(Error::<T>::UnknownInstitution)?;
		ensure!(who == entry.admin || who == practitioner, Error::<T>::NotAffiliationParty);
		let affiliation =
			Affiliations::<T>::take(institution, &practitioner).ok_or(Error::<T>::NotAffiliated)?;
		Self::release(HoldReason::AffiliationDeposit, &affiliation.depositor, affiliation.deposit)?;
		entry.practitioners = entry.practitioners.saturating_sub(1);
		Institutions::<T>::insert(institution, entry);
		Self::deposit_event(Event::AffiliationEnded { institution, practitioner });
		Ok(())
	}

	/// Applies `change` to an institution after checking that `authority` verifies its kind in
	/// its jurisdiction.
	fn mutate_institution_as_authority(
		authority: &T::AccountId,
		institution: InstitutionId,
		change: impl FnOnce(&mut InstitutionOf<T>) -> DispatchResult,
	) -> DispatchResult {
		Institutions::<T>::try_mutate(institution, |entry| {
			let found = entry.as_mut().ok_or(Error::<T>::UnknownInstitution)?;
			Self::ensure_covers_institution(authority, found.kind, found.jurisdiction)?;
			change(found)
		})
	}

	/// Returns a deposit held for `reason`.
	pub(crate) fn release(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		deposits::release::<_, T::Currency>(&reason.into(), who, amount)?;
		Ok(())
	}
}
