//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and Provenance, with a
//! stub of the credentials pallet that tests set up directly.

use crate as pallet_provenance;
use healthchain_primitives::credentials::{
	CredentialsInspect, InstitutionId, InstitutionKind, Role,
};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
};
use std::{
	cell::{Cell, RefCell},
	collections::{BTreeMap, BTreeSet},
};

type Block = frame_system::mocking::MockBlock<Test>;

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Provenance: pallet_provenance,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

#[derive_impl(pallet_timestamp::config_preludes::TestDefaultConfig)]
impl pallet_timestamp::Config for Test {}

thread_local! {
	static ROLES: RefCell<BTreeSet<(u64, Role)>> = const { RefCell::new(BTreeSet::new()) };
	static INSTITUTIONS: RefCell<BTreeMap<InstitutionId, InstitutionKind>> =
		const { RefCell::new(BTreeMap::new()) };
	static ACTORS: RefCell<BTreeSet<(u64, InstitutionId)>> =
		const { RefCell::new(BTreeSet::new()) };
	static AUTHORITIES: RefCell<BTreeSet<u64>> = const { RefCell::new(BTreeSet::new()) };
	static NEXT_INSTITUTION: Cell<InstitutionId> = const { Cell::new(1_000) };
}

/// The credentials pallet as the tests set it up: which institutions are verified and of which
/// kind, who acts for them, who holds which live role.
pub struct MockCredentials;

impl MockCredentials {
	/// Gives `who` a live credential for `role`.
	pub fn license(who: u64, role: Role) {
		ROLES.with(|roles| roles.borrow_mut().insert((who, role)));
	}

	/// Takes `who`'s credential for `role` away, as expiry, suspension or revocation would.
	pub fn lapse(who: u64, role: Role) {
		ROLES.with(|roles| roles.borrow_mut().remove(&(who, role)));
	}

	/// Registers and verifies `institution` of `kind`, with `admin` acting for it.
	pub fn verify(institution: InstitutionId, kind: InstitutionKind, admin: u64) {
		INSTITUTIONS.with(|institutions| institutions.borrow_mut().insert(institution, kind));
		ACTORS.with(|actors| actors.borrow_mut().insert((admin, institution)));
	}

	/// Suspends `institution`: it is no longer verified.
	pub fn suspend(institution: InstitutionId) {
		INSTITUTIONS.with(|institutions| institutions.borrow_mut().remove(&institution));
	}

	fn reset() {
		ROLES.with(|roles| roles.borrow_mut().clear());
		INSTITUTIONS.with(|institutions| institutions.borrow_mut().clear());
		ACTORS.with(|actors| actors.borrow_mut().clear());
		AUTHORITIES.with(|authorities| authorities.borrow_mut().clear());
		NEXT_INSTITUTION.with(|next| next.set(1_000));
	}
}

impl CredentialsInspect<u64> for MockCredentials {
	fn has_role(who: &u64, role: Role) -> bool {
		ROLES.with(|roles| roles.borrow().contains(&(*who, role)))
	}

	fn is_affiliated(practitioner: &u64, institution: InstitutionId) -> bool {
		Self::acts_for(practitioner, institution)
	}

	fn verified_institution_kind(institution: InstitutionId) -> Option<InstitutionKind> {
		INSTITUTIONS.with(|institutions| institutions.borrow().get(&institution).copied())
	}

	fn acts_for(who: &u64, institution: InstitutionId) -> bool {
		Self::is_verified_institution(institution)
			&& ACTORS.with(|actors| actors.borrow().contains(&(*who, institution)))
	}

