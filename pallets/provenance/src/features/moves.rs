//! Moving an item, a unit or a container alike: what packing, unpacking, shipping and
//! receiving share. Each reads the item, checks it may move from where it is, sets its new place
//! and writes it; what is packed inside a container moves with it untouched.

use crate::*;
use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};

/// Where an item is, as a move changes it.
pub(crate) struct Place {
	/// Where it is.
	pub location: Location,
	/// The custody hops it had when it was last packed (or, loose, its hops).
	pub hops: u32,
	/// Its container's derived hops when it was packed into it; 0 when loose.
	pub packed_at: u32,
}

/// What a moved item carries, for the container it goes into and the shipment's count.
#[derive(Clone, Copy)]
pub(crate) struct Carried {
	/// The units it is (one) or holds.
	pub units: u32,
	/// The products in it: a unit's own, a container's contents.
	pub contents: Contents,
	/// How many levels it stands: a unit none, a container its height.
	pub height: u8,
	/// A unit's status; `None` for a container.
	pub status: Option<UnitStatus>,
}

impl<T: Config> Pallet<T> {
	/// Moves `item`: reads it (refusing one that is not stored), lets `check` refuse it from
	/// its place and what it carries, sets its new place with `to`, and writes it. Returns what
	/// it carries.
	pub(crate) fn move_item(
		item: &Item,
		check: impl FnOnce(&Place, &Carried) -> DispatchResult,
		to: impl FnOnce(&mut Place),
	) -> Result<Carried, DispatchError> {
		match item {
			Item::Unit(key) => {
				let mut unit = Units::<T>::get(key).ok_or(Error::<T>::UnknownUnit)?;
				let carried = Carried {
					units: 1,
					contents: Contents::Product(key.gtin),
					height: 0,
					status: Some(unit.status),
				};
				let mut place =
					Place { location: unit.location, hops: unit.hops, packed_at: unit.packed_at };
				check(&place, &carried)?;
				to(&mut place);
				(unit.location, unit.hops, unit.packed_at) =
					(place.location, place.hops, place.packed_at);
				Units::<T>::insert(key, unit);
				Ok(carried)
			},
			Item::Container(sscc) => {
				let mut container =
					Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
				let carried = Carried {
					units: container.units,
					contents: container.contents,
					height: container.height,
					status: None,
				};
				let mut place = Place {
					location: container.location,
					hops: container.hops,
					packed_at: container.packed_at,
				};
				check(&place, &carried)?;
				to(&mut place);
				(container.location, container.hops, container.packed_at) =
					(place.location, place.hops, place.packed_at);
				Containers::<T>::insert(sscc, container);
				Ok(carried)
			},
		}
	}

	/// An item a party moves from its own stock: loose at `party` and, for a unit, active.
	pub(crate) fn ensure_movable_by(
		place: &Place,
		carried: &Carried,
		party: InstitutionId,
	) -> DispatchResult {
		Self::ensure_held_loose(&place.location, party)?;
		carried.status.map_or(Ok(()), Self::ensure_unit_active)
	}
}
