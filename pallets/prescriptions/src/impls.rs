//! What clients ask through the runtime API: a prescription with its fills, a patient's
//! prescriptions, the fills left and whether a prescription can be dispensed now; and the
//! pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::frame_support::traits::Time;

impl<T: Config> Pallet<T> {
	/// A prescription (active, cancelled, completed or expired, until closed) with its fills,
	/// first fill first.
	pub fn prescription(id: PrescriptionId) -> Option<(PrescriptionOf<T>, Vec<FillOf<T>>)> {
		let entry = IssuedPrescriptions::<T>::get(id)?;
		let fills = Self::fills_of(id, &entry);
		Some((entry, fills))
	}

	/// The fills of prescription `id`, first fill first: at most one more than the repeats it
	/// allows.
	pub fn fills_of(id: PrescriptionId, entry: &PrescriptionOf<T>) -> Vec<FillOf<T>> {
		let fills = entry.fills_used.min(entry.fills_allowed());
		(1..=fills).filter_map(|fill| Fills::<T>::get(id, fill)).collect()
	}

	/// The prescriptions of `patient` not yet closed, in ascending id order (oldest first).
	/// Iterates the patient's index entries: for the runtime API, not for calls.
	pub fn prescriptions_of(patient: &T::AccountId) -> Vec<(PrescriptionId, PrescriptionOf<T>)> {
		let mut ids: Vec<PrescriptionId> =
			PatientPrescriptions::<T>::iter_key_prefix(patient).collect();
		// `Twox64Concat` keys do not iterate in id order.
		ids.sort_unstable();
		ids.into_iter()
			.filter_map(|id| IssuedPrescriptions::<T>::get(id).map(|entry| (id, entry)))
			.collect()
	}

	/// How many fills of prescription `id` may still be dispensed, now or later: none once it
	/// is cancelled, completed or expired. `None` if there is no such prescription.
	pub fn remaining_fills(id: PrescriptionId) -> Option<u32> {
		IssuedPrescriptions::<T>::get(id).map(|entry| entry.remaining_fills_at(T::Time::now()))
	}

	/// Whether prescription `id` may be dispensed now as far as the prescription and its
	/// prescriber go (status, validity, repeats, interval, the prescriber's live credential),
	/// and if not, why. `None` if there is no such prescription.
	pub fn dispensable(id: PrescriptionId) -> Option<Result<(), DispenseRefusal>> {
		IssuedPrescriptions::<T>::get(id).map(|entry| Self::dispensable_now(&entry, T::Time::now()))
	}

	/// Whether `entry` may be dispensed at `now`: the prescription itself allows it and its
	/// prescriber still holds a live physician credential, checked at every fill.
	pub(crate) fn dispensable_now(
		entry: &PrescriptionOf<T>,
		now: Moment,
	) -> Result<(), DispenseRefusal> {
		entry.dispensable_at(now)?;
		if !T::Credentials::has_role(&entry.prescriber, Role::Physician) {
			return Err(DispenseRefusal::PrescriberNotCredentialed);
		}
		Ok(())
	}

	/// Checks the pallet's storage invariants.
	// Always compiled: the runtime fuzzer (`fuzz/`) checks it after every block without the
	// `try-runtime` feature, which would change the node's one build.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use healthchain_primitives::deposits;
		use polkadot_sdk::frame_support::{
			ensure,
			traits::{fungible::InspectHold, Get},
		};

		let next = NextPrescriptionId::<T>::get();
		let mut prescription_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, entry) in IssuedPrescriptions::<T>::iter() {
			ensure!(id < next, "prescription id not yet handed out");
			ensure!(
				PatientPrescriptions::<T>::contains_key(&entry.patient, id),
				"prescription missing from its patient's index"
			);
			ensure!(entry.prescriber != entry.patient, "self-prescription");
			ensure!(entry.product.is_valid(), "prescription of an invalid GTIN");
			ensure!(
				(1..=T::MaxUnitsPerFill::get()).contains(&entry.quantity_per_fill),
				"quantity per fill outside 1..=MaxUnitsPerFill"
			);
			ensure!(entry.repeats_allowed <= T::MaxRepeats::get(), "repeats over MaxRepeats");
			ensure!(entry.valid_until > entry.valid_from, "validity ending before it starts");
			ensure!(entry.fills_used <= entry.fills_allowed(), "more fills than allowed");
			ensure!(
				(entry.status == PrescriptionStatus::Completed)
					== (entry.fills_used == entry.fills_allowed()),
				"completed status and fills used disagree"
			);
			ensure!(
				entry.last_fill_at.is_some() == (entry.fills_used > 0),
				"last fill time and fills used disagree"
			);
			ensure!(
				Fills::<T>::iter_key_prefix(id).count() == entry.fills_used as usize,
				"fills stored differ from fills used"
			);
			if entry.fills_used > 0 {
				let last = Fills::<T>::get(id, entry.fills_used).ok_or("latest fill missing")?;
				ensure!(entry.last_fill_at == Some(last.at), "last fill time differs");
			}
			deposits::add(&mut prescription_deposits, &entry.prescriber, entry.deposit);
		}
		for (id, fill, record) in Fills::<T>::iter() {
			let entry =
				IssuedPrescriptions::<T>::get(id).ok_or("fill of a missing prescription")?;
			ensure!((1..=entry.fills_used).contains(&fill), "fill numbered outside 1..=fills used");
			ensure!(
				record.units.len() == entry.quantity_per_fill as usize,
				"fill of another quantity than prescribed"
			);
			ensure!(
				record.units.iter().all(|unit| unit.gtin == entry.product),
				"fill of another product than prescribed"
			);
			ensure!(
				entry.valid_from <= record.at && record.at < entry.valid_until,
				"fill outside the validity period"
			);
		}
		for (patient, id, ()) in PatientPrescriptions::<T>::iter() {
			let entry =
				IssuedPrescriptions::<T>::get(id).ok_or("index entry of a missing prescription")?;
			ensure!(entry.patient == patient, "index entry under another patient");
		}
		// Every account, not only the prescribers: a hold nothing stored justifies shows too.
		ensure!(
			deposits::holds_match(
				frame_system::Account::<T>::iter_keys(),
				[(HoldReason::PrescriptionDeposit, prescription_deposits)],
				|reason, who| T::Currency::balance_on_hold(&(*reason).into(), who),
			),
			"held deposits differ from the stored deposits"
		);
		Ok(())
	}
}
