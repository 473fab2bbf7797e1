//! Benchmarks of every call at its worst case, and of the access decision alone.

use super::*;
use alloc::vec::Vec;
use healthchain_primitives::{
	consent::AccessPolicy,
	credentials::CredentialsInspect,
	records::{CodeSystem, MAX_CATEGORY_CODE_LEN},
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{fungible::Mutate, Get, Time},
		BoundedVec,
	},
	frame_system::RawOrigin,
	sp_runtime::Saturating,
};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::GrantDeposit::get()
		.saturating_add(T::BreakGlassDeposit::get())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// A FHIR resource type of the longest code there is, distinct for each `index`.
fn category(index: u32) -> Category {
	let mut code = Vec::from([b'A'; MAX_CATEGORY_CODE_LEN as usize]);
	for (position, byte) in index.to_le_bytes().into_iter().enumerate() {
		code[position * 2 + 1] = b'a' + byte % 26;
		code[position * 2 + 2] = b'a' + byte / 26 % 26;
	}
	Category { system: CodeSystem::FhirResourceType, code: BoundedVec::truncate_from(code) }
}

/// A scope listing `items` categories, or all records for none.
fn scope_of<T: Config>(items: u32) -> GrantScopeOf<T> {
	if items == 0 {
		GrantScope::AllRecords
	} else {
		GrantScope::Categories(BoundedVec::truncate_from((0..items).map(category).collect()))
	}
}

/// `patient` grants `count` other practitioners read access, so their grants fill storage.
fn other_grants<T: Config>(patient: &T::AccountId, count: u32) {
	for index in 0..count {
		let other: T::AccountId = account("other", index, 0);
		T::Credentials::grant_role_for_benchmarks(&other, Role::Physician);
		Pallet::<T>::do_grant_consent(
			patient.clone(),
			Grantee::Practitioner(other),
			Purpose::Treatment,
			GrantScope::AllRecords,
			GrantedActions { read: true, write: false },
			None,
			None,
		)
		.expect("an eligible grantee and a funded patient");
	}
}

