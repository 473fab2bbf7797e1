//! Unit tests: every call's success and each refusal, and the access decision's whole matrix.

use crate::{mock::*, *};
use codec::{Decode, Encode};
use healthchain_primitives::{
	consent::{AccessPolicy, OnConsentRevoked},
	records::CodeSystem,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::fungible::{Inspect, InspectHold},
		BoundedVec,
	},
	sp_runtime::{DispatchError, TokenError},
};

const READ: GrantedActions = GrantedActions { read: true, write: false };
const WRITE: GrantedActions = GrantedActions { read: false, write: true };
const READ_WRITE: GrantedActions = GrantedActions { read: true, write: true };

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn practitioner(who: u64) -> Grantee<u64> {
	Grantee::Practitioner(who)
}

fn loinc(code: &str) -> Category {
	Category::new(CodeSystem::Loinc, code.as_bytes()).unwrap()
}

fn fhir(code: &str) -> Category {
	Category::new(CodeSystem::FhirResourceType, code.as_bytes()).unwrap()
}

fn categories(list: &[Category]) -> GrantScopeOf<Test> {
	GrantScope::Categories(BoundedVec::truncate_from(list.to_vec()))
}

fn records(list: &[RecordId]) -> GrantScopeOf<Test> {
	GrantScope::Records(BoundedVec::truncate_from(list.to_vec()))
}

/// The patient grants `grantee` `actions` on all records for `purpose`, for 30 days.
fn grant(grantee: Grantee<u64>, purpose: Purpose, actions: GrantedActions) -> GrantId {
	let id = NextGrantId::<Test>::get();
	assert_ok!(Consent::grant_consent(
		signed(PATIENT),
		grantee,
		purpose,
		GrantScope::AllRecords,
		actions,
		None,
		Some(START + 30 * DAY),
	));
	id
}

/// `actor` asks to do `action` on record 5 (a consult note) of the patient for `purpose`.
fn request(actor: u64, action: Action, purpose: Purpose) -> AccessRequest<u64> {
	AccessRequest {
		actor,
		on_behalf_of: None,
		target: AccessTarget { patient: PATIENT, record: Some(5), category: loinc("11488-4") },
		action,
		purpose,
	}
}

fn check(request: &AccessRequest<u64>) -> Result<AccessBasis, AccessDenied> {
	<Consent as AccessPolicy<u64>>::check(request)
}

fn held(who: u64) -> u64 {
	Balances::total_balance_on_hold(&who)
}

mod grants {
	use super::*;

	#[test]
	fn grant_consent_stores_the_grant_holds_the_deposit_and_tells() {
		new_test_ext(|| {
			let id = grant(practitioner(DOCTOR), Purpose::Treatment, READ);

			let stored =
				Grants::<Test>::get(PATIENT, (practitioner(DOCTOR), Purpose::Treatment)).unwrap();
			assert_eq!(stored.id, id);
			assert_eq!(stored.status, GrantStatus::Active);
			assert_eq!(stored.valid_from, START);
			assert_eq!(stored.valid_until, Some(START + 30 * DAY));
			assert_eq!(stored.deposit, GrantDeposit::get());
			assert_eq!(held(PATIENT), GrantDeposit::get());
			assert_eq!(GrantCount::<Test>::get(PATIENT), 1);
			System::assert_last_event(
				Event::ConsentGranted {
					grant: id,
					patient: PATIENT,
					grantee: practitioner(DOCTOR),
					purpose: Purpose::Treatment,
					scope: GrantScope::AllRecords,
					actions: READ,
					valid_from: START,
					valid_until: Some(START + 30 * DAY),
				}
				.into(),
			);
			assert!(Consent::has_live_grant(&PATIENT, &practitioner(DOCTOR), Purpose::Treatment));
			assert_eq!(Consent::grants_of(&PATIENT).len(), 1);
		});
	}

