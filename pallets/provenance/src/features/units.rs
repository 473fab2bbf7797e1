//! Serialized units: commissioning into a batch, dispensing (decommissioning) for the
//! prescriptions pallet, and purging after retention.

use crate::*;
use healthchain_primitives::ensure_distinct;
use polkadot_sdk::{
	frame_support::{ensure, traits::Time},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Commissions one unit per serial named into a manufacturer's active, unexpired batch,
	/// at the manufacturer. Reads and writes the named units only.
	pub(crate) fn do_commission_units(
		who: T::AccountId,
		as_party: InstitutionId,
		batch: BatchId,
		serials: SerialsOf<T>,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &MAKER_KINDS)?;
		let mut entry = Batches::<T>::get(batch).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(entry.manufacturer == as_party, Error::<T>::NotBatchOwner);
		ensure!(!entry.is_recalled(), Error::<T>::BatchRecalled);
		ensure!(!entry.is_expired_at(T::Time::now()), Error::<T>::BatchExpired);
		ensure_distinct(&serials).map_err(Error::<T>::from)?;
		entry.commissioned = entry
			.commissioned
			.checked_add(count(serials.len()))
			.filter(|commissioned| *commissioned <= entry.quantity)
			.ok_or(Error::<T>::BatchFull)?;
		for serial in serials.iter() {
			ensure!(is_valid_serial(serial), Error::<T>::BadSerial);
			let key = Sgtin { gtin: entry.gtin, serial: serial.clone() };
			ensure!(!Units::<T>::contains_key(&key), Error::<T>::UnitExists);
			Units::<T>::insert(
				key,
				Unit {
					batch,
					status: UnitStatus::Active,
					location: Location::At(as_party),
					hops: 0,
					packed_at: 0,
				},
			);
		}
		let gtin = entry.gtin;
		Batches::<T>::insert(batch, entry);
		Self::deposit_event(Event::UnitsCommissioned {
			batch,
			gtin,
			serials,
			manufacturer: as_party,
		});
		Ok(())
	}

	/// Decommissions a unit as dispensed by `pharmacy`, after the checks of
	/// [`MedicineUnits::dispense`](healthchain_primitives::provenance::MedicineUnits::dispense)
	/// in their order. Reads the unit, its batch and its containers (at most
	/// [`Config::MaxNesting`]); detaches it from them. Returns how many containers it was in.
	pub(crate) fn do_dispense(
		unit: &Sgtin,
		product: &Gtin,
		pharmacy: InstitutionId,
	) -> Result<u32, UnitRefusal> {
		let mut entry = Units::<T>::get(unit).ok_or(UnitRefusal::NotGenuine)?;
		if entry.status == UnitStatus::Counterfeit {
			return Err(UnitRefusal::NotGenuine);
		}
		if unit.gtin != *product {
			return Err(UnitRefusal::WrongProduct);
		}
		if entry.status.is_decommissioned() {
			return Err(UnitRefusal::Decommissioned);
		}
		if entry.status == UnitStatus::Suspect {
			return Err(UnitRefusal::Suspect);
		}
		let batch = Batches::<T>::get(entry.batch).ok_or(UnitRefusal::NotGenuine)?;
		if batch.is_recalled() {
			return Err(UnitRefusal::Recalled);
		}
		if batch.is_expired_at(T::Time::now()) {
			return Err(UnitRefusal::Expired);
		}
		let trace = Self::trace(&entry.location, entry.hops, entry.packed_at)
			.map_err(|_| UnitRefusal::NotInCustody)?;
		if trace.custody.custodian != Some(pharmacy) {
			return Err(UnitRefusal::NotInCustody);
		}
		// Bounded by `MaxNesting`, a `u32`.
		let depth = u32::try_from(trace.ancestors.len()).unwrap_or(u32::MAX);
		Self::detach(&mut entry, trace, pharmacy);
		entry.status = UnitStatus::Dispensed;
		let batch = entry.batch;
		Units::<T>::insert(unit, entry);
		Self::deposit_event(Event::UnitDispensed { unit: unit.clone(), batch, pharmacy });
		Ok(depth)
	}

	/// Removes the named units of a batch whose retention after expiry is over, detaching them
	/// from their containers. Reads and writes the named units and their containers only.
	pub(crate) fn do_purge_units(batch: BatchId, serials: SerialsOf<T>) -> DispatchResult {
		let mut entry = Batches::<T>::get(batch).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(entry.retained_until <= T::Time::now(), Error::<T>::RetentionNotOver);
		ensure_distinct(&serials).map_err(Error::<T>::from)?;
		for serial in serials.iter() {
			let key = Sgtin { gtin: entry.gtin, serial: serial.clone() };
			let mut unit = Units::<T>::get(&key).ok_or(Error::<T>::UnknownUnit)?;
			ensure!(unit.batch == batch, Error::<T>::WrongBatch);
			ensure!(unit.status != UnitStatus::Suspect, Error::<T>::UnitSuspect);
			let trace = Self::trace(&unit.location, unit.hops, unit.packed_at)?;
			let holder = trace.custody.custodian.ok_or(Error::<T>::InTransit)?;
			Self::detach(&mut unit, trace, holder);
			Units::<T>::remove(&key);
		}
		entry.purged = entry.purged.saturating_add(count(serials.len()));
		Batches::<T>::insert(batch, entry);
		Self::deposit_event(Event::UnitsPurged { batch, serials });
		Ok(())
	}
}
