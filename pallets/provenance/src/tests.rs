//! Unit tests: every call's success and each refusal, custody derived through a three-hop
//! journey of a pallet of cases, and a batch of 100,000 units carried through three hops.

use crate::{
	fixtures::{benchmark_serial, benchmark_sscc},
	mock::*,
	*,
};
use codec::{Decode, Encode, MaxEncodedLen};
use healthchain_primitives::provenance::MedicineUnits;
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::fungible::{Inspect, InspectHold},
		weights::Weight,
	},
	sp_runtime::{DispatchError, TokenError},
};

/// A valid GTIN-14: the product most tests use.
const ASPIRIN: Gtin = Gtin(*b"09506000134352");
/// Another valid GTIN-14.
const IBUPROFEN: Gtin = Gtin(*b"04006381333931");
/// A GTIN-14 with a wrong check digit.
const BAD_GTIN: Gtin = Gtin(*b"09506000134353");
/// When the batches of the tests expire.
const EXPIRY: u64 = START + YEAR;
/// The first batch's id.
const BATCH: BatchId = 0;

/// A company prefix from its digits.
fn prefix(digits: &str) -> CompanyPrefix {
	CompanyPrefix::truncate_from(digits.as_bytes().to_vec())
}

/// The GTIN-14 of item `item` under company prefix `prefix` (indicator 0), with its check digit.
fn gtin_under(prefix: &str, item: &str) -> Gtin {
	let body = format!("0{prefix}{item}");
	assert_eq!(body.len(), 13, "a prefix and an item reference of 12 digits together");
	let mut digits = [0u8; 14];
	digits[..13].copy_from_slice(body.as_bytes());
	digits[13] = gs1_check_digit(&digits[..13]).expect("digits");
	Gtin(digits)
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn serial(text: &str) -> Serial {
	Serial::truncate_from(text.as_bytes().to_vec())
}

fn lot(text: &str) -> Lot {
	Lot::truncate_from(text.as_bytes().to_vec())
}

fn sgtin(gtin: Gtin, text: &str) -> Sgtin {
	Sgtin { gtin, serial: serial(text) }
}

fn unit(text: &str) -> Sgtin {
	sgtin(ASPIRIN, text)
}

/// A case's SSCC, under the manufacturer's company prefix.
fn case(index: u32) -> Sscc {
	benchmark_sscc(1, MAKER, index)
}

/// A pallet's SSCC, under the manufacturer's company prefix.
fn pallet_of(index: u32) -> Sscc {
	benchmark_sscc(2, MAKER, index)
}

fn serials(list: &[&str]) -> SerialsOf<Test> {
	SerialsOf::<Test>::truncate_from(list.iter().map(|text| serial(text)).collect())
}

fn units(list: &[&str]) -> UnitsOf<Test> {
	UnitsOf::<Test>::truncate_from(list.iter().map(|text| unit(text)).collect())
}

fn pack_items(list: &[Item]) -> PackItemsOf<Test> {
	PackItemsOf::<Test>::truncate_from(list.to_vec())
}

fn ship_items(list: &[Item]) -> ShipItemsOf<Test> {
	ShipItemsOf::<Test>::truncate_from(list.to_vec())
}

fn u(text: &str) -> Item {
	Item::Unit(unit(text))
}

fn c(sscc: Sscc) -> Item {
	Item::Container(sscc)
}

fn held(who: u64) -> u64 {
	Balances::total_balance_on_hold(&who)
}

/// The manufacturer registers `gtin`.
fn register(gtin: Gtin) {
	assert_ok!(Provenance::register_product(signed(MAKER_STAFF), MAKER, gtin, [1; 32]));
}

/// The manufacturer creates a batch of `gtin` with `lot`, expiring at [`EXPIRY`].
fn create_batch(gtin: Gtin, lot_number: &str, quantity: u32) -> BatchId {
	let id = NextBatchId::<Test>::get();
	assert_ok!(Provenance::create_batch(
		signed(MAKER_STAFF),
		MAKER,
		gtin,
		lot(lot_number),
		EXPIRY,
		quantity
	));
	id
}

fn commission(batch: BatchId, list: &[&str]) {
	assert_ok!(Provenance::commission_units(signed(MAKER_STAFF), MAKER, batch, serials(list)));
}

/// Aspirin registered, batch `L1` of 100 units created and units `S1`…`S6` commissioned.
fn stock() {
	register(ASPIRIN);
	assert_eq!(create_batch(ASPIRIN, "L1", 100), BATCH);
	commission(BATCH, &["S1", "S2", "S3", "S4", "S5", "S6"]);
}

fn pack(staff: u64, party: InstitutionId, container: Sscc, list: &[Item]) {
	assert_ok!(Provenance::pack(signed(staff), party, container, pack_items(list)));
}

fn unpack(staff: u64, party: InstitutionId, container: Sscc, list: &[Item]) {
	assert_ok!(Provenance::unpack(signed(staff), party, container, pack_items(list)));
}

fn ship(staff: u64, from: InstitutionId, to: InstitutionId, list: &[Item]) -> ShipmentId {
	ship_for(staff, from, to, list, None)
}

fn ship_for(
	staff: u64,
	from: InstitutionId,
	to: InstitutionId,
	list: &[Item],
	order: Option<OrderId>,
) -> ShipmentId {
	let id = NextShipmentId::<Test>::get();
	assert_ok!(Provenance::ship(signed(staff), from, to, ship_items(list), order));
	id
}

fn receive(staff: u64, party: InstitutionId, shipment: ShipmentId) {
	assert_ok!(Provenance::receive(signed(staff), party, shipment));
}

/// The stock's units `S1`…`S3` in case 1 and `S4`…`S6` in case 2, both on pallet 1, at the
/// manufacturer.
fn palletised() {
	stock();
	pack(MAKER_STAFF, MAKER, case(1), &[u("S1"), u("S2"), u("S3")]);
	pack(MAKER_STAFF, MAKER, case(2), &[u("S4"), u("S5"), u("S6")]);
	pack(MAKER_STAFF, MAKER, pallet_of(1), &[c(case(1)), c(case(2))]);
}

/// The palletised stock, shipped and received: manufacturer → wholesaler → pharmacy.
fn at_pharmacy() {
	palletised();
	let first = ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
	receive(WHOLESALER_STAFF, WHOLESALER, first);
	let second = ship(WHOLESALER_STAFF, WHOLESALER, PHARMACY, &[c(pallet_of(1))]);
	receive(PHARMACY_STAFF, PHARMACY, second);
}

fn view(text: &str) -> UnitView {
	Provenance::verify(ASPIRIN, serial(text)).expect("a commissioned unit")
}

fn custody(text: &str) -> (Option<InstitutionId>, Option<ShipmentId>, u32) {
	let seen = view(text);
	(seen.custodian, seen.in_transit_shipment, seen.hops)
}

fn dispense(unit: &Sgtin, product: &Gtin, pharmacy: InstitutionId) -> Result<(), UnitRefusal> {
	<Provenance as MedicineUnits>::dispense(unit, product, pharmacy).map(|_unused| ())
}

fn container(sscc: Sscc) -> ContainerOf<Test> {
	Containers::<Test>::get(sscc).expect("a stored container")
}

mod identifiers {
	use super::*;

	#[test]
	fn sscc_check_digits_are_verified() {
		// GS1's own example SSCC, and variations of it.
		assert!(Sscc(*b"106141411234567897").is_valid());
		assert!(Sscc(*b"000000000000000000").is_valid());
		assert!(!Sscc(*b"106141411234567890").is_valid());
		assert!(!Sscc(*b"10614141123456789A").is_valid());
		assert!(!Sscc(*b"1061414112345678 7").is_valid());
		assert_eq!(
			Sscc::with_check_digit(*b"10614141123456789"),
			Some(Sscc(*b"106141411234567897"))
		);
		assert_eq!(Sscc::with_check_digit(*b"1061414112345678x"), None);
		assert!(case(7).is_valid() && pallet_of(7).is_valid());
	}

	#[test]
	fn gs1_check_digits_match_the_gtin_rule() {
		assert_eq!(gs1_check_digit(b"0950600013435"), Some(b'2'));
		assert_eq!(gs1_check_digit(b"0400638133393"), Some(b'1'));
		assert_eq!(gs1_check_digit(b"04006381333-3"), None);
		assert!(ASPIRIN.is_valid() && IBUPROFEN.is_valid() && !BAD_GTIN.is_valid());
		assert_eq!(benchmark_serial(b'B', 1207), serial("B1207"));
	}

	#[test]
	fn lists_longer_than_their_bounds_do_not_decode() {
		let serials: Vec<Serial> =
			(0..=MAX_UNITS_PER_CALL).map(|index| benchmark_serial(b'S', index)).collect();
		assert!(SerialsOf::<Test>::decode(&mut &serials.encode()[..]).is_err());
		assert!(SerialsOf::<Test>::decode(&mut &serials[1..].encode()[..]).is_ok());
		let items: Vec<Item> = (0..=MAX_ITEMS_PER_SHIPMENT).map(|index| c(case(index))).collect();
		assert!(ShipItemsOf::<Test>::decode(&mut &items.encode()[..]).is_err());
		assert!(ShipItemsOf::<Test>::decode(&mut &items[1..].encode()[..]).is_ok());
		let long = vec![b'1'; MAX_SERIAL_LEN as usize + 1];
		assert!(Serial::decode(&mut &long.encode()[..]).is_err());
		assert!(Lot::decode(&mut &long.encode()[..]).is_err());
	}
}

mod products {
	use super::*;

	#[test]
	fn register_product_stores_holds_and_tells() {
		new_test_ext(|| {
			register(ASPIRIN);
			let product = Products::<Test>::get(ASPIRIN).unwrap();
			assert_eq!(product.manufacturer, MAKER);
			assert_eq!(product.batches, 0);
			assert_eq!(product.deposit, ProductDeposit::get());
			assert_eq!(held(MAKER_STAFF), ProductDeposit::get());
			System::assert_last_event(
				Event::ProductRegistered {
					gtin: ASPIRIN,
					manufacturer: MAKER,
					details_hash: [1; 32],
				}
				.into(),
			);
		});
	}

	#[test]
	fn register_product_refuses_bad_gtins_unlicensed_actors_and_duplicates() {
		new_test_ext(|| {
			let try_register =
				|who, party, gtin| Provenance::register_product(signed(who), party, gtin, [1; 32]);
			assert_noop!(try_register(MAKER_STAFF, MAKER, BAD_GTIN), Error::<Test>::BadGtin);
			assert_noop!(
				try_register(MAKER_STAFF, MAKER, Gtin(*b"0950600013435A")),
				Error::<Test>::BadGtin
			);
			assert_noop!(
				try_register(STRANGER, UNVERIFIED, ASPIRIN),
				Error::<Test>::PartyNotVerified
			);
			assert_noop!(try_register(STRANGER, MAKER, ASPIRIN), Error::<Test>::NotActingForParty);
			assert_noop!(
				try_register(MAKER_STAFF, WHOLESALER, ASPIRIN),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				try_register(WHOLESALER_STAFF, WHOLESALER, ASPIRIN),
				Error::<Test>::WrongPartyKind
			);
			assert_noop!(
				try_register(PAUPER, MAKER, ASPIRIN),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
			register(ASPIRIN);
			assert_noop!(try_register(MAKER_STAFF, MAKER, ASPIRIN), Error::<Test>::ProductExists);
			// A licence that lapses is a licence no more.
			MockCredentials::suspend(MAKER);
			assert_noop!(
				try_register(MAKER_STAFF, MAKER, IBUPROFEN),
				Error::<Test>::PartyNotVerified
			);
		});
	}

	#[test]
	fn deregister_product_returns_the_deposit_once_no_batch_is_left() {
		new_test_ext(|| {
			register(ASPIRIN);
			let batch = create_batch(ASPIRIN, "L1", 10);
			assert_noop!(
				Provenance::deregister_product(signed(MAKER_STAFF), MAKER, ASPIRIN),
				Error::<Test>::ProductHasBatches
			);
			assert_noop!(
				Provenance::deregister_product(signed(OTHER_MAKER_STAFF), OTHER_MAKER, ASPIRIN),
				Error::<Test>::NotProductOwner
			);
			assert_noop!(
				Provenance::deregister_product(signed(MAKER_STAFF), MAKER, IBUPROFEN),
				Error::<Test>::UnknownProduct
			);
			assert_ok!(Provenance::remove_batch(signed(MAKER_STAFF), MAKER, batch));
			assert_ok!(Provenance::deregister_product(signed(MAKER_STAFF), MAKER, ASPIRIN));
			assert!(!Products::<Test>::contains_key(ASPIRIN));
			assert_eq!(held(MAKER_STAFF), 0);
			System::assert_last_event(
				Event::ProductDeregistered { gtin: ASPIRIN, manufacturer: MAKER }.into(),
			);
		});
	}

	#[test]
	fn create_batch_holds_a_deposit_per_declared_unit() {
		new_test_ext(|| {
			register(ASPIRIN);
			let batch = create_batch(ASPIRIN, "L-2025/01", 40);
			let stored = Batches::<Test>::get(batch).unwrap();
			assert_eq!(stored.gtin, ASPIRIN);
			assert_eq!(stored.lot, lot("L-2025/01"));
			assert_eq!(stored.expiry, EXPIRY);
			assert_eq!((stored.quantity, stored.commissioned, stored.purged), (40, 0, 0));
			assert_eq!(stored.status, BatchStatus::Active);
			let deposit = BatchDeposit::get() + 40 * UnitDeposit::get();
			assert_eq!(stored.deposit, deposit);
			assert_eq!(held(MAKER_STAFF), ProductDeposit::get() + deposit);
			assert_eq!(BatchOfLot::<Test>::get(ASPIRIN, lot("L-2025/01")), Some(batch));
			assert_eq!(Products::<Test>::get(ASPIRIN).unwrap().batches, 1);
			System::assert_last_event(
				Event::BatchCreated {
					batch,
					gtin: ASPIRIN,
					lot: lot("L-2025/01"),
					expiry: EXPIRY,
					quantity: 40,
					manufacturer: MAKER,
				}
				.into(),
			);
			// The same lot number for another product is another batch.
			register(IBUPROFEN);
			assert_eq!(create_batch(IBUPROFEN, "L-2025/01", 1), batch + 1);
		});
	}

	#[test]
	fn create_batch_refuses_bad_lots_expiries_quantities_and_duplicates() {
		new_test_ext(|| {
			register(ASPIRIN);
			let try_create = |who, party, gtin, number: &str, expiry, quantity| {
				Provenance::create_batch(signed(who), party, gtin, lot(number), expiry, quantity)
			};
			assert_noop!(
				try_create(MAKER_STAFF, MAKER, IBUPROFEN, "L1", EXPIRY, 1),
				Error::<Test>::UnknownProduct
			);
			assert_noop!(
				try_create(OTHER_MAKER_STAFF, OTHER_MAKER, ASPIRIN, "L1", EXPIRY, 1),
				Error::<Test>::NotProductOwner
			);
			assert_noop!(
				try_create(WHOLESALER_STAFF, WHOLESALER, ASPIRIN, "L1", EXPIRY, 1),
				Error::<Test>::WrongPartyKind
			);
			assert_noop!(
				try_create(MAKER_STAFF, MAKER, ASPIRIN, "", EXPIRY, 1),
				Error::<Test>::BadLot
			);
			assert_noop!(
				try_create(MAKER_STAFF, MAKER, ASPIRIN, "L 1", EXPIRY, 1),
				Error::<Test>::BadLot
			);
			assert_noop!(
				try_create(MAKER_STAFF, MAKER, ASPIRIN, "L1", START, 1),
				Error::<Test>::ExpiryInPast
			);
			assert_noop!(
				try_create(MAKER_STAFF, MAKER, ASPIRIN, "L1", EXPIRY, 0),
				Error::<Test>::BadQuantity
			);
			assert_noop!(
				try_create(MAKER_STAFF, MAKER, ASPIRIN, "L1", EXPIRY, MAX_BATCH_QUANTITY + 1),
				Error::<Test>::BadQuantity
			);
			assert_noop!(
				try_create(PAUPER, MAKER, ASPIRIN, "L1", EXPIRY, 1),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
			create_batch(ASPIRIN, "L1", 1);
			assert_noop!(
				try_create(MAKER_STAFF, MAKER, ASPIRIN, "L1", EXPIRY, 1),
				Error::<Test>::BatchExists
			);
		});
	}

	#[test]
	fn the_manufacturer_or_a_regulator_recalls_a_batch_once() {
		new_test_ext(|| {
			register(ASPIRIN);
			let first = create_batch(ASPIRIN, "L1", 1);
			let second = create_batch(ASPIRIN, "L2", 1);
			assert_ok!(Provenance::recall_batch(signed(MAKER_STAFF), first, [9; 32]));
			assert_eq!(
				Batches::<Test>::get(first).unwrap().status,
				BatchStatus::Recalled { by: MAKER_STAFF, at: START }
			);
			System::assert_last_event(
				Event::BatchRecalled {
					batch: first,
					gtin: ASPIRIN,
					lot: lot("L1"),
					by: MAKER_STAFF,
					reason_hash: [9; 32],
				}
				.into(),
			);
			assert_noop!(
				Provenance::recall_batch(signed(REGULATOR), first, [9; 32]),
				Error::<Test>::AlreadyRecalled
			);
			assert_noop!(
				Provenance::recall_batch(signed(STRANGER), second, [9; 32]),
				Error::<Test>::NotRecaller
			);
			assert_noop!(
				Provenance::recall_batch(signed(OTHER_MAKER_STAFF), second, [9; 32]),
				Error::<Test>::NotRecaller
			);
			assert_noop!(
				Provenance::recall_batch(signed(REGULATOR), 7, [9; 32]),
				Error::<Test>::UnknownBatch
			);
			MockCredentials::lapse(REGULATOR, Role::Regulator);
			assert_noop!(
				Provenance::recall_batch(signed(REGULATOR), second, [9; 32]),
				Error::<Test>::NotRecaller
			);
			MockCredentials::license(REGULATOR, Role::Regulator);
			assert_ok!(Provenance::recall_batch(signed(REGULATOR), second, [8; 32]));
			assert!(Batches::<Test>::get(second).unwrap().is_recalled());
		});
	}

	#[test]
	fn remove_batch_returns_the_deposit_of_a_batch_without_units() {
		new_test_ext(|| {
			stock();
			let empty = create_batch(ASPIRIN, "L2", 10);
			assert_noop!(
				Provenance::remove_batch(signed(MAKER_STAFF), MAKER, BATCH),
				Error::<Test>::BatchHasUnits
			);
			assert_noop!(
				Provenance::remove_batch(signed(OTHER_MAKER_STAFF), OTHER_MAKER, empty),
				Error::<Test>::NotBatchOwner
			);
			assert_noop!(
				Provenance::remove_batch(signed(MAKER_STAFF), MAKER, 9),
				Error::<Test>::UnknownBatch
			);
			let before = held(MAKER_STAFF);
			assert_ok!(Provenance::remove_batch(signed(MAKER_STAFF), MAKER, empty));
			assert_eq!(held(MAKER_STAFF), before - BatchDeposit::get() - 10 * UnitDeposit::get());
			assert!(!BatchOfLot::<Test>::contains_key(ASPIRIN, lot("L2")));
			assert_eq!(Products::<Test>::get(ASPIRIN).unwrap().batches, 1);
			System::assert_last_event(
				Event::BatchRemoved { batch: empty, gtin: ASPIRIN, lot: lot("L2") }.into(),
			);
		});
	}
}

mod prefixes {
	use super::*;
	use healthchain_test_support::HOME;
	use polkadot_sdk::sp_runtime::DispatchResult;

	fn assign(who: u64, digits: &str, holder: InstitutionId) -> DispatchResult {
		Provenance::assign_company_prefix(signed(who), prefix(digits), holder)
	}

	fn withdraw(who: u64, digits: &str) -> DispatchResult {
		Provenance::withdraw_company_prefix(signed(who), prefix(digits))
	}

	/// Attack: a rival manufacturer registers another company's GTIN first, so that the real
	/// maker can never register its own product. A GTIN is only accepted under a company
	/// prefix assigned to the registering manufacturer.
	#[test]
	fn nobody_registers_a_gtin_under_another_companys_prefix() {
		new_test_ext(|| {
			let try_register =
				|who, party, gtin| Provenance::register_product(signed(who), party, gtin, [1; 32]);
			assert_noop!(
				try_register(OTHER_MAKER_STAFF, OTHER_MAKER, ASPIRIN),
				Error::<Test>::PrefixOfAnotherCompany
			);
			assert_noop!(
				try_register(OTHER_MAKER_STAFF, OTHER_MAKER, IBUPROFEN),
				Error::<Test>::PrefixOfAnotherCompany
			);
			// A GTIN under no assigned prefix is nobody's to register.
			assert_noop!(
				try_register(MAKER_STAFF, MAKER, gtin_under("7612345", "00001")),
				Error::<Test>::UnassignedCompanyPrefix
			);
			// Each maker registers under its own prefixes, and the products are counted there.
			register(ASPIRIN);
			register(IBUPROFEN);
			assert_ok!(try_register(
				OTHER_MAKER_STAFF,
				OTHER_MAKER,
				gtin_under("5012345", "00007")
			));
			assert_eq!(CompanyPrefixes::<Test>::get(prefix("950600")).unwrap().products, 1);
			assert_eq!(CompanyPrefixes::<Test>::get(prefix("4006381")).unwrap().products, 1);
			assert_eq!(CompanyPrefixes::<Test>::get(prefix("5012345")).unwrap().products, 1);
			assert_ok!(Provenance::deregister_product(signed(MAKER_STAFF), MAKER, IBUPROFEN));
			assert_eq!(CompanyPrefixes::<Test>::get(prefix("4006381")).unwrap().products, 0);
		});
	}

	/// Attack: a rival creates a logistic unit under another company's SSCC first, so that the
	/// company's labelled case can never be packed. A new container's SSCC must fall under a
	/// company prefix of the packing party; one that exists moves with custody as before.
	#[test]
	fn nobody_creates_a_container_under_another_companys_prefix() {
		new_test_ext(|| {
			register(ASPIRIN);
			create_batch(ASPIRIN, "L1", 10);
			commission(BATCH, &["S1", "S2"]);
			let try_pack = |who, party, sscc, text: &str| {
				Provenance::pack(signed(who), party, sscc, pack_items(&[u(text)]))
			};
			let shipment = ship(MAKER_STAFF, MAKER, WHOLESALER, &[u("S1")]);
			receive(WHOLESALER_STAFF, WHOLESALER, shipment);
			assert_noop!(
				try_pack(WHOLESALER_STAFF, WHOLESALER, case(1), "S1"),
				Error::<Test>::PrefixOfAnotherCompany
			);
			assert_noop!(
				try_pack(WHOLESALER_STAFF, WHOLESALER, benchmark_sscc(1, 77, 1), "S1"),
				Error::<Test>::UnassignedCompanyPrefix
			);
			assert_ok!(try_pack(
				WHOLESALER_STAFF,
				WHOLESALER,
				benchmark_sscc(1, WHOLESALER, 1),
				"S1"
			));
			// The maker's own case is the maker's to create.
			assert_ok!(try_pack(MAKER_STAFF, MAKER, case(1), "S2"));
		});
	}

	#[test]
	fn an_authority_assigns_a_prefix_holding_a_deposit() {
		new_test_ext(|| {
			let held_before = held(GS1_AUTHORITY);
			assert_ok!(assign(GS1_AUTHORITY, "761234567890", WHOLESALER));
			assert_eq!(held(GS1_AUTHORITY), held_before + CompanyPrefixDeposit::get());
			let assignment = CompanyPrefixes::<Test>::get(prefix("761234567890")).unwrap();
			assert_eq!(
				(
					assignment.holder,
					assignment.kind,
					assignment.jurisdiction,
					assignment.assigned_by
				),
				(WHOLESALER, InstitutionKind::Distributor, HOME, GS1_AUTHORITY)
			);
			assert_eq!((assignment.assigned_at, assignment.products), (START, 0));
			// Each of its six stems counts it.
			for stem in ["761234", "7612345", "76123456", "761234567", "7612345678", "76123456789"]
			{
				assert_eq!(LongerPrefixes::<Test>::get(prefix(stem)), 1, "{stem}");
			}
			System::assert_last_event(
				Event::CompanyPrefixAssigned {
					prefix: prefix("761234567890"),
					holder: WHOLESALER,
					by: GS1_AUTHORITY,
				}
				.into(),
			);
		});
	}

	#[test]
	fn a_prefix_is_assigned_by_an_authority_verifying_the_holder_and_never_overlaps() {
		new_test_ext(|| {
			// Not an authority, an authority of another trade or country, a regulator.
			MockCredentials::accredit_for(50, HOME, &Role::ALL, &[InstitutionKind::Pharmacy]);
			MockCredentials::accredit_for(51, Jurisdiction(*b"DE"), &[], &InstitutionKind::ALL);
			for who in [STRANGER, REGULATOR, MAKER_STAFF, 50, 51] {
				assert_noop!(assign(who, "761234", MAKER), Error::<Test>::NotPrefixAuthority);
			}
			// Not 6 to 12 digits.
			for digits in ["76123", "76123A", "", "7612 34"] {
				assert_noop!(assign(GS1_AUTHORITY, digits, MAKER), Error::<Test>::BadCompanyPrefix);
			}
			assert!(CompanyPrefix::try_from(b"7612345678901".to_vec()).is_err());
			// To an institution that is not verified.
			assert_noop!(
				assign(GS1_AUTHORITY, "761234", UNVERIFIED),
				Error::<Test>::PartyNotVerified
			);
			MockCredentials::suspend(OTHER_MAKER);
			assert_noop!(
				assign(GS1_AUTHORITY, "761234", OTHER_MAKER),
				Error::<Test>::PartyNotVerified
			);
			// Taken, beginning with a taken one, or one a taken one begins with.
			assert_noop!(
				assign(GS1_AUTHORITY, "950600", WHOLESALER),
				Error::<Test>::PrefixAssigned
			);
			assert_noop!(
				assign(GS1_AUTHORITY, "9506001", WHOLESALER),
				Error::<Test>::PrefixOverlaps
			);
			assert_noop!(
				assign(GS1_AUTHORITY, "950600999999", WHOLESALER),
				Error::<Test>::PrefixOverlaps
			);
			assert_noop!(
				assign(GS1_AUTHORITY, "400638", WHOLESALER),
				Error::<Test>::PrefixOverlaps
			);
			// Neighbours that share digits but not a whole prefix are fine.
			assert_ok!(assign(GS1_AUTHORITY, "400639", WHOLESALER));
			assert_ok!(assign(GS1_AUTHORITY, "4006380", WHOLESALER));
		});
	}

	#[test]
	fn a_prefix_is_withdrawn_once_no_product_uses_it() {
		new_test_ext(|| {
			register(ASPIRIN);
			assert_noop!(withdraw(GS1_AUTHORITY, "950600"), Error::<Test>::PrefixInUse);
			assert_noop!(withdraw(GS1_AUTHORITY, "950601"), Error::<Test>::UnknownCompanyPrefix);
			MockCredentials::accredit_for(51, Jurisdiction(*b"DE"), &[], &InstitutionKind::ALL);
			for who in [STRANGER, MAKER_STAFF, REGULATOR, 51] {
				assert_noop!(withdraw(who, "950600"), Error::<Test>::NotPrefixAuthority);
			}
			assert_ok!(Provenance::deregister_product(signed(MAKER_STAFF), MAKER, ASPIRIN));
			let held_before = held(GS1_AUTHORITY);
			assert_ok!(withdraw(GS1_AUTHORITY, "950600"));
			assert_eq!(held(GS1_AUTHORITY), held_before - CompanyPrefixDeposit::get());
			System::assert_last_event(
				Event::CompanyPrefixWithdrawn {
					prefix: prefix("950600"),
					holder: MAKER,
					by: GS1_AUTHORITY,
				}
				.into(),
			);
			// The former holder registers under it no more.
			assert_noop!(
				Provenance::register_product(signed(MAKER_STAFF), MAKER, ASPIRIN, [1; 32]),
				Error::<Test>::UnassignedCompanyPrefix
			);
			// A longer prefix's stems are cleared with it, and the space is free again.
			assert_ok!(assign(GS1_AUTHORITY, "761234567890", WHOLESALER));
			assert_ok!(withdraw(GS1_AUTHORITY, "761234567890"));
			assert!(!LongerPrefixes::<Test>::iter_keys().any(|stem| stem.starts_with(b"761234")));
			assert_ok!(assign(GS1_AUTHORITY, "761234", WHOLESALER));
		});
	}
}

mod commissioning {
	use super::*;

	#[test]
	fn commission_units_puts_named_units_at_the_manufacturer() {
		new_test_ext(|| {
			stock();
			let stored = Units::<Test>::get(unit("S1")).unwrap();
			assert_eq!(
				stored,
				Unit {
					batch: BATCH,
					status: UnitStatus::Active,
					location: Location::At(MAKER),
					hops: 0,
					packed_at: 0,
				}
			);
			assert_eq!(Batches::<Test>::get(BATCH).unwrap().commissioned, 6);
			System::assert_last_event(
				Event::UnitsCommissioned {
					batch: BATCH,
					gtin: ASPIRIN,
					serials: serials(&["S1", "S2", "S3", "S4", "S5", "S6"]),
					manufacturer: MAKER,
				}
				.into(),
			);
			let seen = view("S1");
			assert_eq!(seen.batch, BATCH);
			assert_eq!(seen.lot, lot("L1"));
			assert_eq!(seen.expiry, EXPIRY);
			assert!(!seen.expired);
			assert_eq!(seen.manufacturer, MAKER);
			assert_eq!(seen.status, UnitState::Active);
			assert_eq!(
				(seen.custodian, seen.in_transit_shipment, seen.container, seen.hops),
				(Some(MAKER), None, None, 0)
			);
			assert_eq!(Provenance::verify(ASPIRIN, serial("S7")), None);
			assert_eq!(Provenance::verify(IBUPROFEN, serial("S1")), None);
		});
	}

	#[test]
	fn commission_units_refuses_what_the_batch_does_not_allow() {
		new_test_ext(|| {
			stock();
			let try_commission = |who, party, batch, list: &[&str]| {
				Provenance::commission_units(signed(who), party, batch, serials(list))
			};
			assert_noop!(
				try_commission(STRANGER, MAKER, BATCH, &["N1"]),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				try_commission(WHOLESALER_STAFF, WHOLESALER, BATCH, &["N1"]),
				Error::<Test>::WrongPartyKind
			);
			assert_noop!(
				try_commission(OTHER_MAKER_STAFF, OTHER_MAKER, BATCH, &["N1"]),
				Error::<Test>::NotBatchOwner
			);
			assert_noop!(
				try_commission(MAKER_STAFF, MAKER, 5, &["N1"]),
				Error::<Test>::UnknownBatch
			);
			assert_noop!(try_commission(MAKER_STAFF, MAKER, BATCH, &[]), Error::<Test>::NoItems);
			assert_noop!(
				try_commission(MAKER_STAFF, MAKER, BATCH, &["N1", "N1"]),
				Error::<Test>::DuplicateItem
			);
			assert_noop!(
				try_commission(MAKER_STAFF, MAKER, BATCH, &["N1", "S3"]),
				Error::<Test>::UnitExists
			);
			assert_noop!(
				try_commission(MAKER_STAFF, MAKER, BATCH, &["N1", "bad serial"]),
				Error::<Test>::BadSerial
			);
			assert_noop!(
				try_commission(MAKER_STAFF, MAKER, BATCH, &["N1", ""]),
				Error::<Test>::BadSerial
			);
			// The batch declared 100 units; 6 are commissioned.
			let many: Vec<Serial> = (0..95).map(|index| benchmark_serial(b'N', index)).collect();
			assert_noop!(
				Provenance::commission_units(
					signed(MAKER_STAFF),
					MAKER,
					BATCH,
					SerialsOf::<Test>::truncate_from(many.clone())
				),
				Error::<Test>::BatchFull
			);
			assert_ok!(Provenance::commission_units(
				signed(MAKER_STAFF),
				MAKER,
				BATCH,
				SerialsOf::<Test>::truncate_from(many[..94].to_vec())
			));
			assert_noop!(
				try_commission(MAKER_STAFF, MAKER, BATCH, &["N99"]),
				Error::<Test>::BatchFull
			);
		});
	}

	#[test]
	fn recalled_and_expired_batches_take_no_more_units() {
		new_test_ext(|| {
			stock();
			let later = create_batch(ASPIRIN, "L2", 10);
			assert_ok!(Provenance::recall_batch(signed(MAKER_STAFF), BATCH, [0; 32]));
			assert_noop!(
				Provenance::commission_units(signed(MAKER_STAFF), MAKER, BATCH, serials(&["N1"])),
				Error::<Test>::BatchRecalled
			);
			set_now(EXPIRY);
			assert_noop!(
				Provenance::commission_units(signed(MAKER_STAFF), MAKER, later, serials(&["N1"])),
				Error::<Test>::BatchExpired
			);
		});
	}

	#[test]
	fn units_are_purged_after_retention_and_then_the_batch_deposit_returns() {
		new_test_ext(|| {
			palletised();
			let other = create_batch(ASPIRIN, "L2", 1);
			let try_purge =
				|list: &[&str]| Provenance::purge_units(signed(STRANGER), BATCH, serials(list));
			set_now(EXPIRY + YEAR - 1);
			assert_noop!(try_purge(&["S1"]), Error::<Test>::RetentionNotOver);
			set_now(EXPIRY + YEAR);
			assert_noop!(try_purge(&["S9"]), Error::<Test>::UnknownUnit);
			assert_noop!(try_purge(&[]), Error::<Test>::NoItems);
			assert_noop!(
				Provenance::purge_units(signed(STRANGER), other, serials(&["S1"])),
				Error::<Test>::WrongBatch
			);
			assert_ok!(Provenance::report_suspect(signed(MAKER_STAFF), MAKER, unit("S6"), [0; 32]));
			assert_noop!(try_purge(&["S6"]), Error::<Test>::UnitSuspect);
			assert_ok!(Provenance::clear_suspect(signed(REGULATOR), unit("S6")));

			assert_ok!(try_purge(&["S1", "S2"]));
			assert!(!Units::<Test>::contains_key(unit("S1")));
			assert_eq!(container(case(1)).units, 1);
			assert_eq!(container(pallet_of(1)).units, 4);
			assert_eq!(Batches::<Test>::get(BATCH).unwrap().purged, 2);
			System::assert_last_event(
				Event::UnitsPurged { batch: BATCH, serials: serials(&["S1", "S2"]) }.into(),
			);
			assert_noop!(
				Provenance::remove_batch(signed(MAKER_STAFF), MAKER, BATCH),
				Error::<Test>::BatchHasUnits
			);
			assert_ok!(try_purge(&["S3", "S4", "S5", "S6"]));
			let before = held(MAKER_STAFF);
			assert_ok!(Provenance::remove_batch(signed(MAKER_STAFF), MAKER, BATCH));
			assert_eq!(held(MAKER_STAFF), before - BatchDeposit::get() - 100 * UnitDeposit::get());
			assert_eq!(container(pallet_of(1)).units, 0);
			assert_eq!(container(pallet_of(1)).contents, Contents::Empty);
		});
	}

	#[test]
	fn units_in_transit_are_not_purged() {
		new_test_ext(|| {
			stock();
			ship(MAKER_STAFF, MAKER, WHOLESALER, &[u("S1")]);
			set_now(EXPIRY + YEAR);
			assert_noop!(
				Provenance::purge_units(signed(STRANGER), BATCH, serials(&["S1"])),
				Error::<Test>::InTransit
			);
		});
	}
}

mod aggregation {
	use super::*;

	#[test]
	fn packing_creates_a_case_and_counts_its_contents() {
		new_test_ext(|| {
			stock();
			let before = held(MAKER_STAFF);
			pack(MAKER_STAFF, MAKER, case(1), &[u("S1"), u("S2")]);
			assert_eq!(held(MAKER_STAFF), before + ContainerDeposit::get());
			let stored = container(case(1));
			assert_eq!(stored.location, Location::At(MAKER));
			assert_eq!((stored.children, stored.units, stored.height), (2, 2, 1));
			assert_eq!(stored.contents, Contents::Product(ASPIRIN));
			assert_eq!(Units::<Test>::get(unit("S1")).unwrap().location, Location::In(case(1)));
			System::assert_has_event(
				Event::ContainerCreated { container: case(1), party: MAKER }.into(),
			);
			System::assert_last_event(
				Event::Packed {
					container: case(1),
					party: MAKER,
					items: pack_items(&[u("S1"), u("S2")]),
				}
				.into(),
			);
			// Packing more into an existing case holds nothing more.
			pack(MAKER_STAFF, MAKER, case(1), &[u("S3")]);
			assert_eq!(held(MAKER_STAFF), before + ContainerDeposit::get());
			assert_eq!(container(case(1)).units, 3);
			assert_eq!(view("S3").container, Some(case(1)));
			assert_eq!(view("S3").custodian, Some(MAKER));
		});
	}

	#[test]
	fn cases_go_on_pallets_and_products_mix() {
		new_test_ext(|| {
			palletised();
			let stored = container(pallet_of(1));
			assert_eq!((stored.children, stored.units, stored.height), (2, 6, 2));
			assert_eq!(stored.contents, Contents::Product(ASPIRIN));
			register(IBUPROFEN);
			let other = create_batch(IBUPROFEN, "I1", 5);
			commission(other, &["S1"]);
			pack(MAKER_STAFF, MAKER, case(3), &[Item::Unit(sgtin(IBUPROFEN, "S1"))]);
			pack(MAKER_STAFF, MAKER, pallet_of(1), &[c(case(3))]);
			assert_eq!(container(pallet_of(1)).contents, Contents::Mixed);
			assert_eq!(container(pallet_of(1)).units, 7);
			// A case of ibuprofen alone is homogeneous.
			assert_eq!(container(case(3)).contents, Contents::Product(IBUPROFEN));
		});
	}

	#[test]
	fn pack_refuses_what_the_party_does_not_hold_loose() {
		new_test_ext(|| {
			palletised();
			commission(BATCH, &["S7", "S8", "S9"]);
			let try_pack = |who, party, into, list: &[Item]| {
				Provenance::pack(signed(who), party, into, pack_items(list))
			};
			assert_noop!(
				try_pack(STRANGER, MAKER, case(3), &[u("S7")]),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				try_pack(CLINIC_STAFF, CLINIC, case(3), &[u("S7")]),
				Error::<Test>::WrongPartyKind
			);
			let mut bad = case(3);
			bad.0[17] = if bad.0[17] == b'9' { b'0' } else { bad.0[17] + 1 };
			assert_noop!(try_pack(MAKER_STAFF, MAKER, bad, &[u("S7")]), Error::<Test>::BadSscc);
			assert_noop!(try_pack(MAKER_STAFF, MAKER, case(3), &[]), Error::<Test>::NoItems);
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(3), &[u("S7"), u("S7")]),
				Error::<Test>::DuplicateItem
			);
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(3), &[u("S99")]),
				Error::<Test>::UnknownUnit
			);
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, pallet_of(2), &[c(case(9))]),
				Error::<Test>::UnknownContainer
			);
			// Already packed: name the outermost container, or unpack it first.
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(3), &[u("S1")]),
				Error::<Test>::PackedInContainer
			);
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(1), &[u("S7")]),
				Error::<Test>::PackedInContainer
			);
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, pallet_of(1), &[c(pallet_of(1))]),
				Error::<Test>::PackIntoItself
			);
			// A pallet of cases on another pallet would put units three containers deep.
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, pallet_of(2), &[c(pallet_of(1))]),
				Error::<Test>::NestingTooDeep
			);
			// Held by another party, in transit.
			ship(MAKER_STAFF, MAKER, WHOLESALER, &[u("S7")]);
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(3), &[u("S7")]),
				Error::<Test>::InTransit
			);
			receive(WHOLESALER_STAFF, WHOLESALER, 0);
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(3), &[u("S7")]),
				Error::<Test>::NotCustodian
			);
			assert_noop!(
				try_pack(WHOLESALER_STAFF, WHOLESALER, pallet_of(1), &[u("S7")]),
				Error::<Test>::NotCustodian
			);
			// Quarantined and decommissioned units stay out of cases.
			assert_ok!(Provenance::report_suspect(signed(MAKER_STAFF), MAKER, unit("S8"), [0; 32]));
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(3), &[u("S8")]),
				Error::<Test>::UnitSuspect
			);
			assert_ok!(Provenance::destroy_units(signed(MAKER_STAFF), MAKER, units(&["S9"])));
			assert_noop!(
				try_pack(MAKER_STAFF, MAKER, case(3), &[u("S9")]),
				Error::<Test>::UnitDecommissioned
			);
		});
	}

	#[test]
	fn unpacking_makes_items_loose_with_their_hops() {
		new_test_ext(|| {
			at_pharmacy();
			assert_ok!(Provenance::unpack(
				signed(PHARMACY_STAFF),
				PHARMACY,
				pallet_of(1),
				pack_items(&[c(case(1))])
			));
			System::assert_last_event(
				Event::Unpacked {
					container: pallet_of(1),
					party: PHARMACY,
					items: pack_items(&[c(case(1))]),
				}
				.into(),
			);
			let loose = container(case(1));
			assert_eq!(
				(loose.location, loose.hops, loose.packed_at),
				(Location::At(PHARMACY), 2, 0)
			);
			assert_eq!(container(pallet_of(1)).units, 3);
			assert_eq!(container(pallet_of(1)).children, 1);
			assert_ok!(Provenance::unpack(
				signed(PHARMACY_STAFF),
				PHARMACY,
				case(1),
				pack_items(&[u("S1")])
			));
			let stored = Units::<Test>::get(unit("S1")).unwrap();
			assert_eq!(
				(stored.location, stored.hops, stored.packed_at),
				(Location::At(PHARMACY), 2, 0)
			);
			assert_eq!(custody("S1"), (Some(PHARMACY), None, 2));
			assert_eq!(custody("S2"), (Some(PHARMACY), None, 2));
			assert_eq!(custody("S4"), (Some(PHARMACY), None, 2));
		});
	}

	#[test]
	fn unpack_refuses_items_elsewhere_and_containers_not_held() {
		new_test_ext(|| {
			palletised();
			commission(BATCH, &["S7"]);
			let try_unpack = |who, party, from, list: &[Item]| {
				Provenance::unpack(signed(who), party, from, pack_items(list))
			};
			assert_noop!(
				try_unpack(MAKER_STAFF, MAKER, pallet_of(1), &[u("S1")]),
				Error::<Test>::NotInContainer
			);
			assert_noop!(
				try_unpack(MAKER_STAFF, MAKER, case(1), &[u("S1")]),
				Error::<Test>::PackedInContainer
			);
			assert_noop!(
				try_unpack(MAKER_STAFF, MAKER, case(8), &[u("S1")]),
				Error::<Test>::UnknownContainer
			);
			assert_noop!(
				try_unpack(MAKER_STAFF, MAKER, pallet_of(1), &[c(case(8))]),
				Error::<Test>::UnknownContainer
			);
			assert_noop!(
				try_unpack(MAKER_STAFF, MAKER, pallet_of(1), &[u("S99")]),
				Error::<Test>::UnknownUnit
			);
			assert_noop!(
				try_unpack(WHOLESALER_STAFF, WHOLESALER, pallet_of(1), &[c(case(1))]),
				Error::<Test>::NotCustodian
			);
			assert_noop!(
				try_unpack(MAKER_STAFF, MAKER, pallet_of(1), &[c(case(1)), c(case(1))]),
				Error::<Test>::DuplicateItem
			);
		});
	}

	#[test]
	fn an_empty_container_is_removed_and_its_deposit_returned_to_its_payer() {
		new_test_ext(|| {
			at_pharmacy();
			let try_remove =
				|who, party, sscc| Provenance::remove_container(signed(who), party, sscc);
			assert_noop!(
				try_remove(PHARMACY_STAFF, PHARMACY, pallet_of(1)),
				Error::<Test>::ContainerNotEmpty
			);
			assert_noop!(try_remove(MAKER_STAFF, MAKER, pallet_of(1)), Error::<Test>::NotCustodian);
			assert_noop!(
				try_remove(PHARMACY_STAFF, PHARMACY, case(1)),
				Error::<Test>::PackedInContainer
			);
			assert_noop!(
				try_remove(PHARMACY_STAFF, PHARMACY, case(9)),
				Error::<Test>::UnknownContainer
			);
			assert_ok!(Provenance::unpack(
				signed(PHARMACY_STAFF),
				PHARMACY,
				pallet_of(1),
				pack_items(&[c(case(1)), c(case(2))])
			));
			let pallet = container(pallet_of(1));
			assert_eq!((pallet.children, pallet.units, pallet.height), (0, 0, 1));
			assert_eq!(pallet.contents, Contents::Empty);
			let before = held(MAKER_STAFF);
			assert_ok!(try_remove(PHARMACY_STAFF, PHARMACY, pallet_of(1)));
			assert_eq!(held(MAKER_STAFF), before - ContainerDeposit::get());
			assert!(!Containers::<Test>::contains_key(pallet_of(1)));
			System::assert_last_event(
				Event::ContainerRemoved { container: pallet_of(1), party: PHARMACY }.into(),
			);
		});
	}
}

