//! Unit tests: every call's success and each refusal, the atomicity of dispensing, deposits,
//! events and the queries behind the runtime API.

use crate::{mock::*, *};
// The pallet, not its storage map of the same name (named `crate::Prescriptions` here).
use crate::mock::Prescriptions;
use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::{GetDispatchInfo, Pays},
		traits::{
			fungible::{Inspect, InspectHold},
			ConstU32,
		},
		weights::Weight,
		BoundedVec,
	},
	sp_runtime::{traits::Dispatchable, AccountId32, DispatchError, DispatchResult, TokenError},
};

/// Packs per fill in the usual prescription.
const QUANTITY: u32 = 2;
/// Repeats the usual prescription allows after its first fill.
const REPEATS: u32 = 1;
/// The usual prescription's minimum interval between fills.
const INTERVAL: u64 = 7 * DAY;
/// The usual prescription's validity period, from now.
const VALIDITY: u64 = 30 * DAY;
/// Hash of the usual prescription's off-chain instructions.
const INSTRUCTIONS: [u8; 32] = [3; 32];

type W = <Test as Config>::WeightInfo;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The pack of the prescribed product with `serial`.
fn pack(serial: &str) -> Sgtin {
	sgtin_of(PRODUCT, serial)
}

fn units(list: &[Sgtin]) -> UnitsOf<Test> {
	BoundedVec::truncate_from(list.to_vec())
}

/// Packs of the prescribed product with these serials, commissioned into the pharmacy's
/// custody.
fn stocked(serials: &[&str]) -> UnitsOf<Test> {
	let packs: Vec<Sgtin> = serials.iter().map(|serial| pack(serial)).collect();
	for unit in &packs {
		MockUnits::stock(unit, Some(PHARMACY));
	}
	units(&packs)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::PrescriptionDeposit.into(), &who)
}

/// The deposit of a prescription allowing `repeats` repeats.
fn deposit(repeats: u32) -> u64 {
	PrescriptionDeposit::get() + FillDeposit::get() * u64::from(repeats + 1)
}

/// `prescriber` prescribes the product to `patient` with the given dispense request.
#[allow(clippy::too_many_arguments)]
fn issue(
	prescriber: u64,
	patient: u64,
	product: Gtin,
	quantity: u32,
	repeats: u32,
	valid_from: Option<u64>,
	valid_until: u64,
	interval: u64,
) -> DispatchResult {
	Prescriptions::issue_prescription(
		signed(prescriber),
		patient,
		product,
		quantity,
		repeats,
		valid_from,
		valid_until,
		interval,
		INSTRUCTIONS,
		Purpose::Treatment,
		None,
	)
}

/// The doctor prescribes the patient [`QUANTITY`] packs of the product, once and [`REPEATS`]
/// more time, valid for [`VALIDITY`] from now, at least [`INTERVAL`] apart.
fn prescribe() -> PrescriptionId {
	prescribe_with(QUANTITY, REPEATS, None, START + VALIDITY)
}

fn prescribe_with(
	quantity: u32,
	repeats: u32,
	valid_from: Option<u64>,
	valid_until: u64,
) -> PrescriptionId {
	let id = NextPrescriptionId::<Test>::get();
	assert_ok!(issue(
		DOCTOR,
		PATIENT,
		PRODUCT,
		quantity,
		repeats,
		valid_from,
		valid_until,
		INTERVAL
	));
	authorise(id, PHARMACY);
	id
}

/// The patient authorises `pharmacy` to dispense the next fill of `id`.
fn authorise(id: PrescriptionId, pharmacy: InstitutionId) {
	assert_ok!(Prescriptions::authorise_fill(signed(PATIENT), id, Some(pharmacy)));
}

/// The pharmacist dispenses `packs` of prescription `id` at the pharmacy; once done, the
/// patient authorises the pharmacy for the next fill, as they would at their next visit.
fn dispense(id: PrescriptionId, packs: UnitsOf<Test>) -> DispatchResult {
	Prescriptions::dispense(signed(PHARMACIST), id, PHARMACY, packs).map_err(|e| e.error)?;
	if crate::IssuedPrescriptions::<Test>::get(id)
		.is_some_and(|entry| entry.status == PrescriptionStatus::Active)
	{
		authorise(id, PHARMACY);
	}
	Ok(())
}

fn status(id: PrescriptionId) -> PrescriptionStatus {
	crate::IssuedPrescriptions::<Test>::get(id).unwrap().status
}

mod issuing {
	use super::*;

