//! Custody: shipping containers and loose units to another party, receiving them, and
//! cancelling a shipment before receipt.

use crate::*;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Ships the named loose items a party holds to an addressee it may supply, optionally for
	/// an order the addressee placed with it. Reads and writes the named items only: what is
	/// packed inside them moves with them untouched.
	pub(crate) fn do_ship(
		who: T::AccountId,
		as_party: InstitutionId,
		to: InstitutionId,
		items: ShipItemsOf<T>,
		order: Option<OrderId>,
	) -> DispatchResult {
		let from_kind = Self::ensure_party(&who, as_party, &SHIPPER_KINDS)?;
		let to_kind = T::Credentials::verified_institution_kind(to)
			.ok_or(Error::<T>::CounterpartyNotVerified)?;
		ensure!(
			to != as_party && Self::route_allowed(from_kind, to_kind),
			Error::<T>::RouteNotAllowed
		);
		Self::ensure_distinct(&items)?;
		let ordered = match order {
			Some(id) => {
				let record = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
				ensure!(
					record.supplier == as_party && record.buyer == to,
					Error::<T>::OrderMismatch
				);
				Some(record.gtin)
			},
			None => None,
		};
		let shipment = NextShipmentId::<T>::get();
		NextShipmentId::<T>::put(shipment.checked_add(1).ok_or(Error::<T>::Overflow)?);
		for item in items.iter() {
			match item {
				Item::Container(id) => {
					let mut container =
						Containers::<T>::get(id).ok_or(Error::<T>::UnknownContainer)?;
					Self::ensure_held_loose(&container.location, as_party)?;
					if let Some(gtin) = ordered {
						ensure!(
							matches!(container.contents, Contents::Empty)
								|| container.contents == Contents::Product(gtin),
							Error::<T>::WrongProductForOrder
						);
					}
					container.location = Location::InTransit(shipment);
					Containers::<T>::insert(id, container);
				},
				Item::Unit(key) => {
					let mut unit = Units::<T>::get(key).ok_or(Error::<T>::UnknownUnit)?;
					Self::ensure_held_loose(&unit.location, as_party)?;
					Self::ensure_unit_active(unit.status)?;
					if let Some(gtin) = ordered {
						ensure!(key.gtin == gtin, Error::<T>::WrongProductForOrder);
					}
					unit.location = Location::InTransit(shipment);
					Units::<T>::insert(key, unit);
				},
			}
		}
		let deposit = T::ShipmentDeposit::get();
		Self::hold(HoldReason::ShipmentDeposit, &who, deposit)?;
		Shipments::<T>::insert(
			shipment,
			Shipment {
				from: as_party,
				to,
				items: items.clone(),
				order,
				shipped_at: T::Time::now(),
				depositor: who,
				deposit,
			},
		);
		Self::deposit_event(Event::Shipped { shipment, from: as_party, to, items, order });
		Ok(())
	}

	/// Receives a shipment at its addressee: each named item comes to rest there with one more
	/// hop, which everything inside it inherits; the units count towards the order. Returns how
	/// many items the shipment named.
	pub(crate) fn do_receive(
		who: T::AccountId,
		as_party: InstitutionId,
		shipment: ShipmentId,
	) -> Result<u32, DispatchError> {
		Self::ensure_party(&who, as_party, &RECEIVER_KINDS)?;
		let record = Shipments::<T>::get(shipment).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(record.to == as_party, Error::<T>::NotAddressee);
		let units = Self::put_at(&record.items, as_party, 1);
		if let Some(order) = record.order {
			Self::credit_order(order, units)?;
		}
		Self::release(HoldReason::ShipmentDeposit, &record.depositor, record.deposit)?;
		Shipments::<T>::remove(shipment);
		Self::deposit_event(Event::Received {
			shipment,
			from: record.from,
			to: as_party,
			units,
			order: record.order,
		});
		Ok(count(record.items.len()))
	}

	/// Cancels a shipment before receipt: its items come back to rest at the shipper, with no
	/// hop. Returns how many items the shipment named.
	pub(crate) fn do_cancel_shipment(
		who: T::AccountId,
		as_party: InstitutionId,
		shipment: ShipmentId,
	) -> Result<u32, DispatchError> {
		Self::ensure_party(&who, as_party, &SHIPPER_KINDS)?;
		let record = Shipments::<T>::get(shipment).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(record.from == as_party, Error::<T>::NotShipper);
		Self::put_at(&record.items, as_party, 0);
		Self::release(HoldReason::ShipmentDeposit, &record.depositor, record.deposit)?;
		Shipments::<T>::remove(shipment);
		Self::deposit_event(Event::ShipmentCancelled { shipment, from: as_party, to: record.to });
		Ok(count(record.items.len()))
	}

	/// Brings a shipment's items to rest at `party`, adding `hops` to each; returns how many
	/// units they carry. Items are never removed while in transit; one missing would be skipped
	/// rather than strand the shipment.
	fn put_at(items: &[Item], party: InstitutionId, hops: u32) -> u32 {
		let mut units: u32 = 0;
		for item in items {
			match item {
				Item::Container(id) => Containers::<T>::mutate_extant(id, |container| {
					container.location = Location::At(party);
					container.hops = container.hops.saturating_add(hops);
					units = units.saturating_add(container.units);
				}),
				Item::Unit(key) => Units::<T>::mutate_extant(key, |unit| {
					unit.location = Location::At(party);
					unit.hops = unit.hops.saturating_add(hops);
					units = units.saturating_add(1);
				}),
			}
		}
		units
	}
}