mod custody {
	use super::*;

	#[test]
	fn a_pallet_of_cases_travels_three_hops_and_custody_follows_it() {
		new_test_ext(|| {
			palletised();
			assert_eq!(custody("S1"), (Some(MAKER), None, 0));
			assert_eq!(view("S1").container, Some(case(1)));

			// Hop 1: manufacturer → wholesaler, the pallet.
			let before = held(MAKER_STAFF);
			let first = ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
			assert_eq!(held(MAKER_STAFF), before + ShipmentDeposit::get());
			System::assert_last_event(
				Event::Shipped {
					shipment: first,
					from: MAKER,
					to: WHOLESALER,
					items: ship_items(&[c(pallet_of(1))]),
					order: None,
				}
				.into(),
			);
			assert_eq!(custody("S1"), (None, Some(first), 0));
			assert_eq!(view("S1").status, UnitState::InTransit);
			assert_eq!(Units::<Test>::get(unit("S1")).unwrap().location, Location::In(case(1)));
			receive(WHOLESALER_STAFF, WHOLESALER, first);
			System::assert_last_event(
				Event::Received {
					shipment: first,
					from: MAKER,
					to: WHOLESALER,
					units: 6,
					order: None,
				}
				.into(),
			);
			assert!(!Shipments::<Test>::contains_key(first));
			assert_eq!(custody("S1"), (Some(WHOLESALER), None, 1));
			assert_eq!(custody("S6"), (Some(WHOLESALER), None, 1));
			assert_eq!(view("S1").status, UnitState::Active);

			// Hop 2: wholesaler → regional distributor, the pallet.
			let second = ship(WHOLESALER_STAFF, WHOLESALER, REGIONAL, &[c(pallet_of(1))]);
			receive(REGIONAL_STAFF, REGIONAL, second);
			assert_eq!(custody("S1"), (Some(REGIONAL), None, 2));

			// The regional distributor splits the pallet: case 1 goes on to the pharmacy, with
			// a unit taken out of case 2 and shipped loose; case 2 stays on the pallet.
			assert_ok!(Provenance::unpack(
				signed(REGIONAL_STAFF),
				REGIONAL,
				pallet_of(1),
				pack_items(&[c(case(1))])
			));
			assert_eq!(custody("S1"), (Some(REGIONAL), None, 2));
			let (_, case_custody) = Provenance::container_custody(case(2)).unwrap();
			assert_eq!(case_custody.hops, 2);
			assert_eq!(case_custody.container, Some(pallet_of(1)));
			// Taking a unit out of case 2 means taking the case off the pallet first.
			assert_noop!(
				Provenance::unpack(
					signed(REGIONAL_STAFF),
					REGIONAL,
					case(2),
					pack_items(&[u("S4")])
				),
				Error::<Test>::PackedInContainer
			);
			unpack(REGIONAL_STAFF, REGIONAL, pallet_of(1), &[c(case(2))]);
			unpack(REGIONAL_STAFF, REGIONAL, case(2), &[u("S4")]);
			pack(REGIONAL_STAFF, REGIONAL, pallet_of(1), &[c(case(2))]);
			assert_eq!(custody("S4"), (Some(REGIONAL), None, 2));
			assert_eq!(custody("S5"), (Some(REGIONAL), None, 2));

			// Hop 3: regional distributor → pharmacy, a case and a loose unit.
			let third = ship(REGIONAL_STAFF, REGIONAL, PHARMACY, &[c(case(1)), u("S4")]);
			assert_eq!(custody("S2"), (None, Some(third), 2));
			assert_eq!(custody("S4"), (None, Some(third), 2));
			receive(PHARMACY_STAFF, PHARMACY, third);
			System::assert_last_event(
				Event::Received {
					shipment: third,
					from: REGIONAL,
					to: PHARMACY,
					units: 4,
					order: None,
				}
				.into(),
			);
			for text in ["S1", "S2", "S3", "S4"] {
				assert_eq!(custody(text), (Some(PHARMACY), None, 3), "{text}");
			}
			for text in ["S5", "S6"] {
				assert_eq!(custody(text), (Some(REGIONAL), None, 2), "{text}");
			}

			// The pharmacy dispenses straight from the case it holds.
			assert_eq!(dispense(&unit("S2"), &ASPIRIN, PHARMACY), Ok(()));
			assert_eq!(custody("S2"), (Some(PHARMACY), None, 3));
			assert_eq!(view("S2").container, None);
			assert_eq!(container(case(1)).units, 2);
		});
	}

