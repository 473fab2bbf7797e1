//! Custody derived through containers: where a unit or container stands is found by following
//! its location up through the containers it is packed in; taking a unit out updates them.

use crate::*;
use alloc::vec::Vec;
use polkadot_sdk::frame_support::traits::Get;

/// Where a unit or container stands, followed up through its containers, with the containers
/// read on the way (innermost first) for callers that update them.
pub(crate) struct Trace<T: Config> {
	/// Custodian, transit, direct container and derived hops.
	pub custody: Custody,
	/// The containers above, innermost first.
	pub ancestors: Vec<(Sscc, ContainerOf<T>)>,
}

impl<T: Config> Pallet<T> {
	/// Follows `location` up through the containers (at most [`Config::MaxNesting`] reads) to a
	/// party or a shipment. `hops` and `packed_at` are those stored on the item itself.
	///
	/// Derived hops: for an item `x` packed in `p`, `H(x) = hops(x) + H(p) − packed_at(x)`;
	/// at the top, `H(x) = hops(x)`. So the hops of an item `k` containers deep are the sum of
	/// the stored hops along the chain minus the sum of the `packed_at` of all but the top.
	pub(crate) fn trace(
		location: &Location,
		hops: u32,
		packed_at: u32,
	) -> Result<Trace<T>, Error<T>> {
		let mut added = u64::from(hops);
		let mut subtracted: u64 = 0;
		let mut packed_at = packed_at;
		let mut location = location.clone();
		let mut ancestors = Vec::new();
		for _ in 0..=T::MaxNesting::get() {
			let (custodian, in_transit_shipment) = match location {
				Location::At(party) => (Some(party), None),
				Location::InTransit(shipment) => (None, Some(shipment)),
				Location::In(sscc) => {
					let container =
						Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
					subtracted = subtracted.saturating_add(u64::from(packed_at));
					added = added.saturating_add(u64::from(container.hops));
					packed_at = container.packed_at;
					location = container.location.clone();
					ancestors.push((sscc, container));
					continue;
				},
			};
			let hops = u32::try_from(added.saturating_sub(subtracted)).unwrap_or(u32::MAX);
			let container = ancestors.first().map(|(sscc, _)| *sscc);
			return Ok(Trace {
				custody: Custody { custodian, in_transit_shipment, container, hops },
				ancestors,
			});
		}
		Err(Error::<T>::NestingTooDeep)
	}

	/// An item's hops made explicit on unpacking from a container (at the top) with `parent`
	/// hops: `hops + parent − packed_at`.
	pub(crate) fn hops_below(hops: u32, packed_at: u32, parent: u32) -> u32 {
		hops.saturating_add(parent.saturating_sub(packed_at))
	}

	/// Resets what an emptied container says about its contents.
	pub(crate) fn settle(container: &mut ContainerOf<T>) {
		if container.units == 0 {
			container.contents = Contents::Empty;
		}
		if container.children == 0 {
			container.height = 1;
		}
	}

	/// Takes a unit out of the containers `trace` read above it (one unit fewer in each, one
	/// child fewer in the innermost) and leaves it loose at `party` with its hops made
	/// explicit. The caller writes the unit.
	pub(crate) fn detach(unit: &mut Unit, trace: Trace<T>, party: InstitutionId) {
		for (depth, (sscc, mut container)) in trace.ancestors.into_iter().enumerate() {
			container.units = container.units.saturating_sub(1);
			if depth == 0 {
				container.children = container.children.saturating_sub(1);
			}
			Self::settle(&mut container);
			Containers::<T>::insert(sscc, container);
		}
		unit.location = Location::At(party);
		unit.hops = trace.custody.hops;
		unit.packed_at = 0;
	}
}
