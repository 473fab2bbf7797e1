//! Benchmarks of every call at its worst case, and of dispensing as `MedicineUnits` does.
//!
//! The components show the scale property: commissioning, packing, unpacking, destroying and
//! purging grow with the units they name (`n`); shipping and receiving grow with the items
//! they name (`i`) and not with the units inside those items (`u`, up to
//! [`CONTENTS_BENCHMARKED`]). Serials are of the longest length, units two containers deep
//! where that is the worst case (so [`Config::MaxNesting`] must be at least 2).

use super::*;
use crate::fixtures::benchmark_sscc;
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	frame_system::RawOrigin,
	sp_runtime::Saturating,
};

/// The product every benchmark uses.
const GTIN: Gtin = Gtin(*b"09506000134352");
/// Far in the future: the year 2100, in milliseconds.
const EXPIRY: Moment = 4_102_444_800_000;

/// An account acting for a new verified institution, holding the company prefix of its SSCCs,
/// funded for any number of deposits the benchmarks need.
struct Party<T: Config> {
	who: T::AccountId,
	id: InstitutionId,
}

fn party<T: Config>(kind: InstitutionKind, name: &'static str) -> Party<T> {
	let who: T::AccountId = account(name, 0, 0);
	let deposits = T::ProductDeposit::get()
		.saturating_add(T::CompanyPrefixDeposit::get())
		.saturating_add(T::BatchDeposit::get())
		.saturating_add(T::UnitDeposit::get())
		.saturating_add(T::ContainerDeposit::get())
		.saturating_add(T::ShipmentDeposit::get())
		.saturating_add(T::OrderDeposit::get())
		.saturating_add(T::SuspectReportDeposit::get());
	let times = T::MaxBatchQuantity::get()
		.saturating_add(CONTENTS_BENCHMARKED)
		.saturating_add(T::MaxUnitsPerCall::get().saturating_mul(4))
		.saturating_add(100);
	T::Currency::set_balance(
		&who,
		deposits
			.saturating_mul(times.into())
			.saturating_add(T::Currency::minimum_balance()),
	);
	let id = T::BenchmarkHelper::register_institution(kind, &who);
	// Its SSCCs (those of `sscc`) fall under a 12-digit company prefix: creating a container
	// reads every shorter candidate first.
	Pallet::<T>::assign_longest_prefix_for_benchmarks(
		&benchmark_sscc(1, id, 0).0,
		id,
		kind,
		&who,
		0,
	);
	Party { who, id }
}

/// A serial of the longest length: `S` and `index` in 19 digits.
fn serial(index: u32) -> Serial {
	let mut digits = vec![b'0'; MAX_SERIAL_LEN as usize];
	digits[0] = b'S';
	let mut rest = index;
	for digit in digits.iter_mut().rev() {
		if rest == 0 {
			break;
		}
		*digit = b'0'.saturating_add((rest % 10) as u8);
		rest /= 10;
	}
	Serial::truncate_from(digits)
}

/// A lot number of the longest length, distinct for each `index`.
fn lot(index: u32) -> Lot {
	let mut text = serial(index).into_inner();
	text[0] = b'L';
	Lot::truncate_from(text)
}

/// [`GTIN`]'s longest company prefix assigned to `maker`, with no product under it yet: a
/// registration's lookup reads every shorter candidate first.
fn prefix_holder<T: Config>(maker: &Party<T>) -> CompanyPrefix {
	Pallet::<T>::assign_longest_prefix_for_benchmarks(
		&GTIN.0,
		maker.id,
		InstitutionKind::Manufacturer,
		&maker.who,
		0,
	)
}

fn registered<T: Config>(maker: &Party<T>) {
	if !Products::<T>::contains_key(GTIN) {
		prefix_holder(maker);
		Pallet::<T>::do_register_product(maker.who.clone(), maker.id, GTIN, [1; 32])
			.expect("a funded manufacturer");
	}
}

/// A new batch of `quantity` units at `maker`, expiring in 2100.
fn batch_of<T: Config>(maker: &Party<T>, quantity: u32) -> BatchId {
	registered(maker);
	let batch = NextBatchId::<T>::get();
	Pallet::<T>::do_create_batch(maker.who.clone(), maker.id, GTIN, lot(batch), EXPIRY, quantity)
		.expect("a funded manufacturer");
	batch
}

