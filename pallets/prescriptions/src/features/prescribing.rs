//! Prescribing: a physician issues a prescription, cancels it; anyone closes it once finished.

use crate::*;
use healthchain_primitives::{
	consent::AccessPolicy, credentials::CredentialsInspect, deposits, ids,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
		BoundedVec,
	},
	sp_runtime::{DispatchError, DispatchResult, Saturating},
};

impl<T: Config> Pallet<T> {
	/// Stores a prescription after checking the prescriber's live credential, the patient's
	/// consent, the product, the quantity, the repeats and the period; holds the prescriber's
	/// deposit.
	pub(crate) fn do_issue_prescription(
		prescriber: T::AccountId,
		patient: T::AccountId,
		request: DispenseRequest,
		purpose: Purpose,
		on_behalf_of: Option<InstitutionId>,
	) -> DispatchResult {
		let DispenseRequest {
			product,
			quantity_per_fill,
			repeats_allowed,
			valid_from,
			valid_until,
			min_interval,
			instructions_hash,
		} = request;
		ensure!(T::Credentials::has_role(&prescriber, Role::Physician), Error::<T>::NotAPrescriber);
		ensure!(prescriber != patient, Error::<T>::SelfPrescription);
		Self::ensure_patient_consents(&prescriber, &patient, purpose, on_behalf_of)?;
		ensure!(product.is_valid(), Error::<T>::InvalidGtin);
		ensure!(quantity_per_fill > 0, Error::<T>::ZeroQuantity);
		ensure!(quantity_per_fill <= T::MaxUnitsPerFill::get(), Error::<T>::QuantityTooLarge);
		ensure!(repeats_allowed <= T::MaxRepeats::get(), Error::<T>::TooManyRepeats);
		let now = T::Time::now();
		let valid_from = valid_from.unwrap_or(now);
		ensure!(valid_until > valid_from && valid_until > now, Error::<T>::InvalidPeriod);
		ensure!(
			valid_until.saturating_sub(valid_from.min(now)) <= T::MaxValidity::get(),
			Error::<T>::ValidityTooLong
		);
		ensure!(
			repeats_allowed == 0 || min_interval < valid_until.saturating_sub(valid_from),
			Error::<T>::IntervalTooLong
		);

		let prescription =
			ids::next_id::<NextPrescriptionId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = Self::deposit_for(repeats_allowed);
		T::Currency::hold(&HoldReason::PrescriptionDeposit.into(), &prescriber, deposit)?;
		IssuedPrescriptions::<T>::insert(
			prescription,
			Prescription {
				prescriber: prescriber.clone(),
				patient: patient.clone(),
				product,
				quantity_per_fill,
				repeats_allowed,
				valid_from,
				valid_until,
				min_interval,
				instructions_hash,
				issued_at: now,
				fills_used: 0,
				last_fill_at: None,
				status: PrescriptionStatus::Active,
				authorised_pharmacy: None,
				deposit,
			},
		);
		PatientPrescriptions::<T>::insert(&patient, prescription, ());
		Self::deposit_event(Event::PrescriptionIssued {
			prescription,
			prescriber,
			patient,
			product,
			quantity_per_fill,
			repeats_allowed,
			valid_from,
			valid_until,
			min_interval,
			instructions_hash,
		});
		Ok(())
	}

	/// The patient's consent to `prescriber` prescribing for `purpose`: a live grant allowing
	/// writing (to the prescriber, or to the institution they act for), or open break-glass for
	/// emergency treatment. A guardian's standing is not a prescriber's: a physician who is
	/// the patient's guardian needs a grant like anyone.
	fn ensure_patient_consents(
		prescriber: &T::AccountId,
		patient: &T::AccountId,
		purpose: Purpose,
		on_behalf_of: Option<InstitutionId>,
	) -> DispatchResult {
		ensure!(
			matches!(purpose, Purpose::Treatment | Purpose::EmergencyTreatment),
			Error::<T>::PurposeNotForPrescribing
		);
		let request = Self::prescription_request(prescriber, patient, purpose, on_behalf_of);
		ensure!(
			matches!(
				T::Access::check(&request),
				Ok(AccessBasis::Grant(_)) | Ok(AccessBasis::BreakGlass(_))
			),
			Error::<T>::NoPatientConsent
		);
		Ok(())
	}