	#[test]
	fn issue_prescription_stores_indexes_holds_the_deposit_and_tells() {
		new_test_ext(|| {
			let id = prescribe();

			let stored = crate::IssuedPrescriptions::<Test>::get(id).unwrap();
			assert_eq!(
				stored,
				Prescription {
					prescriber: DOCTOR,
					patient: PATIENT,
					product: PRODUCT,
					quantity_per_fill: QUANTITY,
					repeats_allowed: REPEATS,
					valid_from: START,
					valid_until: START + VALIDITY,
					min_interval: INTERVAL,
					instructions_hash: INSTRUCTIONS,
					issued_at: START,
					fills_used: 0,
					last_fill_at: None,
					status: PrescriptionStatus::Active,
					// The patient authorised the pharmacy right after.
					authorised_pharmacy: Some(PHARMACY),
					deposit: deposit(REPEATS),
				}
			);
			assert!(PatientPrescriptions::<Test>::contains_key(PATIENT, id));
			assert_eq!(NextPrescriptionId::<Test>::get(), id + 1);
			assert_eq!(held(DOCTOR), deposit(REPEATS));
			System::assert_has_event(
				Event::PrescriptionIssued {
					prescription: id,
					prescriber: DOCTOR,
					patient: PATIENT,
					product: PRODUCT,
					quantity_per_fill: QUANTITY,
					repeats_allowed: REPEATS,
					valid_from: START,
					valid_until: START + VALIDITY,
					min_interval: INTERVAL,
					instructions_hash: INSTRUCTIONS,
				}
				.into(),
			);
		});
	}

	#[test]
	fn prescriptions_may_start_later_and_reach_every_bound() {
		new_test_ext(|| {
			let max = MaxValidity::get();
			// Starting tomorrow, it may run until a year from now.
			let later =
				prescribe_with(MAX_UNITS_PER_FILL, MAX_REPEATS, Some(START + DAY), START + max);
			let stored = crate::IssuedPrescriptions::<Test>::get(later).unwrap();
			assert_eq!(stored.valid_from, START + DAY);
			assert_eq!(stored.quantity_per_fill, MAX_UNITS_PER_FILL);
			assert_eq!(stored.repeats_allowed, MAX_REPEATS);
			// Started yesterday, it may run until a year from yesterday, no longer.
			prescribe_with(1, 0, Some(START - DAY), START - DAY + max);
			assert_noop!(
				issue(DOCTOR, PATIENT, PRODUCT, 1, 0, Some(START - DAY), START + max, 0),
				Error::<Test>::ValidityTooLong
			);
			assert_eq!(held(DOCTOR), deposit(MAX_REPEATS) + deposit(0));
		});
	}

	#[test]
	fn only_licensed_physicians_prescribe() {
		new_test_ext(|| {
			let until = START + VALIDITY;
			for outsider in [STRANGER, PHARMACIST] {
				assert_noop!(
					issue(outsider, PATIENT, PRODUCT, 1, 0, None, until, 0),
					Error::<Test>::NotAPrescriber
				);
			}
			// An expired, suspended or revoked credential gives no role.
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert_noop!(
				issue(DOCTOR, PATIENT, PRODUCT, 1, 0, None, until, 0),
				Error::<Test>::NotAPrescriber
			);
		});
	}

	/// Attack: a physician attaches a medication to an account that never consented to their
	/// care. Prescribing needs the patient's treatment grant allowing writing (or break-glass
	/// for emergency treatment), and a guardian's standing is not a prescriber's.
	#[test]
	fn prescribing_needs_the_patients_consent() {
		new_test_ext(|| {
			MockAccess::answer(DOCTOR, PATIENT, Purpose::Treatment, Err(AccessDenied::NoGrant));
			let prescribe = |purpose, on_behalf_of| {
				Prescriptions::issue_prescription(
					signed(DOCTOR),
					PATIENT,
					PRODUCT,
					QUANTITY,
					REPEATS,
					None,
					START + VALIDITY,
					INTERVAL,
					INSTRUCTIONS,
					purpose,
					on_behalf_of,
				)
			};
			assert_noop!(prescribe(Purpose::Treatment, None), Error::<Test>::NoPatientConsent);
			MockAccess::answer(DOCTOR, PATIENT, Purpose::Treatment, Ok(AccessBasis::Guardian));
			assert_noop!(prescribe(Purpose::Treatment, None), Error::<Test>::NoPatientConsent);
			assert_noop!(
				prescribe(Purpose::Research, None),
				Error::<Test>::PurposeNotForPrescribing
			);
			MockAccess::answer(
				DOCTOR,
				PATIENT,
				Purpose::EmergencyTreatment,
				Ok(AccessBasis::BreakGlass(4)),
			);
			assert_ok!(prescribe(Purpose::EmergencyTreatment, Some(HOSPITAL)));
			let asked = MockAccess::checked().pop().unwrap();
			assert_eq!(
				(asked.action, asked.on_behalf_of, asked.target.category.code.to_vec()),
				(Action::Write, Some(HOSPITAL), PRESCRIPTION_RESOURCE_TYPE.to_vec())
			);
		});
	}

	#[test]
	fn a_physician_may_not_prescribe_to_themselves() {
		new_test_ext(|| {
			assert_noop!(
				issue(DOCTOR, DOCTOR, PRODUCT, 1, 0, None, START + VALIDITY, 0),
				Error::<Test>::SelfPrescription
			);
		});
	}

	#[test]
	fn gtins_with_a_bad_check_digit_are_refused() {
		new_test_ext(|| {
			for bad in [*b"04006381333930", *b"0400638133393A", *b"10614141000416"] {
				assert_noop!(
					issue(DOCTOR, PATIENT, Gtin(bad), 1, 0, None, START + VALIDITY, 0),
					Error::<Test>::InvalidGtin
				);
			}
		});
	}