/// Commissions `count` units at `maker`, serials from `first` on, in as many batches and calls
/// as the bounds need.
fn commissioned<T: Config>(maker: &Party<T>, first: u32, count: u32) -> Vec<Sgtin> {
	let per_batch = T::MaxBatchQuantity::get().max(1);
	let per_call = T::MaxUnitsPerCall::get().max(1);
	let mut units = Vec::new();
	let mut done: u32 = 0;
	while done < count {
		let quantity = per_batch.min(count.saturating_sub(done));
		let batch = batch_of(maker, quantity);
		let mut in_batch: u32 = 0;
		while in_batch < quantity {
			let size = per_call.min(quantity.saturating_sub(in_batch));
			let start = first.saturating_add(done).saturating_add(in_batch);
			let serials: Vec<Serial> = (start..start.saturating_add(size)).map(serial).collect();
			Pallet::<T>::do_commission_units(
				maker.who.clone(),
				maker.id,
				batch,
				SerialsOf::<T>::truncate_from(serials.clone()),
			)
			.expect("serials within the batch");
			units.extend(serials.into_iter().map(|serial| Sgtin { gtin: GTIN, serial }));
			in_batch = in_batch.saturating_add(size);
		}
		done = done.saturating_add(quantity);
	}
	units
}

/// Packs `items` held loose by `holder` into `sscc`, in as many calls as the bound needs.
fn packed<T: Config>(holder: &Party<T>, sscc: Sscc, items: Vec<Item>) {
	for chunk in items.chunks(T::MaxUnitsPerCall::get().max(1) as usize) {
		Pallet::<T>::do_pack(
			holder.who.clone(),
			holder.id,
			sscc,
			PackItemsOf::<T>::truncate_from(chunk.to_vec()),
		)
		.expect("items held loose");
	}
}

/// A case (`level` 1) or pallet (`level` 2) of `holder`, under its company prefix for indexes
/// below 10,000.
fn sscc<T: Config>(level: u32, holder: &Party<T>, index: u32) -> Sscc {
	benchmark_sscc(level, holder.id, index)
}

/// Packs `unit` alone into a new case, and that case alone onto a new pallet: two containers
/// deep, the longest way up from a unit.
fn nested<T: Config>(holder: &Party<T>, unit: &Sgtin, index: u32) {
	let case = sscc(1, holder, index);
	packed(holder, case, vec![Item::Unit(unit.clone())]);
	packed(holder, sscc(2, holder, index), vec![Item::Container(case)]);
}

/// `count` cases of `maker`, the first holding `first_holds` units and the others one each.
fn cases<T: Config>(maker: &Party<T>, count: u32, first_holds: u32) -> Vec<Item> {
	let mut next: u32 = 0;
	(0..count)
		.map(|index| {
			let holds = if index == 0 { first_holds } else { 1 };
			let units = commissioned(maker, next, holds);
			next = next.saturating_add(holds);
			let case = sscc(1, maker, index);
			packed(maker, case, units.into_iter().map(Item::Unit).collect());
			Item::Container(case)
		})
		.collect()
}