	/// A request by `actor` to write a prescription (FHIR MedicationRequest) to `patient`'s
	/// data.
	fn prescription_request(
		actor: &T::AccountId,
		patient: &T::AccountId,
		purpose: Purpose,
		on_behalf_of: Option<InstitutionId>,
	) -> AccessRequest<T::AccountId> {
		AccessRequest {
			actor: actor.clone(),
			on_behalf_of,
			target: AccessTarget {
				patient: patient.clone(),
				record: None,
				category: Category {
					system: CodeSystem::FhirResourceType,
					code: BoundedVec::truncate_from(PRESCRIPTION_RESOURCE_TYPE.to_vec()),
				},
			},
			action: Action::Write,
			purpose,
		}
	}

	/// Authorises a pharmacy for the next fill (or withdraws the authorisation), for the
	/// patient or their live guardian.
	pub(crate) fn do_authorise_fill(
		who: T::AccountId,
		prescription: PrescriptionId,
		pharmacy: Option<InstitutionId>,
	) -> DispatchResult {
		let mut entry =
			IssuedPrescriptions::<T>::get(prescription).ok_or(Error::<T>::UnknownPrescription)?;
		let is_guardian = || {
			let request =
				Self::prescription_request(&who, &entry.patient, Purpose::Treatment, None);
			T::Access::check(&request) == Ok(AccessBasis::Guardian)
		};
		ensure!(who == entry.patient || is_guardian(), Error::<T>::NotPatientOrGuardian);
		if let Some(pharmacy) = pharmacy {
			ensure!(
				T::Credentials::verified_institution_kind(pharmacy)
					.is_some_and(|kind| DISPENSING_KINDS.contains(&kind)),
				Error::<T>::NotALicensedPharmacy
			);
		}
		entry.authorised_pharmacy = pharmacy;
		let patient = entry.patient.clone();
		IssuedPrescriptions::<T>::insert(prescription, entry);
		Self::deposit_event(Event::FillAuthorised { prescription, patient, pharmacy, by: who });
		Ok(())
	}

	/// Marks an active prescription cancelled by its prescriber; no fill from this moment.
	pub(crate) fn do_cancel_prescription(
		who: T::AccountId,
		prescription: PrescriptionId,
	) -> DispatchResult {
		IssuedPrescriptions::<T>::try_mutate(prescription, |stored| {
			let entry = stored.as_mut().ok_or(Error::<T>::UnknownPrescription)?;
			ensure!(entry.prescriber == who, Error::<T>::NotTheirPrescription);
			ensure!(entry.status == PrescriptionStatus::Active, Error::<T>::NotActive);
			entry.status = PrescriptionStatus::Cancelled { at: T::Time::now() };
			Self::deposit_event(Event::PrescriptionCancelled {
				prescription,
				patient: entry.patient.clone(),
				prescriber: who,
			});
			Ok(())
		})
	}

	/// Removes a finished prescription, its fills and its index entry, and releases its deposit
	/// to the prescriber. Returns how many fills were removed (at most one more than the
	/// repeats it allowed).
	pub(crate) fn do_close_prescription(
		who: T::AccountId,
		prescription: PrescriptionId,
	) -> Result<u32, DispatchError> {
		let entry =
			IssuedPrescriptions::<T>::get(prescription).ok_or(Error::<T>::UnknownPrescription)?;
		ensure!(entry.is_finished_at(T::Time::now()), Error::<T>::StillActive);
		deposits::release::<_, T::Currency>(
			&HoldReason::PrescriptionDeposit.into(),
			&entry.prescriber,
			entry.deposit,
		)?;
		// Fills are numbered 1 to `fills_used`, itself at most `repeats_allowed + 1`.
		let fills = entry.fills_used.min(entry.fills_allowed());
		for fill in 1..=fills {
			Fills::<T>::remove(prescription, fill);
		}
		IssuedPrescriptions::<T>::remove(prescription);
		PatientPrescriptions::<T>::remove(&entry.patient, prescription);
		Self::deposit_event(Event::PrescriptionClosed {
			prescription,
			patient: entry.patient,
			prescriber: entry.prescriber,
			closed_by: who,
		});
		Ok(fills)
	}

	/// The deposit for a prescription allowing `repeats_allowed` repeats: the prescription's
	/// and one fill's for each fill it allows.
	pub(crate) fn deposit_for(repeats_allowed: u32) -> BalanceOf<T> {
		let fills = BalanceOf::<T>::from(repeats_allowed.saturating_add(1));
		T::PrescriptionDeposit::get().saturating_add(T::FillDeposit::get().saturating_mul(fills))
	}
}
