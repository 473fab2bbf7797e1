//! Dispensing: a pharmacist hands over serialized packs the pharmacy holds, decommissioning
//! them, and uses one fill of the prescription.

use crate::*;
use healthchain_primitives::{
	credentials::CredentialsInspect, ensure_distinct, provenance::MedicineUnits, ListFault,
};
use polkadot_sdk::{
	frame_support::{ensure, traits::Time, weights::Weight},
	sp_runtime::DispatchError,
};

impl<T: Config> Pallet<T> {
	/// Dispenses one fill: checks the pharmacist, the pharmacy, the prescription and that the
	/// packs are as many as prescribed, distinct and of the prescribed GTIN, then has
	/// [`Config::Units`] check and decommission each pack, then records the fill. A refusal
	/// after some packs were decommissioned leaves them decommissioned unless the caller's
	/// storage layer is rolled back, as every dispatched call's is. Returns the weight the packs
	/// did not use of the deepest-nested packs' the call is charged for.
	pub(crate) fn do_dispense(
		pharmacist: T::AccountId,
		prescription: PrescriptionId,
		pharmacy: InstitutionId,
		units: UnitsOf<T>,
	) -> Result<Weight, DispatchError> {
		ensure!(
			T::Credentials::has_role(&pharmacist, Role::Pharmacist),
			Error::<T>::NotAPharmacist
		);
		ensure!(
			T::Credentials::verified_institution_kind(pharmacy)
				.is_some_and(|kind| DISPENSING_KINDS.contains(&kind)),
			Error::<T>::NotALicensedPharmacy
		);
		ensure!(T::Credentials::is_affiliated(&pharmacist, pharmacy), Error::<T>::NotAffiliated);
		let mut entry =
			IssuedPrescriptions::<T>::get(prescription).ok_or(Error::<T>::UnknownPrescription)?;
		let now = T::Time::now();
		Self::dispensable_now(&entry, now).map_err(Error::<T>::from)?;
		ensure!(entry.authorised_pharmacy == Some(pharmacy), Error::<T>::FillNotAuthorised);
		ensure!(Self::unit_count(&units) == entry.quantity_per_fill, Error::<T>::WrongQuantity);
		ensure_distinct(&units).map_err(Error::<T>::from)?;
		ensure!(units.iter().all(|unit| unit.gtin == entry.product), Error::<T>::WrongProduct);
		let mut unused = Weight::zero();
		for unit in units.iter() {
			let shallower =
				T::Units::dispense(unit, &entry.product, pharmacy).map_err(Error::<T>::from)?;
			unused = unused.saturating_add(shallower);
		}

		let fill = entry.fills_used.saturating_add(1);
		entry.fills_used = fill;
		entry.last_fill_at = Some(now);
		// The authorisation was for this fill.
		entry.authorised_pharmacy = None;
		let completed = fill >= entry.fills_allowed();
		if completed {
			entry.status = PrescriptionStatus::Completed;
		}
		Fills::<T>::insert(
			prescription,
			fill,
			Fill { pharmacist: pharmacist.clone(), pharmacy, at: now, units: units.clone() },
		);
		let patient = entry.patient.clone();
		IssuedPrescriptions::<T>::insert(prescription, entry);
		Self::deposit_event(Event::PrescriptionDispensed {
			prescription,
			fill,
			patient: patient.clone(),
			pharmacist,
			pharmacy,
			units,
		});
		if completed {
			Self::deposit_event(Event::PrescriptionCompleted { prescription, patient });
		}
		Ok(unused)
	}

	/// How many packs `units` names, for the call's weight.
	pub(crate) fn unit_count(units: &UnitsOf<T>) -> u32 {
		// Bounded by `MaxUnitsPerFill`, itself a `u32`.
		u32::try_from(units.len()).unwrap_or(u32::MAX)
	}
}

/// Packs named twice (none at all is already the wrong quantity: a fill is at least one pack).
impl<T> From<ListFault> for Error<T> {
	fn from(fault: ListFault) -> Self {
		match fault {
			ListFault::Empty => Error::WrongQuantity,
			ListFault::Duplicate => Error::DuplicateUnit,
		}
	}
}

impl<T> From<DispenseRefusal> for Error<T> {
	fn from(refusal: DispenseRefusal) -> Self {
		match refusal {
			DispenseRefusal::Cancelled => Error::Cancelled,
			DispenseRefusal::NotYetValid => Error::NotYetValid,
			DispenseRefusal::Expired => Error::PrescriptionExpired,
			DispenseRefusal::NoRepeatsLeft => Error::NoRepeatsLeft,
			DispenseRefusal::TooEarly => Error::TooEarly,
			DispenseRefusal::PrescriberNotCredentialed => Error::PrescriberNotCredentialed,
		}
	}
}

impl<T> From<UnitRefusal> for Error<T> {
	fn from(refusal: UnitRefusal) -> Self {
		match refusal {
			UnitRefusal::NotGenuine => Error::NotGenuine,
			UnitRefusal::WrongProduct => Error::WrongProduct,
			UnitRefusal::NotInCustody => Error::NotInCustody,
			UnitRefusal::Expired => Error::PackExpired,
			UnitRefusal::Recalled => Error::Recalled,
			UnitRefusal::Suspect => Error::Suspect,
			UnitRefusal::Decommissioned => Error::Decommissioned,
		}
	}
}