	#[test]
	fn hops_are_exact_for_items_packed_after_their_container_travelled() {
		new_test_ext(|| {
			// The wholesaler makes up a pallet under its own company prefix.
			let wholesale_pallet = benchmark_sscc(2, WHOLESALER, 1);
			stock();
			// A case travels a hop empty-handed but for one unit.
			pack(MAKER_STAFF, MAKER, case(1), &[u("S1")]);
			let first = ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(case(1)), u("S2"), u("S3")]);
			receive(WHOLESALER_STAFF, WHOLESALER, first);
			assert_eq!(container(case(1)).hops, 1);
			// At the wholesaler, a loose unit (1 hop) joins the case (1 hop) and a new pallet
			// (0 hops) takes the case.
			pack(WHOLESALER_STAFF, WHOLESALER, case(1), &[u("S2")]);
			pack(WHOLESALER_STAFF, WHOLESALER, wholesale_pallet, &[c(case(1))]);
			assert_eq!(custody("S1"), (Some(WHOLESALER), None, 1));
			assert_eq!(custody("S2"), (Some(WHOLESALER), None, 1));
			// Two more hops for the pallet.
			let second = ship(WHOLESALER_STAFF, WHOLESALER, REGIONAL, &[c(wholesale_pallet)]);
			receive(REGIONAL_STAFF, REGIONAL, second);
			// The third unit, loose, catches up with a hop of its own and is packed on top.
			let loose = ship(WHOLESALER_STAFF, WHOLESALER, REGIONAL, &[u("S3")]);
			receive(REGIONAL_STAFF, REGIONAL, loose);
			assert_ok!(Provenance::unpack(
				signed(REGIONAL_STAFF),
				REGIONAL,
				wholesale_pallet,
				pack_items(&[c(case(1))])
			));
			pack(REGIONAL_STAFF, REGIONAL, case(1), &[u("S3")]);
			pack(REGIONAL_STAFF, REGIONAL, wholesale_pallet, &[c(case(1))]);
			let third = ship(REGIONAL_STAFF, REGIONAL, HOSPITAL, &[c(wholesale_pallet)]);
			receive(HOSPITAL_STAFF, HOSPITAL, third);
			assert_eq!(custody("S1"), (Some(HOSPITAL), None, 3));
			assert_eq!(custody("S2"), (Some(HOSPITAL), None, 3));
			assert_eq!(custody("S3"), (Some(HOSPITAL), None, 3));
			assert_eq!(Provenance::container_custody(wholesale_pallet).unwrap().1.hops, 2);
			assert_eq!(Provenance::container_custody(case(1)).unwrap().1.hops, 3);
		});
	}

	#[test]
	fn ship_refuses_unlicensed_parties_and_forbidden_routes() {
		new_test_ext(|| {
			palletised();
			let try_ship = |who, from, to| {
				Provenance::ship(signed(who), from, to, ship_items(&[c(pallet_of(1))]), None)
			};
			assert_noop!(try_ship(STRANGER, MAKER, WHOLESALER), Error::<Test>::NotActingForParty);
			assert_noop!(
				try_ship(STRANGER, UNVERIFIED, WHOLESALER),
				Error::<Test>::PartyNotVerified
			);
			assert_noop!(
				try_ship(PHARMACY_STAFF, PHARMACY, WHOLESALER),
				Error::<Test>::WrongPartyKind
			);
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, UNVERIFIED),
				Error::<Test>::CounterpartyNotVerified
			);
			assert_noop!(try_ship(MAKER_STAFF, MAKER, MAKER), Error::<Test>::RouteNotAllowed);
			assert_noop!(try_ship(MAKER_STAFF, MAKER, OTHER_MAKER), Error::<Test>::RouteNotAllowed);
			assert_noop!(try_ship(MAKER_STAFF, MAKER, CLINIC), Error::<Test>::RouteNotAllowed);
			// Manufacturers may supply pharmacies and hospitals directly.
			assert_ok!(try_ship(MAKER_STAFF, MAKER, HOSPITAL));
		});
	}

	#[test]
	fn ship_refuses_items_the_shipper_does_not_hold_loose_and_active() {
		new_test_ext(|| {
			palletised();
			commission(BATCH, &["S7", "S8", "S9"]);
			let try_ship = |who, from, list: &[Item]| {
				Provenance::ship(signed(who), from, WHOLESALER, ship_items(list), None)
			};
			assert_noop!(try_ship(MAKER_STAFF, MAKER, &[]), Error::<Test>::NoItems);
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, &[u("S7"), u("S7")]),
				Error::<Test>::DuplicateItem
			);
			assert_noop!(try_ship(MAKER_STAFF, MAKER, &[u("S0")]), Error::<Test>::UnknownUnit);
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, &[c(case(9))]),
				Error::<Test>::UnknownContainer
			);
			// Not in custody: inside a pallet.
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, &[c(case(1))]),
				Error::<Test>::PackedInContainer
			);
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, &[u("S1")]),
				Error::<Test>::PackedInContainer
			);
			// Wrong custodian: the regional distributor ships what the maker holds.
			assert_noop!(
				Provenance::ship(
					signed(REGIONAL_STAFF),
					REGIONAL,
					PHARMACY,
					ship_items(&[c(pallet_of(1))]),
					None
				),
				Error::<Test>::NotCustodian
			);
			assert_ok!(Provenance::report_suspect(signed(MAKER_STAFF), MAKER, unit("S8"), [0; 32]));
			assert_noop!(try_ship(MAKER_STAFF, MAKER, &[u("S8")]), Error::<Test>::UnitSuspect);
			assert_ok!(Provenance::destroy_units(signed(MAKER_STAFF), MAKER, units(&["S9"])));
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, &[u("S9")]),
				Error::<Test>::UnitDecommissioned
			);
			ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, &[c(pallet_of(1))]),
				Error::<Test>::InTransit
			);
			assert_noop!(
				try_ship(MAKER_STAFF, MAKER, &[u("S1")]),
				Error::<Test>::PackedInContainer
			);
		});
	}

	#[test]
	fn only_the_addressee_receives() {
		new_test_ext(|| {
			palletised();
			let shipment = ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
			assert_noop!(
				Provenance::receive(signed(REGIONAL_STAFF), REGIONAL, shipment),
				Error::<Test>::NotAddressee
			);
			assert_noop!(
				Provenance::receive(signed(STRANGER), WHOLESALER, shipment),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				Provenance::receive(signed(MAKER_STAFF), MAKER, shipment),
				Error::<Test>::WrongPartyKind
			);
			assert_noop!(
				Provenance::receive(signed(WHOLESALER_STAFF), WHOLESALER, 7),
				Error::<Test>::UnknownShipment
			);
			MockCredentials::suspend(WHOLESALER);
			assert_noop!(
				Provenance::receive(signed(WHOLESALER_STAFF), WHOLESALER, shipment),
				Error::<Test>::PartyNotVerified
			);
			MockCredentials::verify(WHOLESALER, InstitutionKind::Distributor);
			let before = held(MAKER_STAFF);
			receive(WHOLESALER_STAFF, WHOLESALER, shipment);
			assert_eq!(held(MAKER_STAFF), before - ShipmentDeposit::get());
			assert_noop!(
				Provenance::receive(signed(WHOLESALER_STAFF), WHOLESALER, shipment),
				Error::<Test>::UnknownShipment
			);
		});
	}

	#[test]
	fn the_shipper_cancels_before_receipt_without_a_hop() {
		new_test_ext(|| {
			palletised();
			let shipment = ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
			assert_noop!(
				Provenance::cancel_shipment(signed(WHOLESALER_STAFF), WHOLESALER, shipment),
				Error::<Test>::NotShipper
			);
			assert_noop!(
				Provenance::cancel_shipment(signed(STRANGER), MAKER, shipment),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				Provenance::cancel_shipment(signed(MAKER_STAFF), MAKER, 5),
				Error::<Test>::UnknownShipment
			);
			let before = held(MAKER_STAFF);
			assert_ok!(Provenance::cancel_shipment(signed(MAKER_STAFF), MAKER, shipment));
			assert_eq!(held(MAKER_STAFF), before - ShipmentDeposit::get());
			assert_eq!(custody("S1"), (Some(MAKER), None, 0));
			assert!(!Shipments::<Test>::contains_key(shipment));
			System::assert_last_event(
				Event::ShipmentCancelled { shipment, from: MAKER, to: WHOLESALER }.into(),
			);
			assert_noop!(
				Provenance::receive(signed(WHOLESALER_STAFF), WHOLESALER, shipment),
				Error::<Test>::UnknownShipment
			);
		});
	}

	#[test]
	fn a_shipper_without_funds_cannot_ship() {
		new_test_ext(|| {
			stock();
			MockCredentials::affiliate(PAUPER, WHOLESALER);
			MockCredentials::license(PAUPER, Role::Distributor);
			let shipment = ship(MAKER_STAFF, MAKER, WHOLESALER, &[u("S1")]);
			receive(WHOLESALER_STAFF, WHOLESALER, shipment);
			assert_noop!(
				Provenance::ship(
					signed(PAUPER),
					WHOLESALER,
					PHARMACY,
					ship_items(&[u("S1")]),
					None
				),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}
}

mod orders {
	use super::*;

	fn place(staff: u64, buyer: InstitutionId, supplier: InstitutionId, quantity: u32) -> OrderId {
		let id = NextOrderId::<Test>::get();
		assert_ok!(Provenance::place_order(signed(staff), buyer, supplier, ASPIRIN, quantity));
		id
	}

	#[test]
	fn shipments_fulfil_an_order_as_they_are_received() {
		new_test_ext(|| {
			palletised();
			commission(BATCH, &["S7"]);
			let order = place(WHOLESALER_STAFF, WHOLESALER, MAKER, 7);
			System::assert_last_event(
				Event::OrderPlaced {
					order,
					buyer: WHOLESALER,
					supplier: MAKER,
					gtin: ASPIRIN,
					quantity: 7,
				}
				.into(),
			);
			assert_eq!(held(WHOLESALER_STAFF), OrderDeposit::get());
			let first = ship_for(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))], Some(order));
			receive(WHOLESALER_STAFF, WHOLESALER, first);
			assert_eq!(Orders::<Test>::get(order).unwrap().fulfilled, 6);
			let second = ship_for(MAKER_STAFF, MAKER, WHOLESALER, &[u("S7")], Some(order));
			receive(WHOLESALER_STAFF, WHOLESALER, second);
			System::assert_has_event(Event::OrderFulfilled { order, fulfilled: 7 }.into());
			System::assert_last_event(
				Event::Received {
					shipment: second,
					from: MAKER,
					to: WHOLESALER,
					units: 1,
					order: Some(order),
				}
				.into(),
			);
			assert!(!Orders::<Test>::contains_key(order));
			assert_eq!(held(WHOLESALER_STAFF), 0);
		});
	}

	#[test]
	fn place_order_refuses_bad_parties_products_and_quantities() {
		new_test_ext(|| {
			stock();
			let try_place = |who, buyer, supplier, gtin, quantity| {
				Provenance::place_order(signed(who), buyer, supplier, gtin, quantity)
			};
			assert_noop!(
				try_place(STRANGER, PHARMACY, WHOLESALER, ASPIRIN, 1),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				try_place(MAKER_STAFF, MAKER, WHOLESALER, ASPIRIN, 1),
				Error::<Test>::WrongPartyKind
			);
			assert_noop!(
				try_place(PHARMACY_STAFF, PHARMACY, WHOLESALER, BAD_GTIN, 1),
				Error::<Test>::BadGtin
			);
			assert_noop!(
				try_place(PHARMACY_STAFF, PHARMACY, WHOLESALER, IBUPROFEN, 1),
				Error::<Test>::UnknownProduct
			);
			assert_noop!(
				try_place(PHARMACY_STAFF, PHARMACY, WHOLESALER, ASPIRIN, 0),
				Error::<Test>::ZeroQuantity
			);
			assert_noop!(
				try_place(PHARMACY_STAFF, PHARMACY, UNVERIFIED, ASPIRIN, 1),
				Error::<Test>::CounterpartyNotVerified
			);
			assert_noop!(
				try_place(PHARMACY_STAFF, PHARMACY, HOSPITAL, ASPIRIN, 1),
				Error::<Test>::RouteNotAllowed
			);
			assert_noop!(
				try_place(WHOLESALER_STAFF, WHOLESALER, WHOLESALER, ASPIRIN, 1),
				Error::<Test>::RouteNotAllowed
			);
			assert_ok!(try_place(PHARMACY_STAFF, PHARMACY, MAKER, ASPIRIN, 1));
			assert_ok!(try_place(REGIONAL_STAFF, REGIONAL, WHOLESALER, ASPIRIN, 1));
		});
	}

	#[test]
	fn shipments_for_an_order_go_from_its_supplier_to_its_buyer_with_its_product() {
		new_test_ext(|| {
			palletised();
			register(IBUPROFEN);
			let other = create_batch(IBUPROFEN, "I1", 5);
			commission(other, &["S1"]);
			commission(BATCH, &["S7"]);
			let order = place(WHOLESALER_STAFF, WHOLESALER, MAKER, 10);
			let try_ship = |to, list: &[Item], order| {
				Provenance::ship(signed(MAKER_STAFF), MAKER, to, ship_items(list), order)
			};
			assert_noop!(try_ship(WHOLESALER, &[u("S7")], Some(9)), Error::<Test>::UnknownOrder);
			assert_noop!(try_ship(REGIONAL, &[u("S7")], Some(order)), Error::<Test>::OrderMismatch);
			assert_noop!(
				try_ship(WHOLESALER, &[Item::Unit(sgtin(IBUPROFEN, "S1"))], Some(order)),
				Error::<Test>::WrongProductForOrder
			);
			pack(MAKER_STAFF, MAKER, case(3), &[Item::Unit(sgtin(IBUPROFEN, "S1"))]);
			pack(MAKER_STAFF, MAKER, pallet_of(1), &[c(case(3))]);
			assert_noop!(
				try_ship(WHOLESALER, &[c(pallet_of(1))], Some(order)),
				Error::<Test>::WrongProductForOrder
			);
			assert_ok!(try_ship(WHOLESALER, &[u("S7")], Some(order)));
		});
	}

	#[test]
	fn the_supplier_declines_and_the_buyer_cancels_open_orders() {
		new_test_ext(|| {
			stock();
			let declined = place(PHARMACY_STAFF, PHARMACY, WHOLESALER, 5);
			let cancelled = place(PHARMACY_STAFF, PHARMACY, WHOLESALER, 5);
			assert_noop!(
				Provenance::decline_order(signed(REGIONAL_STAFF), REGIONAL, declined),
				Error::<Test>::NotSupplier
			);
			assert_noop!(
				Provenance::decline_order(signed(PHARMACY_STAFF), PHARMACY, declined),
				Error::<Test>::WrongPartyKind
			);
			assert_noop!(
				Provenance::decline_order(signed(WHOLESALER_STAFF), WHOLESALER, 9),
				Error::<Test>::UnknownOrder
			);
			assert_ok!(Provenance::decline_order(signed(WHOLESALER_STAFF), WHOLESALER, declined));
			System::assert_last_event(Event::OrderDeclined { order: declined }.into());
			assert_noop!(
				Provenance::cancel_order(signed(HOSPITAL_STAFF), HOSPITAL, cancelled),
				Error::<Test>::NotBuyer
			);
			assert_noop!(
				Provenance::cancel_order(signed(PHARMACY_STAFF), PHARMACY, declined),
				Error::<Test>::UnknownOrder
			);
			assert_ok!(Provenance::cancel_order(signed(PHARMACY_STAFF), PHARMACY, cancelled));
			System::assert_last_event(Event::OrderCancelled { order: cancelled }.into());
			assert_eq!(held(PHARMACY_STAFF), 0);
		});
	}

	#[test]
	fn receiving_for_a_closed_order_still_takes_custody() {
		new_test_ext(|| {
			stock();
			let order = place(WHOLESALER_STAFF, WHOLESALER, MAKER, 5);
			let shipment = ship_for(MAKER_STAFF, MAKER, WHOLESALER, &[u("S1")], Some(order));
			assert_ok!(Provenance::cancel_order(signed(WHOLESALER_STAFF), WHOLESALER, order));
			receive(WHOLESALER_STAFF, WHOLESALER, shipment);
			assert_eq!(custody("S1"), (Some(WHOLESALER), None, 1));
		});
	}
}

