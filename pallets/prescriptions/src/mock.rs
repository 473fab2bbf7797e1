//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and Prescriptions, with the
//! shared stub of the credentials pallet ([`MockCredentials`]) and a stub of the provenance
//! pallet that tests set up directly.
//!
//! The provenance stub keeps its table of packs (product, custodian, a refusal to give) in a
//! thread-local, as set-up, and the packs it has decommissioned in storage, as the provenance
//! pallet does: a call that fails after decommissioning some packs rolls those back with the
//! rest of its storage layer, which the atomicity tests rely on.

use crate as pallet_prescriptions;
use alloc::collections::BTreeMap;
use codec::Encode;
use core::cell::RefCell;
use healthchain_primitives::{
	consent::{AccessBasis, Purpose},
	credentials::{InstitutionId, InstitutionKind, Role},
	provenance::{Gtin, MedicineUnits, Sgtin, UnitRefusal},
};
use polkadot_sdk::{
	frame_support::{
		derive_impl, parameter_types, storage::unhashed, traits::ConstU32, weights::Weight,
	},
	frame_system, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
	sp_runtime::BoundedVec,
};

#[cfg(feature = "runtime-benchmarks")]
pub use healthchain_test_support::MockFixtures;
pub use healthchain_test_support::{MockAccess, MockCredentials};

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		Prescriptions: pallet_prescriptions,
	}
);

healthchain_test_support::mock_base!(Test);

thread_local! {
	static UNITS: RefCell<BTreeMap<Sgtin, StubUnit>> = const { RefCell::new(BTreeMap::new()) };
}

/// A pack as the provenance stub knows it.
#[derive(Clone, Copy)]
struct StubUnit {
	/// The institution holding it; `None` while in transit.
	custodian: Option<InstitutionId>,
	/// What the stub answers instead of dispensing it (expired, recalled, suspect, ...).
	refusal: Option<UnitRefusal>,
	/// The weight it leaves unused of the deepest-nested pack's when dispensed.
	unused: Weight,
}

/// The provenance pallet as the tests set it up: which packs exist, who holds them and what is
/// wrong with them. [`MedicineUnits::dispense`] answers, in this order: unknown packs are not
/// genuine; decommissioned packs are refused; a pack's set refusal is given; a pack of another
/// GTIN than the product is the wrong product; a pack not held by the pharmacy is not in its
/// custody. Otherwise the pack is decommissioned, in storage.
pub struct MockUnits;

impl MockUnits {
	/// Commissions the pack `unit` into `custodian`'s custody (`None`: in transit).
	pub fn stock(unit: &Sgtin, custodian: Option<InstitutionId>) {
		UNITS.with(|units| {
			units
				.borrow_mut()
				.insert(unit.clone(), StubUnit { custodian, refusal: None, unused: Weight::zero() })
		});
	}

	/// Makes the stub refuse to dispense `unit` with `refusal`.
	pub fn refuse(unit: &Sgtin, refusal: UnitRefusal) {
		UNITS.with(|units| {
			if let Some(stub) = units.borrow_mut().get_mut(unit) {
				stub.refusal = Some(refusal);
			}
		});
	}

	/// Makes dispensing `unit` leave `unused` of the deepest pack's weight, as a pack held in
	/// fewer cases does.
	pub fn nest_shallower(unit: &Sgtin, unused: Weight) {
		UNITS.with(|units| {
			if let Some(stub) = units.borrow_mut().get_mut(unit) {
				stub.unused = unused;
			}
		});
	}

	/// Whether the stub has decommissioned `unit` as dispensed.
	pub fn is_dispensed(unit: &Sgtin) -> bool {
		unhashed::exists(&Self::dispensed_key(unit))
	}

	fn dispensed_key(unit: &Sgtin) -> alloc::vec::Vec<u8> {
		(b"MockUnits/dispensed/", unit).encode()
	}

	fn reset() {
		UNITS.with(|units| units.borrow_mut().clear());
	}
}

impl MedicineUnits for MockUnits {
	fn dispense(
		unit: &Sgtin,
		product: &Gtin,
		pharmacy: InstitutionId,
	) -> Result<Weight, UnitRefusal> {
		let stub = UNITS
			.with(|units| units.borrow().get(unit).copied())
			.ok_or(UnitRefusal::NotGenuine)?;
		if Self::is_dispensed(unit) {
			return Err(UnitRefusal::Decommissioned);
		}
		if let Some(refusal) = stub.refusal {
			return Err(refusal);
		}
		if unit.gtin != *product {
			return Err(UnitRefusal::WrongProduct);
		}
		if stub.custodian != Some(pharmacy) {
			return Err(UnitRefusal::NotInCustody);
		}
		unhashed::put(&Self::dispensed_key(unit), &());
		Ok(stub.unused)
	}
}

parameter_types! {
	pub const PrescriptionDeposit: u64 = 10;
	pub const FillDeposit: u64 = 2;
	pub const MaxValidity: u64 = 365 * DAY;
}

/// The most packs per fill in the mock.
pub const MAX_UNITS_PER_FILL: u32 = 3;
/// The most repeats in the mock.
pub const MAX_REPEATS: u32 = 2;