	#[test]
	fn grants_to_institutions_and_studies_and_open_ended_grants_are_accepted() {
		new_test_ext(|| {
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				Grantee::Institution(HOSPITAL),
				Purpose::Treatment,
				categories(&[loinc("11488-4"), fhir("Observation")]),
				READ_WRITE,
				Some(START + DAY),
				None,
			));
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				Grantee::Study(3),
				Purpose::Research,
				records(&[1, 2]),
				READ,
				None,
				None,
			));
			assert_eq!(GrantCount::<Test>::get(PATIENT), 2);
			assert!(!Consent::has_live_grant(
				&PATIENT,
				&Grantee::Institution(HOSPITAL),
				Purpose::Treatment
			));
			assert!(Consent::has_live_grant(&PATIENT, &Grantee::Study(3), Purpose::Research));
		});
	}

	#[test]
	fn grant_consent_refuses_bad_input() {
		new_test_ext(|| {
			let try_grant = |grantee, purpose, scope, actions, from, until| {
				Consent::grant_consent(
					signed(PATIENT),
					grantee,
					purpose,
					scope,
					actions,
					from,
					until,
				)
			};
			let doctor = || practitioner(DOCTOR);
			let t = Purpose::Treatment;
			let all = || GrantScope::AllRecords;
			let none = GrantedActions { read: false, write: false };
			assert_noop!(
				try_grant(practitioner(PATIENT), t, all(), READ, None, None),
				Error::<Test>::SelfGrant
			);
			assert_noop!(try_grant(doctor(), t, all(), none, None, None), Error::<Test>::NoActions);
			assert_noop!(
				try_grant(doctor(), t, categories(&[]), READ, None, None),
				Error::<Test>::EmptyScope
			);
			assert_noop!(
				try_grant(doctor(), t, records(&[]), READ, None, None),
				Error::<Test>::EmptyScope
			);
			assert_noop!(
				try_grant(doctor(), t, records(&[4, 9, 4]), READ, None, None),
				Error::<Test>::DuplicateInScope
			);
			assert_noop!(
				try_grant(
					doctor(),
					t,
					categories(&[fhir("Observation"), fhir("Observation")]),
					READ,
					None,
					None
				),
				Error::<Test>::DuplicateInScope
			);
			assert_noop!(
				try_grant(doctor(), t, categories(&[loinc("11488-5")]), READ, None, None),
				Error::<Test>::MalformedCategory
			);
			assert_noop!(
				try_grant(doctor(), t, all(), READ, Some(START + DAY), Some(START + DAY)),
				Error::<Test>::InvalidPeriod
			);
			assert_noop!(
				try_grant(doctor(), t, all(), READ, Some(START - 2 * DAY), Some(START - DAY)),
				Error::<Test>::InvalidPeriod
			);
			assert_noop!(
				try_grant(Grantee::Study(3), t, all(), READ, None, None),
				Error::<Test>::StudyGrantNotForResearch
			);
		});
	}

	#[test]
	fn grant_consent_refuses_ineligible_grantees() {
		new_test_ext(|| {
			let try_grant = |grantee, actions| {
				Consent::grant_consent(
					signed(PATIENT),
					grantee,
					Purpose::Treatment,
					GrantScope::AllRecords,
					actions,
					None,
					None,
				)
			};
			assert_noop!(
				try_grant(practitioner(STRANGER), READ),
				Error::<Test>::GranteeNotCredentialed
			);
			// A pharmacist reads but does not write records.
			assert_noop!(
				try_grant(practitioner(PHARMACIST), WRITE),
				Error::<Test>::GranteeNotCredentialed
			);
			assert_ok!(try_grant(practitioner(PHARMACIST), READ));
			// An expired, suspended or revoked credential gives no role.
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert_noop!(
				try_grant(practitioner(DOCTOR), READ),
				Error::<Test>::GranteeNotCredentialed
			);
			assert_noop!(
				try_grant(Grantee::Institution(99), READ),
				Error::<Test>::GranteeNotVerified
			);
		});
	}

	#[test]
	fn a_live_or_future_grant_is_not_replaced() {
		new_test_ext(|| {
			grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			assert_noop!(
				Consent::grant_consent(
					signed(PATIENT),
					practitioner(DOCTOR),
					Purpose::Treatment,
					GrantScope::AllRecords,
					READ_WRITE,
					None,
					None,
				),
				Error::<Test>::GrantExists
			);
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				practitioner(NURSE),
				Purpose::Treatment,
				GrantScope::AllRecords,
				READ,
				Some(START + DAY),
				None,
			));
			assert_noop!(
				Consent::grant_consent(
					signed(PATIENT),
					practitioner(NURSE),
					Purpose::Treatment,
					GrantScope::AllRecords,
					READ,
					None,
					None,
				),
				Error::<Test>::GrantExists
			);
		});
	}

	#[test]
	fn a_revoked_or_expired_grant_is_replaced_on_the_same_deposit() {
		new_test_ext(|| {
			let first = grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			assert_ok!(Consent::revoke_consent(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment
			));
			let second = grant(practitioner(DOCTOR), Purpose::Treatment, READ_WRITE);
			assert_ne!(first, second);
			assert_eq!(held(PATIENT), GrantDeposit::get());
			assert_eq!(GrantCount::<Test>::get(PATIENT), 1);

			set_now(START + 31 * DAY);
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment,
				GrantScope::AllRecords,
				READ,
				None,
				None,
			));
			assert_eq!(held(PATIENT), GrantDeposit::get());
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Treatment)),
				Ok(AccessBasis::Grant(second + 1))
			);
		});
	}

	#[test]
	fn grants_are_bounded_per_patient() {
		new_test_ext(|| {
			for purpose in
				[Purpose::Treatment, Purpose::CareManagement, Purpose::Payment, Purpose::Operations]
			{
				grant(practitioner(DOCTOR), purpose, READ);
			}
			assert_noop!(
				Consent::grant_consent(
					signed(PATIENT),
					practitioner(DOCTOR),
					Purpose::PublicHealth,
					GrantScope::AllRecords,
					READ,
					None,
					None,
				),
				Error::<Test>::TooManyGrants
			);
		});
	}

	#[test]
	fn scopes_longer_than_the_bound_do_not_decode() {
		new_test_ext(|| {
			let four: Vec<RecordId> = vec![1, 2, 3, 4];
			let encoded = (2u8, four).encode();
			assert!(GrantScopeOf::<Test>::decode(&mut &encoded[..]).is_err());
			let three: Vec<RecordId> = vec![1, 2, 3];
			let encoded = (2u8, three).encode();
			assert_eq!(GrantScopeOf::<Test>::decode(&mut &encoded[..]), Ok(records(&[1, 2, 3])));
		});
	}

	#[test]
	fn a_patient_without_funds_cannot_grant() {
		new_test_ext(|| {
			assert_noop!(
				Consent::grant_consent(
					signed(PAUPER),
					practitioner(DOCTOR),
					Purpose::Treatment,
					GrantScope::AllRecords,
					READ,
					None,
					None,
				),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	#[test]
	fn revoke_consent_takes_effect_at_once() {
		new_test_ext(|| {
			let id = grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			assert!(check(&request(DOCTOR, Action::Read, Purpose::Treatment)).is_ok());

			assert_ok!(Consent::revoke_consent(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment
			));

			System::assert_last_event(
				Event::ConsentRevoked {
					grant: id,
					patient: PATIENT,
					grantee: practitioner(DOCTOR),
					purpose: Purpose::Treatment,
				}
				.into(),
			);
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::GrantRevoked)
			);
			assert!(!Consent::has_live_grant(&PATIENT, &practitioner(DOCTOR), Purpose::Treatment));
		});
	}

	#[test]
	fn revoke_consent_refuses_missing_and_revoked_grants() {
		new_test_ext(|| {
			assert_noop!(
				Consent::revoke_consent(signed(PATIENT), practitioner(DOCTOR), Purpose::Treatment),
				Error::<Test>::NoGrant
			);
			grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			// Another patient cannot revoke it: they have no such grant.
			assert_noop!(
				Consent::revoke_consent(
					signed(OTHER_PATIENT),
					practitioner(DOCTOR),
					Purpose::Treatment
				),
				Error::<Test>::NoGrant
			);
			assert_ok!(Consent::revoke_consent(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment
			));
			assert_noop!(
				Consent::revoke_consent(signed(PATIENT), practitioner(DOCTOR), Purpose::Treatment),
				Error::<Test>::AlreadyRevoked
			);
		});
	}

	#[test]
	fn revoking_tells_on_revoked_once_and_refusals_tell_nothing() {
		new_test_ext(|| {
			grant(Grantee::Study(4), Purpose::Research, READ);
			assert_noop!(
				Consent::revoke_consent(signed(PATIENT), Grantee::Study(5), Purpose::Research),
				Error::<Test>::NoGrant
			);
			assert!(RecordRevocations::told().is_empty());
			assert_ok!(Consent::revoke_consent(
				signed(PATIENT),
				Grantee::Study(4),
				Purpose::Research
			));
			assert_eq!(
				RecordRevocations::told(),
				vec![(PATIENT, Grantee::Study(4), Purpose::Research)]
			);
			assert_noop!(
				Consent::revoke_consent(signed(PATIENT), Grantee::Study(4), Purpose::Research),
				Error::<Test>::AlreadyRevoked
			);
			assert_eq!(RecordRevocations::told().len(), 1);
		});
	}

	#[test]
	fn revoking_is_charged_for_what_on_revoked_may_do() {
		use polkadot_sdk::frame_support::dispatch::GetDispatchInfo;
		let call =
			Call::<Test>::revoke_consent { grantee: Grantee::Study(4), purpose: Purpose::Research };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as WeightInfo>::revoke_consent()
				.saturating_add(<RecordRevocations as OnConsentRevoked<u64>>::weight())
		);
		assert!(<RecordRevocations as OnConsentRevoked<u64>>::weight().ref_time() > 0);
	}

	#[test]
	fn remove_grant_returns_the_deposit_of_revoked_and_expired_grants() {
		new_test_ext(|| {
			let revoked = grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			let expiring = grant(practitioner(NURSE), Purpose::Treatment, READ);
			assert_eq!(held(PATIENT), 2 * GrantDeposit::get());
			assert_ok!(Consent::revoke_consent(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment
			));

			assert_ok!(Consent::remove_grant(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment
			));
			System::assert_last_event(
				Event::GrantRemoved { grant: revoked, patient: PATIENT }.into(),
			);
			assert_eq!(held(PATIENT), GrantDeposit::get());
			assert_eq!(GrantCount::<Test>::get(PATIENT), 1);

			set_now(START + 30 * DAY);
			assert_ok!(Consent::remove_grant(
				signed(PATIENT),
				practitioner(NURSE),
				Purpose::Treatment
			));
			System::assert_last_event(
				Event::GrantRemoved { grant: expiring, patient: PATIENT }.into(),
			);
			assert_eq!(held(PATIENT), 0);
			assert_eq!(Balances::balance(&PATIENT), ENDOWMENT);
			assert!(
				!GrantCount::<Test>::contains_key(PATIENT) || GrantCount::<Test>::get(PATIENT) == 0
			);
		});
	}

	#[test]
	fn remove_grant_refuses_live_and_missing_grants() {
		new_test_ext(|| {
			assert_noop!(
				Consent::remove_grant(signed(PATIENT), practitioner(DOCTOR), Purpose::Treatment),
				Error::<Test>::NoGrant
			);
			grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			assert_noop!(
				Consent::remove_grant(signed(PATIENT), practitioner(DOCTOR), Purpose::Treatment),
				Error::<Test>::GrantStillLive
			);
		});
	}
}