	fn is_authority(who: &u64) -> bool {
		AUTHORITIES.with(|authorities| authorities.borrow().contains(who))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn grant_role_for_benchmarks(who: &u64, role: Role) {
		Self::license(*who, role);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn affiliate_for_benchmarks(practitioner: &u64) -> InstitutionId {
		Self::institution_for_benchmarks(InstitutionKind::Hospital, practitioner)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn institution_for_benchmarks(kind: InstitutionKind, admin: &u64) -> InstitutionId {
		let id = NEXT_INSTITUTION.with(|next| {
			let id = next.get();
			next.set(id + 1);
			id
		});
		Self::verify(id, kind, *admin);
		id
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmarks(who: &u64) {
		AUTHORITIES.with(|authorities| authorities.borrow_mut().insert(*who));
	}
}

parameter_types! {
	pub const ProductDeposit: u64 = 10;
	pub const BatchDeposit: u64 = 20;
	pub const UnitDeposit: u64 = 1;
	pub const ContainerDeposit: u64 = 5;
	pub const ShipmentDeposit: u64 = 4;
	pub const OrderDeposit: u64 = 3;
	pub const SuspectReportDeposit: u64 = 2;
	pub const RetentionPeriod: u64 = YEAR;
}

/// The most units one call names in the mock, as in a runtime.
pub const MAX_UNITS_PER_CALL: u32 = 1_000;
/// The most items one shipment names in the mock.
pub const MAX_ITEMS_PER_SHIPMENT: u32 = 4;
/// The most units a batch declares in the mock.
pub const MAX_BATCH_QUANTITY: u32 = 100_000;

impl pallet_provenance::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = MockCredentials;
	type ProductDeposit = ProductDeposit;
	type BatchDeposit = BatchDeposit;
	type UnitDeposit = UnitDeposit;
	type ContainerDeposit = ContainerDeposit;
	type ShipmentDeposit = ShipmentDeposit;
	type OrderDeposit = OrderDeposit;
	type SuspectReportDeposit = SuspectReportDeposit;
	type RetentionPeriod = RetentionPeriod;
	type MaxBatchQuantity = ConstU32<MAX_BATCH_QUANTITY>;
	type MaxUnitsPerCall = ConstU32<MAX_UNITS_PER_CALL>;
	type MaxItemsPerShipment = ConstU32<MAX_ITEMS_PER_SHIPMENT>;
	type MaxNesting = ConstU32<2>;
	type WeightInfo = ();
}

/// A verified manufacturer.
pub const MAKER: InstitutionId = 1;
/// Another verified manufacturer.
pub const OTHER_MAKER: InstitutionId = 2;
/// A verified wholesale distributor.
pub const WHOLESALER: InstitutionId = 3;
/// Another verified distributor.
pub const REGIONAL: InstitutionId = 4;
/// A verified pharmacy.
pub const PHARMACY: InstitutionId = 5;
/// A verified hospital.
pub const HOSPITAL: InstitutionId = 6;
/// A verified clinic: may report suspects, nothing else here.
pub const CLINIC: InstitutionId = 7;
/// An institution that is not verified.
pub const UNVERIFIED: InstitutionId = 9;

/// The manufacturer's staff.
pub const MAKER_STAFF: u64 = 11;
/// The other manufacturer's staff.
pub const OTHER_MAKER_STAFF: u64 = 12;
/// The wholesaler's staff.
pub const WHOLESALER_STAFF: u64 = 13;
/// The regional distributor's staff.
pub const REGIONAL_STAFF: u64 = 14;
/// The pharmacy's staff.
pub const PHARMACY_STAFF: u64 = 15;
/// The hospital's staff.
pub const HOSPITAL_STAFF: u64 = 16;
/// The clinic's staff.
pub const CLINIC_STAFF: u64 = 17;
/// A regulator's officer with a live credential.
pub const REGULATOR: u64 = 30;
/// Somebody acting for no institution and holding no role.
pub const STRANGER: u64 = 40;
/// An account with no funds, acting for the manufacturer.
pub const PAUPER: u64 = 99;

/// What every funded account starts with.
pub const ENDOWMENT: u64 = 1_000_000;
/// The chain's clock when each test starts: 14 November 2023, in milliseconds.
pub const START: u64 = 1_700_000_000_000;
/// A day in milliseconds.
pub const DAY: u64 = 24 * 60 * 60 * 1_000;
/// A year in milliseconds.
pub const YEAR: u64 = 365 * DAY;

/// A fresh chain at [`START`] with the test accounts funded and no credentials.
pub fn new_bench_ext() -> TestExternalities {
	MockCredentials::reset();
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [
			MAKER_STAFF,
			OTHER_MAKER_STAFF,
			WHOLESALER_STAFF,
			REGIONAL_STAFF,
			PHARMACY_STAFF,
			HOSPITAL_STAFF,
			CLINIC_STAFF,
			REGULATOR,
			STRANGER,
		]
		.into_iter()
		.map(|account| (account, ENDOWMENT))
		.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Timestamp::set_timestamp(START);
	});
	ext
}

/// Verifies the institutions above with their staff acting for them (the pauper too, for the
/// manufacturer) and gives the regulator a live credential.
pub fn set_up_parties() {
	MockCredentials::verify(MAKER, InstitutionKind::Manufacturer, MAKER_STAFF);
	MockCredentials::verify(MAKER, InstitutionKind::Manufacturer, PAUPER);
	MockCredentials::verify(OTHER_MAKER, InstitutionKind::Manufacturer, OTHER_MAKER_STAFF);
	MockCredentials::verify(WHOLESALER, InstitutionKind::Distributor, WHOLESALER_STAFF);
	MockCredentials::verify(REGIONAL, InstitutionKind::Distributor, REGIONAL_STAFF);
	MockCredentials::verify(PHARMACY, InstitutionKind::Pharmacy, PHARMACY_STAFF);
	MockCredentials::verify(HOSPITAL, InstitutionKind::Hospital, HOSPITAL_STAFF);
	MockCredentials::verify(CLINIC, InstitutionKind::Clinic, CLINIC_STAFF);
	MockCredentials::license(REGULATOR, Role::Regulator);
}

/// Runs `test` on a fresh chain at [`START`] with [`set_up_parties`]; then checks the
/// pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		set_up_parties();
		test();
		Provenance::do_try_state().expect("storage invariants hold");
	});
}

/// Moves the chain's clock to `now`.
pub fn set_now(now: u64) {
	pallet_timestamp::Now::<Test>::put(now);
}