mod status {
	use super::*;

	#[test]
	fn a_pack_in_fewer_cases_leaves_the_deeper_packs_weight_unused() {
		new_test_ext(|| {
			at_pharmacy();
			let dispensed =
				|text| <Provenance as MedicineUnits>::dispense(&unit(text), &ASPIRIN, PHARMACY);
			let weight = |depth| <() as crate::weights::WeightInfo>::dispense_unit(depth);
			assert!(weight(0).all_lt(weight(2)));
			// The pharmacy takes case 1 off the pallet, and S1 out of case 1.
			unpack(PHARMACY_STAFF, PHARMACY, pallet_of(1), &[c(case(1))]);
			unpack(PHARMACY_STAFF, PHARMACY, case(1), &[u("S1")]);

			// S5, in case 2 on the pallet, is as deep as packs go: it uses all it is charged.
			assert_eq!(dispensed("S5"), Ok(Weight::zero()));
			// S2 is in case 1 alone; S1 is loose on the shelf.
			assert_eq!(dispensed("S2"), Ok(weight(2) - weight(1)));
			assert_eq!(dispensed("S1"), Ok(weight(2) - weight(0)));
		});
	}

	#[test]
	fn a_pharmacy_dispenses_a_unit_from_a_case_on_a_pallet_it_holds() {
		new_test_ext(|| {
			at_pharmacy();
			assert_eq!(dispense(&unit("S5"), &ASPIRIN, PHARMACY), Ok(()));
			System::assert_last_event(
				Event::UnitDispensed { unit: unit("S5"), batch: BATCH, pharmacy: PHARMACY }.into(),
			);
			let seen = view("S5");
			assert_eq!(seen.status, UnitState::Dispensed);
			assert_eq!(
				(seen.custodian, seen.in_transit_shipment, seen.container, seen.hops),
				(Some(PHARMACY), None, None, 2)
			);
			let case_two = container(case(2));
			assert_eq!((case_two.children, case_two.units), (2, 2));
			assert_eq!(container(pallet_of(1)).units, 5);
			assert_eq!(container(pallet_of(1)).children, 2);
			// Dispensing twice is refused.
			assert_eq!(dispense(&unit("S5"), &ASPIRIN, PHARMACY), Err(UnitRefusal::Decommissioned));
			// A recall afterwards leaves a dispensed unit dispensed.
			assert_ok!(Provenance::recall_batch(signed(MAKER_STAFF), BATCH, [0; 32]));
			assert_eq!(view("S5").status, UnitState::Dispensed);
		});
	}