mod access_decision {
	use super::*;

	#[test]
	fn the_patient_always_has_access_to_their_own_records() {
		new_test_ext(|| {
			assert_eq!(
				check(&request(PATIENT, Action::Write, Purpose::Research)),
				Ok(AccessBasis::Patient)
			);
		});
	}

	#[test]
	fn a_licensed_grantee_has_the_access_granted() {
		new_test_ext(|| {
			let id = grant(practitioner(DOCTOR), Purpose::Treatment, READ_WRITE);
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Treatment)),
				Ok(AccessBasis::Grant(id))
			);
			assert_eq!(
				check(&request(DOCTOR, Action::Write, Purpose::Treatment)),
				Ok(AccessBasis::Grant(id))
			);
		});
	}

	#[test]
	fn unlicensed_and_lapsed_actors_are_refused() {
		new_test_ext(|| {
			grant(practitioner(DOCTOR), Purpose::Treatment, READ_WRITE);
			grant(practitioner(PHARMACIST), Purpose::Treatment, READ);
			assert_eq!(
				check(&request(STRANGER, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::NotCredentialed)
			);
			// A pharmacist reads but never writes records.
			assert!(check(&request(PHARMACIST, Action::Read, Purpose::Treatment)).is_ok());
			assert_eq!(
				check(&request(PHARMACIST, Action::Write, Purpose::Treatment)),
				Err(AccessDenied::NotCredentialed)
			);
			// The doctor's licence expires (or is suspended): the grant no longer admits them.
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::NotCredentialed)
			);
		});
	}

	#[test]
	fn without_a_grant_for_the_purpose_access_is_refused() {
		new_test_ext(|| {
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::NoGrant)
			);
			grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Research)),
				Err(AccessDenied::NoGrant)
			);
			assert_eq!(
				check(&request(NURSE, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::NoGrant)
			);
			let mut other_patient = request(DOCTOR, Action::Read, Purpose::Treatment);
			other_patient.target.patient = OTHER_PATIENT;
			assert_eq!(check(&other_patient), Err(AccessDenied::NoGrant));
		});
	}

	#[test]
	fn grants_admit_access_only_within_their_period() {
		new_test_ext(|| {
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment,
				GrantScope::AllRecords,
				READ,
				Some(START + DAY),
				Some(START + 2 * DAY),
			));
			let read = request(DOCTOR, Action::Read, Purpose::Treatment);
			assert_eq!(check(&read), Err(AccessDenied::GrantNotYetValid));
			set_now(START + DAY);
			assert!(check(&read).is_ok());
			set_now(START + 2 * DAY);
			assert_eq!(check(&read), Err(AccessDenied::GrantExpired));
		});
	}

	#[test]
	fn only_the_granted_actions_are_admitted() {
		new_test_ext(|| {
			grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			grant(practitioner(NURSE), Purpose::Treatment, WRITE);
			assert_eq!(
				check(&request(DOCTOR, Action::Write, Purpose::Treatment)),
				Err(AccessDenied::ActionNotGranted)
			);
			assert_eq!(
				check(&request(NURSE, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::ActionNotGranted)
			);
			assert!(check(&request(NURSE, Action::Write, Purpose::Treatment)).is_ok());
		});
	}

	#[test]
	fn records_outside_the_scope_are_refused() {
		new_test_ext(|| {
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment,
				categories(&[fhir("Observation")]),
				READ_WRITE,
				None,
				None,
			));
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				practitioner(NURSE),
				Purpose::Treatment,
				records(&[5]),
				READ_WRITE,
				None,
				None,
			));
			// Record 5 is a consult note, not an observation.
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::OutOfScope)
			);
			let mut observation = request(DOCTOR, Action::Write, Purpose::Treatment);
			observation.target.category = fhir("Observation");
			observation.target.record = None;
			assert!(check(&observation).is_ok());

			assert!(check(&request(NURSE, Action::Read, Purpose::Treatment)).is_ok());
			let mut other_record = request(NURSE, Action::Read, Purpose::Treatment);
			other_record.target.record = Some(6);
			assert_eq!(check(&other_record), Err(AccessDenied::OutOfScope));
			// A grant listing records does not cover records not yet written.
			let mut new_record = request(NURSE, Action::Write, Purpose::Treatment);
			new_record.target.record = None;
			assert_eq!(check(&new_record), Err(AccessDenied::OutOfScope));
		});
	}

	#[test]
	fn affiliated_practitioners_act_under_their_institutions_grant() {
		new_test_ext(|| {
			assert_ok!(Consent::grant_consent(
				signed(PATIENT),
				Grantee::Institution(HOSPITAL),
				Purpose::Treatment,
				GrantScope::AllRecords,
				READ,
				None,
				None,
			));
			let id = NextGrantId::<Test>::get() - 1;
			let mut via_hospital = request(HOSPITAL_DOCTOR, Action::Read, Purpose::Treatment);
			via_hospital.on_behalf_of = Some(HOSPITAL);
			assert_eq!(check(&via_hospital), Ok(AccessBasis::Grant(id)));
			// Not under their own name: the grant is the hospital's.
			assert_eq!(
				check(&request(HOSPITAL_DOCTOR, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::NoGrant)
			);
			let mut not_affiliated = request(DOCTOR, Action::Read, Purpose::Treatment);
			not_affiliated.on_behalf_of = Some(HOSPITAL);
			assert_eq!(check(&not_affiliated), Err(AccessDenied::NotAffiliated));
		});
	}
}