impl pallet_prescriptions::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = MockCredentials;
	type Units = MockUnits;
	type Access = MockAccess;
	type PrescriptionDeposit = PrescriptionDeposit;
	type FillDeposit = FillDeposit;
	type MaxUnitsPerFill = ConstU32<MAX_UNITS_PER_FILL>;
	type MaxRepeats = ConstU32<MAX_REPEATS>;
	type MaxValidity = MaxValidity;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockFixtures;
}

/// The benchmarks' packs, in [`MockUnits`]; their credentials and consent come with the shared
/// [`MockFixtures`].
#[cfg(feature = "runtime-benchmarks")]
impl pallet_prescriptions::BenchmarkHelper<u64> for MockFixtures {
	/// A pack in the pharmacy's custody, stocked in [`MockUnits`].
	fn dispensable_unit(product: &Gtin, pharmacy: InstitutionId, index: u32) -> Sgtin {
		let unit = sgtin_of(*product, &alloc::format!("{index:020}"));
		MockUnits::stock(&unit, Some(pharmacy));
		unit
	}
}

/// A patient.
pub const PATIENT: u64 = 1;
/// Another patient.
pub const OTHER_PATIENT: u64 = 2;
/// A physician.
pub const DOCTOR: u64 = 20;
/// Another physician.
pub const OTHER_DOCTOR: u64 = 21;
/// A pharmacist at the pharmacy, the hospital and the clinic.
pub const PHARMACIST: u64 = 22;
/// A pharmacist at the other pharmacy.
pub const OTHER_PHARMACIST: u64 = 23;
/// Somebody with no role at all.
pub const STRANGER: u64 = 40;
/// A physician with no funds.
pub const PAUPER: u64 = 99;

/// A verified pharmacy.
pub const PHARMACY: InstitutionId = 7;
/// Another verified pharmacy.
pub const OTHER_PHARMACY: InstitutionId = 8;
/// A verified hospital, which dispenses through its own pharmacy.
pub const HOSPITAL: InstitutionId = 9;
/// A verified clinic: it does not dispense.
pub const CLINIC: InstitutionId = 10;
/// An institution that is not verified.
pub const UNVERIFIED: InstitutionId = 11;

/// The product prescribed in the tests (GTIN-14 with a correct check digit).
pub const PRODUCT: Gtin = Gtin(*b"04006381333931");
/// Another product.
pub const OTHER_PRODUCT: Gtin = Gtin(*b"09506000134352");

/// What every funded account starts with.
pub const ENDOWMENT: u64 = 1_000;
pub use healthchain_primitives::time::{DAY, HOUR};
pub use healthchain_test_support::START;

/// The pack of `product` with `serial`.
pub fn sgtin_of(product: Gtin, serial: &str) -> Sgtin {
	Sgtin { gtin: product, serial: BoundedVec::truncate_from(serial.as_bytes().to_vec()) }
}

/// A fresh chain at [`START`] with the test accounts funded, no credentials and no packs.
pub fn new_bench_ext() -> TestExternalities {
	MockCredentials::reset();
	MockAccess::reset();
	MockUnits::reset();
	let storage = endowed_genesis(
		[PATIENT, OTHER_PATIENT, DOCTOR, OTHER_DOCTOR, PHARMACIST, OTHER_PHARMACIST, STRANGER],
		ENDOWMENT,
	);
	chain_at_start(storage)
}

/// Runs `test` on a fresh chain at [`START`] where the doctors (and the pauper) are licensed
/// physicians with both patients' treatment grants, the pharmacists licensed pharmacists, the pharmacy, the other pharmacy, the
/// hospital and the clinic verified, the pharmacist affiliated to the pharmacy, the hospital
/// and the clinic, and the other pharmacist to the other pharmacy; then checks the pallet's
/// invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		for physician in [DOCTOR, OTHER_DOCTOR, PAUPER] {
			MockCredentials::license(physician, Role::Physician);
		}
		for pharmacist in [PHARMACIST, OTHER_PHARMACIST] {
			MockCredentials::license(pharmacist, Role::Pharmacist);
		}
		MockCredentials::verify(PHARMACY, InstitutionKind::Pharmacy);
		MockCredentials::verify(OTHER_PHARMACY, InstitutionKind::Pharmacy);
		MockCredentials::verify(HOSPITAL, InstitutionKind::Hospital);
		MockCredentials::verify(CLINIC, InstitutionKind::Clinic);
		for institution in [PHARMACY, HOSPITAL, CLINIC, UNVERIFIED] {
			MockCredentials::affiliate(PHARMACIST, institution);
		}
		MockCredentials::affiliate(OTHER_PHARMACIST, OTHER_PHARMACY);
		for physician in [DOCTOR, OTHER_DOCTOR, PAUPER] {
			for patient in [PATIENT, OTHER_PATIENT] {
				MockAccess::answer(
					physician,
					patient,
					Purpose::Treatment,
					Ok(AccessBasis::Grant(1)),
				);
			}
		}
		test();
		Prescriptions::do_try_state().expect("storage invariants hold");
	});
}