	#[test]
	fn quantities_and_repeats_are_bounded() {
		new_test_ext(|| {
			let until = START + VALIDITY;
			assert_noop!(
				issue(DOCTOR, PATIENT, PRODUCT, 0, 0, None, until, 0),
				Error::<Test>::ZeroQuantity
			);
			assert_noop!(
				issue(DOCTOR, PATIENT, PRODUCT, MAX_UNITS_PER_FILL + 1, 0, None, until, 0),
				Error::<Test>::QuantityTooLarge
			);
			assert_noop!(
				issue(DOCTOR, PATIENT, PRODUCT, 1, MAX_REPEATS + 1, None, until, 0),
				Error::<Test>::TooManyRepeats
			);
		});
	}

	#[test]
	fn validity_periods_and_intervals_are_checked() {
		new_test_ext(|| {
			let try_issue = |from, until, repeats, interval| {
				issue(DOCTOR, PATIENT, PRODUCT, 1, repeats, from, until, interval)
			};
			// Ending when it starts, or ending before now.
			assert_noop!(
				try_issue(Some(START + DAY), START + DAY, 0, 0),
				Error::<Test>::InvalidPeriod
			);
			assert_noop!(try_issue(None, START, 0, 0), Error::<Test>::InvalidPeriod);
			assert_noop!(
				try_issue(Some(START - 2 * DAY), START - DAY, 0, 0),
				Error::<Test>::InvalidPeriod
			);
			// Longer than a year, from its start or from now.
			assert_noop!(
				try_issue(None, START + MaxValidity::get() + 1, 0, 0),
				Error::<Test>::ValidityTooLong
			);
			assert_noop!(
				try_issue(Some(START + DAY), START + MaxValidity::get() + 1, 0, 0),
				Error::<Test>::ValidityTooLong
			);
			// Repeats that could never come.
			assert_noop!(
				try_issue(None, START + VALIDITY, 1, VALIDITY),
				Error::<Test>::IntervalTooLong
			);
			// Without repeats the interval does not matter.
			assert_ok!(try_issue(None, START + VALIDITY, 0, VALIDITY));
			assert_ok!(try_issue(None, START + VALIDITY, 1, VALIDITY - 1));
		});
	}