mod break_glass {
	use super::*;

	fn open(clinician: u64) -> BreakGlassId {
		let id = NextBreakGlassId::<Test>::get();
		assert_ok!(Consent::open_break_glass(signed(clinician), PATIENT, [9; 32]));
		id
	}

	#[test]
	fn a_clinician_opens_emergency_access_for_a_bounded_time() {
		new_test_ext(|| {
			let id = open(DOCTOR);
			System::assert_last_event(
				Event::BreakGlassOpened {
					break_glass: id,
					patient: PATIENT,
					clinician: DOCTOR,
					justification_hash: [9; 32],
					expires_at: START + BreakGlassDuration::get(),
				}
				.into(),
			);
			assert_eq!(held(DOCTOR), BreakGlassDeposit::get());
			assert_eq!(Consent::break_glass_of(&PATIENT).len(), 1);
			let emergency = request(DOCTOR, Action::Read, Purpose::EmergencyTreatment);
			assert_eq!(check(&emergency), Ok(AccessBasis::BreakGlass(id)));
			assert_eq!(
				check(&request(DOCTOR, Action::Write, Purpose::EmergencyTreatment)),
				Ok(AccessBasis::BreakGlass(id))
			);
			// Only for emergency treatment.
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::Treatment)),
				Err(AccessDenied::NoGrant)
			);
			// Not for anyone else.
			assert_eq!(
				check(&request(NURSE, Action::Read, Purpose::EmergencyTreatment)),
				Err(AccessDenied::NoGrant)
			);
			set_now(START + BreakGlassDuration::get());
			assert_eq!(check(&emergency), Err(AccessDenied::NoGrant));
			// Closed, it still waits for review.
			assert_eq!(Consent::break_glass_of(&PATIENT).len(), 1);
		});
	}

	#[test]
	fn only_licensed_clinicians_open_emergency_access() {
		new_test_ext(|| {
			for who in [STRANGER, PHARMACIST] {
				assert_noop!(
					Consent::open_break_glass(signed(who), PATIENT, [9; 32]),
					Error::<Test>::NotAClinician
				);
			}
			MockCredentials::lapse(NURSE, Role::Nurse);
			assert_noop!(
				Consent::open_break_glass(signed(NURSE), PATIENT, [9; 32]),
				Error::<Test>::NotAClinician
			);
			assert_noop!(
				Consent::open_break_glass(signed(DOCTOR), DOCTOR, [9; 32]),
				Error::<Test>::SelfBreakGlass
			);
			MockCredentials::license(PAUPER, Role::Physician);
			assert_noop!(
				Consent::open_break_glass(signed(PAUPER), PATIENT, [9; 32]),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	#[test]
	fn one_open_emergency_access_per_clinician_and_a_bounded_number_pending() {
		new_test_ext(|| {
			open(DOCTOR);
			assert_noop!(
				Consent::open_break_glass(signed(DOCTOR), PATIENT, [9; 32]),
				Error::<Test>::BreakGlassAlreadyOpen
			);
			set_now(START + BreakGlassDuration::get());
			let second = open(DOCTOR);
			assert_eq!(LatestBreakGlass::<Test>::get(PATIENT, DOCTOR), Some(second));
			assert_eq!(PendingBreakGlass::<Test>::get(PATIENT), 2);
			assert_noop!(
				Consent::open_break_glass(signed(NURSE), PATIENT, [9; 32]),
				Error::<Test>::TooManyPendingBreakGlass
			);
		});
	}

	#[test]
	fn the_patient_reviews_and_closes_a_justified_access() {
		new_test_ext(|| {
			let id = open(DOCTOR);
			assert_ok!(Consent::review_break_glass(
				signed(PATIENT),
				PATIENT,
				id,
				ReviewFinding::Justified
			));
			System::assert_last_event(
				Event::BreakGlassReviewed {
					break_glass: id,
					patient: PATIENT,
					clinician: DOCTOR,
					reviewer: PATIENT,
					finding: ReviewFinding::Justified,
				}
				.into(),
			);
			assert_eq!(held(DOCTOR), 0);
			assert_eq!(Balances::balance(&DOCTOR), ENDOWMENT);
			assert_eq!(AbuseFindings::<Test>::get(DOCTOR), 0);
			assert!(Consent::break_glass_of(&PATIENT).is_empty());
			assert!(!PendingBreakGlass::<Test>::contains_key(PATIENT));
			// Reviewing closes it at once.
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::EmergencyTreatment)),
				Err(AccessDenied::NoGrant)
			);
		});
	}

	#[test]
	fn an_authority_finds_abuse_against_the_clinician() {
		new_test_ext(|| {
			let id = open(DOCTOR);
			assert_ok!(Consent::review_break_glass(
				signed(BOARD),
				PATIENT,
				id,
				ReviewFinding::Abuse
			));
			assert_eq!(AbuseFindings::<Test>::get(DOCTOR), 1);
			assert_eq!(held(DOCTOR), 0);
			assert_eq!(Balances::balance(&DOCTOR), ENDOWMENT - BreakGlassDeposit::get());
			assert_eq!(Balances::balance(&PATIENT), ENDOWMENT + BreakGlassDeposit::get());
			assert!(LatestBreakGlass::<Test>::get(PATIENT, DOCTOR).is_none());
		});
	}

	#[test]
	fn reviewing_an_older_access_leaves_the_newer_one_open() {
		new_test_ext(|| {
			let first = open(DOCTOR);
			set_now(START + BreakGlassDuration::get());
			let second = open(DOCTOR);
			assert_ok!(Consent::review_break_glass(
				signed(PATIENT),
				PATIENT,
				first,
				ReviewFinding::Justified
			));
			assert_eq!(LatestBreakGlass::<Test>::get(PATIENT, DOCTOR), Some(second));
			assert_eq!(
				check(&request(DOCTOR, Action::Read, Purpose::EmergencyTreatment)),
				Ok(AccessBasis::BreakGlass(second))
			);
		});
	}

	#[test]
	fn only_the_patient_or_an_authority_reviews() {
		new_test_ext(|| {
			let id = open(DOCTOR);
			for who in [DOCTOR, STRANGER, OTHER_PATIENT] {
				assert_noop!(
					Consent::review_break_glass(signed(who), PATIENT, id, ReviewFinding::Justified),
					Error::<Test>::NotReviewer
				);
			}
			assert_noop!(
				Consent::review_break_glass(
					signed(PATIENT),
					PATIENT,
					id + 1,
					ReviewFinding::Justified
				),
				Error::<Test>::UnknownBreakGlass
			);
			assert_noop!(
				Consent::review_break_glass(
					signed(OTHER_PATIENT),
					OTHER_PATIENT,
					id,
					ReviewFinding::Justified
				),
				Error::<Test>::UnknownBreakGlass
			);
		});
	}
}

