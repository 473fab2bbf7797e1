//! Aggregation: packing units into cases and cases into pallets (logistic units under their
//! SSCC), unpacking them, and removing empty containers.

use crate::*;
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
		Self::ensure_distinct(&items)?;
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
		for item in items.iter() {
			let (units, contents, height) = match item {
				Item::Unit(key) => {
					let mut unit = Units::<T>::get(key).ok_or(Error::<T>::UnknownUnit)?;
					Self::ensure_held_loose(&unit.location, as_party)?;
					Self::ensure_unit_active(unit.status)?;
					unit.location = Location::In(sscc);
					unit.packed_at = container.hops;
					Units::<T>::insert(key, unit);
					(1, Contents::Product(key.gtin), 1u8)
				},
				Item::Container(id) => {
					ensure!(*id != sscc, Error::<T>::PackIntoItself);
					let mut child = Containers::<T>::get(id).ok_or(Error::<T>::UnknownContainer)?;
					Self::ensure_held_loose(&child.location, as_party)?;
					child.location = Location::In(sscc);
					child.packed_at = container.hops;
					let packed = (child.units, child.contents, child.height.saturating_add(1));
					Containers::<T>::insert(id, child);
					packed
				},
			};
			ensure!(u32::from(height) <= max_nesting, Error::<T>::NestingTooDeep);
			container.height = container.height.max(height);
			container.units = container.units.checked_add(units).ok_or(Error::<T>::Overflow)?;
			container.contents = container.contents.merge(contents);
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
		Self::ensure_distinct(&items)?;
		let inside = Location::In(sscc);
		for item in items.iter() {
			let units = match item {
				Item::Unit(key) => {
					let mut unit = Units::<T>::get(key).ok_or(Error::<T>::UnknownUnit)?;
					ensure!(unit.location == inside, Error::<T>::NotInContainer);
					unit.hops = Self::hops_below(unit.hops, unit.packed_at, container.hops);
					unit.packed_at = 0;
					unit.location = Location::At(as_party);
					Units::<T>::insert(key, unit);
					1
				},
				Item::Container(id) => {
					let mut child = Containers::<T>::get(id).ok_or(Error::<T>::UnknownContainer)?;
					ensure!(child.location == inside, Error::<T>::NotInContainer);
					child.hops = Self::hops_below(child.hops, child.packed_at, container.hops);
					child.packed_at = 0;
					child.location = Location::At(as_party);
					let units = child.units;
					Containers::<T>::insert(id, child);
					units
				},
			};
			container.units = container.units.saturating_sub(units);
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
