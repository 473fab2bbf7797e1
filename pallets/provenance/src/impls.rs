//! The dispensing that the prescriptions pallet does through [`MedicineUnits`], and the queries
//! behind the runtime API.

use crate::*;
use healthchain_primitives::provenance::MedicineUnits;
use polkadot_sdk::frame_support::traits::{Get, Time};

impl<T: Config> Pallet<T> {
	/// What verifying a pack answers at `now`: `None` if no unit with this GTIN and serial was
	/// ever commissioned (or it was purged).
	pub fn verify_at(gtin: Gtin, serial: Serial, now: Moment) -> Option<UnitView> {
		let unit = Units::<T>::get(Sgtin { gtin, serial })?;
		let batch = Batches::<T>::get(unit.batch)?;
		let custody = Self::trace(&unit.location, unit.hops, unit.packed_at).ok()?.custody;
		let status = match unit.status {
			UnitStatus::Dispensed => UnitState::Dispensed,
			UnitStatus::Destroyed => UnitState::Destroyed,
			UnitStatus::Counterfeit => UnitState::Counterfeit,
			UnitStatus::Suspect => UnitState::Suspect,
			UnitStatus::Active if batch.is_recalled() => UnitState::Recalled,
			UnitStatus::Active if custody.in_transit_shipment.is_some() => UnitState::InTransit,
			UnitStatus::Active => UnitState::Active,
		};
		Some(UnitView {
			batch: unit.batch,
			lot: batch.lot.clone(),
			expiry: batch.expiry,
			expired: batch.is_expired_at(now),
			manufacturer: batch.manufacturer,
			status,
			custodian: custody.custodian,
			in_transit_shipment: custody.in_transit_shipment,
			container: custody.container,
			hops: custody.hops,
		})
	}

	/// What verifying a pack answers now.
	pub fn verify(gtin: Gtin, serial: Serial) -> Option<UnitView> {
		Self::verify_at(gtin, serial, T::Time::now())
	}

	/// A product by GTIN.
	pub fn product(gtin: Gtin) -> Option<ProductOf<T>> {
		Products::<T>::get(gtin)
	}

	/// A batch by id.
	pub fn batch(id: BatchId) -> Option<BatchOf<T>> {
		Batches::<T>::get(id)
	}

	/// The batch a product's lot was made as.
	pub fn batch_of_lot(gtin: Gtin, lot: Lot) -> Option<BatchId> {
		BatchOfLot::<T>::get(gtin, lot)
	}

	/// A shipment by id.
	pub fn shipment(id: ShipmentId) -> Option<ShipmentOf<T>> {
		Shipments::<T>::get(id)
	}

	/// A purchase order by id.
	pub fn order(id: OrderId) -> Option<OrderOf<T>> {
		Orders::<T>::get(id)
	}

	/// The report that made a unit suspect, while it stands.
	pub fn suspect_report(unit: Sgtin) -> Option<SuspectReportOf<T>> {
		SuspectReports::<T>::get(unit)
	}

	/// A container with its derived custody.
	pub fn container_custody(sscc: Sscc) -> Option<(ContainerOf<T>, Custody)> {
		let container = Containers::<T>::get(sscc)?;
		let custody = Self::trace(&container.location, container.hops, container.packed_at)
			.ok()?
			.custody;
		Some((container, custody))
	}
}

impl<T: Config> MedicineUnits for Pallet<T> {
	fn dispense(
		unit: &Sgtin,
		product: &Gtin,
		pharmacy: InstitutionId,
	) -> Result<Weight, UnitRefusal> {
		let depth = Self::do_dispense(unit, product, pharmacy)?;
		let deepest = T::WeightInfo::dispense_unit(T::MaxNesting::get());
		Ok(deepest.saturating_sub(T::WeightInfo::dispense_unit(depth)))
	}
}