	#[test]
	fn a_physician_without_funds_cannot_prescribe() {
		new_test_ext(|| {
			assert_noop!(
				issue(PAUPER, PATIENT, PRODUCT, 1, 0, None, START + VALIDITY, 0),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	#[test]
	fn an_exhausted_id_space_is_refused() {
		new_test_ext(|| {
			NextPrescriptionId::<Test>::put(PrescriptionId::MAX);
			assert_noop!(
				issue(DOCTOR, PATIENT, PRODUCT, 1, 0, None, START + VALIDITY, 0),
				Error::<Test>::NoIdsLeft
			);
		});
	}
}

mod dispensing {
	use super::*;

	#[test]
	fn dispense_decommissions_the_packs_records_the_fill_and_tells() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = stocked(&["A1", "A2"]);
			set_now(START + HOUR);

			assert_ok!(dispense(id, packs.clone()));

			assert!(packs.iter().all(MockUnits::is_dispensed));
			assert_eq!(
				Fills::<Test>::get(id, 1),
				Some(Fill {
					pharmacist: PHARMACIST,
					pharmacy: PHARMACY,
					at: START + HOUR,
					units: packs.clone()
				})
			);
			let stored = crate::IssuedPrescriptions::<Test>::get(id).unwrap();
			assert_eq!(stored.fills_used, 1);
			assert_eq!(stored.last_fill_at, Some(START + HOUR));
			assert_eq!(stored.status, PrescriptionStatus::Active);
			System::assert_has_event(
				Event::PrescriptionDispensed {
					prescription: id,
					fill: 1,
					patient: PATIENT,
					pharmacist: PHARMACIST,
					pharmacy: PHARMACY,
					units: packs,
				}
				.into(),
			);
			// The deposit stays with the prescriber; the pharmacist holds nothing.
			assert_eq!(held(DOCTOR), deposit(REPEATS));
			assert_eq!(held(PHARMACIST), 0);
		});
	}

	#[test]
	fn packs_in_fewer_cases_are_refunded_what_they_did_not_cost() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = stocked(&["A1", "A2"]);
			// A1 sits loose on the shelf; A2 is as deep in cases as packs go.
			let loose = Weight::from_parts(40_000_000, 5_000);
			MockUnits::nest_shallower(&packs[0], loose);
			let charged = W::dispense(2);

			let info = Prescriptions::dispense(signed(PHARMACIST), id, PHARMACY, packs).unwrap();

			assert_eq!(info.actual_weight, Some(charged - loose));
			assert_eq!(info.pays_fee, Pays::Yes);
		});
	}

	#[test]
	fn the_last_fill_completes_the_prescription() {
		new_test_ext(|| {
			let id = prescribe();
			assert_ok!(dispense(id, stocked(&["A1", "A2"])));
			set_now(START + INTERVAL);

			assert_ok!(dispense(id, stocked(&["A3", "A4"])));

			assert_eq!(status(id), PrescriptionStatus::Completed);
			assert_eq!(crate::IssuedPrescriptions::<Test>::get(id).unwrap().fills_used, 2);
			assert_eq!(Fills::<Test>::get(id, 2).unwrap().units, units(&[pack("A3"), pack("A4")]));
			System::assert_has_event(
				Event::PrescriptionDispensed {
					prescription: id,
					fill: 2,
					patient: PATIENT,
					pharmacist: PHARMACIST,
					pharmacy: PHARMACY,
					units: units(&[pack("A3"), pack("A4")]),
				}
				.into(),
			);
			System::assert_last_event(
				Event::PrescriptionCompleted { prescription: id, patient: PATIENT }.into(),
			);
		});
	}

	#[test]
	fn a_hospital_dispenses_through_its_pharmacy() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = units(&[pack("H1"), pack("H2")]);
			for unit in packs.iter() {
				MockUnits::stock(unit, Some(HOSPITAL));
			}
			authorise(id, HOSPITAL);
			assert_ok!(Prescriptions::dispense(signed(PHARMACIST), id, HOSPITAL, packs));
			assert_eq!(Fills::<Test>::get(id, 1).unwrap().pharmacy, HOSPITAL);
		});
	}

	#[test]
	fn only_licensed_pharmacists_dispense() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = stocked(&["A1", "A2"]);
			for outsider in [STRANGER, DOCTOR] {
				MockCredentials::affiliate(outsider, PHARMACY);
				assert_noop!(
					Prescriptions::dispense(signed(outsider), id, PHARMACY, packs.clone()),
					Error::<Test>::NotAPharmacist
				);
			}
			// An expired, suspended or revoked credential gives no role.
			MockCredentials::lapse(PHARMACIST, Role::Pharmacist);
			assert_noop!(dispense(id, packs), Error::<Test>::NotAPharmacist);
		});
	}

	#[test]
	fn only_verified_pharmacies_and_hospitals_dispense() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = stocked(&["A1", "A2"]);
			for institution in [CLINIC, UNVERIFIED] {
				assert_noop!(
					Prescriptions::dispense(signed(PHARMACIST), id, institution, packs.clone()),
					Error::<Test>::NotALicensedPharmacy
				);
			}
		});
	}

	#[test]
	fn a_pharmacist_dispenses_only_for_a_pharmacy_they_belong_to() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = units(&[pack("B1"), pack("B2")]);
			for unit in packs.iter() {
				MockUnits::stock(unit, Some(OTHER_PHARMACY));
			}
			authorise(id, OTHER_PHARMACY);
			assert_noop!(
				Prescriptions::dispense(signed(PHARMACIST), id, OTHER_PHARMACY, packs.clone()),
				Error::<Test>::NotAffiliated
			);
			assert_ok!(Prescriptions::dispense(
				signed(OTHER_PHARMACIST),
				id,
				OTHER_PHARMACY,
				packs
			));
		});
	}

	#[test]
	fn unknown_prescriptions_are_refused() {
		new_test_ext(|| {
			assert_noop!(dispense(5, stocked(&["A1", "A2"])), Error::<Test>::UnknownPrescription);
		});
	}

	#[test]
	fn every_refusal_of_a_pack_is_reported() {
		new_test_ext(|| {
			let id = prescribe();
			let good = pack("OK");
			MockUnits::stock(&good, Some(PHARMACY));
			let try_with = |unit: Sgtin| dispense(id, units(&[good.clone(), unit]));

			// Never commissioned: counterfeit.
			assert_noop!(try_with(pack("FAKE")), Error::<Test>::NotGenuine);
			// Held by another pharmacy (the wrong custodian), or in transit.
			let elsewhere = pack("ELSEWHERE");
			MockUnits::stock(&elsewhere, Some(OTHER_PHARMACY));
			assert_noop!(try_with(elsewhere), Error::<Test>::NotInCustody);
			let in_transit = pack("TRANSIT");
			MockUnits::stock(&in_transit, None);
			assert_noop!(try_with(in_transit), Error::<Test>::NotInCustody);
			// A pack of another product, in the pharmacy's custody.
			let other = sgtin_of(OTHER_PRODUCT, "OTHER");
			MockUnits::stock(&other, Some(PHARMACY));
			assert_noop!(try_with(other), Error::<Test>::WrongProduct);
			// What the provenance pallet finds wrong with a pack of the right GTIN.
			for (serial, refusal, error) in [
				("EXPIRED", UnitRefusal::Expired, Error::<Test>::PackExpired),
				("RECALLED", UnitRefusal::Recalled, Error::<Test>::Recalled),
				("SUSPECT", UnitRefusal::Suspect, Error::<Test>::Suspect),
				("DESTROYED", UnitRefusal::Decommissioned, Error::<Test>::Decommissioned),
				("MISLABELLED", UnitRefusal::WrongProduct, Error::<Test>::WrongProduct),
				("MOVED", UnitRefusal::NotInCustody, Error::<Test>::NotInCustody),
				("UNKNOWN", UnitRefusal::NotGenuine, Error::<Test>::NotGenuine),
			] {
				let unit = pack(serial);
				MockUnits::stock(&unit, Some(PHARMACY));
				MockUnits::refuse(&unit, refusal);
				assert_noop!(try_with(unit), error);
			}
			assert!(!MockUnits::is_dispensed(&good));
			assert_eq!(crate::IssuedPrescriptions::<Test>::get(id).unwrap().fills_used, 0);
		});
	}

	#[test]
	fn a_pack_is_dispensed_only_once() {
		new_test_ext(|| {
			let first = prescribe();
			let second = prescribe();
			assert_ok!(dispense(first, stocked(&["A1", "A2"])));
			set_now(START + INTERVAL);
			let fresh = stocked(&["A3"])[0].clone();
			// Not for the same prescription's repeat, nor for another prescription.
			assert_noop!(
				dispense(first, units(&[pack("A1"), fresh.clone()])),
				Error::<Test>::Decommissioned
			);
			assert_noop!(
				dispense(second, units(&[fresh, pack("A2")])),
				Error::<Test>::Decommissioned
			);
		});
	}

	#[test]
	fn the_packs_must_be_as_many_as_prescribed_and_distinct() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = stocked(&["A1", "A2", "A3"]);
			assert_noop!(dispense(id, units(&packs[..1])), Error::<Test>::WrongQuantity);
			assert_noop!(dispense(id, packs.clone()), Error::<Test>::WrongQuantity);
			assert_noop!(dispense(id, units(&[])), Error::<Test>::WrongQuantity);
			assert_noop!(
				dispense(id, units(&[packs[0].clone(), packs[0].clone()])),
				Error::<Test>::DuplicateUnit
			);
		});
	}

	#[test]
	fn no_fill_beyond_the_repeats() {
		new_test_ext(|| {
			let id = prescribe();
			assert_ok!(dispense(id, stocked(&["A1", "A2"])));
			set_now(START + INTERVAL);
			assert_ok!(dispense(id, stocked(&["A3", "A4"])));
			set_now(START + 2 * INTERVAL);
			assert_noop!(dispense(id, stocked(&["A5", "A6"])), Error::<Test>::NoRepeatsLeft);
		});
	}

	#[test]
	fn no_fill_before_the_interval_has_passed() {
		new_test_ext(|| {
			let id = prescribe();
			set_now(START + HOUR);
			assert_ok!(dispense(id, stocked(&["A1", "A2"])));
			set_now(START + HOUR + INTERVAL - 1);
			assert_noop!(dispense(id, stocked(&["A3", "A4"])), Error::<Test>::TooEarly);
			set_now(START + HOUR + INTERVAL);
			assert_ok!(dispense(id, stocked(&["A3", "A4"])));
		});
	}

	#[test]
	fn no_fill_outside_the_validity_period() {
		new_test_ext(|| {
			let id = prescribe_with(QUANTITY, REPEATS, Some(START + DAY), START + VALIDITY);
			let packs = stocked(&["A1", "A2"]);
			set_now(START + DAY - 1);
			assert_noop!(dispense(id, packs.clone()), Error::<Test>::NotYetValid);
			set_now(START + VALIDITY);
			assert_noop!(dispense(id, packs.clone()), Error::<Test>::PrescriptionExpired);
			set_now(START + VALIDITY - 1);
			assert_ok!(dispense(id, packs));
		});
	}

	#[test]
	fn no_fill_after_cancellation() {
		new_test_ext(|| {
			let id = prescribe();
			assert_ok!(Prescriptions::cancel_prescription(signed(DOCTOR), id));
			assert_noop!(dispense(id, stocked(&["A1", "A2"])), Error::<Test>::Cancelled);
		});
	}

	#[test]
	fn a_refused_pack_undoes_the_packs_before_it() {
		new_test_ext(|| {
			let id = prescribe_with(3, 0, None, START + VALIDITY);
			let packs = stocked(&["A1", "A2", "A3"]);
			MockUnits::refuse(&packs[2], UnitRefusal::Recalled);

			// The stub decommissions the first two packs before it refuses the third; the
			// call's storage layer undoes them (`assert_noop` checks the storage root).
			assert_noop!(dispense(id, packs.clone()), Error::<Test>::Recalled);
			assert!(!MockUnits::is_dispensed(&packs[0]));
			assert!(!MockUnits::is_dispensed(&packs[1]));

			// The same through the runtime's dispatch, as an extrinsic runs.
			let call = RuntimeCall::Prescriptions(Call::dispense {
				prescription: id,
				pharmacy: PHARMACY,
				units: packs.clone(),
			});
			assert_eq!(
				call.dispatch(signed(PHARMACIST)).map_err(|failure| failure.error),
				Err(Error::<Test>::Recalled.into())
			);
			assert!(!MockUnits::is_dispensed(&packs[0]));
			assert!(!MockUnits::is_dispensed(&packs[1]));
			assert_eq!(crate::IssuedPrescriptions::<Test>::get(id).unwrap().fills_used, 0);
			assert_eq!(Fills::<Test>::iter_key_prefix(id).count(), 0);

			// The first two packs are still there to dispense with a good third.
			let third = stocked(&["A4"])[0].clone();
			assert_ok!(dispense(id, units(&[packs[0].clone(), packs[1].clone(), third.clone()])));
			assert!(MockUnits::is_dispensed(&packs[0]) && MockUnits::is_dispensed(&third));
			assert_eq!(status(id), PrescriptionStatus::Completed);
		});
	}

	#[test]
	fn more_packs_than_the_bound_do_not_decode() {
		new_test_ext(|| {
			let three: Vec<Sgtin> = ["A1", "A2", "A3"].map(pack).to_vec();
			let four: Vec<Sgtin> = ["A1", "A2", "A3", "A4"].map(pack).to_vec();
			assert!(UnitsOf::<Test>::decode(&mut &four.encode()[..]).is_err());
			assert_eq!(UnitsOf::<Test>::decode(&mut &three.encode()[..]), Ok(units(&three)));
			// The call itself, as a client would send it: pallet 3, call 1.
			let call = |packs: &Vec<Sgtin>| (3u8, 1u8, 0u64, PHARMACY, packs).encode();
			assert!(RuntimeCall::decode(&mut &call(&four)[..]).is_err());
			assert_eq!(
				RuntimeCall::decode(&mut &call(&three)[..]),
				Ok(RuntimeCall::Prescriptions(Call::dispense {
					prescription: 0,
					pharmacy: PHARMACY,
					units: units(&three)
				}))
			);
		});
	}

	#[test]
	fn the_weight_follows_the_packs_named() {
		new_test_ext(|| {
			for count in 1..=MAX_UNITS_PER_FILL {
				let packs: Vec<Sgtin> =
					(0..count).map(|index| pack(&alloc::format!("W{index}"))).collect();
				let call = Call::<Test>::dispense {
					prescription: 0,
					pharmacy: PHARMACY,
					units: units(&packs),
				};
				assert_eq!(call.get_dispatch_info().call_weight, W::dispense(count));
			}
		});
	}

	/// Attack: a prescriber suspended for fraud leaves every open prescription dispensable.
	/// The credential is checked again at every fill; reinstated, the prescriptions are
	/// dispensable again.
	#[test]
	fn a_prescribers_lapsed_credential_stops_every_fill() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = stocked(&["A1", "A2"]);
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert_noop!(dispense(id, packs.clone()), Error::<Test>::PrescriberNotCredentialed);
			assert_eq!(
				Prescriptions::dispensable(id),
				Some(Err(DispenseRefusal::PrescriberNotCredentialed))
			);
			MockCredentials::license(DOCTOR, Role::Physician);
			assert_eq!(Prescriptions::dispensable(id), Some(Ok(())));
			assert_ok!(dispense(id, packs));
		});
	}

	/// Attack: a pharmacist who holds the product uses up the fills of a prescription that is
	/// not their customer's, by its sequential id. Each fill needs the patient's (or their
	/// guardian's) authorisation of that pharmacy, used up by the fill.
	#[test]
	fn a_fill_needs_the_patients_authorisation_of_that_pharmacy() {
		new_test_ext(|| {
			let id = prescribe();
			let packs = units(&[pack("B1"), pack("B2")]);
			for unit in packs.iter() {
				MockUnits::stock(unit, Some(OTHER_PHARMACY));
			}
			// The patient authorised the pharmacy, not the other one.
			assert_noop!(
				Prescriptions::dispense(
					signed(OTHER_PHARMACIST),
					id,
					OTHER_PHARMACY,
					packs.clone()
				),
				Error::<Test>::FillNotAuthorised
			);
			// Withdrawn, it admits no fill anywhere.
			assert_ok!(Prescriptions::authorise_fill(signed(PATIENT), id, None));
			assert_noop!(dispense(id, stocked(&["A1", "A2"])), Error::<Test>::FillNotAuthorised);
			// Only the patient (or a guardian) authorises; not the pharmacist, not the prescriber.
			for who in [OTHER_PHARMACIST, DOCTOR, OTHER_PATIENT] {
				assert_noop!(
					Prescriptions::authorise_fill(signed(who), id, Some(OTHER_PHARMACY)),
					Error::<Test>::NotPatientOrGuardian
				);
			}
			MockAccess::answer(STRANGER, PATIENT, Purpose::Treatment, Ok(AccessBasis::Guardian));
			assert_ok!(Prescriptions::authorise_fill(signed(STRANGER), id, Some(OTHER_PHARMACY)));
			System::assert_last_event(
				Event::FillAuthorised {
					prescription: id,
					patient: PATIENT,
					pharmacy: Some(OTHER_PHARMACY),
					by: STRANGER,
				}
				.into(),
			);
			assert_ok!(Prescriptions::dispense(
				signed(OTHER_PHARMACIST),
				id,
				OTHER_PHARMACY,
				packs
			));
			// The fill used the authorisation up.
			assert_eq!(
				crate::IssuedPrescriptions::<Test>::get(id).unwrap().authorised_pharmacy,
				None
			);
			assert_noop!(
				Prescriptions::authorise_fill(signed(PATIENT), id, Some(CLINIC)),
				Error::<Test>::NotALicensedPharmacy
			);
			assert_noop!(
				Prescriptions::authorise_fill(signed(PATIENT), 77, Some(PHARMACY)),
				Error::<Test>::UnknownPrescription
			);
		});
	}
}

