//! Unit tests: every call's success and each refusal, and the access decision's whole matrix.

use crate::{mock::*, *};
use codec::{Decode, Encode};
use healthchain_primitives::{
	consent::{AccessLogging, AccessPolicy, ConsentInspect, OnConsentRevoked},
	records::CodeSystem,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::DispatchResultWithPostInfo,
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
	use healthchain_test_support::{HOME, HOME_ISSUER};

	/// A clinic where the doctor also works.
	const CLINIC: InstitutionId = 8;
	/// A pharmacy where the doctor also works.
	const PHARMACY: InstitutionId = 9;
	/// A medical board of another country.
	const FOREIGN_BOARD: u64 = 11;
	/// A nursing board: it oversees nurses only.
	const NURSING_BOARD: u64 = 12;

	/// The doctor and the nurse work at the hospital (the doctor at the clinic and the pharmacy
	/// too); a foreign medical board and a home nursing board are accredited.
	fn staff() {
		MockCredentials::affiliate(DOCTOR, HOSPITAL);
		MockCredentials::affiliate(NURSE, HOSPITAL);
		MockCredentials::verify(CLINIC, InstitutionKind::Clinic);
		MockCredentials::affiliate(DOCTOR, CLINIC);
		MockCredentials::verify(PHARMACY, InstitutionKind::Pharmacy);
		MockCredentials::affiliate(DOCTOR, PHARMACY);
		MockCredentials::accredit_in(FOREIGN_BOARD, Jurisdiction(*b"DE"), &[Role::Physician]);
		MockCredentials::accredit_in(NURSING_BOARD, HOME, &[Role::Nurse]);
	}

	/// `clinician` opens emergency access to `patient` for the hospital.
	fn open_on(clinician: u64, patient: u64) -> BreakGlassId {
		let id = NextBreakGlassId::<Test>::get();
		assert_ok!(Consent::open_break_glass(signed(clinician), patient, HOSPITAL, [9; 32]));
		id
	}

	fn open(clinician: u64) -> BreakGlassId {
		open_on(clinician, PATIENT)
	}

	/// `actor`, acting for `institution`, asks to read record 5 for emergency treatment.
	fn emergency_for(actor: u64, institution: Option<InstitutionId>) -> AccessRequest<u64> {
		let mut request = request(actor, Action::Read, Purpose::EmergencyTreatment);
		request.on_behalf_of = institution;
		request
	}

	#[test]
	fn a_clinician_opens_emergency_access_for_a_bounded_time() {
		new_test_ext(|| {
			staff();
			let id = open(DOCTOR);
			System::assert_last_event(
				Event::BreakGlassOpened {
					break_glass: id,
					patient: PATIENT,
					clinician: DOCTOR,
					on_behalf_of: HOSPITAL,
					justification_hash: [9; 32],
					expires_at: START + BreakGlassDuration::get(),
				}
				.into(),
			);
			assert_eq!(held(DOCTOR), BreakGlassDeposit::get());
			assert_eq!(Consent::break_glass_of(&PATIENT).len(), 1);
			let emergency = emergency_for(DOCTOR, Some(HOSPITAL));
			assert_eq!(check(&emergency), Ok(AccessBasis::BreakGlass(id)));
			let mut write = emergency.clone();
			write.action = Action::Write;
			assert_eq!(check(&write), Ok(AccessBasis::BreakGlass(id)));
			// Only for emergency treatment.
			let mut treatment = emergency.clone();
			treatment.purpose = Purpose::Treatment;
			assert_eq!(check(&treatment), Err(AccessDenied::NoGrant));
			// Not for anyone else.
			assert_eq!(check(&emergency_for(NURSE, Some(HOSPITAL))), Err(AccessDenied::NoGrant));
			set_now(START + BreakGlassDuration::get());
			assert_eq!(check(&emergency), Err(AccessDenied::NoGrant));
			// Closed, it still waits for review.
			assert_eq!(Consent::break_glass_of(&PATIENT).len(), 1);
		});
	}

	#[test]
	fn only_licensed_clinicians_open_emergency_access() {
		new_test_ext(|| {
			staff();
			MockCredentials::affiliate(PHARMACIST, HOSPITAL);
			for who in [STRANGER, PHARMACIST] {
				assert_noop!(
					Consent::open_break_glass(signed(who), PATIENT, HOSPITAL, [9; 32]),
					Error::<Test>::NotAClinician
				);
			}
			// A fired nurse: still affiliated, credential revoked.
			MockCredentials::lapse(NURSE, Role::Nurse);
			assert_noop!(
				Consent::open_break_glass(signed(NURSE), PATIENT, HOSPITAL, [9; 32]),
				Error::<Test>::NotAClinician
			);
			assert_noop!(
				Consent::open_break_glass(signed(DOCTOR), DOCTOR, HOSPITAL, [9; 32]),
				Error::<Test>::SelfBreakGlass
			);
			MockCredentials::license(PAUPER, Role::Physician);
			MockCredentials::affiliate(PAUPER, HOSPITAL);
			assert_noop!(
				Consent::open_break_glass(signed(PAUPER), PATIENT, HOSPITAL, [9; 32]),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	/// Attack: a clinician names an institution they do not work for (or one that gives no
	/// care) so that the log blames it.
	#[test]
	fn emergency_access_is_opened_only_for_a_care_institution_the_clinician_acts_for() {
		new_test_ext(|| {
			staff();
			const OTHER_HOSPITAL: InstitutionId = 10;
			MockCredentials::verify(OTHER_HOSPITAL, InstitutionKind::Hospital);
			for (institution, why) in [
				(OTHER_HOSPITAL, "not affiliated"),
				(PHARMACY, "not a care institution"),
				(99, "not registered"),
			] {
				assert_eq!(
					Consent::open_break_glass(signed(DOCTOR), PATIENT, institution, [9; 32]),
					Err(Error::<Test>::NotActingForCareInstitution.into()),
					"{why}"
				);
			}
			MockCredentials::suspend(HOSPITAL);
			assert_noop!(
				Consent::open_break_glass(signed(DOCTOR), PATIENT, HOSPITAL, [9; 32]),
				Error::<Test>::NotActingForCareInstitution
			);
		});
	}

	/// Attack: emergency access opened for one institution, then used in the name of another
	/// (one the clinician does not even work for) or of none, so that the log names the wrong
	/// party.
	#[test]
	fn emergency_access_admits_only_the_institution_it_was_opened_for() {
		new_test_ext(|| {
			staff();
			const OTHER_HOSPITAL: InstitutionId = 10;
			MockCredentials::verify(OTHER_HOSPITAL, InstitutionKind::Hospital);
			let id = open(DOCTOR);
			assert_eq!(
				check(&emergency_for(DOCTOR, Some(OTHER_HOSPITAL))),
				Err(AccessDenied::NotAffiliated)
			);
			assert_eq!(check(&emergency_for(DOCTOR, Some(CLINIC))), Err(AccessDenied::NoGrant));
			assert_eq!(check(&emergency_for(DOCTOR, None)), Err(AccessDenied::NoGrant));
			assert_eq!(
				check(&emergency_for(DOCTOR, Some(HOSPITAL))),
				Ok(AccessBasis::BreakGlass(id))
			);
			// Leaving the hospital ends it at once.
			MockCredentials::disaffiliate(DOCTOR, HOSPITAL);
			assert_eq!(
				check(&emergency_for(DOCTOR, Some(HOSPITAL))),
				Err(AccessDenied::NotAffiliated)
			);
		});
	}

	/// Attack: a physician suspended for misconduct who also holds a laboratory licence keeps
	/// using the emergency access opened as a physician.
	#[test]
	fn emergency_access_ends_with_the_clinician_credential() {
		new_test_ext(|| {
			staff();
			MockCredentials::license(DOCTOR, Role::Laboratory);
			let id = open(DOCTOR);
			let emergency = emergency_for(DOCTOR, Some(HOSPITAL));
			assert_eq!(check(&emergency), Ok(AccessBasis::BreakGlass(id)));
			MockCredentials::lapse(DOCTOR, Role::Physician);
			assert_eq!(check(&emergency), Err(AccessDenied::NoGrant));
		});
	}

	/// Attack: a griefer (or a crowd of curious clinicians) fills a patient's pending cases so
	/// that the clinician treating them cannot open emergency access. The bound is per
	/// clinician, so nobody else's cases count.
	#[test]
	fn pending_cases_are_bounded_per_clinician_and_never_block_another() {
		new_test_ext(|| {
			staff();
			open(DOCTOR);
			assert_noop!(
				Consent::open_break_glass(signed(DOCTOR), PATIENT, HOSPITAL, [9; 32]),
				Error::<Test>::BreakGlassAlreadyOpen
			);
			set_now(START + BreakGlassDuration::get());
			let second = open(DOCTOR);
			assert_eq!(LatestBreakGlass::<Test>::get(PATIENT, DOCTOR), Some(second));
			assert_eq!(PendingBreakGlass::<Test>::get(DOCTOR), 2);
			// The doctor's own bound is reached, for every patient ...
			assert_noop!(
				Consent::open_break_glass(signed(DOCTOR), OTHER_PATIENT, HOSPITAL, [9; 32]),
				Error::<Test>::TooManyPendingBreakGlass
			);
			// ... but the nurse still reaches the patient.
			let nurse = open(NURSE);
			assert_eq!(
				check(&emergency_for(NURSE, Some(HOSPITAL))),
				Ok(AccessBasis::BreakGlass(nurse))
			);
			assert_eq!(Consent::break_glass_of(&PATIENT).len(), 3);
		});
	}

	#[test]
	fn the_patient_reviews_and_closes_a_justified_access() {
		new_test_ext(|| {
			staff();
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
			assert!(!BreakGlassBans::<Test>::contains_key(DOCTOR));
			assert!(Consent::break_glass_of(&PATIENT).is_empty());
			assert!(!PendingBreakGlass::<Test>::contains_key(DOCTOR));
			// Reviewing closes it at once.
			assert_eq!(check(&emergency_for(DOCTOR, Some(HOSPITAL))), Err(AccessDenied::NoGrant));
		});
	}

	/// Abuse has a consequence: the deposit goes to the patient, the issuer of the credential is
	/// told, and the clinician opens no emergency access until an overseeing authority lifts
	/// the ban.
	#[test]
	fn abuse_bans_the_clinician_until_an_overseeing_authority_lifts_it() {
		new_test_ext(|| {
			staff();
			let id = open(DOCTOR);
			assert_ok!(Consent::review_break_glass(
				signed(BOARD),
				PATIENT,
				id,
				ReviewFinding::Abuse
			));
			System::assert_has_event(
				Event::BreakGlassAbuseFound {
					break_glass: id,
					patient: PATIENT,
					clinician: DOCTOR,
					role: Role::Physician,
					jurisdiction: HOME,
					issuer: HOME_ISSUER,
				}
				.into(),
			);
			assert_eq!(AbuseFindings::<Test>::get(DOCTOR), 1);
			assert_eq!(held(DOCTOR), 0);
			assert_eq!(Balances::balance(&DOCTOR), ENDOWMENT - BreakGlassDeposit::get());
			assert_eq!(Balances::balance(&PATIENT), ENDOWMENT + BreakGlassDeposit::get());
			assert!(LatestBreakGlass::<Test>::get(PATIENT, DOCTOR).is_none());
			assert_eq!(
				BreakGlassBans::<Test>::get(DOCTOR).map(|ban| (ban.break_glass, ban.patient)),
				Some((id, PATIENT))
			);

			for patient in [PATIENT, OTHER_PATIENT] {
				assert_noop!(
					Consent::open_break_glass(signed(DOCTOR), patient, HOSPITAL, [9; 32]),
					Error::<Test>::BannedFromBreakGlass
				);
			}
			// Only an authority overseeing physicians in the credential's jurisdiction lifts
			// it; not the clinician, even one who sits on a board.
			MockCredentials::accredit(DOCTOR);
			for who in [FOREIGN_BOARD, NURSING_BOARD, STRANGER, PATIENT, DOCTOR] {
				assert_noop!(
					Consent::lift_break_glass_ban(signed(who), DOCTOR),
					Error::<Test>::NotOverseer
				);
			}
			assert_noop!(
				Consent::lift_break_glass_ban(signed(BOARD), NURSE),
				Error::<Test>::NotBanned
			);
			assert_ok!(Consent::lift_break_glass_ban(signed(BOARD), DOCTOR));
			System::assert_last_event(
				Event::BreakGlassBanLifted { clinician: DOCTOR, authority: BOARD }.into(),
			);
			assert!(!BreakGlassBans::<Test>::contains_key(DOCTOR));
			// The finding stays on the record.
			assert_eq!(AbuseFindings::<Test>::get(DOCTOR), 1);
			open(DOCTOR);
		});
	}

	#[test]
	fn reviewing_an_older_access_leaves_the_newer_one_open() {
		new_test_ext(|| {
			staff();
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
				check(&emergency_for(DOCTOR, Some(HOSPITAL))),
				Ok(AccessBasis::BreakGlass(second))
			);
		});
	}

	/// Attack: the clinician (who is also on a board) closes their own case as justified, or
	/// an authority with no say over physicians here does it for them.
	#[test]
	fn only_the_patient_or_an_authority_overseeing_the_credential_reviews() {
		new_test_ext(|| {
			staff();
			let id = open(DOCTOR);
			MockCredentials::accredit(DOCTOR);
			assert_noop!(
				Consent::review_break_glass(signed(DOCTOR), PATIENT, id, ReviewFinding::Justified),
				Error::<Test>::SelfReview
			);
			for who in [STRANGER, OTHER_PATIENT, NURSE, FOREIGN_BOARD, NURSING_BOARD] {
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
			// The nursing board reviews the nurse's case.
			let nurse = open(NURSE);
			assert_ok!(Consent::review_break_glass(
				signed(NURSING_BOARD),
				PATIENT,
				nurse,
				ReviewFinding::Justified
			));
			assert_ok!(Consent::review_break_glass(
				signed(BOARD),
				PATIENT,
				id,
				ReviewFinding::Justified
			));
		});
	}
}

mod access_log {
	use super::*;

	fn log(request: &AccessRequest<u64>, record: RecordId, outcome: AccessOutcome) {
		assert_ok!(<Consent as AccessLogging<u64>>::log_access(request, record, outcome));
	}

	#[test]
	fn accesses_by_others_are_logged_and_told() {
		new_test_ext(|| {
			let id = grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			let read = request(DOCTOR, Action::Read, Purpose::Treatment);
			let allowed = AccessOutcome::Allowed(AccessBasis::Grant(id));
			log(&read, 5, allowed);
			System::assert_last_event(
				Event::RecordAccessed {
					patient: PATIENT,
					record: 5,
					accessor: DOCTOR,
					on_behalf_of: None,
					action: Action::Read,
					purpose: Purpose::Treatment,
					outcome: allowed,
				}
				.into(),
			);
			assert_eq!(
				Consent::access_log(&PATIENT),
				vec![AccessEntry {
					number: 0,
					accessor: DOCTOR,
					on_behalf_of: None,
					record: 5,
					action: Action::Read,
					purpose: Purpose::Treatment,
					outcome: allowed,
					at: START,
				}]
			);
			// The accessor paid for their place in the log, once.
			assert_eq!(held(DOCTOR), AccessLogDeposit::get());
			log(&read, 6, allowed);
			assert_eq!(held(DOCTOR), AccessLogDeposit::get());
			// The patient's own accesses are not logged.
			log(
				&request(PATIENT, Action::Read, Purpose::Treatment),
				5,
				AccessOutcome::Allowed(AccessBasis::Patient),
			);
			assert_eq!(Consent::access_log(&PATIENT).len(), 2);
		});
	}

	/// Refused attempts are audited too (IHE ATNA): a curious clinician's failed read is on the
	/// record.
	#[test]
	fn refused_attempts_are_logged() {
		new_test_ext(|| {
			let read = request(NURSE, Action::Read, Purpose::Treatment);
			let refused = AccessOutcome::from(check(&read));
			assert_eq!(refused, AccessOutcome::Denied(AccessDenied::NoGrant));
			log(&read, 5, refused);
			let entries = Consent::access_log(&PATIENT);
			assert_eq!(entries.len(), 1);
			assert_eq!((entries[0].accessor, entries[0].outcome), (NURSE, refused));
		});
	}

	#[test]
	fn each_accessor_keeps_their_latest_accesses_oldest_first() {
		new_test_ext(|| {
			let read = request(DOCTOR, Action::Read, Purpose::Treatment);
			for record in 1..=5 {
				log(&read, record, AccessOutcome::Allowed(AccessBasis::Grant(0)));
			}
			let kept: Vec<RecordId> =
				Consent::access_log(&PATIENT).into_iter().map(|entry| entry.record).collect();
			assert_eq!(kept, vec![3, 4, 5]);
			assert_eq!(AccessCount::<Test>::get(PATIENT), 5);
			assert_eq!(AccessLogShares::<Test>::get(PATIENT, DOCTOR).unwrap().logged, 5);
		});
	}

	/// A record gateway reads one accessor's ring, not the whole log, to check that a download
	/// was logged.
	#[test]
	fn one_accessors_entries_are_read_on_their_own_oldest_first() {
		new_test_ext(|| {
			let id = grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			let read = request(DOCTOR, Action::Read, Purpose::Treatment);
			let allowed = AccessOutcome::Allowed(AccessBasis::Grant(id));
			log(&read, 5, allowed);
			log(
				&request(NURSE, Action::Read, Purpose::Treatment),
				6,
				AccessOutcome::Denied(AccessDenied::NoGrant),
			);
			log(&read, 7, allowed);
			let doctor: Vec<(u64, RecordId)> = Consent::accesses_by(&PATIENT, &DOCTOR)
				.into_iter()
				.map(|entry| (entry.number, entry.record))
				.collect();
			assert_eq!(doctor, vec![(0, 5), (2, 7)]);
			assert_eq!(Consent::accesses_by(&PATIENT, &NURSE).len(), 1);
			assert!(Consent::accesses_by(&PATIENT, &STRANGER).is_empty());
			assert!(Consent::accesses_by(&DOCTOR, &DOCTOR).is_empty());
		});
	}

	/// Attack: a griefer makes cheap calls until the patient's log forgets who read their
	/// records. Each accessor only ever overwrites their own entries.
	#[test]
	fn no_accessor_can_flush_anyone_elses_entries() {
		new_test_ext(|| {
			let id = grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			log(
				&request(DOCTOR, Action::Read, Purpose::Treatment),
				5,
				AccessOutcome::Allowed(AccessBasis::Grant(id)),
			);
			let flood = request(STRANGER, Action::Read, Purpose::Treatment);
			for record in 0..100 {
				log(&flood, record, AccessOutcome::Denied(AccessDenied::NotCredentialed));
			}
			let entries = Consent::access_log(&PATIENT);
			assert_eq!(entries.len(), 4);
			assert_eq!((entries[0].accessor, entries[0].record), (DOCTOR, 5));
			assert!(entries[1..].iter().all(|entry| entry.accessor == STRANGER));
			// The griefer paid for the state they added.
			assert_eq!(held(STRANGER), AccessLogDeposit::get());
		});
	}

	#[test]
	fn an_accessor_who_cannot_pay_for_their_place_in_the_log_is_refused() {
		new_test_ext(|| {
			assert_noop!(
				<Consent as AccessLogging<u64>>::log_access(
					&request(PAUPER, Action::Read, Purpose::Treatment),
					5,
					AccessOutcome::Denied(AccessDenied::NotCredentialed),
				),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	/// Attack: an accessor erases their trail by releasing their entries at once. They get
	/// their deposit back only after the retention period, and the events stay.
	#[test]
	fn entries_are_released_only_after_the_retention_period() {
		new_test_ext(|| {
			let read = request(DOCTOR, Action::Read, Purpose::Treatment);
			log(&read, 5, AccessOutcome::Denied(AccessDenied::NoGrant));
			set_now(START + DAY);
			log(&read, 6, AccessOutcome::Denied(AccessDenied::NoGrant));
			assert_noop!(
				Consent::release_access_log(signed(NURSE), PATIENT),
				Error::<Test>::NoAccessLogEntries
			);
			set_now(START + DAY + AccessLogRetention::get() - 1);
			assert_noop!(
				Consent::release_access_log(signed(DOCTOR), PATIENT),
				Error::<Test>::AccessLogRetained
			);
			set_now(START + DAY + AccessLogRetention::get());
			assert_ok!(Consent::release_access_log(signed(DOCTOR), PATIENT));
			System::assert_last_event(
				Event::AccessLogReleased { patient: PATIENT, accessor: DOCTOR }.into(),
			);
			assert!(Consent::access_log(&PATIENT).is_empty());
			assert_eq!(held(DOCTOR), 0);
			assert_eq!(AccessCount::<Test>::get(PATIENT), 2);
		});
	}
}

mod guardians {
	use super::*;

	fn appoint() {
		assert_ok!(Consent::appoint_guardian(signed(PATIENT), GUARDIAN, None));
	}

	fn as_guardian(patient: u64, call: Call<Test>) -> DispatchResultWithPostInfo {
		Consent::as_guardian(signed(GUARDIAN), patient, Box::new(call.into()))
	}

	#[test]
	fn the_patient_appoints_a_guardian_who_acts_as_themselves() {
		new_test_ext(|| {
			appoint();
			System::assert_last_event(
				Event::GuardianAppointed {
					patient: PATIENT,
					guardian: GUARDIAN,
					appointed_by: GuardianAppointer::Patient,
					until: None,
				}
				.into(),
			);
			assert_eq!(held(PATIENT), GuardianDeposit::get());
			// The guardian reads and writes the patient's records as the guardian: the basis
			// says so, and the log names the guardian.
			for action in [Action::Read, Action::Write] {
				assert_eq!(
					check(&request(GUARDIAN, action, Purpose::CareManagement)),
					Ok(AccessBasis::Guardian)
				);
			}
			let read = request(GUARDIAN, Action::Read, Purpose::CareManagement);
			assert_ok!(<Consent as AccessLogging<u64>>::log_access(
				&read,
				5,
				AccessOutcome::Allowed(AccessBasis::Guardian)
			));
			let entries = Consent::access_log(&PATIENT);
			assert_eq!(
				(entries[0].accessor, entries[0].outcome),
				(GUARDIAN, AccessOutcome::Allowed(AccessBasis::Guardian))
			);
			// Not another patient's.
			let mut other = read.clone();
			other.target.patient = OTHER_PATIENT;
			assert_eq!(check(&other), Err(AccessDenied::NotCredentialed));
		});
	}

	#[test]
	fn a_guardian_manages_the_patients_consents_evented_as_theirs() {
		new_test_ext(|| {
			appoint();
			assert_ok!(as_guardian(
				PATIENT,
				Call::grant_consent {
					grantee: practitioner(DOCTOR),
					purpose: Purpose::Treatment,
					scope: GrantScope::AllRecords,
					actions: READ,
					valid_from: None,
					valid_until: None,
				}
			));
			System::assert_has_event(
				Event::GuardianActed { patient: PATIENT, guardian: GUARDIAN }.into(),
			);
			assert!(Consent::has_live_grant(&PATIENT, &practitioner(DOCTOR), Purpose::Treatment));
			// The patient's consent, on the patient's deposit.
			assert_eq!(held(PATIENT), GuardianDeposit::get() + GrantDeposit::get());
			assert_eq!(held(GUARDIAN), 0);
			assert_ok!(as_guardian(
				PATIENT,
				Call::revoke_consent { grantee: practitioner(DOCTOR), purpose: Purpose::Treatment }
			));
			assert!(!Consent::has_live_grant(&PATIENT, &practitioner(DOCTOR), Purpose::Treatment));
			assert_ok!(as_guardian(
				PATIENT,
				Call::remove_grant { grantee: practitioner(DOCTOR), purpose: Purpose::Treatment }
			));
		});
	}

	/// Attack: the patient is a physician, a nurse or an authority, and the guardian uses that
	/// standing: opening break-glass on strangers, reading other patients under grants made to
	/// the principal, reviewing others' break-glass cases, lifting bans.
	#[test]
	fn nothing_done_through_guardianship_uses_the_patients_professional_standing() {
		new_test_ext(|| {
			// The doctor is the patient here, with a grant from another patient and a seat on a
			// board, and appoints a guardian.
			MockCredentials::accredit(DOCTOR);
			MockCredentials::affiliate(DOCTOR, HOSPITAL);
			assert_ok!(Consent::grant_consent(
				signed(OTHER_PATIENT),
				practitioner(DOCTOR),
				Purpose::Treatment,
				GrantScope::AllRecords,
				READ,
				None,
				None
			));
			assert_ok!(Consent::appoint_guardian(signed(DOCTOR), GUARDIAN, None));
			for call in [
				Call::open_break_glass {
					patient: OTHER_PATIENT,
					on_behalf_of: HOSPITAL,
					justification_hash: [0; 32],
				},
				Call::review_break_glass {
					patient: OTHER_PATIENT,
					break_glass: 0,
					finding: ReviewFinding::Justified,
				},
				Call::lift_break_glass_ban { clinician: NURSE },
				Call::release_access_log { patient: OTHER_PATIENT },
				Call::appoint_guardian { guardian: STRANGER, until: None },
				Call::as_guardian {
					patient: DOCTOR,
					call: Box::new(
						Call::revoke_consent {
							grantee: practitioner(NURSE),
							purpose: Purpose::Treatment,
						}
						.into(),
					),
				},
			] {
				assert_noop!(as_guardian(DOCTOR, call), Error::<Test>::CallNotForGuardians);
			}
			// Reading the other patient's records under the grant to the doctor: the guardian
			// is judged as themselves, with no credential and no grant.
			let mut read = request(GUARDIAN, Action::Read, Purpose::Treatment);
			read.target.patient = OTHER_PATIENT;
			assert_eq!(check(&read), Err(AccessDenied::NotCredentialed));
		});
	}

	#[test]
	fn only_a_live_guardian_acts_for_the_patient() {
		new_test_ext(|| {
			let revoke =
				Call::revoke_consent { grantee: practitioner(DOCTOR), purpose: Purpose::Treatment };
			assert_noop!(as_guardian(PATIENT, revoke.clone()), Error::<Test>::NotGuardian);
			assert_ok!(Consent::appoint_guardian(signed(PATIENT), GUARDIAN, Some(START + DAY)));
			set_now(START + DAY);
			assert_noop!(as_guardian(PATIENT, revoke), Error::<Test>::NotGuardian);
			assert_eq!(
				check(&request(GUARDIAN, Action::Read, Purpose::CareManagement)),
				Err(AccessDenied::NotCredentialed)
			);
		});
	}

	#[test]
	fn appointments_are_checked_and_bounded() {
		new_test_ext(|| {
			assert_noop!(
				Consent::appoint_guardian(signed(PATIENT), PATIENT, None),
				Error::<Test>::SelfGuardian
			);
			assert_noop!(
				Consent::appoint_guardian(signed(PATIENT), GUARDIAN, Some(START)),
				Error::<Test>::InvalidPeriod
			);
			appoint();
			assert_noop!(
				Consent::appoint_guardian(signed(PATIENT), GUARDIAN, None),
				Error::<Test>::GuardianExists
			);
			assert_ok!(Consent::appoint_guardian(signed(PATIENT), NURSE, None));
			assert_noop!(
				Consent::appoint_guardian(signed(PATIENT), DOCTOR, None),
				Error::<Test>::TooManyGuardians
			);
			assert_noop!(
				Consent::appoint_guardian(signed(PAUPER), GUARDIAN, None),
				DispatchError::Token(TokenError::FundsUnavailable)
			);
		});
	}

	/// An authority appoints a guardian for a minor or an incapacitated adult; the patient
	/// cannot end that appointment, an authority or the guardian can. Nobody else appoints for
	/// someone else, and an authority does not appoint itself.
	#[test]
	fn an_authority_appoints_and_ends_guardianship_for_someone_else() {
		new_test_ext(|| {
			for who in [STRANGER, DOCTOR] {
				assert_noop!(
					Consent::appoint_guardian_by_authority(
						signed(who),
						PATIENT,
						GUARDIAN,
						None,
						[4; 32]
					),
					Error::<Test>::NotAnAuthority
				);
			}
			assert_noop!(
				Consent::appoint_guardian_by_authority(
					signed(BOARD),
					PATIENT,
					BOARD,
					None,
					[4; 32]
				),
				Error::<Test>::NotAnAuthority
			);
			assert_ok!(Consent::appoint_guardian_by_authority(
				signed(BOARD),
				PATIENT,
				GUARDIAN,
				None,
				[4; 32]
			));
			assert_eq!(held(BOARD), GuardianDeposit::get());
			assert_eq!(
				check(&request(GUARDIAN, Action::Read, Purpose::CareManagement)),
				Ok(AccessBasis::Guardian)
			);
			for who in [PATIENT, STRANGER] {
				assert_noop!(
					Consent::remove_guardian(signed(who), PATIENT, GUARDIAN),
					Error::<Test>::NotGuardianRemover
				);
			}
			assert_ok!(Consent::remove_guardian(signed(BOARD), PATIENT, GUARDIAN));
			System::assert_last_event(
				Event::GuardianRemoved { patient: PATIENT, guardian: GUARDIAN, by: BOARD }.into(),
			);
			assert_eq!(held(BOARD), 0);
			assert_noop!(
				Consent::remove_guardian(signed(BOARD), PATIENT, GUARDIAN),
				Error::<Test>::NotGuardian
			);
		});
	}

	#[test]
	fn the_patient_or_the_guardian_ends_the_patients_appointment() {
		new_test_ext(|| {
			appoint();
			assert_noop!(
				Consent::remove_guardian(signed(BOARD), PATIENT, GUARDIAN),
				Error::<Test>::NotGuardianRemover
			);
			assert_ok!(Consent::remove_guardian(signed(GUARDIAN), PATIENT, GUARDIAN));
			assert_eq!(held(PATIENT), 0);
			appoint();
			assert_ok!(Consent::remove_guardian(signed(PATIENT), PATIENT, GUARDIAN));
			assert!(GuardianCount::<Test>::get(PATIENT) == 0);
		});
	}
}

mod try_state {
	use super::*;
	use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};

	const REASONS: [HoldReason; 4] = [
		HoldReason::GrantDeposit,
		HoldReason::BreakGlassDeposit,
		HoldReason::AccessLogDeposit,
		HoldReason::GuardianDeposit,
	];

	#[test]
	fn try_state_finds_a_hold_without_a_stored_deposit() {
		new_test_ext(|| {
			grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			assert_ok!(Consent::do_try_state());
			// Under each reason, on an account with no deposit stored and on the one with a
			// grant's: the checks see every account, not only the depositors.
			for reason in REASONS {
				for who in [STRANGER, PATIENT] {
					assert_ok!(Balances::hold(&reason.into(), &who, 5));
					assert!(Consent::do_try_state().is_err());
					assert_ok!(Balances::release(&reason.into(), &who, 5, Precision::Exact));
					assert_ok!(Consent::do_try_state());
				}
			}
		});
	}

	#[test]
	fn try_state_finds_a_stored_deposit_whose_hold_was_released() {
		new_test_ext(|| {
			grant(practitioner(DOCTOR), Purpose::Treatment, READ);
			assert_ok!(Consent::appoint_guardian(signed(PATIENT), GUARDIAN, None));
			for (reason, deposit) in [
				(HoldReason::GrantDeposit, GrantDeposit::get()),
				(HoldReason::GuardianDeposit, GuardianDeposit::get()),
			] {
				assert_ok!(Balances::release(&reason.into(), &PATIENT, deposit, Precision::Exact));
				assert!(Consent::do_try_state().is_err());
				assert_ok!(Balances::hold(&reason.into(), &PATIENT, deposit));
				assert_ok!(Consent::do_try_state());
			}
		});
	}
}