	#[test]
	fn dispensing_refuses_in_the_order_of_the_checks() {
		new_test_ext(|| {
			at_pharmacy();
			register(IBUPROFEN);
			// Unknown: not genuine, whatever else.
			assert_eq!(dispense(&unit("X1"), &ASPIRIN, PHARMACY), Err(UnitRefusal::NotGenuine));
			assert_eq!(
				dispense(&sgtin(IBUPROFEN, "S1"), &ASPIRIN, PHARMACY),
				Err(UnitRefusal::NotGenuine)
			);
			// Another product than prescribed.
			assert_eq!(dispense(&unit("S1"), &IBUPROFEN, PHARMACY), Err(UnitRefusal::WrongProduct));
			// Not in this pharmacy's custody.
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, HOSPITAL), Err(UnitRefusal::NotInCustody));
			// Suspect before recalled before expired before custody.
			assert_ok!(Provenance::report_suspect(
				signed(PHARMACY_STAFF),
				PHARMACY,
				unit("S1"),
				[0; 32]
			));
			assert_ok!(Provenance::recall_batch(signed(REGULATOR), BATCH, [0; 32]));
			set_now(EXPIRY);
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, HOSPITAL), Err(UnitRefusal::Suspect));
			assert_eq!(dispense(&unit("S2"), &ASPIRIN, HOSPITAL), Err(UnitRefusal::Recalled));
			// Nothing changed.
			assert_eq!(view("S2").status, UnitState::Recalled);
			assert_eq!(container(case(1)).units, 3);
		});
	}

	#[test]
	fn expired_units_are_not_dispensed() {
		new_test_ext(|| {
			at_pharmacy();
			set_now(EXPIRY - 1);
			assert!(!view("S1").expired);
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, PHARMACY), Ok(()));
			set_now(EXPIRY);
			assert!(view("S2").expired);
			assert_eq!(dispense(&unit("S2"), &ASPIRIN, PHARMACY), Err(UnitRefusal::Expired));
			assert_eq!(dispense(&unit("S2"), &ASPIRIN, HOSPITAL), Err(UnitRefusal::Expired));
		});
	}

	#[test]
	fn units_in_transit_or_elsewhere_are_not_in_custody() {
		new_test_ext(|| {
			palletised();
			let shipment = ship(MAKER_STAFF, MAKER, PHARMACY, &[c(pallet_of(1))]);
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, PHARMACY), Err(UnitRefusal::NotInCustody));
			receive(PHARMACY_STAFF, PHARMACY, shipment);
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, PHARMACY), Ok(()));
			assert_eq!(dispense(&unit("S2"), &ASPIRIN, WHOLESALER), Err(UnitRefusal::NotInCustody));
		});
	}

	#[test]
	fn a_recall_makes_every_unit_of_the_batch_refuse_dispensing() {
		new_test_ext(|| {
			at_pharmacy();
			assert_eq!(view("S3").status, UnitState::Active);
			assert_ok!(Provenance::recall_batch(signed(MAKER_STAFF), BATCH, [3; 32]));
			for text in ["S1", "S2", "S3", "S4", "S5", "S6"] {
				assert_eq!(view(text).status, UnitState::Recalled, "{text}");
				assert_eq!(dispense(&unit(text), &ASPIRIN, PHARMACY), Err(UnitRefusal::Recalled));
			}
			// Recalled stock may still be destroyed by its custodian.
			assert_ok!(Provenance::destroy_units(signed(PHARMACY_STAFF), PHARMACY, units(&["S1"])));
			assert_eq!(view("S1").status, UnitState::Destroyed);
		});
	}

	#[test]
	fn a_suspect_unit_is_quarantined_until_a_regulator_clears_it() {
		new_test_ext(|| {
			at_pharmacy();
			let reporter_before = Balances::total_balance(&MAKER_STAFF);
			let reporter_held = held(MAKER_STAFF);
			let holder_before = Balances::total_balance(&PHARMACY_STAFF);
			assert_ok!(Provenance::report_suspect(signed(MAKER_STAFF), MAKER, unit("S1"), [4; 32]));
			System::assert_last_event(
				Event::SuspectReported {
					unit: unit("S1"),
					party: MAKER,
					reporter: MAKER_STAFF,
					evidence_hash: [4; 32],
				}
				.into(),
			);
			assert_eq!(held(MAKER_STAFF), reporter_held + SuspectReportDeposit::get());
			let report = SuspectReports::<Test>::get(unit("S1")).unwrap();
			assert_eq!(
				(report.party, report.evidence_hash, report.reported_at),
				(MAKER, [4; 32], START)
			);
			assert_eq!(view("S1").status, UnitState::Suspect);
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, PHARMACY), Err(UnitRefusal::Suspect));
			assert_noop!(
				Provenance::destroy_units(signed(PHARMACY_STAFF), PHARMACY, units(&["S1"])),
				Error::<Test>::UnitSuspect
			);
			assert_noop!(
				Provenance::clear_suspect(signed(PHARMACY_STAFF), unit("S1")),
				Error::<Test>::NotRegulator
			);
			assert_ok!(Provenance::clear_suspect(signed(REGULATOR), unit("S1")));
			System::assert_last_event(
				Event::SuspectCleared { unit: unit("S1"), regulator: REGULATOR }.into(),
			);
			// The report was unfounded: its deposit goes to the pharmacy, whose stock it held.
			assert_eq!(held(MAKER_STAFF), reporter_held);
			assert_eq!(
				Balances::total_balance(&MAKER_STAFF),
				reporter_before - SuspectReportDeposit::get()
			);
			assert_eq!(
				Balances::total_balance(&PHARMACY_STAFF),
				holder_before + SuspectReportDeposit::get()
			);
			assert_eq!(view("S1").status, UnitState::Active);
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, PHARMACY), Ok(()));
		});
	}

	#[test]
	fn report_suspect_refuses_unlicensed_reporters_and_settled_units() {
		new_test_ext(|| {
			at_pharmacy();
			let try_report = |who, party, text: &str| {
				Provenance::report_suspect(signed(who), party, unit(text), [0; 32])
			};
			assert_noop!(try_report(STRANGER, PHARMACY, "S1"), Error::<Test>::NotActingForParty);
			assert_noop!(try_report(STRANGER, UNVERIFIED, "S1"), Error::<Test>::PartyNotVerified);
			assert_noop!(try_report(PHARMACY_STAFF, PHARMACY, "S0"), Error::<Test>::UnknownUnit);
			assert_noop!(
				try_report(PAUPER, MAKER, "S1"),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
			assert_ok!(try_report(PHARMACY_STAFF, PHARMACY, "S1"));
			assert_noop!(try_report(HOSPITAL_STAFF, HOSPITAL, "S1"), Error::<Test>::AlreadySuspect);
			assert_eq!(dispense(&unit("S2"), &ASPIRIN, PHARMACY), Ok(()));
			assert_noop!(
				try_report(PHARMACY_STAFF, PHARMACY, "S2"),
				Error::<Test>::UnitDecommissioned
			);
		});
	}

	#[test]
	fn a_regulator_confirms_a_counterfeit_and_it_reads_not_genuine() {
		new_test_ext(|| {
			at_pharmacy();
			assert_noop!(
				Provenance::confirm_counterfeit(signed(REGULATOR), unit("S1")),
				Error::<Test>::NotSuspect
			);
			assert_noop!(
				Provenance::confirm_counterfeit(signed(REGULATOR), unit("S0")),
				Error::<Test>::UnknownUnit
			);
			assert_ok!(Provenance::report_suspect(
				signed(PHARMACY_STAFF),
				PHARMACY,
				unit("S1"),
				[0; 32]
			));
			assert_noop!(
				Provenance::confirm_counterfeit(signed(MAKER_STAFF), unit("S1")),
				Error::<Test>::NotRegulator
			);
			MockCredentials::lapse(REGULATOR, Role::Regulator);
			assert_noop!(
				Provenance::confirm_counterfeit(signed(REGULATOR), unit("S1")),
				Error::<Test>::NotRegulator
			);
			MockCredentials::license(REGULATOR, Role::Regulator);
			assert_ok!(Provenance::confirm_counterfeit(signed(REGULATOR), unit("S1")));
			System::assert_last_event(
				Event::CounterfeitConfirmed { unit: unit("S1"), regulator: REGULATOR }.into(),
			);
			assert_eq!(held(PHARMACY_STAFF), 0);
			assert_eq!(view("S1").status, UnitState::Counterfeit);
			assert_eq!(dispense(&unit("S1"), &ASPIRIN, PHARMACY), Err(UnitRefusal::NotGenuine));
			assert_noop!(
				Provenance::clear_suspect(signed(REGULATOR), unit("S1")),
				Error::<Test>::NotSuspect
			);
			// It stays in its case until the case is unpacked.
			assert_eq!(container(case(1)).units, 3);
			assert_ok!(Provenance::unpack(
				signed(PHARMACY_STAFF),
				PHARMACY,
				pallet_of(1),
				pack_items(&[c(case(1))])
			));
			assert_ok!(Provenance::unpack(
				signed(PHARMACY_STAFF),
				PHARMACY,
				case(1),
				pack_items(&[u("S1")])
			));
			assert_eq!(container(case(1)).units, 2);
		});
	}

	#[test]
	fn the_custodian_destroys_units_it_holds_at_rest() {
		new_test_ext(|| {
			palletised();
			commission(BATCH, &["S7"]);
			let try_destroy = |who, party, list: &[&str]| {
				Provenance::destroy_units(signed(who), party, units(list))
			};
			assert_noop!(
				try_destroy(WHOLESALER_STAFF, WHOLESALER, &["S1"]),
				Error::<Test>::NotCustodian
			);
			assert_noop!(try_destroy(CLINIC_STAFF, CLINIC, &["S1"]), Error::<Test>::WrongPartyKind);
			assert_noop!(try_destroy(MAKER_STAFF, MAKER, &["S0"]), Error::<Test>::UnknownUnit);
			assert_noop!(try_destroy(MAKER_STAFF, MAKER, &[]), Error::<Test>::NoItems);
			assert_ok!(try_destroy(MAKER_STAFF, MAKER, &["S1", "S7"]));
			System::assert_last_event(
				Event::UnitsDestroyed { party: MAKER, units: units(&["S1", "S7"]) }.into(),
			);
			assert_eq!(view("S1").status, UnitState::Destroyed);
			assert_eq!(container(case(1)).units, 2);
			assert_eq!(container(pallet_of(1)).units, 5);
			assert_noop!(
				try_destroy(MAKER_STAFF, MAKER, &["S1"]),
				Error::<Test>::UnitDecommissioned
			);
			ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
			assert_noop!(try_destroy(MAKER_STAFF, MAKER, &["S2"]), Error::<Test>::InTransit);
		});
	}
}

