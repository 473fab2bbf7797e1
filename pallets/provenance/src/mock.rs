//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and Provenance, with the
//! shared stub of the credentials pallet ([`MockCredentials`]) that tests set up directly.

use crate as pallet_provenance;
use crate::CompanyPrefix;
use healthchain_primitives::credentials::{InstitutionId, InstitutionKind, Role};
use polkadot_sdk::{
	frame_support::{assert_ok, derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
};

pub use healthchain_test_support::MockCredentials;

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Provenance: pallet_provenance,
	}
);

healthchain_test_support::mock_base!(Test);

parameter_types! {
	pub const CompanyPrefixDeposit: u64 = 6;
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
	type CompanyPrefixDeposit = CompanyPrefixDeposit;
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
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = healthchain_test_support::MockFixtures;
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
/// The authority that verifies manufacturers, distributors, pharmacies and hospitals at home:
/// it assigns company prefixes.
pub const GS1_AUTHORITY: u64 = 32;
/// The company prefixes assigned to the manufacturer: its products' GTINs begin `0950600` or
/// `04006381`.
pub const MAKER_PREFIXES: [&[u8]; 2] = [b"950600", b"4006381"];
/// The company prefix assigned to the other manufacturer: `05012345…` GTINs.
pub const OTHER_MAKER_PREFIX: &[u8] = b"5012345";
/// The company prefix of `party`'s SSCCs: its id in six digits, as the test and benchmark
/// SSCCs (`benchmark_sscc`) carry it.
pub fn sscc_prefix(party: InstitutionId) -> CompanyPrefix {
	CompanyPrefix::truncate_from(format!("{party:06}").into_bytes())
}
/// A regulator's officer with a live credential.
pub const REGULATOR: u64 = 30;
/// Somebody acting for no institution and holding no role.
pub const STRANGER: u64 = 40;
/// An account with no funds, acting for the manufacturer.
pub const PAUPER: u64 = 99;

/// What every funded account starts with.
pub const ENDOWMENT: u64 = 1_000_000;
pub use healthchain_primitives::time::DAY;
pub use healthchain_test_support::START;
/// A year in milliseconds.
pub const YEAR: u64 = 365 * DAY;

/// A fresh chain at [`START`] with the test accounts funded and no credentials.
pub fn new_bench_ext() -> TestExternalities {
	MockCredentials::reset();
	let storage = endowed_genesis(
		[
			MAKER_STAFF,
			OTHER_MAKER_STAFF,
			WHOLESALER_STAFF,
			REGIONAL_STAFF,
			PHARMACY_STAFF,
			HOSPITAL_STAFF,
			CLINIC_STAFF,
			REGULATOR,
			GS1_AUTHORITY,
			STRANGER,
		],
		ENDOWMENT,
	);
	chain_at_start(storage)
}

/// Verifies the institutions above, each with its staff as its admin, affiliated and holding a
/// live credential of the trade (a pharmacist at the pharmacy, the hospital and the clinic), does
/// the same for the pauper at the manufacturer, gives the regulator a live credential, and has
/// the GS1 authority assign each manufacturer its GTIN prefixes and each holder its SSCC
/// prefix.
pub fn set_up_parties() {
	for (institution, kind, staff, role) in [
		(MAKER, InstitutionKind::Manufacturer, MAKER_STAFF, Role::Manufacturer),
		(OTHER_MAKER, InstitutionKind::Manufacturer, OTHER_MAKER_STAFF, Role::Manufacturer),
		(WHOLESALER, InstitutionKind::Distributor, WHOLESALER_STAFF, Role::Distributor),
		(REGIONAL, InstitutionKind::Distributor, REGIONAL_STAFF, Role::Distributor),
		(PHARMACY, InstitutionKind::Pharmacy, PHARMACY_STAFF, Role::Pharmacist),
		(HOSPITAL, InstitutionKind::Hospital, HOSPITAL_STAFF, Role::Pharmacist),
		(CLINIC, InstitutionKind::Clinic, CLINIC_STAFF, Role::Pharmacist),
	] {
		MockCredentials::verify(institution, kind);
		MockCredentials::make_admin(staff, institution);
		MockCredentials::affiliate(staff, institution);
		MockCredentials::license(staff, role);
	}
	MockCredentials::affiliate(PAUPER, MAKER);
	MockCredentials::license(PAUPER, Role::Manufacturer);
	MockCredentials::license(REGULATOR, Role::Regulator);
	MockCredentials::accredit_for(
		GS1_AUTHORITY,
		healthchain_test_support::HOME,
		&[],
		&[
			InstitutionKind::Manufacturer,
			InstitutionKind::Distributor,
			InstitutionKind::Pharmacy,
			InstitutionKind::Hospital,
		],
	);
	let gtin_prefixes =
		[(MAKER_PREFIXES[0], MAKER), (MAKER_PREFIXES[1], MAKER), (OTHER_MAKER_PREFIX, OTHER_MAKER)];
	for (prefix, holder) in gtin_prefixes {
		assert_ok!(Provenance::assign_company_prefix(
			RuntimeOrigin::signed(GS1_AUTHORITY),
			CompanyPrefix::truncate_from(prefix.to_vec()),
			holder
		));
	}
	for holder in [MAKER, OTHER_MAKER, WHOLESALER, REGIONAL, PHARMACY, HOSPITAL] {
		assert_ok!(Provenance::assign_company_prefix(
			RuntimeOrigin::signed(GS1_AUTHORITY),
			sscc_prefix(holder),
			holder
		));
	}
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