mod access_log {
	use super::*;

	#[test]
	fn accesses_by_others_are_logged_and_told() {
		new_test_ext(|| {
			let id = grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			let read = request(DOCTOR, Action::Read, Purpose::Treatment);
			<Consent as AccessPolicy<u64>>::log_access(&read, 5, AccessBasis::Grant(id));
			System::assert_last_event(
				Event::RecordAccessed {
					patient: PATIENT,
					record: 5,
					accessor: DOCTOR,
					on_behalf_of: None,
					action: Action::Read,
					purpose: Purpose::Treatment,
					basis: AccessBasis::Grant(id),
				}
				.into(),
			);
			assert_eq!(
				Consent::access_log(&PATIENT),
				vec![AccessEntry {
					accessor: DOCTOR,
					on_behalf_of: None,
					record: 5,
					action: Action::Read,
					purpose: Purpose::Treatment,
					basis: AccessBasis::Grant(id),
					at: START,
				}]
			);
			// The patient's own accesses are not logged.
			<Consent as AccessPolicy<u64>>::log_access(
				&request(PATIENT, Action::Read, Purpose::Treatment),
				5,
				AccessBasis::Patient,
			);
			assert_eq!(Consent::access_log(&PATIENT).len(), 1);
		});
	}

	#[test]
	fn the_log_keeps_the_latest_accesses_oldest_first() {
		new_test_ext(|| {
			let read = request(DOCTOR, Action::Read, Purpose::Treatment);
			for record in 1..=5 {
				<Consent as AccessPolicy<u64>>::log_access(&read, record, AccessBasis::Grant(0));
			}
			let kept: Vec<RecordId> =
				Consent::access_log(&PATIENT).into_iter().map(|entry| entry.record).collect();
			assert_eq!(kept, vec![3, 4, 5]);
			assert_eq!(AccessCount::<Test>::get(PATIENT), 5);
		});
	}
}