mod scale {
	use super::*;

	/// 100,000 units: commissioned 1,000 a call, packed 1,000 to a case, 25 cases to a pallet,
	/// four pallets shipped through three hops in one shipment each, against an order.
	#[test]
	fn a_batch_of_100_000_units_travels_three_hops_in_calls_that_name_no_contents() {
		new_test_ext(|| {
			register(ASPIRIN);
			let batch = create_batch(ASPIRIN, "BIG", MAX_BATCH_QUANTITY);
			let per_call = MAX_UNITS_PER_CALL;
			for call in 0..(MAX_BATCH_QUANTITY / per_call) {
				let serials: Vec<Serial> = (call * per_call..(call + 1) * per_call)
					.map(|index| benchmark_serial(b'U', index))
					.collect();
				assert_ok!(Provenance::commission_units(
					signed(MAKER_STAFF),
					MAKER,
					batch,
					SerialsOf::<Test>::truncate_from(serials.clone())
				));
				let items: Vec<Item> = serials
					.into_iter()
					.map(|serial| Item::Unit(Sgtin { gtin: ASPIRIN, serial }))
					.collect();
				pack(MAKER_STAFF, MAKER, case(call), &items);
				pack(MAKER_STAFF, MAKER, pallet_of(call / 25), &[c(case(call))]);
			}
			let pallets: Vec<Item> = (0..4).map(|index| c(pallet_of(index))).collect();
			let order = NextOrderId::<Test>::get();
			assert_ok!(Provenance::place_order(
				signed(PHARMACY_STAFF),
				PHARMACY,
				REGIONAL,
				ASPIRIN,
				MAX_BATCH_QUANTITY
			));
			let first = ship(MAKER_STAFF, MAKER, WHOLESALER, &pallets);
			receive(WHOLESALER_STAFF, WHOLESALER, first);
			let second = ship(WHOLESALER_STAFF, WHOLESALER, REGIONAL, &pallets);
			receive(REGIONAL_STAFF, REGIONAL, second);
			let third = ship_for(REGIONAL_STAFF, REGIONAL, PHARMACY, &pallets, Some(order));
			receive(PHARMACY_STAFF, PHARMACY, third);
			System::assert_has_event(
				Event::OrderFulfilled { order, fulfilled: MAX_BATCH_QUANTITY }.into(),
			);
			for index in [0, 54_321, MAX_BATCH_QUANTITY - 1] {
				let seen = Provenance::verify(ASPIRIN, benchmark_serial(b'U', index)).unwrap();
				assert_eq!(seen.custodian, Some(PHARMACY));
				assert_eq!(seen.hops, 3);
			}
			assert_eq!(
				dispense(
					&Sgtin { gtin: ASPIRIN, serial: benchmark_serial(b'U', 7) },
					&ASPIRIN,
					PHARMACY
				),
				Ok(())
			);
			assert_eq!(container(pallet_of(0)).units, 24_999);
		});
	}

