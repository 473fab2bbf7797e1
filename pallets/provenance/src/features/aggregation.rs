//! Aggregation: packing units into cases and cases into pallets (logistic units under their
//! SSCC), unpacking them, and removing empty containers.

use crate::*;
use healthchain_primitives::ensure_distinct;
use polkadot_sdk::{
	frame_support::{ensure, traits::Get},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Packs the named loose items a party holds into its unpacked container (created if new,
	/// under an SSCC of the party's own company prefix),
	/// noting on each the container's hops now. Reads and writes the container and the named
	/// items only.
	pub(crate) fn do_pack(
		who: T::AccountId,
		as_party: InstitutionId,
		sscc: Sscc,
		items: PackItemsOf<T>,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &HOLDER_KINDS)?;
		ensure!(sscc.is_valid(), Error::<T>::BadSscc);
		ensure_distinct(&items).map_err(Error::<T>::from)?;
		let existing = Containers::<T>::get(sscc);
		let created = existing.is_none();
		let mut container = match existing {
			Some(container) => {
				Self::ensure_held_loose(&container.location, as_party)?;
				container
			},
			None => {
				Self::ensure_prefix_holder(&sscc.0, as_party)?;
				let deposit = T::ContainerDeposit::get();
				Self::hold(HoldReason::ContainerDeposit, &who, deposit)?;
				Container {
					location: Location::At(as_party),
					children: 0,
					units: 0,
					contents: Contents::Empty,
					height: 1,
					hops: 0,
					packed_at: 0,
					depositor: who,
					deposit,
				}
			},
		};
		let max_nesting = T::MaxNesting::get();
		let packed_at = container.hops;
		for item in items.iter() {
			ensure!(*item != Item::Container(sscc), Error::<T>::PackIntoItself);
			let carried = Self::move_item(
				item,
				|place, carried| Self::ensure_movable_by(place, carried, as_party),
				|place| {
					place.location = Location::In(sscc);
					place.packed_at = packed_at;
				},
			)?;
			let height = carried.height.saturating_add(1);
			ensure!(u32::from(height) <= max_nesting, Error::<T>::NestingTooDeep);
			container.height = container.height.max(height);
			container.units =
				container.units.checked_add(carried.units).ok_or(Error::<T>::Overflow)?;
			container.contents = container.contents.merge(carried.contents);
			container.children = container.children.checked_add(1).ok_or(Error::<T>::Overflow)?;
		}
		Containers::<T>::insert(sscc, container);
		if created {
			Self::deposit_event(Event::ContainerCreated { container: sscc, party: as_party });
		}
		Self::deposit_event(Event::Packed { container: sscc, party: as_party, items });
		Ok(())
	}

	/// Unpacks the named items from a party's unpacked container: they become loose at the
	/// party, their hops made explicit. Reads and writes the container and the named items only.
	pub(crate) fn do_unpack(
		who: T::AccountId,
		as_party: InstitutionId,
		sscc: Sscc,
		items: PackItemsOf<T>,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &HOLDER_KINDS)?;
		let mut container = Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
		Self::ensure_held_loose(&container.location, as_party)?;
		ensure_distinct(&items).map_err(Error::<T>::from)?;
		let inside = Location::In(sscc);
		let parent_hops = container.hops;
		for item in items.iter() {
			let carried = Self::move_item(
				item,
				|place, _| {
					ensure!(place.location == inside, Error::<T>::NotInContainer);
					Ok(())
				},
				|place| {
					place.hops = Self::hops_below(place.hops, place.packed_at, parent_hops);
					place.packed_at = 0;
					place.location = Location::At(as_party);
				},
			)?;
			container.units = container.units.saturating_sub(carried.units);
			container.children = container.children.saturating_sub(1);
		}
		Self::settle(&mut container);
		Containers::<T>::insert(sscc, container);
		Self::deposit_event(Event::Unpacked { container: sscc, party: as_party, items });
		Ok(())
	}

	/// Removes a party's empty, unpacked container and returns its deposit to whoever paid it.
	pub(crate) fn do_remove_container(
		who: T::AccountId,
		as_party: InstitutionId,
		sscc: Sscc,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &HOLDER_KINDS)?;
		let container = Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
		Self::ensure_held_loose(&container.location, as_party)?;
		ensure!(container.children == 0, Error::<T>::ContainerNotEmpty);
		Self::release(HoldReason::ContainerDeposit, &container.depositor, container.deposit)?;
		Containers::<T>::remove(sscc);
		Self::deposit_event(Event::ContainerRemoved { container: sscc, party: as_party });
		Ok(())
	}
}