/// An order from `buyer` to `supplier` for `quantity` units.
fn ordered<T: Config>(buyer: &Party<T>, supplier: &Party<T>, quantity: u32) -> OrderId {
	let order = NextOrderId::<T>::get();
	Pallet::<T>::do_place_order(buyer.who.clone(), buyer.id, supplier.id, GTIN, quantity)
		.expect("a buyer the supplier may supply");
	order
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The GTIN falls under a 12-digit company prefix, found after six shorter candidates.
	#[benchmark]
	fn register_product() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		prefix_holder(&maker);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, GTIN, [1; 32]);

		assert!(Products::<T>::contains_key(GTIN));
	}

	/// The GTIN falls under a 12-digit company prefix, found after six shorter candidates.
	#[benchmark]
	fn deregister_product() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		registered(&maker);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, GTIN);

		assert!(!Products::<T>::contains_key(GTIN));
	}

	/// A 12-digit prefix: six stems read for overlap and six stem counters written.
	#[benchmark]
	fn assign_company_prefix() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let authority = party::<T>(InstitutionKind::Manufacturer, "authority").who;
		T::BenchmarkHelper::accredit(&authority);
		let prefix = CompanyPrefix::truncate_from(GTIN.0[1..13].to_vec());

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), prefix.clone(), maker.id);

		assert!(CompanyPrefixes::<T>::contains_key(prefix));
	}

	/// A 12-digit prefix: six stem counters written back.
	#[benchmark]
	fn withdraw_company_prefix() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let authority = party::<T>(InstitutionKind::Manufacturer, "authority").who;
		T::BenchmarkHelper::accredit(&authority);
		let prefix = CompanyPrefix::truncate_from(GTIN.0[1..13].to_vec());
		Pallet::<T>::do_assign_company_prefix(authority.clone(), prefix.clone(), maker.id)
			.expect("an authority verifying manufacturers");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), prefix.clone());

		assert!(!CompanyPrefixes::<T>::contains_key(prefix));
	}

	/// The longest lot number and the most units a batch may declare.
	#[benchmark]
	fn create_batch() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		registered(&maker);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(maker.who.clone()),
			maker.id,
			GTIN,
			lot(0),
			EXPIRY,
			T::MaxBatchQuantity::get(),
		);

		assert!(Batches::<T>::contains_key(0));
	}

	/// A regulator who does not act for the manufacturer: both checks are made.
	#[benchmark]
	fn recall_batch() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let batch = batch_of(&maker, 1);
		let regulator: T::AccountId = account("regulator", 0, 0);
		T::BenchmarkHelper::grant_role(&regulator, Role::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), batch, [9; 32]);

		assert!(Batches::<T>::get(batch).is_some_and(|batch| batch.is_recalled()));
	}

	#[benchmark]
	fn remove_batch() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let batch = batch_of(&maker, T::MaxBatchQuantity::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, batch);

		assert!(!Batches::<T>::contains_key(batch));
	}

	/// `n` serials of the longest length.
	#[benchmark]
	fn commission_units(n: Linear<1, { T::MaxUnitsPerCall::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let batch = batch_of(&maker, T::MaxBatchQuantity::get());
		let serials = SerialsOf::<T>::truncate_from((0..n).map(serial).collect());

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, batch, serials);

		assert_eq!(Batches::<T>::get(batch).map(|batch| batch.commissioned), Some(n));
	}

	/// `n` units, each alone in a case alone on a pallet: every unit detaches from two
	/// containers of its own.
	#[benchmark]
	fn purge_units(n: Linear<1, { T::MaxUnitsPerCall::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let units = commissioned(&maker, 0, n);
		for (index, unit) in units.iter().enumerate() {
			nested(&maker, unit, index as u32);
		}
		let batch = Units::<T>::get(&units[0]).map(|unit| unit.batch).unwrap_or_default();
		// Retained until the clock's start, whatever the benchmark's clock reads.
		Batches::<T>::mutate_extant(batch, |batch| batch.retained_until = 0);
		let serials = SerialsOf::<T>::truncate_from(units.into_iter().map(|u| u.serial).collect());
		let anyone: T::AccountId = account("anyone", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(anyone), batch, serials);

		assert_eq!(Batches::<T>::get(batch).map(|batch| batch.stored()), Some(0));
	}

	/// `n` loose units packed into a new case.
	#[benchmark]
	fn pack(n: Linear<1, { T::MaxUnitsPerCall::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let items = commissioned(&maker, 0, n).into_iter().map(Item::Unit).collect();
		let case = sscc(1, &maker, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(maker.who.clone()),
			maker.id,
			case,
			PackItemsOf::<T>::truncate_from(items),
		);

		assert_eq!(Containers::<T>::get(case).map(|case| case.units), Some(n));
	}

	/// `n` cases of one unit each packed onto a new pallet.
	#[benchmark]
	fn pack_containers(n: Linear<1, { T::MaxUnitsPerCall::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let items = cases(&maker, n, 1);
		let pallet = sscc(2, &maker, 0);

		#[extrinsic_call]
		pack(
			RawOrigin::Signed(maker.who.clone()),
			maker.id,
			pallet,
			PackItemsOf::<T>::truncate_from(items),
		);

		assert_eq!(Containers::<T>::get(pallet).map(|pallet| pallet.children), Some(n));
	}

	/// `n` units unpacked from a case.
	#[benchmark]
	fn unpack(n: Linear<1, { T::MaxUnitsPerCall::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let items: Vec<Item> = commissioned(&maker, 0, n).into_iter().map(Item::Unit).collect();
		let case = sscc(1, &maker, 0);
		packed(&maker, case, items.clone());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(maker.who.clone()),
			maker.id,
			case,
			PackItemsOf::<T>::truncate_from(items),
		);

		assert_eq!(Containers::<T>::get(case).map(|case| case.units), Some(0));
	}

	/// `n` cases of one unit each unpacked from a pallet.
	#[benchmark]
	fn unpack_containers(n: Linear<1, { T::MaxUnitsPerCall::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let items = cases(&maker, n, 1);
		let pallet = sscc(2, &maker, 0);
		packed(&maker, pallet, items.clone());

		#[extrinsic_call]
		unpack(
			RawOrigin::Signed(maker.who.clone()),
			maker.id,
			pallet,
			PackItemsOf::<T>::truncate_from(items),
		);

		assert_eq!(Containers::<T>::get(pallet).map(|pallet| pallet.children), Some(0));
	}

	/// An emptied case removed by another party than the one that paid its deposit.
	#[benchmark]
	fn remove_container() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let distributor = party::<T>(InstitutionKind::Distributor, "distributor");
		let items = cases(&maker, 1, 1);
		let case = sscc(1, &maker, 0);
		Pallet::<T>::do_ship(
			maker.who.clone(),
			maker.id,
			distributor.id,
			ShipItemsOf::<T>::truncate_from(items),
			None,
		)
		.expect("a case the maker holds");
		Pallet::<T>::do_receive(distributor.who.clone(), distributor.id, 0).expect("addressed");
		Pallet::<T>::do_unpack(
			distributor.who.clone(),
			distributor.id,
			case,
			PackItemsOf::<T>::truncate_from(vec![Item::Unit(Sgtin {
				gtin: GTIN,
				serial: serial(0),
			})]),
		)
		.expect("a unit in the case");

		#[extrinsic_call]
		_(RawOrigin::Signed(distributor.who.clone()), distributor.id, case);

		assert!(!Containers::<T>::contains_key(case));
	}

	/// `i` cases shipped for an order, the first holding `u` units: the weight does not grow
	/// with `u`.
	#[benchmark]
	fn ship(i: Linear<1, { T::MaxItemsPerShipment::get() }>, u: Linear<1, CONTENTS_BENCHMARKED>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let distributor = party::<T>(InstitutionKind::Distributor, "distributor");
		let items = cases(&maker, i, u);
		let order = ordered(&distributor, &maker, u.saturating_add(i));

		#[extrinsic_call]
		_(
			RawOrigin::Signed(maker.who.clone()),
			maker.id,
			distributor.id,
			ShipItemsOf::<T>::truncate_from(items),
			Some(order),
		);

		assert!(Shipments::<T>::contains_key(0));
	}

	/// `i` cases received for an order they fulfil, the first holding `u` units: the weight does
	/// not grow with `u`.
	#[benchmark]
	fn receive(
		i: Linear<1, { T::MaxItemsPerShipment::get() }>,
		u: Linear<1, CONTENTS_BENCHMARKED>,
	) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let distributor = party::<T>(InstitutionKind::Distributor, "distributor");
		let items = cases(&maker, i, u);
		let total = u.saturating_add(i).saturating_sub(1);
		let order = ordered(&distributor, &maker, total);
		Pallet::<T>::do_ship(
			maker.who.clone(),
			maker.id,
			distributor.id,
			ShipItemsOf::<T>::truncate_from(items),
			Some(order),
		)
		.expect("cases the maker holds");

		#[extrinsic_call]
		_(RawOrigin::Signed(distributor.who.clone()), distributor.id, 0);

		assert!(!Shipments::<T>::contains_key(0));
		assert!(!Orders::<T>::contains_key(order));
	}

	/// `i` cases of one unit each.
	#[benchmark]
	fn cancel_shipment(i: Linear<1, { T::MaxItemsPerShipment::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let distributor = party::<T>(InstitutionKind::Distributor, "distributor");
		let items = cases(&maker, i, 1);
		Pallet::<T>::do_ship(
			maker.who.clone(),
			maker.id,
			distributor.id,
			ShipItemsOf::<T>::truncate_from(items),
			None,
		)
		.expect("cases the maker holds");

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, 0);

		assert!(!Shipments::<T>::contains_key(0));
	}

	#[benchmark]
	fn place_order() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		registered(&maker);
		let distributor = party::<T>(InstitutionKind::Distributor, "distributor");
		let pharmacy = party::<T>(InstitutionKind::Pharmacy, "pharmacy");

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy.who.clone()), pharmacy.id, distributor.id, GTIN, 100);

		assert!(Orders::<T>::contains_key(0));
	}

	#[benchmark]
	fn decline_order() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		registered(&maker);
		let distributor = party::<T>(InstitutionKind::Distributor, "distributor");
		let order = ordered(&distributor, &maker, 100);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, order);

		assert!(!Orders::<T>::contains_key(order));
	}

	#[benchmark]
	fn cancel_order() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		registered(&maker);
		let distributor = party::<T>(InstitutionKind::Distributor, "distributor");
		let order = ordered(&distributor, &maker, 100);

		#[extrinsic_call]
		_(RawOrigin::Signed(distributor.who.clone()), distributor.id, order);

		assert!(!Orders::<T>::contains_key(order));
	}

	/// The maker reports a unit two containers deep, in transit between two distributors:
	/// finding that the maker handles it reads the containers, the shipment and the batch, the
	/// last thing checked.
	#[benchmark]
	fn report_suspect() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let unit = commissioned(&maker, 0, 1).remove(0);
		nested(&maker, &unit, 0);
		let first = party::<T>(InstitutionKind::Distributor, "first");
		let second = party::<T>(InstitutionKind::Distributor, "second");
		let items = ShipItemsOf::<T>::truncate_from(vec![Item::Container(sscc(2, &maker, 0))]);
		let shipment = NextShipmentId::<T>::get();
		Pallet::<T>::do_ship(maker.who.clone(), maker.id, first.id, items.clone(), None)
			.expect("the maker ships its pallet");
		Pallet::<T>::do_receive(first.who.clone(), first.id, shipment)
			.expect("the addressee receives");
		Pallet::<T>::do_ship(first.who.clone(), first.id, second.id, items, None)
			.expect("the distributor ships it on");

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, unit.clone(), [4; 32]);

		assert!(SuspectReports::<T>::contains_key(&unit));
	}

	/// The report was unfounded: the deposit moves to the holder's admin.
	#[benchmark]
	fn clear_suspect() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let unit = commissioned(&maker, 0, 1).remove(0);
		Pallet::<T>::do_report_suspect(maker.who.clone(), maker.id, unit.clone(), [4; 32])
			.expect("an active unit");
		let regulator: T::AccountId = account("regulator", 0, 0);
		T::BenchmarkHelper::grant_role(&regulator, Role::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), unit.clone());

		assert!(!SuspectReports::<T>::contains_key(&unit));
	}

	#[benchmark]
	fn confirm_counterfeit() {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let unit = commissioned(&maker, 0, 1).remove(0);
		Pallet::<T>::do_report_suspect(maker.who.clone(), maker.id, unit.clone(), [4; 32])
			.expect("an active unit");
		let regulator: T::AccountId = account("regulator", 0, 0);
		T::BenchmarkHelper::grant_role(&regulator, Role::Regulator);

		#[extrinsic_call]
		_(RawOrigin::Signed(regulator), unit.clone());

		assert_eq!(Units::<T>::get(&unit).map(|unit| unit.status), Some(UnitStatus::Counterfeit));
	}

	/// `n` units, each alone in a case alone on a pallet: every unit detaches from two
	/// containers of its own.
	#[benchmark]
	fn destroy_units(n: Linear<1, { T::MaxUnitsPerCall::get() }>) {
		let maker = party::<T>(InstitutionKind::Manufacturer, "maker");
		let units = commissioned(&maker, 0, n);
		for (index, unit) in units.iter().enumerate() {
			nested(&maker, unit, index as u32);
		}
		let first = units[0].clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(maker.who.clone()), maker.id, UnitsOf::<T>::truncate_from(units));

		assert_eq!(Units::<T>::get(&first).map(|unit| unit.status), Some(UnitStatus::Destroyed));
	}

	/// Dispensing, as the prescriptions pallet asks for it through `MedicineUnits`: a unit inside
	/// `d` containers at the pharmacy (a case on a pallet at the top of the range, the worst
	/// case), every check passed, detached from each. The prescriptions pallet is charged for
	/// the top and refunded the difference for shallower packs.
	#[benchmark]
	fn dispense_unit(d: Linear<0, { T::MaxNesting::get() }>) {
		let pharmacy = party::<T>(InstitutionKind::Pharmacy, "pharmacy");
		let unit = Pallet::<T>::dispensable_unit_at_depth(&GTIN, pharmacy.id, 0, d);
		let outcome;

		#[block]
		{
			outcome = Pallet::<T>::do_dispense(&unit, &GTIN, pharmacy.id);
		}

		assert_eq!(outcome, Ok(d), "dispensed from inside {d} containers");
		assert_eq!(Units::<T>::get(&unit).map(|unit| unit.status), Some(UnitStatus::Dispensed));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
