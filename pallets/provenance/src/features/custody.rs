//! Custody: shipping containers and loose units to another party, receiving them, and
//! cancelling a shipment before receipt.

use crate::*;
use healthchain_primitives::{credentials::CredentialsInspect, ensure_distinct, ids};
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
		ensure_distinct(&items).map_err(Error::<T>::from)?;
		let ordered = match order {
			Some(id) => {
				let entry = Orders::<T>::get(id).ok_or(Error::<T>::UnknownOrder)?;
				ensure!(entry.supplier == as_party && entry.buyer == to, Error::<T>::OrderMismatch);
				Some(entry.gtin)
			},
			None => None,
		};
		let shipment = ids::next_id::<NextShipmentId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		for item in items.iter() {
			Self::move_item(
				item,
				|place, carried| {
					Self::ensure_movable_by(place, carried, as_party)?;
					// An empty container may carry an order's goods later; nothing else may go.
					if let Some(gtin) = ordered {
						ensure!(
							matches!(carried.contents, Contents::Empty)
								|| carried.contents == Contents::Product(gtin),
							Error::<T>::WrongProductForOrder
						);
					}
					Ok(())
				},
				|place| place.location = Location::InTransit(shipment),
			)?;
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
		let entry = Shipments::<T>::get(shipment).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(entry.to == as_party, Error::<T>::NotAddressee);
		let units = Self::put_at(&entry.items, as_party, 1);
		if let Some(order) = entry.order {
			Self::credit_order(order, units)?;
		}
		Self::release(HoldReason::ShipmentDeposit, &entry.depositor, entry.deposit)?;
		Shipments::<T>::remove(shipment);
		Self::deposit_event(Event::Received {
			shipment,
			from: entry.from,
			to: as_party,
			units,
			order: entry.order,
		});
		Ok(count(entry.items.len()))
	}

	/// Cancels a shipment before receipt: its items come back to rest at the shipper, with no
	/// hop. Returns how many items the shipment named.
	pub(crate) fn do_cancel_shipment(
		who: T::AccountId,
		as_party: InstitutionId,
		shipment: ShipmentId,
	) -> Result<u32, DispatchError> {
		Self::ensure_party(&who, as_party, &SHIPPER_KINDS)?;
		let entry = Shipments::<T>::get(shipment).ok_or(Error::<T>::UnknownShipment)?;
		ensure!(entry.from == as_party, Error::<T>::NotShipper);
		Self::put_at(&entry.items, as_party, 0);
		Self::release(HoldReason::ShipmentDeposit, &entry.depositor, entry.deposit)?;
		Shipments::<T>::remove(shipment);
		Self::deposit_event(Event::ShipmentCancelled { shipment, from: as_party, to: entry.to });
		Ok(count(entry.items.len()))
	}

	/// Brings a shipment's items to rest at `party`, adding `hops` to each; returns how many
	/// units they carry. Items are never removed while in transit; one missing would be skipped
	/// rather than strand the shipment.
	fn put_at(items: &[Item], party: InstitutionId, hops: u32) -> u32 {
		let mut units: u32 = 0;
		for item in items {
			let moved = Self::move_item(
				item,
				|_, _| Ok(()),
				|place| {
					place.location = Location::At(party);
					place.hops = place.hops.saturating_add(hops);
				},
			);
			if let Ok(carried) = moved {
				units = units.saturating_add(carried.units);
			}
		}
		units
	}
}