	/// What shipping, then receiving, a case of `contents` units reads (bytes of storage
	/// proof) and writes (storage keys), from committed state.
	fn cost_of_a_hop(contents: u32) -> [(usize, usize); 2] {
		let mut ext = new_bench_ext();
		ext.execute_with(|| {
			set_up_parties();
			register(ASPIRIN);
			let batch = create_batch(ASPIRIN, "L1", contents);
			let serials: Vec<Serial> =
				(0..contents).map(|index| benchmark_serial(b'U', index)).collect();
			for chunk in serials.chunks(MAX_UNITS_PER_CALL as usize) {
				assert_ok!(Provenance::commission_units(
					signed(MAKER_STAFF),
					MAKER,
					batch,
					SerialsOf::<Test>::truncate_from(chunk.to_vec())
				));
				let items: Vec<Item> = chunk
					.iter()
					.map(|serial| Item::Unit(Sgtin { gtin: ASPIRIN, serial: serial.clone() }))
					.collect();
				pack(MAKER_STAFF, MAKER, case(0), &items);
			}
			// A new block: no events yet.
			System::reset_events();
		});
		ext.commit_all().unwrap();
		let (_, proof) =
			ext.execute_and_prove(|| ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(case(0))]));
		let shipped = (proof.encoded_size(), ext.overlayed_changes().changes().count());
		ext.execute_with(System::reset_events);
		ext.commit_all().unwrap();
		let (_, proof) = ext.execute_and_prove(|| receive(WHOLESALER_STAFF, WHOLESALER, 0));
		let received = (proof.encoded_size(), ext.overlayed_changes().changes().count());
		ext.execute_with(|| {
			assert_eq!(custody("U0"), (Some(WHOLESALER), None, 1));
			Provenance::do_try_state().expect("storage invariants hold");
		});
		[shipped, received]
	}

	#[test]
	fn shipping_and_receiving_a_case_cost_the_same_whatever_it_holds() {
		let small = cost_of_a_hop(1);
		let large = cost_of_a_hop(5_000);
		for (step, ((small_read, small_written), (large_read, large_written))) in
			["ship", "receive"].into_iter().zip(small.into_iter().zip(large))
		{
			// The same keys are written.
			assert_eq!(small_written, large_written, "{step}");
			// The same keys are read, proved by the same trie nodes: the 5,000 units sit in
			// another branch of the trie. Reading them would take some 500 kB of proof.
			assert_eq!(small_read, large_read, "{step}");
		}
	}

	#[test]
	fn the_bytes_a_unit_stores_are_bounded() {
		new_test_ext(|| {
			// The value: batch id 4, status 1, location at most 1 + 18 (packed in a container:
			// its SSCC), hops 4, packed_at 4.
			assert_eq!(Unit::max_encoded_len(), 32);
			let loose = Unit {
				batch: 0,
				status: UnitStatus::Active,
				location: Location::At(MAKER),
				hops: 0,
				packed_at: 0,
			};
			assert_eq!(loose.encoded_size(), 18);
			// The key: the pallet's and the map's prefixes (16 + 16), the Blake2-128 hash (16)
			// and the SGTIN itself (14 + 1 + serial length): 83 bytes with a 20-character
			// serial, 75 with a 12-character one.
			assert_eq!(Sgtin::max_encoded_len(), 35);
			let longest = Sgtin { gtin: ASPIRIN, serial: serial("ABCDEFGHIJ0123456789") };
			assert_eq!(Units::<Test>::hashed_key_for(&longest).len(), 83);
			assert_eq!(Units::<Test>::hashed_key_for(unit("ABCDEF123456")).len(), 75);
		});
	}
}