mod cancelling {
	use super::*;

	#[test]
	fn the_prescriber_cancels_with_immediate_effect() {
		new_test_ext(|| {
			let id = prescribe();
			set_now(START + HOUR);

			assert_ok!(Prescriptions::cancel_prescription(signed(DOCTOR), id));

			assert_eq!(status(id), PrescriptionStatus::Cancelled { at: START + HOUR });
			System::assert_last_event(
				Event::PrescriptionCancelled {
					prescription: id,
					patient: PATIENT,
					prescriber: DOCTOR,
				}
				.into(),
			);
			// The deposit stays held until the prescription is closed.
			assert_eq!(held(DOCTOR), deposit(REPEATS));
			assert_eq!(Prescriptions::remaining_fills(id), Some(0));
		});
	}

	#[test]
	fn only_the_prescriber_cancels() {
		new_test_ext(|| {
			assert_noop!(
				Prescriptions::cancel_prescription(signed(DOCTOR), 0),
				Error::<Test>::UnknownPrescription
			);
			let id = prescribe();
			for other in [PATIENT, OTHER_DOCTOR, PHARMACIST] {
				assert_noop!(
					Prescriptions::cancel_prescription(signed(other), id),
					Error::<Test>::NotTheirPrescription
				);
			}
		});
	}