/// An emergency access `clinician` opened to `patient` that is not open now: the access
/// decision reads it as it reads an expired one.
fn closed_break_glass<T: Config>(patient: &T::AccountId, clinician: &T::AccountId) {
	let id = NextBreakGlassId::<T>::get();
	NextBreakGlassId::<T>::put(id.saturating_add(1));
	let now = T::Time::now();
	BreakGlasses::<T>::insert(
		patient,
		id,
		BreakGlass {
			clinician: clinician.clone(),
			justification_hash: [0; 32],
			opened_at: now.saturating_add(1),
			expires_at: now.saturating_add(2),
			deposit: Default::default(),
		},
	);
	PendingBreakGlass::<T>::mutate(patient, |pending| *pending = pending.saturating_add(1));
	LatestBreakGlass::<T>::insert(patient, clinician, id);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A practitioner holding only the last of the writing roles, a full scope of categories,
	/// and `g` grants already stored.
	#[benchmark]
	fn grant_consent(s: Linear<0, { T::MaxScopeItems::get() }>, g: Linear<0, GRANTS_BENCHMARKED>) {
		let patient = funded::<T>("patient", 0);
		other_grants::<T>(&patient, g.min(T::MaxGrantsPerPatient::get().saturating_sub(1)));
		let practitioner: T::AccountId = account("practitioner", 0, 0);
		T::Credentials::grant_role_for_benchmarks(&practitioner, Role::Laboratory);
		let grantee = Grantee::Practitioner(practitioner);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			grantee.clone(),
			Purpose::Treatment,
			scope_of::<T>(s),
			GrantedActions { read: true, write: true },
			None,
			Some(Moment::MAX),
		);

		assert!(Pallet::<T>::has_live_grant(&patient, &grantee, Purpose::Treatment));
	}

	#[benchmark]
	fn revoke_consent() {
		let patient = funded::<T>("patient", 0);
		let practitioner: T::AccountId = account("practitioner", 0, 0);
		Pallet::<T>::grant_for_benchmarks(&patient, &practitioner, Purpose::Treatment);
		let grantee = Grantee::Practitioner(practitioner);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), grantee.clone(), Purpose::Treatment);

		assert!(!Pallet::<T>::has_live_grant(&patient, &grantee, Purpose::Treatment));
	}

	#[benchmark]
	fn remove_grant() {
		let patient = funded::<T>("patient", 0);
		other_grants::<T>(&patient, 1);
		let grantee = Grantee::Practitioner(account("other", 0, 0));
		Pallet::<T>::do_revoke_consent(patient.clone(), grantee.clone(), Purpose::Treatment)
			.expect("a live grant");

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), grantee.clone(), Purpose::Treatment);

		assert!(!Grants::<T>::contains_key(&patient, (grantee, Purpose::Treatment)));
	}

	/// A nurse (the last clinician role checked) whose earlier emergency access is closed.
	#[benchmark]
	fn open_break_glass() {
		let patient = funded::<T>("patient", 0);
		let clinician = funded::<T>("clinician", 0);
		T::Credentials::grant_role_for_benchmarks(&clinician, Role::Nurse);
		closed_break_glass::<T>(&patient, &clinician);

		#[extrinsic_call]
		_(RawOrigin::Signed(clinician.clone()), patient.clone(), [7; 32]);

		assert_eq!(PendingBreakGlass::<T>::get(&patient), 2);
	}

	/// An authority finds abuse: the deposit moves to the patient.
	#[benchmark]
	fn review_break_glass() {
		let patient = funded::<T>("patient", 0);
		let clinician = funded::<T>("clinician", 0);
		T::Credentials::grant_role_for_benchmarks(&clinician, Role::Physician);
		Pallet::<T>::do_open_break_glass(clinician.clone(), patient.clone(), [7; 32])
			.expect("a clinician");
		let break_glass = NextBreakGlassId::<T>::get().saturating_sub(1);
		let authority = funded::<T>("authority", 0);
		T::Credentials::accredit_for_benchmarks(&authority);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), patient.clone(), break_glass, ReviewFinding::Abuse);

		assert_eq!(AbuseFindings::<T>::get(&clinician), 1);
	}

	/// The access decision alone, at its longest path — an insurer (the last reading role),
	/// acting for an institution, for emergency treatment with a closed emergency access, under
	/// a grant listing the most categories with the record's category last — with `g` other
	/// grants stored: it does not grow with `g`.
	#[benchmark]
	fn check_access(g: Linear<0, GRANTS_BENCHMARKED>) {
		let patient = funded::<T>("patient", 0);
		other_grants::<T>(&patient, g.min(T::MaxGrantsPerPatient::get().saturating_sub(1)));
		let actor: T::AccountId = account("insurer", 0, 0);
		T::Credentials::grant_role_for_benchmarks(&actor, Role::Insurer);
		let institution = T::Credentials::affiliate_for_benchmarks(&actor);
		closed_break_glass::<T>(&patient, &actor);
		let items = T::MaxScopeItems::get().max(1);
		Pallet::<T>::do_grant_consent(
			patient.clone(),
			Grantee::Institution(institution),
			Purpose::EmergencyTreatment,
			scope_of::<T>(items),
			GrantedActions { read: true, write: false },
			None,
			None,
		)
		.expect("a verified institution");
		let request = AccessRequest {
			actor,
			on_behalf_of: Some(institution),
			target: AccessTarget {
				patient,
				record: Some(0),
				category: category(items.saturating_sub(1)),
			},
			action: Action::Read,
			purpose: Purpose::EmergencyTreatment,
		};
		let decision;

		#[block]
		{
			decision = Pallet::<T>::check_at(&request, T::Time::now());
		}

		assert!(matches!(decision, Ok(AccessBasis::Grant(_))));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
