//! The pallet's storage invariants, checked storage item by storage item: each check returns the
//! deposits its items record (and the counts a later check compares), and the holds are
//! compared with all of them at the end.

use crate::*;
use alloc::collections::BTreeMap;
use healthchain_primitives::deposits;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::InspectHold, Get},
	},
	sp_runtime::TryRuntimeError,
};

/// Deposits recorded in storage, summed by depositor.
type Deposits<T> = BTreeMap<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// What each container directly holds, as its items say: (children, units).
type Held = BTreeMap<Sscc, (u32, u32)>;
/// Every container, by SSCC.
type AllContainers<T> = BTreeMap<Sscc, ContainerOf<T>>;

impl<T: Config> Pallet<T> {
	/// Checks the pallet's storage invariants.
	// Always compiled: the runtime fuzzer (`fuzz/`) checks it after every block without the
	// `try-runtime` feature, which would change the node's one build.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let (batch_deposits, batches_of_product) = Self::check_batches()?;
		let (product_deposits, products_of_prefix) = Self::check_products(&batches_of_product)?;
		let prefix_deposits = Self::check_company_prefixes(&products_of_prefix)?;
		let mut held = Held::new();
		Self::check_units(&mut held)?;
		let (containers, container_deposits) = Self::check_containers(&mut held)?;
		let shipment_deposits = Self::check_shipments(&containers)?;
		let order_deposits = Self::check_orders()?;
		let report_deposits = Self::check_suspect_reports()?;
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

	/// `Batches` and `BatchOfLot`: ids handed out, indexed by lot, of a known product, counts in
	/// order. Returns the batches' deposits and how many batches each product has.
	fn check_batches() -> Result<(Deposits<T>, BTreeMap<Gtin, u32>), TryRuntimeError> {
		let mut batch_deposits = Deposits::<T>::new();
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
		Ok((batch_deposits, batches_of_product))
	}

	/// `Products`: valid GTINs under their maker's prefix, batch counts matching. Returns the
	/// products' deposits and how many products each prefix has.
	fn check_products(
		batches_of_product: &BTreeMap<Gtin, u32>,
	) -> Result<(Deposits<T>, BTreeMap<CompanyPrefix, u32>), TryRuntimeError> {
		let mut product_deposits = Deposits::<T>::new();
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
		Ok((product_deposits, products_of_prefix))
	}

	/// `CompanyPrefixes` and `LongerPrefixes`: well formed, none beginning with another, product
	/// and stem counts matching. Returns the assignments' deposits.
	fn check_company_prefixes(
		products_of_prefix: &BTreeMap<CompanyPrefix, u32>,
	) -> Result<Deposits<T>, TryRuntimeError> {
		let mut prefix_deposits = Deposits::<T>::new();
		let mut longer: BTreeMap<CompanyPrefix, u32> = BTreeMap::new();
		for (prefix, assignment) in CompanyPrefixes::<T>::iter() {
			ensure!(is_company_prefix(&prefix), "malformed company prefix");
			ensure!(
				products_of_prefix.get(&prefix).copied().unwrap_or_default() == assignment.products,
				"prefix's product count differs from its products"
			);
			deposits::add(&mut prefix_deposits, &assignment.assigned_by, assignment.deposit);
			for stem in stems_of(&prefix) {
				let stem = CompanyPrefix::truncate_from(stem.to_vec());
				ensure!(
					!CompanyPrefixes::<T>::contains_key(&stem),
					"an assigned prefix begins with another"
				);
				let count = longer.entry(stem).or_default();
				*count = count.saturating_add(1);
			}
		}
		ensure!(
			LongerPrefixes::<T>::iter().collect::<BTreeMap<_, _>>() == longer,
			"stem counts differ from the assigned prefixes"
		);
		Ok(prefix_deposits)
	}

	/// `Units`: of their batch's product, suspect exactly when reported, traceable, placed
	/// consistently; each batch's stored count matches. Adds what each container holds directly
	/// to `held`.
	fn check_units(held: &mut Held) -> Result<(), TryRuntimeError> {
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
		Ok(())
	}

	/// `Containers`: valid SSCCs, traceable, nested within bounds and below higher parents,
	/// holding what their items say (`held`, to which the containers packed in others are
	/// added). Returns the containers, for the shipments' check, and their deposits.
	fn check_containers(
		held: &mut Held,
	) -> Result<(AllContainers<T>, Deposits<T>), TryRuntimeError> {
		let mut container_deposits = Deposits::<T>::new();
		let max_nesting = T::MaxNesting::get();
		let containers: AllContainers<T> = Containers::<T>::iter().collect();
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
		Ok((containers, container_deposits))
	}

	/// `Shipments`: ids handed out, of something, between two parties, every item in transit
	/// with it. Returns their deposits.
	fn check_shipments(containers: &AllContainers<T>) -> Result<Deposits<T>, TryRuntimeError> {
		let mut shipment_deposits = Deposits::<T>::new();
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
		Ok(shipment_deposits)
	}

	/// `Orders`: ids handed out, open orders only. Returns their deposits.
	fn check_orders() -> Result<Deposits<T>, TryRuntimeError> {
		let mut order_deposits = Deposits::<T>::new();
		let next_order = NextOrderId::<T>::get();
		for (id, order) in Orders::<T>::iter() {
			ensure!(id < next_order, "order id not yet handed out");
			ensure!(order.quantity > 0, "order of nothing");
			ensure!(order.fulfilled < order.quantity, "fulfilled order still open");
			deposits::add(&mut order_deposits, &order.depositor, order.deposit);
		}
		Ok(order_deposits)
	}

	/// `SuspectReports`: each on a unit marked suspect. Returns their deposits.
	fn check_suspect_reports() -> Result<Deposits<T>, TryRuntimeError> {
		let mut report_deposits = Deposits::<T>::new();
		for (key, report) in SuspectReports::<T>::iter() {
			let unit = Units::<T>::get(&key).ok_or("report on a lost unit")?;
			ensure!(unit.status == UnitStatus::Suspect, "report on a unit not suspect");
			deposits::add(&mut report_deposits, &report.depositor, report.deposit);
		}
		Ok(report_deposits)
	}
}