	#[test]
	fn a_prescriber_whose_credential_lapsed_still_cancels() {
		new_test_ext(|| {
			let id = prescribe();
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert_ok!(Prescriptions::cancel_prescription(signed(DOCTOR), id));
		});
	}

	#[test]
	fn only_active_prescriptions_are_cancelled() {
		new_test_ext(|| {
			let cancelled = prescribe();
			assert_ok!(Prescriptions::cancel_prescription(signed(DOCTOR), cancelled));
			assert_noop!(
				Prescriptions::cancel_prescription(signed(DOCTOR), cancelled),
				Error::<Test>::NotActive
			);
			let completed = prescribe_with(QUANTITY, 0, None, START + VALIDITY);
			assert_ok!(dispense(completed, stocked(&["A1", "A2"])));
			assert_noop!(
				Prescriptions::cancel_prescription(signed(DOCTOR), completed),
				Error::<Test>::NotActive
			);
		});
	}
}

mod closing {
	use super::*;

	#[test]
	fn closing_a_completed_prescription_removes_it_and_returns_the_deposit() {
		new_test_ext(|| {
			let id = prescribe();
			let other = prescribe();
			assert_ok!(dispense(id, stocked(&["A1", "A2"])));
			set_now(START + INTERVAL);
			assert_ok!(dispense(id, stocked(&["A3", "A4"])));
			assert_eq!(held(DOCTOR), 2 * deposit(REPEATS));

			// Anyone may close it; the deposit goes back to the prescriber.
			let result = Prescriptions::close_prescription(signed(STRANGER), id);
			assert_eq!(result.unwrap().actual_weight, Some(W::close_prescription(2)));

			assert!(!crate::IssuedPrescriptions::<Test>::contains_key(id));
			assert!(!PatientPrescriptions::<Test>::contains_key(PATIENT, id));
			assert_eq!(Fills::<Test>::iter_key_prefix(id).count(), 0);
			assert_eq!(held(DOCTOR), deposit(REPEATS));
			assert_eq!(Balances::balance(&DOCTOR), ENDOWMENT - deposit(REPEATS));
			System::assert_last_event(
				Event::PrescriptionClosed {
					prescription: id,
					patient: PATIENT,
					prescriber: DOCTOR,
					closed_by: STRANGER,
				}
				.into(),
			);
			// The other prescription stays, and the id is not handed out again.
			assert!(crate::IssuedPrescriptions::<Test>::contains_key(other));
			assert_eq!(prescribe(), other + 1);
			// The packs stay decommissioned.
			assert!(MockUnits::is_dispensed(&pack("A1")));
		});
	}

