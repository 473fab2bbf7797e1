//! Custody derived through containers, the dispensing that the prescriptions pallet does
//! through [`MedicineUnits`], the queries behind the runtime API, and the pallet's storage
//! invariants.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::provenance::MedicineUnits;
use polkadot_sdk::frame_support::traits::{Get, Time};

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

	/// A container with its derived custody.
	pub fn container_custody(sscc: Sscc) -> Option<(ContainerOf<T>, Custody)> {
		let container = Containers::<T>::get(sscc)?;
		let custody = Self::trace(&container.location, container.hops, container.packed_at)
			.ok()?
			.custody;
		Some((container, custody))
	}

	/// Checks the pallet's storage invariants.
	// Always compiled: the runtime fuzzer (`fuzz/`) checks it after every block without the
	// `try-runtime` feature, which would change the node's one build.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use healthchain_primitives::deposits;
		use polkadot_sdk::frame_support::{ensure, traits::fungible::InspectHold};

		let mut prefix_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut product_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut batch_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut container_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut shipment_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut order_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut report_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let max_nesting = T::MaxNesting::get();
		let mut batches_of_product: BTreeMap<Gtin, u32> = BTreeMap::new();
		let next_batch = NextBatchId::<T>::get();
		for (id, batch) in Batches::<T>::iter() {
			ensure!(id < next_batch, "batch id not yet handed out");
			ensure!(BatchOfLot::<T>::get(batch.gtin, &batch.lot) == Some(id), "batch not indexed");
			ensure!(Products::<T>::contains_key(batch.gtin), "batch of an unknown product");
			ensure!(is_valid_serial(&batch.lot), "malformed lot");
			ensure!(batch.quantity > 0, "batch of no units");
			ensure!(batch.commissioned <= batch.quantity, "batch over its quantity");
			ensure!(batch.purged <= batch.commissioned, "more units purged than commissioned");
			ensure!(batch.retained_until >= batch.expiry, "batch purgeable before it expires");
			let count = batches_of_product.entry(batch.gtin).or_default();
			*count = count.saturating_add(1);
			deposits::add(&mut batch_deposits, &batch.depositor, batch.deposit);
		}
		ensure!(
			BatchOfLot::<T>::iter().count() == Batches::<T>::iter().count(),
			"lot index differs from the batches"
		);
		let mut products_of_prefix: BTreeMap<CompanyPrefix, u32> = BTreeMap::new();
		for (gtin, product) in Products::<T>::iter() {
			ensure!(gtin.is_valid(), "product with a malformed GTIN");
			let (prefix, assignment) =
				Self::company_prefix_of(&gtin.0).ok_or("product under no assigned prefix")?;
			ensure!(assignment.holder == product.manufacturer, "product under another's prefix");
			let count = products_of_prefix.entry(prefix).or_default();
			*count = count.saturating_add(1);
			ensure!(
				batches_of_product.get(&gtin).copied().unwrap_or_default() == product.batches,
				"product's batch count differs from its batches"
			);
			deposits::add(&mut product_deposits, &product.depositor, product.deposit);
		}
		let mut longer: BTreeMap<CompanyPrefix, u32> = BTreeMap::new();
		for (prefix, assignment) in CompanyPrefixes::<T>::iter() {
			ensure!(is_company_prefix(&prefix), "malformed company prefix");
			ensure!(
				products_of_prefix.get(&prefix).copied().unwrap_or_default() == assignment.products,
				"prefix's product count differs from its products"
			);
			deposits::add(&mut prefix_deposits, &assignment.assigned_by, assignment.deposit);
			for stem in stems_of(&prefix) {
				ensure!(
					!CompanyPrefixes::<T>::contains_key(CompanyPrefix::truncate_from(
						stem.to_vec()
					)),
					"an assigned prefix begins with another"
				);
				let count = longer.entry(CompanyPrefix::truncate_from(stem.to_vec())).or_default();
				*count = count.saturating_add(1);
			}
		}
		ensure!(
			LongerPrefixes::<T>::iter().collect::<BTreeMap<_, _>>() == longer,
			"stem counts differ from the assigned prefixes"
		);

		// What each container directly holds: (children, units).
		let mut held: BTreeMap<Sscc, (u32, u32)> = BTreeMap::new();
		let mut units_of_batch: BTreeMap<BatchId, u32> = BTreeMap::new();
		for (key, unit) in Units::<T>::iter() {
			let batch = Batches::<T>::get(unit.batch).ok_or("unit of an unknown batch")?;
			ensure!(batch.gtin == key.gtin, "unit of another product than its batch");
			ensure!(is_valid_serial(&key.serial), "malformed serial");
			let count = units_of_batch.entry(unit.batch).or_default();
			*count = count.saturating_add(1);
			ensure!(
				(unit.status == UnitStatus::Suspect) == SuspectReports::<T>::contains_key(&key),
				"suspect status differs from the reports"
			);
			if matches!(unit.status, UnitStatus::Dispensed | UnitStatus::Destroyed) {
				ensure!(matches!(unit.location, Location::At(_)), "decommissioned unit packed");
			}
			Self::trace(&unit.location, unit.hops, unit.packed_at)
				.map_err(|_| "unit's containers broken or too deep")?;
			match &unit.location {
				Location::In(sscc) => {
					let parent =
						Self::container_custody(*sscc).ok_or("unit in a lost container")?;
					ensure!(unit.packed_at <= parent.1.hops, "unit packed after its container");
					if let Contents::Product(gtin) = parent.0.contents {
						ensure!(gtin == key.gtin, "unit of another product than its container");
					}
					let entry = held.entry(*sscc).or_default();
					entry.0 = entry.0.saturating_add(1);
					entry.1 = entry.1.saturating_add(1);
				},
				Location::InTransit(shipment) => {
					let shipment =
						Shipments::<T>::get(shipment).ok_or("unit in a lost shipment")?;
					ensure!(
						shipment.items.contains(&Item::Unit(key.clone())),
						"unit in transit not in its shipment"
					);
					ensure!(unit.packed_at == 0, "loose unit with a packing mark");
				},
				Location::At(_) => ensure!(unit.packed_at == 0, "loose unit with a packing mark"),
			}
		}
		for (id, batch) in Batches::<T>::iter() {
			ensure!(
				units_of_batch.get(&id).copied().unwrap_or_default() == batch.stored(),
				"batch's stored count differs from its units"
			);
		}
		let containers: BTreeMap<Sscc, ContainerOf<T>> = Containers::<T>::iter().collect();
		for (sscc, container) in &containers {
			ensure!(sscc.is_valid(), "container with a malformed SSCC");
			deposits::add(&mut container_deposits, &container.depositor, container.deposit);
			let trace = Self::trace(&container.location, container.hops, container.packed_at)
				.map_err(|_| "container's containers broken or too deep")?;
			ensure!(container.height >= 1, "container below height one");
			ensure!(
				u32::from(container.height).saturating_add(count(trace.ancestors.len()))
					<= max_nesting,
				"container nested too deep"
			);
			match &container.location {
				Location::In(parent) => {
					let (parent, custody) =
						Self::container_custody(*parent).ok_or("container in a lost container")?;
					ensure!(container.packed_at <= custody.hops, "packed after its container");
					ensure!(parent.height > container.height, "container as high as its parent");
					if let Contents::Product(gtin) = parent.contents {
						ensure!(
							matches!(container.contents, Contents::Empty)
								|| container.contents == Contents::Product(gtin),
							"container of another product than its parent"
						);
					}
				},
				Location::InTransit(shipment) => {
					let shipment =
						Shipments::<T>::get(shipment).ok_or("container in a lost shipment")?;
					ensure!(
						shipment.items.contains(&Item::Container(*sscc)),
						"container in transit not in its shipment"
					);
					ensure!(container.packed_at == 0, "loose container with a packing mark");
				},
				Location::At(_) => {
					ensure!(container.packed_at == 0, "loose container with a packing mark")
				},
			}
			if let Location::In(parent) = container.location {
				let entry = held.entry(parent).or_default();
				entry.0 = entry.0.saturating_add(1);
				entry.1 = entry.1.saturating_add(container.units);
			}
		}
		for (sscc, container) in &containers {
			let (children, units) = held.get(sscc).copied().unwrap_or_default();
			ensure!(container.children == children, "container's child count is off");
			ensure!(container.units == units, "container's unit count is off");
			ensure!(
				container.units > 0 || container.contents == Contents::Empty,
				"empty container naming a product"
			);
		}
		ensure!(held.keys().all(|sscc| containers.contains_key(sscc)), "items in lost containers");

		let next_shipment = NextShipmentId::<T>::get();
		for (id, shipment) in Shipments::<T>::iter() {
			ensure!(id < next_shipment, "shipment id not yet handed out");
			ensure!(!shipment.items.is_empty(), "shipment of nothing");
			ensure!(shipment.from != shipment.to, "shipment to the shipper");
			deposits::add(&mut shipment_deposits, &shipment.depositor, shipment.deposit);
			for item in shipment.items.iter() {
				let location = match item {
					Item::Container(sscc) => containers.get(sscc).map(|c| c.location.clone()),
					Item::Unit(key) => Units::<T>::get(key).map(|unit| unit.location),
				};
				ensure!(location == Some(Location::InTransit(id)), "shipped item not in transit");
			}
		}
		let next_order = NextOrderId::<T>::get();
		for (id, order) in Orders::<T>::iter() {
			ensure!(id < next_order, "order id not yet handed out");
			ensure!(order.quantity > 0, "order of nothing");
			ensure!(order.fulfilled < order.quantity, "fulfilled order still open");
			deposits::add(&mut order_deposits, &order.depositor, order.deposit);
		}
		for (key, report) in SuspectReports::<T>::iter() {
			let unit = Units::<T>::get(&key).ok_or("report on a lost unit")?;
			ensure!(unit.status == UnitStatus::Suspect, "report on a unit not suspect");
			deposits::add(&mut report_deposits, &report.depositor, report.deposit);
		}
		// Every account, not only the depositors: a hold nothing stored justifies shows too.
		ensure!(
			deposits::holds_match(
				frame_system::Account::<T>::iter_keys(),
				[
					(HoldReason::CompanyPrefixDeposit, prefix_deposits),
					(HoldReason::ProductDeposit, product_deposits),
					(HoldReason::BatchDeposit, batch_deposits),
					(HoldReason::ContainerDeposit, container_deposits),
					(HoldReason::ShipmentDeposit, shipment_deposits),
					(HoldReason::OrderDeposit, order_deposits),
					(HoldReason::SuspectReportDeposit, report_deposits),
				],
				|reason, who| T::Currency::balance_on_hold(&(*reason).into(), who),
			),
			"held deposits differ from the stored deposits"
		);
		Ok(())
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Assigns the longest company prefix the GS1 key `key` could fall under (12 digits: the
	/// one a lookup finds last) to `holder`, of `kind`, straight in storage, counting `products`
	/// under it, with the stems counted as the assigning call counts them. Nothing is held.
	pub(crate) fn assign_longest_prefix_for_benchmarks(
		key: &[u8],
		holder: InstitutionId,
		kind: InstitutionKind,
		authority: &T::AccountId,
		products: u32,
	) -> CompanyPrefix {
		let prefix = company_prefixes_of(key)
			.last()
			.map(|digits| CompanyPrefix::truncate_from(digits.to_vec()))
			.unwrap_or_default();
		if !CompanyPrefixes::<T>::contains_key(&prefix) {
			Self::count_under_stems(&prefix);
		}
		CompanyPrefixes::<T>::insert(
			&prefix,
			PrefixAssignment {
				holder,
				kind,
				jurisdiction: healthchain_primitives::credentials::BENCHMARK_JURISDICTION,
				assigned_by: authority.clone(),
				assigned_at: 0,
				products,
				deposit: Default::default(),
			},
		);
		prefix
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

	/// A pack nested as deep as [`Config::MaxNesting`] allows at `pharmacy`: the deepest path
	/// the dispensing checks take (see [`Pallet::dispensable_unit_at_depth`]).
	#[cfg(feature = "runtime-benchmarks")]
	fn dispensable_unit_for_benchmarks(
		product: &Gtin,
		pharmacy: InstitutionId,
		index: u32,
	) -> Sgtin {
		Self::dispensable_unit_at_depth(product, pharmacy, index, T::MaxNesting::get())
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Registers `product` for a new manufacturer if needed (under its longest company
	/// prefix), creates its batch `BENCHMARK` (never expiring) if needed, and commissions the
	/// unit `B<index>` at `pharmacy` inside `depth` containers (a case in a pallet for two; at
	/// most [`Config::MaxNesting`]). Nothing is held.
	pub fn dispensable_unit_at_depth(
		product: &Gtin,
		pharmacy: InstitutionId,
		index: u32,
		depth: u32,
	) -> Sgtin {
		use healthchain_primitives::credentials::CredentialsInspect;
		use polkadot_sdk::frame_benchmarking::account;

		let depositor: T::AccountId = account("provenance", index, 0);
		let product = *product;
		if !Products::<T>::contains_key(product) {
			let maker = T::Credentials::institution_for_benchmarks(
				InstitutionKind::Manufacturer,
				&depositor,
			);
			Self::assign_longest_prefix_for_benchmarks(
				&product.0,
				maker,
				InstitutionKind::Manufacturer,
				&depositor,
				1,
			);
			Products::<T>::insert(
				product,
				Product {
					manufacturer: maker,
					details_hash: [0; 32],
					batches: 0,
					registered_at: 0,
					depositor: depositor.clone(),
					deposit: Default::default(),
				},
			);
		}
		let lot = Lot::truncate_from(b"BENCHMARK".to_vec());
		let batch = match BatchOfLot::<T>::get(product, &lot) {
			Some(batch) => batch,
			None => {
				let batch = NextBatchId::<T>::get();
				NextBatchId::<T>::put(batch.saturating_add(1));
				let manufacturer =
					Products::<T>::get(product).map(|p| p.manufacturer).unwrap_or_default();
				Products::<T>::mutate_extant(product, |p| p.batches = p.batches.saturating_add(1));
				Batches::<T>::insert(
					batch,
					Batch {
						gtin: product,
						lot: lot.clone(),
						expiry: Moment::MAX,
						retained_until: Moment::MAX,
						quantity: T::MaxBatchQuantity::get(),
						commissioned: 0,
						purged: 0,
						manufacturer,
						status: BatchStatus::Active,
						depositor: depositor.clone(),
						deposit: Default::default(),
					},
				);
				BatchOfLot::<T>::insert(product, &lot, batch);
				batch
			},
		};
		let unit = Sgtin { gtin: product, serial: benchmark_serial(b'B', index) };
		if Units::<T>::contains_key(&unit) {
			return unit;
		}
		Batches::<T>::mutate_extant(batch, |b| b.commissioned = b.commissioned.saturating_add(1));
		// The outermost container first, then each one inside it.
		let depth = depth.min(T::MaxNesting::get());
		let mut location = Location::At(pharmacy);
		for level in (0..depth).rev() {
			let sscc = benchmark_sscc(level, pharmacy, index);
			let height = u8::try_from(level.saturating_add(1)).unwrap_or(u8::MAX);
			Containers::<T>::insert(
				sscc,
				Container {
					location: location.clone(),
					children: 1,
					units: 1,
					contents: Contents::Product(product),
					height,
					hops: 3,
					packed_at: if matches!(location, Location::In(_)) { 3 } else { 0 },
					depositor: depositor.clone(),
					deposit: Default::default(),
				},
			);
			location = Location::In(sscc);
		}
		let packed_at = if matches!(location, Location::In(_)) { 3 } else { 0 };
		Units::<T>::insert(
			&unit,
			Unit { batch, status: UnitStatus::Active, location, hops: 0, packed_at },
		);
		unit
	}
}

/// A serial `<prefix><index>` for benchmarks.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub(crate) fn benchmark_serial(prefix: u8, index: u32) -> Serial {
	let mut digits = Vec::from([prefix]);
	let mut rest = index;
	let mut reversed = Vec::new();
	loop {
		// A digit: below 10.
		reversed.push(b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or_default()));
		rest /= 10;
		if rest == 0 {
			break;
		}
	}
	digits.extend(reversed.into_iter().rev());
	Serial::truncate_from(digits)
}

/// A distinct valid SSCC for benchmarks: extension digit `level`, then `party` and `index`.
#[cfg(any(feature = "runtime-benchmarks", test))]
pub(crate) fn benchmark_sscc(level: u32, party: InstitutionId, index: u32) -> Sscc {
	let number = u64::from(level % 10)
		.saturating_mul(10_000_000_000_000_000)
		.saturating_add(u64::from(party % 1_000_000).saturating_mul(10_000_000_000))
		.saturating_add(u64::from(index));
	let mut body = [b'0'; 17];
	let mut rest = number;
	for digit in body.iter_mut().rev() {
		*digit = b'0'.saturating_add(u8::try_from(rest % 10).unwrap_or_default());
		rest /= 10;
	}
	Sscc::with_check_digit(body).unwrap_or(Sscc([b'0'; 18]))
}
