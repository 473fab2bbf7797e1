//! Benchmarks of every call at its worst case: a physician with a live credential and the
//! patient's grant (the access decision's longest path in the runtime), a pharmacist with a
//! live credential affiliated to a verified hospital (the kind checked last) that the patient
//! authorised, packs the provenance pallet commissions into its custody, a fill that completes
//! its prescription, and closing a prescription with up to every fill it allows.

use super::*;
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{
		fungible::{Inspect, Mutate},
		Get, Time,
	},
	frame_system::RawOrigin,
	sp_runtime::Saturating,
};

/// The product prescribed: a GTIN-14 with a correct check digit.
const PRODUCT: Gtin = Gtin(*b"04006381333931");
const INSTRUCTIONS_HASH: [u8; 32] = [7; 32];

/// The patient of every benchmark.
fn patient<T: Config>() -> T::AccountId {
	account("patient", 0, 0)
}

/// A physician with a live credential and the patient's treatment grant (along the access
/// decision's longest path for a physician: acting for the institution returned with them), who
/// can hold `prescriptions` deposits of prescriptions allowing the most repeats.
fn physician<T: Config>(prescriptions: u32) -> (T::AccountId, Option<InstitutionId>) {
	let who: T::AccountId = account("physician", 0, 0);
	let on_behalf_of = T::BenchmarkHelper::grant_access(&patient::<T>(), &who, Purpose::Treatment);
	T::BenchmarkHelper::grant_role(&who, Role::Physician);
	let amount = Pallet::<T>::deposit_for(T::MaxRepeats::get())
		.saturating_mul(prescriptions.saturating_add(1).into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(&who, amount);
	(who, on_behalf_of)
}

/// A pharmacist with a live credential, affiliated to a verified hospital.
fn pharmacist<T: Config>() -> (T::AccountId, InstitutionId) {
	let who: T::AccountId = account("pharmacist", 0, 0);
	T::BenchmarkHelper::grant_role(&who, Role::Pharmacist);
	let pharmacy = T::BenchmarkHelper::affiliate(&who);
	(who, pharmacy)
}

/// A prescription of `quantity` packs per fill allowing `repeats` repeats, valid from now for
/// the longest period, with no interval between fills (the benchmarks cannot move the clock).
fn prescription<T: Config>(quantity: u32, repeats: u32) -> (PrescriptionId, T::AccountId) {
	let (prescriber, on_behalf_of) = physician::<T>(1);
	let id = NextPrescriptionId::<T>::get();
	let now = T::Time::now();
	Pallet::<T>::do_issue_prescription(
		prescriber.clone(),
		patient::<T>(),
		DispenseRequest {
			product: PRODUCT,
			quantity_per_fill: quantity,
			repeats_allowed: repeats,
			valid_from: None,
			valid_until: now.saturating_add(T::MaxValidity::get()),
			min_interval: 0,
			instructions_hash: INSTRUCTIONS_HASH,
		},
		Purpose::Treatment,
		on_behalf_of,
	)
	.expect("a funded physician with a grant and a well-formed prescription");
	(id, prescriber)
}

/// The patient authorises `pharmacy` for the next fill of `id`.
fn authorise<T: Config>(id: PrescriptionId, pharmacy: InstitutionId) {
	Pallet::<T>::do_authorise_fill(patient::<T>(), id, Some(pharmacy))
		.expect("the patient authorises a verified hospital");
}

/// `count` distinct packs of the product in `pharmacy`'s custody, numbered from `first`.
fn units<T: Config>(pharmacy: InstitutionId, first: u32, count: u32) -> UnitsOf<T> {
	let packs: Vec<Sgtin> = (first..first.saturating_add(count))
		.map(|index| T::BenchmarkHelper::dispensable_unit(&PRODUCT, pharmacy, index))
		.collect();
	UnitsOf::<T>::truncate_from(packs)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The most packs per fill, the most repeats, a validity period given explicitly, under
	/// the patient's grant.
	#[benchmark]
	fn issue_prescription() {
		let (prescriber, on_behalf_of) = physician::<T>(1);
		let patient = patient::<T>();
		let now = T::Time::now();
		let id = NextPrescriptionId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(prescriber),
			patient.clone(),
			PRODUCT,
			T::MaxUnitsPerFill::get(),
			T::MaxRepeats::get(),
			Some(now),
			now.saturating_add(T::MaxValidity::get()),
			0,
			INSTRUCTIONS_HASH,
			Purpose::Treatment,
			on_behalf_of,
		);

		assert!(PatientPrescriptions::<T>::contains_key(&patient, id));
	}

	/// The patient authorises a verified hospital (the dispensing kind checked last).
	#[benchmark]
	fn authorise_fill() {
		let (id, _) = prescription::<T>(T::MaxUnitsPerFill::get(), T::MaxRepeats::get());
		let (_, pharmacy) = pharmacist::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(patient::<T>()), id, Some(pharmacy));

		assert_eq!(
			IssuedPrescriptions::<T>::get(id).and_then(|entry| entry.authorised_pharmacy),
			Some(pharmacy)
		);
	}

	/// A pharmacist at a hospital dispenses `n` packs as the last fill of a prescription that
	/// already has one fill: the fill completes it.
	#[benchmark]
	fn dispense(n: Linear<1, { T::MaxUnitsPerFill::get() }>) {
		let (pharmacist, pharmacy) = pharmacist::<T>();
		let repeats = T::MaxRepeats::get().min(1);
		let (id, _) = prescription::<T>(n, repeats);
		if repeats > 0 {
			authorise::<T>(id, pharmacy);
			let first = units::<T>(pharmacy, 0, n);
			Pallet::<T>::do_dispense(pharmacist.clone(), id, pharmacy, first)
				.expect("dispensable packs for a live prescription");
		}
		authorise::<T>(id, pharmacy);
		let second = units::<T>(pharmacy, n, n);

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacist), id, pharmacy, second);

		assert_eq!(
			IssuedPrescriptions::<T>::get(id).map(|entry| entry.status),
			Some(PrescriptionStatus::Completed)
		);
	}

	#[benchmark]
	fn cancel_prescription() {
		let (id, prescriber) = prescription::<T>(T::MaxUnitsPerFill::get(), T::MaxRepeats::get());

		#[extrinsic_call]
		_(RawOrigin::Signed(prescriber), id);

		assert!(matches!(
			IssuedPrescriptions::<T>::get(id).map(|entry| entry.status),
			Some(PrescriptionStatus::Cancelled { .. })
		));
	}

	/// Someone other than the prescriber closes a prescription with `f` fills of the most
	/// packs each (cancelled when fills remain, completed otherwise).
	#[benchmark]
	fn close_prescription(f: Linear<0, { T::MaxRepeats::get().saturating_add(1) }>) {
		let quantity = T::MaxUnitsPerFill::get();
		let (pharmacist, pharmacy) = pharmacist::<T>();
		let (id, prescriber) = prescription::<T>(quantity, T::MaxRepeats::get());
		for fill in 0..f {
			let packs = units::<T>(pharmacy, fill.saturating_mul(quantity), quantity);
			authorise::<T>(id, pharmacy);
			Pallet::<T>::do_dispense(pharmacist.clone(), id, pharmacy, packs)
				.expect("dispensable packs for a live prescription");
		}
		if IssuedPrescriptions::<T>::get(id)
			.is_some_and(|entry| entry.status == PrescriptionStatus::Active)
		{
			Pallet::<T>::do_cancel_prescription(prescriber, id).expect("the prescriber cancels");
		}
		let closer: T::AccountId = account("closer", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(closer), id);

		assert!(!IssuedPrescriptions::<T>::contains_key(id));
		assert_eq!(Fills::<T>::iter_key_prefix(id).count(), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