	#[test]
	fn cancelled_and_expired_prescriptions_are_closed() {
		new_test_ext(|| {
			let cancelled = prescribe();
			let expired = prescribe();
			assert_ok!(dispense(expired, stocked(&["A1", "A2"])));
			assert_ok!(Prescriptions::cancel_prescription(signed(DOCTOR), cancelled));

			assert_eq!(
				Prescriptions::close_prescription(signed(PATIENT), cancelled)
					.unwrap()
					.actual_weight,
				Some(W::close_prescription(0))
			);
			assert_noop!(
				Prescriptions::close_prescription(signed(PATIENT), expired),
				Error::<Test>::StillActive
			);
			set_now(START + VALIDITY);
			assert_eq!(
				Prescriptions::close_prescription(signed(DOCTOR), expired)
					.unwrap()
					.actual_weight,
				Some(W::close_prescription(1))
			);
			assert_eq!(held(DOCTOR), 0);
			assert_eq!(Balances::balance(&DOCTOR), ENDOWMENT);
			assert!(Prescriptions::prescriptions_of(&PATIENT).is_empty());
		});
	}

	#[test]
	fn live_unknown_and_closed_prescriptions_are_not_closed() {
		new_test_ext(|| {
			assert_noop!(
				Prescriptions::close_prescription(signed(DOCTOR), 0),
				Error::<Test>::UnknownPrescription
			);
			let live = prescribe();
			let later = prescribe_with(QUANTITY, REPEATS, Some(START + DAY), START + VALIDITY);
			for id in [live, later] {
				assert_noop!(
					Prescriptions::close_prescription(signed(DOCTOR), id),
					Error::<Test>::StillActive
				);
			}
			assert_ok!(Prescriptions::cancel_prescription(signed(DOCTOR), live));
			assert_ok!(Prescriptions::close_prescription(signed(DOCTOR), live));
			assert_noop!(
				Prescriptions::close_prescription(signed(DOCTOR), live),
				Error::<Test>::UnknownPrescription
			);
			assert_noop!(
				Prescriptions::cancel_prescription(signed(DOCTOR), live),
				Error::<Test>::UnknownPrescription
			);
			assert_noop!(
				dispense(live, stocked(&["A1", "A2"])),
				Error::<Test>::UnknownPrescription
			);
		});
	}
}