/// Standing is judged at the moment of use: a revoked, suspended or expired credential, or a
/// role that does not fit the party, gives none; regulators act in their own jurisdiction only.
mod standing {
	use super::*;
	use healthchain_test_support::HOME;

	const DE: Jurisdiction = Jurisdiction(*b"DE");

	/// Attack: a fired wholesaler employee, still affiliated (nobody ended the affiliation),
	/// keeps shipping, receiving, destroying stock and reporting suspects. Revoking the
	/// credential ends all of it in the same block.
	#[test]
	fn a_revoked_employee_no_longer_acts_for_the_party() {
		new_test_ext(|| {
			palletised();
			let inbound = ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
			MockCredentials::lapse(WHOLESALER_STAFF, Role::Distributor);
			assert_noop!(
				Provenance::receive(signed(WHOLESALER_STAFF), WHOLESALER, inbound),
				Error::<Test>::NotActingForParty
			);
			MockCredentials::license(WHOLESALER_STAFF, Role::Distributor);
			receive(WHOLESALER_STAFF, WHOLESALER, inbound);
			MockCredentials::lapse(WHOLESALER_STAFF, Role::Distributor);
			assert_noop!(
				Provenance::ship(
					signed(WHOLESALER_STAFF),
					WHOLESALER,
					PHARMACY,
					ship_items(&[c(pallet_of(1))]),
					None
				),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				Provenance::destroy_units(signed(WHOLESALER_STAFF), WHOLESALER, units(&["S1"])),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				Provenance::report_suspect(
					signed(WHOLESALER_STAFF),
					WHOLESALER,
					unit("S1"),
					[0; 32]
				),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				Provenance::place_order(signed(WHOLESALER_STAFF), WHOLESALER, MAKER, ASPIRIN, 10),
				Error::<Test>::NotActingForParty
			);
		});
	}

	/// Attack: a manufacturer's employee whose licence was suspended recalls (or keeps
	/// commissioning) the maker's stock.
	#[test]
	fn a_suspended_manufacturer_employee_neither_commissions_nor_recalls() {
		new_test_ext(|| {
			stock();
			MockCredentials::lapse(MAKER_STAFF, Role::Manufacturer);
			assert_noop!(
				Provenance::commission_units(signed(MAKER_STAFF), MAKER, BATCH, serials(&["S9"])),
				Error::<Test>::NotActingForParty
			);
			assert_noop!(
				Provenance::recall_batch(signed(MAKER_STAFF), BATCH, [9; 32]),
				Error::<Test>::NotRecaller
			);
		});
	}

	/// Attack: an account that is affiliated and licensed, but in a role that does not fit the
	/// party (a pharmacist at a manufacturer), acts for it.
	#[test]
	fn a_credential_of_another_trade_gives_no_standing() {
		new_test_ext(|| {
			MockCredentials::affiliate(STRANGER, MAKER);
			MockCredentials::license(STRANGER, Role::Pharmacist);
			assert_noop!(
				Provenance::register_product(signed(STRANGER), MAKER, ASPIRIN, [1; 32]),
				Error::<Test>::NotActingForParty
			);
			MockCredentials::license(STRANGER, Role::Manufacturer);
			assert_ok!(Provenance::register_product(signed(STRANGER), MAKER, ASPIRIN, [1; 32]));
		});
	}

	/// Attack: a regulator of another country recalls a batch, or clears a counterfeit reported
	/// here.
	#[test]
	fn regulators_act_in_their_own_jurisdiction_only() {
		new_test_ext(|| {
			const FOREIGN_REGULATOR: u64 = 31;
			MockCredentials::license_in(FOREIGN_REGULATOR, Role::Regulator, DE, 0);
			stock();
			assert_noop!(
				Provenance::recall_batch(signed(FOREIGN_REGULATOR), BATCH, [9; 32]),
				Error::<Test>::NotRecaller
			);
			assert_ok!(Provenance::report_suspect(signed(MAKER_STAFF), MAKER, unit("S1"), [0; 32]));
			assert_eq!(SuspectReports::<Test>::get(unit("S1")).unwrap().jurisdiction, HOME);
			for call in [Provenance::clear_suspect, Provenance::confirm_counterfeit] {
				assert_noop!(
					call(signed(FOREIGN_REGULATOR), unit("S1")),
					Error::<Test>::NotRegulator
				);
			}
			assert_ok!(Provenance::clear_suspect(signed(REGULATOR), unit("S1")));
			assert_ok!(Provenance::recall_batch(signed(REGULATOR), BATCH, [9; 32]));

			// A maker licensed in Germany is the German regulator's to recall.
			const GERMAN_MAKER: InstitutionId = 20;
			MockCredentials::verify_in(GERMAN_MAKER, InstitutionKind::Manufacturer, DE);
			MockCredentials::affiliate(OTHER_MAKER_STAFF, GERMAN_MAKER);
			const GERMAN_GS1: u64 = 33;
			MockCredentials::accredit_for(GERMAN_GS1, DE, &[], &[InstitutionKind::Manufacturer]);
			<Balances as polkadot_sdk::frame_support::traits::fungible::Mutate<u64>>::set_balance(
				&GERMAN_GS1,
				ENDOWMENT,
			);
			assert_ok!(Provenance::assign_company_prefix(
				signed(GERMAN_GS1),
				prefix("4012345"),
				GERMAN_MAKER
			));
			let german_product = gtin_under("4012345", "00001");
			assert_ok!(Provenance::register_product(
				signed(OTHER_MAKER_STAFF),
				GERMAN_MAKER,
				german_product,
				[1; 32]
			));
			let german = NextBatchId::<Test>::get();
			assert_ok!(Provenance::create_batch(
				signed(OTHER_MAKER_STAFF),
				GERMAN_MAKER,
				german_product,
				lot("G1"),
				EXPIRY,
				1
			));
			assert_noop!(
				Provenance::recall_batch(signed(REGULATOR), german, [9; 32]),
				Error::<Test>::NotRecaller
			);
			assert_ok!(Provenance::recall_batch(signed(FOREIGN_REGULATOR), german, [9; 32]));
		});
	}

	/// Attack: a griefer party quarantines a rival's stock it never handled, for a refundable
	/// deposit. Only the parties that handle a unit report it, and an unfounded report costs
	/// the reporter its deposit.
	#[test]
	fn only_parties_that_handle_a_unit_report_it_suspect() {
		new_test_ext(|| {
			palletised();
			let shipment = ship(MAKER_STAFF, MAKER, WHOLESALER, &[c(pallet_of(1))]);
			let report = |who, party, text: &str| {
				Provenance::report_suspect(signed(who), party, unit(text), [0; 32])
			};
			for (who, party) in [(CLINIC_STAFF, CLINIC), (PHARMACY_STAFF, PHARMACY)] {
				assert_noop!(report(who, party, "S1"), Error::<Test>::NotHandlingUnit);
			}
			// Either end of the shipment carrying it, and its maker, handle it.
			assert_ok!(report(WHOLESALER_STAFF, WHOLESALER, "S1"));
			assert_ok!(report(MAKER_STAFF, MAKER, "S2"));
			receive(WHOLESALER_STAFF, WHOLESALER, shipment);
			assert_ok!(report(WHOLESALER_STAFF, WHOLESALER, "S3"));
			assert_eq!(SuspectReports::<Test>::get(unit("S3")).unwrap().party, WHOLESALER);
		});
	}
}

mod try_state {
	use super::*;
	use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};

	const REASONS: [HoldReason; 7] = [
		HoldReason::CompanyPrefixDeposit,
		HoldReason::ProductDeposit,
		HoldReason::BatchDeposit,
		HoldReason::ContainerDeposit,
		HoldReason::ShipmentDeposit,
		HoldReason::OrderDeposit,
		HoldReason::SuspectReportDeposit,
	];

	/// A deposit stored under each reason: the prefixes of the parties' set-up, the palletised
	/// stock, an order, a shipment in transit and a suspect report.
	fn a_deposit_under_each_reason() {
		palletised();
		commission(BATCH, &["S7", "S8"]);
		assert_ok!(Provenance::place_order(
			signed(WHOLESALER_STAFF),
			WHOLESALER,
			MAKER,
			ASPIRIN,
			1
		));
		ship(MAKER_STAFF, MAKER, WHOLESALER, &[u("S7")]);
		assert_ok!(Provenance::report_suspect(signed(MAKER_STAFF), MAKER, unit("S8"), [0; 32]));
		assert_ok!(Provenance::do_try_state());
	}

	#[test]
	fn try_state_finds_a_hold_without_a_stored_deposit() {
		new_test_ext(|| {
			a_deposit_under_each_reason();
			// Under each reason, on an account with no deposit stored and on one with deposits
			// under every reason: the checks see every account, not only the depositors.
			for reason in REASONS {
				for who in [STRANGER, MAKER_STAFF] {
					assert_ok!(Balances::hold(&reason.into(), &who, 5));
					assert!(Provenance::do_try_state().is_err());
					assert_ok!(Balances::release(&reason.into(), &who, 5, Precision::Exact));
					assert_ok!(Provenance::do_try_state());
				}
			}
		});
	}

	#[test]
	fn try_state_finds_a_stored_deposit_whose_hold_was_released() {
		new_test_ext(|| {
			a_deposit_under_each_reason();
			for (reason, who, deposit) in [
				(HoldReason::CompanyPrefixDeposit, GS1_AUTHORITY, CompanyPrefixDeposit::get()),
				(HoldReason::ProductDeposit, MAKER_STAFF, ProductDeposit::get()),
				(HoldReason::BatchDeposit, MAKER_STAFF, BatchDeposit::get()),
				(HoldReason::ContainerDeposit, MAKER_STAFF, ContainerDeposit::get()),
				(HoldReason::ShipmentDeposit, MAKER_STAFF, ShipmentDeposit::get()),
				(HoldReason::OrderDeposit, WHOLESALER_STAFF, OrderDeposit::get()),
				(HoldReason::SuspectReportDeposit, MAKER_STAFF, SuspectReportDeposit::get()),
			] {
				assert_ok!(Balances::release(&reason.into(), &who, deposit, Precision::Exact));
				assert!(Provenance::do_try_state().is_err());
				assert_ok!(Balances::hold(&reason.into(), &who, deposit));
				assert_ok!(Provenance::do_try_state());
			}
		});
	}
}
