//! Benchmarks of every call at its worst case, and of the access decision alone.

use super::*;
use healthchain_primitives::{
	consent::ConsentInspect,
	credentials::BENCHMARK_JURISDICTION,
	records::{CodeSystem, FHIR_R4_RESOURCE_TYPES},
};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{
		traits::{fungible::Mutate, Get, Time},
		BoundedVec,
	},
	frame_system::RawOrigin,
	pallet_timestamp,
	sp_runtime::Saturating,
};

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::GrantDeposit::get()
		.saturating_add(T::AccessLogDeposit::get())
		.saturating_add(T::BreakGlassDeposit::get())
		.saturating_mul(1_000u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// The `index`-th longest FHIR resource type: distinct categories of the longest codes there
/// are (wrapping round the list past its end).
fn category(index: u32) -> Category {
	let mut names = FHIR_R4_RESOURCE_TYPES.to_vec();
	names.sort_by_key(|name| core::cmp::Reverse(name.len()));
	let name = names[index as usize % names.len()];
	Category {
		system: CodeSystem::FhirResourceType,
		code: BoundedVec::truncate_from(name.as_bytes().to_vec()),
	}
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
		T::BenchmarkHelper::grant_role(&other, Role::Physician);
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

/// An emergency access `clinician` opened to `patient` for `institution`, open now or (with
/// `open` false) not yet: the access decision reads the latter as it reads an expired one.
fn stored_break_glass<T: Config>(
	patient: &T::AccountId,
	clinician: &T::AccountId,
	institution: InstitutionId,
	open: bool,
) {
	let id = NextBreakGlassId::<T>::get();
	NextBreakGlassId::<T>::put(id.saturating_add(1));
	let now = T::Time::now();
	let opened_at = if open { now } else { now.saturating_add(1) };
	BreakGlasses::<T>::insert(
		patient,
		id,
		BreakGlass {
			clinician: clinician.clone(),
			on_behalf_of: institution,
			credential: LiveCredential {
				role: Role::Nurse,
				jurisdiction: BENCHMARK_JURISDICTION,
				issuer: clinician.clone(),
			},
			justification_hash: [0; 32],
			opened_at,
			expires_at: opened_at.saturating_add(T::BreakGlassDuration::get().max(1)),
			deposit: Default::default(),
		},
	);
	PendingBreakGlass::<T>::mutate(clinician, |pending| *pending = pending.saturating_add(1));
	LatestBreakGlass::<T>::insert(patient, clinician, id);
}

/// The patient's treatment grant to the institution [`Pallet::grant_path_for_benchmarks`]
/// sets up; the grantee.
fn institution_grant<T: Config>(patient: &T::AccountId) -> GranteeOf<T> {
	let practitioner: T::AccountId = account("practitioner", 0, 0);
	let institution =
		Pallet::<T>::grant_path_for_benchmarks(patient, &practitioner, Purpose::Treatment)
			.expect("the consent pallet grants to an institution");
	Grantee::Institution(institution)
}

/// A nurse (the last clinician role, found second of a hospital's acting roles) affiliated to a
/// verified hospital, with the deposits they need.
fn nurse_at_hospital<T: Config>(name: &'static str) -> (T::AccountId, InstitutionId) {
	let nurse = funded::<T>(name, 0);
	T::BenchmarkHelper::grant_role(&nurse, Role::Nurse);
	let hospital = T::BenchmarkHelper::affiliate(&nurse);
	(nurse, hospital)
}

// The retention benchmark moves the chain's clock, so the runtime's clock must be the
// timestamp pallet's (as it is in the runtime and the mock).
#[benchmarks(where T: pallet_timestamp::Config<Moment = Moment>)]
mod benchmarks {
	use super::*;

	/// A read-only grant (whose eligibility checks all five reading roles, more than the three
	/// writing ones) to a practitioner whose only live credential is for the role checked last,
	/// the others suspended so each is read; a full scope of categories; and `g` grants already
	/// stored.
	#[benchmark]
	fn grant_consent(s: Linear<0, { T::MaxScopeItems::get() }>, g: Linear<0, GRANTS_BENCHMARKED>) {
		let patient = funded::<T>("patient", 0);
		other_grants::<T>(&patient, g.min(T::MaxGrantsPerPatient::get().saturating_sub(1)));
		let practitioner: T::AccountId = account("practitioner", 0, 0);
		T::BenchmarkHelper::lapse_roles(&practitioner, &READ_ROLES[..4]);
		T::BenchmarkHelper::grant_role(&practitioner, Role::Laboratory);
		let grantee = Grantee::Practitioner(practitioner);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(patient.clone()),
			grantee.clone(),
			Purpose::Treatment,
			scope_of::<T>(s),
			GrantedActions { read: true, write: false },
			None,
			Some(Moment::MAX),
		);

		assert!(Pallet::<T>::has_live_grant(&patient, &grantee, Purpose::Treatment));
	}

	#[benchmark]
	fn revoke_consent() {
		let patient = funded::<T>("patient", 0);
		let grantee = institution_grant::<T>(&patient);

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

	/// A nurse (the last clinician role, so both the credential lookup and acting for the
	/// hospital read past the physician role) whose earlier emergency access to the patient is
	/// closed, with all but one of their pending cases used: every check runs to the end.
	#[benchmark]
	fn open_break_glass() {
		let patient = funded::<T>("patient", 0);
		let (clinician, hospital) = nurse_at_hospital::<T>("clinician");
		stored_break_glass::<T>(&patient, &clinician, hospital, false);
		PendingBreakGlass::<T>::insert(
			&clinician,
			T::MaxPendingBreakGlass::get().saturating_sub(1).max(1),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(clinician.clone()), patient.clone(), hospital, [7; 32]);

		assert!(LatestBreakGlass::<T>::get(&patient, &clinician).is_some());
	}

	/// An authority finds abuse: the deposit moves to the patient, the clinician is banned and
	/// the finding counted — the longest of the two findings.
	#[benchmark]
	fn review_break_glass() {
		let patient = funded::<T>("patient", 0);
		let (clinician, hospital) = nurse_at_hospital::<T>("clinician");
		Pallet::<T>::do_open_break_glass(clinician.clone(), patient.clone(), hospital, [7; 32])
			.expect("a clinician at a hospital");
		let break_glass = NextBreakGlassId::<T>::get().saturating_sub(1);
		let authority = funded::<T>("authority", 0);
		T::BenchmarkHelper::accredit(&authority);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), patient.clone(), break_glass, ReviewFinding::Abuse);

		assert_eq!(AbuseFindings::<T>::get(&clinician), 1);
		assert!(BreakGlassBans::<T>::contains_key(&clinician));
	}

	/// An overseeing authority lifts a ban: one path, no list.
	#[benchmark]
	fn lift_break_glass_ban() {
		let patient = funded::<T>("patient", 0);
		let (clinician, hospital) = nurse_at_hospital::<T>("clinician");
		Pallet::<T>::do_open_break_glass(clinician.clone(), patient.clone(), hospital, [7; 32])
			.expect("a clinician at a hospital");
		let break_glass = NextBreakGlassId::<T>::get().saturating_sub(1);
		Pallet::<T>::do_review_break_glass(
			patient.clone(),
			patient,
			break_glass,
			ReviewFinding::Abuse,
		)
		.expect("the patient reviews");
		let authority = funded::<T>("authority", 0);
		T::BenchmarkHelper::accredit(&authority);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), clinician.clone());

		assert!(!BreakGlassBans::<T>::contains_key(&clinician));
	}

	/// An accessor whose ring in the patient's log is full, past the retention period: every
	/// slot is removed and the deposit released.
	#[benchmark]
	fn release_access_log() {
		let patient = funded::<T>("patient", 0);
		let accessor = funded::<T>("accessor", 0);
		let request = AccessRequest {
			actor: accessor.clone(),
			on_behalf_of: None,
			target: AccessTarget {
				patient: patient.clone(),
				record: Some(0),
				category: category(0),
			},
			action: Action::Read,
			purpose: Purpose::Treatment,
		};
		for record in 0..T::AccessLogPerAccessor::get().max(1) {
			Pallet::<T>::do_log_access(
				&request,
				record.into(),
				AccessOutcome::Denied(AccessDenied::NoGrant),
			)
			.expect("a funded accessor");
		}
		pallet_timestamp::Now::<T>::put(
			T::Time::now().saturating_add(T::AccessLogRetention::get()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(accessor.clone()), patient.clone());

		assert!(Pallet::<T>::access_log(&patient).is_empty());
	}

	/// The patient already has all guardians but one, so the bound is checked at its edge.
	#[benchmark]
	fn appoint_guardian() {
		let patient = funded::<T>("patient", 0);
		for index in 1..T::MaxGuardians::get() {
			Pallet::<T>::do_appoint_guardian(
				patient.clone(),
				patient.clone(),
				account("other guardian", index, 0),
				GuardianAppointer::Patient,
				None,
			)
			.expect("room under the bound");
		}
		let guardian: T::AccountId = account("guardian", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), guardian.clone(), Some(Moment::MAX));

		assert!(Guardians::<T>::contains_key(&patient, &guardian));
	}

	/// An authority ends an authority's appointment: the removal that asks credentials.
	#[benchmark]
	fn remove_guardian() {
		let patient = funded::<T>("patient", 0);
		let authority = funded::<T>("authority", 0);
		T::BenchmarkHelper::accredit(&authority);
		let guardian: T::AccountId = account("guardian", 0, 0);
		Pallet::<T>::do_appoint_guardian_by_authority(
			authority.clone(),
			patient.clone(),
			guardian.clone(),
			None,
			[3; 32],
		)
		.expect("an authority appoints");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), patient.clone(), guardian.clone());

		assert!(!Guardians::<T>::contains_key(&patient, &guardian));
	}

	/// A guardian revokes a grant for the patient. The weight added to the inner call's: the
	/// guardianship read, the filter and the event (the inner call is measured here too, so
	/// the charge is on the safe side).
	#[benchmark]
	fn as_guardian() {
		let patient = funded::<T>("patient", 0);
		let grantee = institution_grant::<T>(&patient);
		let guardian: T::AccountId = account("guardian", 0, 0);
		Pallet::<T>::do_appoint_guardian(
			patient.clone(),
			patient.clone(),
			guardian.clone(),
			GuardianAppointer::Patient,
			None,
		)
		.expect("a funded patient");
		let call =
			Call::<T>::revoke_consent { grantee: grantee.clone(), purpose: Purpose::Treatment };

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), patient.clone(), alloc::boxed::Box::new(call.into()));

		assert!(!Pallet::<T>::has_live_grant(&patient, &grantee, Purpose::Treatment));
	}

	/// The access decision alone, at its longest path — an actor whose only live credential is
	/// for the last reading role (the others suspended, so each is read), acting for an
	/// institution, for emergency treatment with an emergency access open for that institution
	/// but no clinician credential left (so every clinician role is read again before the
	/// decision falls through to the grant), under a grant listing the most categories with the
	/// record's category last — with `g` other grants stored: it does not grow with `g`.
	#[benchmark]
	fn check_access(g: Linear<0, GRANTS_BENCHMARKED>) {
		let patient = funded::<T>("patient", 0);
		other_grants::<T>(&patient, g.min(T::MaxGrantsPerPatient::get().saturating_sub(1)));
		let actor: T::AccountId = account("laboratory", 0, 0);
		T::BenchmarkHelper::lapse_roles(&actor, &READ_ROLES[..4]);
		T::BenchmarkHelper::grant_role(&actor, Role::Laboratory);
		let institution = T::BenchmarkHelper::affiliate(&actor);
		stored_break_glass::<T>(&patient, &actor, institution, true);
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