mod queries {
	use super::*;

	#[test]
	fn a_prescription_comes_with_its_fills_and_a_patient_lists_theirs() {
		new_test_ext(|| {
			let first = prescribe();
			assert_ok!(issue(
				OTHER_DOCTOR,
				OTHER_PATIENT,
				PRODUCT,
				1,
				0,
				None,
				START + VALIDITY,
				0
			));
			let second = prescribe();
			assert_ok!(dispense(first, stocked(&["A1", "A2"])));
			set_now(START + INTERVAL);
			assert_ok!(dispense(first, stocked(&["A3", "A4"])));

			let (entry, fills) = Prescriptions::prescription(first).unwrap();
			assert_eq!(entry.status, PrescriptionStatus::Completed);
			let dispensed: Vec<UnitsOf<Test>> = fills.into_iter().map(|fill| fill.units).collect();
			assert_eq!(
				dispensed,
				vec![units(&[pack("A1"), pack("A2")]), units(&[pack("A3"), pack("A4")])]
			);
			let (_, none) = Prescriptions::prescription(second).unwrap();
			assert!(none.is_empty());
			assert_eq!(Prescriptions::prescription(99), None);

			let listed: Vec<PrescriptionId> = Prescriptions::prescriptions_of(&PATIENT)
				.into_iter()
				.map(|(id, _)| id)
				.collect();
			assert_eq!(listed, vec![first, second]);
			assert_eq!(Prescriptions::prescriptions_of(&OTHER_PATIENT).len(), 1);
			assert!(Prescriptions::prescriptions_of(&STRANGER).is_empty());
		});
	}

	#[test]
	fn remaining_fills_and_dispensability_follow_the_prescription() {
		new_test_ext(|| {
			assert_eq!(Prescriptions::remaining_fills(0), None);
			assert_eq!(Prescriptions::dispensable(0), None);
			let id = prescribe_with(QUANTITY, 2, Some(START + DAY), START + VALIDITY);
			assert_eq!(Prescriptions::remaining_fills(id), Some(3));
			assert_eq!(Prescriptions::dispensable(id), Some(Err(DispenseRefusal::NotYetValid)));
			set_now(START + DAY);
			assert_eq!(Prescriptions::dispensable(id), Some(Ok(())));
			assert_ok!(dispense(id, stocked(&["A1", "A2"])));
			assert_eq!(Prescriptions::remaining_fills(id), Some(2));
			assert_eq!(Prescriptions::dispensable(id), Some(Err(DispenseRefusal::TooEarly)));
			set_now(START + DAY + INTERVAL);
			assert_eq!(Prescriptions::dispensable(id), Some(Ok(())));
			set_now(START + VALIDITY);
			assert_eq!(Prescriptions::remaining_fills(id), Some(0));
			assert_eq!(Prescriptions::dispensable(id), Some(Err(DispenseRefusal::Expired)));
		});
	}

	#[test]
	fn stored_sizes_are_bounded() {
		// What the runtime stores: 32-byte accounts, 128-bit balances, and for instance ten
		// packs per fill.
		assert_eq!(Prescription::<AccountId32, u128>::max_encoded_len(), 193);
		assert_eq!(Fill::<AccountId32, BoundedVec<Sgtin, ConstU32<10>>>::max_encoded_len(), 395);
		// Each pack: a 14-digit GTIN and a serial of up to 20 characters with its length.
		assert_eq!(Sgtin::max_encoded_len(), 35);
	}
}

mod try_state {
	use super::*;
	use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};

	#[test]
	fn try_state_finds_a_hold_without_a_stored_deposit() {
		new_test_ext(|| {
			prescribe();
			assert_ok!(Prescriptions::do_try_state());
			// On an account with nothing stored and on the prescriber: every account is
			// checked, not only the depositors.
			for who in [STRANGER, DOCTOR] {
				let reason = HoldReason::PrescriptionDeposit.into();
				assert_ok!(Balances::hold(&reason, &who, 5));
				assert!(Prescriptions::do_try_state().is_err());
				assert_ok!(Balances::release(&reason, &who, 5, Precision::Exact));
				assert_ok!(Prescriptions::do_try_state());
			}
		});
	}
}
