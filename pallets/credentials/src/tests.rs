//! Unit tests: every call's success and each of its refusals.

use crate::{mock::*, *};
use codec::{Decode, Encode};
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_runtime::{DispatchError, TokenError},
};

const DE: Jurisdiction = Jurisdiction(*b"DE");
const FR: Jurisdiction = Jurisdiction(*b"FR");
const LICENCE: [u8; 32] = [7; 32];
const DETAILS: [u8; 32] = [9; 32];

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn roles(list: &[Role]) -> RoleList {
	list.to_vec().try_into().unwrap()
}

fn kinds(list: &[InstitutionKind]) -> InstitutionKindList {
	list.to_vec().try_into().unwrap()
}

/// Accredits the German medical and pharmacy boards and the French medical board.
fn accredit_boards() {
	assert_ok!(Credentials::accredit_authority(
		root(),
		MEDICAL_BOARD,
		DE,
		roles(&[Role::Physician, Role::Nurse]),
		kinds(&[InstitutionKind::Hospital, InstitutionKind::Clinic]),
	));
	assert_ok!(Credentials::accredit_authority(
		root(),
		PHARMACY_BOARD,
		DE,
		roles(&[Role::Pharmacist, Role::Pharmacy]),
		kinds(&[InstitutionKind::Pharmacy]),
	));
	assert_ok!(Credentials::accredit_authority(
		root(),
		FRENCH_BOARD,
		FR,
		roles(&[Role::Physician]),
		kinds(&[InstitutionKind::Hospital]),
	));
}

/// The medical board licenses `who` as `role` for a year from now; returns the credential id.
fn license(who: u64, role: Role) -> CredentialId {
	let id = NextCredentialId::<Test>::get();
	assert_ok!(Credentials::issue_credential(
		signed(MEDICAL_BOARD),
		who,
		role,
		DE,
		LICENCE,
		START,
		START + YEAR,
	));
	id
}

/// Registers a German hospital run by [`HOSPITAL_ADMIN`] and has the medical board verify it.
fn verified_hospital() -> InstitutionId {
	let id = NextInstitutionId::<Test>::get();
	assert_ok!(Credentials::register_institution(
		signed(HOSPITAL_ADMIN),
		InstitutionKind::Hospital,
		DE,
		DETAILS
	));
	assert_ok!(Credentials::verify_institution(signed(MEDICAL_BOARD), id));
	id
}

fn held(reason: HoldReason, who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Credentials(reason), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Credentials(event) => Some(event),
			_ => None,
		})
		.expect("a credentials event")
}

mod authorities {
	use super::*;

	#[test]
	fn governance_accredits_an_authority() {
		new_test_ext(|| {
			accredit_boards();
			let scope = Authorities::<Test>::get(MEDICAL_BOARD).unwrap();
			assert_eq!(scope.jurisdiction, DE);
			assert_eq!(scope.roles.to_vec(), vec![Role::Physician, Role::Nurse]);
			System::assert_has_event(
				Event::AuthorityAccredited { authority: MEDICAL_BOARD, scope }.into(),
			);
		});
	}

	#[test]
	fn only_governance_accredits() {
		new_test_ext(|| {
			assert_noop!(
				Credentials::accredit_authority(
					signed(MEDICAL_BOARD),
					MEDICAL_BOARD,
					DE,
					roles(&[Role::Physician]),
					kinds(&[]),
				),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn accreditation_refuses_bad_scopes() {
		new_test_ext(|| {
			let accredit = |jurisdiction, role_list: &[Role], kind_list: &[InstitutionKind]| {
				Credentials::accredit_authority(
					root(),
					MEDICAL_BOARD,
					jurisdiction,
					roles(role_list),
					kinds(kind_list),
				)
			};
			assert_noop!(
				accredit(Jurisdiction(*b"de"), &[Role::Physician], &[]),
				Error::<Test>::MalformedJurisdiction
			);
			assert_noop!(
				accredit(Jurisdiction(*b"D1"), &[Role::Physician], &[]),
				Error::<Test>::MalformedJurisdiction
			);
			assert_noop!(accredit(DE, &[], &[]), Error::<Test>::EmptyScope);
			assert_noop!(
				accredit(DE, &[Role::Nurse, Role::Nurse], &[]),
				Error::<Test>::DuplicateInScope
			);
			assert_noop!(
				accredit(DE, &[Role::Nurse], &[InstitutionKind::Clinic, InstitutionKind::Clinic]),
				Error::<Test>::DuplicateInScope
			);
		});
	}

	#[test]
	fn an_authority_is_accredited_once() {
		new_test_ext(|| {
			accredit_boards();
			assert_noop!(
				Credentials::accredit_authority(
					root(),
					MEDICAL_BOARD,
					DE,
					roles(&[Role::Physician]),
					kinds(&[]),
				),
				Error::<Test>::AlreadyAuthority
			);
		});
	}

	#[test]
	fn scope_lists_are_bounded_when_decoded() {
		// Eleven roles (one more than exist) do not decode as a call's argument.
		let too_many: Vec<Role> = Role::ALL.into_iter().chain([Role::Physician]).collect();
		assert!(RoleList::decode(&mut &too_many.encode()[..]).is_err());
		let too_many_kinds = vec![InstitutionKind::Clinic; MAX_INSTITUTION_KINDS as usize + 1];
		assert!(InstitutionKindList::decode(&mut &too_many_kinds.encode()[..]).is_err());
	}

	#[test]
	fn governance_withdraws_an_authority() {
		new_test_ext(|| {
			accredit_boards();
			assert_noop!(
				Credentials::withdraw_authority(signed(MEDICAL_BOARD), MEDICAL_BOARD),
				DispatchError::BadOrigin
			);
			assert_ok!(Credentials::withdraw_authority(root(), MEDICAL_BOARD));
			assert!(!Authorities::<Test>::contains_key(MEDICAL_BOARD));
			assert_eq!(last_event(), Event::AuthorityWithdrawn { authority: MEDICAL_BOARD });
			assert_noop!(
				Credentials::withdraw_authority(root(), MEDICAL_BOARD),
				Error::<Test>::NotAuthority
			);
			// A withdrawn authority issues nothing more.
			assert_noop!(
				Credentials::issue_credential(
					signed(MEDICAL_BOARD),
					DOCTOR,
					Role::Physician,
					DE,
					LICENCE,
					START,
					START + YEAR,
				),
				Error::<Test>::NotAuthority
			);
		});
	}
}

mod issuing {
	use super::*;

	#[test]
	fn an_authority_licenses_a_physician() {
		new_test_ext(|| {
			accredit_boards();
			assert!(!Credentials::has_role(&DOCTOR, Role::Physician));
			let id = license(DOCTOR, Role::Physician);
			assert!(Credentials::has_role(&DOCTOR, Role::Physician));
			assert!(!Credentials::has_role(&DOCTOR, Role::Nurse));
			assert_eq!(Credentials::live_roles(&DOCTOR), vec![Role::Physician]);
			assert_eq!(held(HoldReason::CredentialDeposit, MEDICAL_BOARD), 5);
			let credential = IssuedCredentials::<Test>::get(id).unwrap();
			assert_eq!(credential.licence_hash, LICENCE);
			assert_eq!(credential.issuer, MEDICAL_BOARD);
			assert_eq!(
				last_event(),
				Event::CredentialIssued {
					credential: id,
					holder: DOCTOR,
					role: Role::Physician,
					jurisdiction: DE,
					issuer: MEDICAL_BOARD,
					valid_from: START,
					valid_until: START + YEAR,
				}
			);
		});
	}

	#[test]
	fn issuing_refuses_what_the_authority_does_not_cover() {
		new_test_ext(|| {
			accredit_boards();
			let issue = |issuer, role, jurisdiction| {
				Credentials::issue_credential(
					signed(issuer),
					DOCTOR,
					role,
					jurisdiction,
					LICENCE,
					START,
					START + YEAR,
				)
			};
			assert_noop!(issue(STRANGER, Role::Physician, DE), Error::<Test>::NotAuthority);
			assert_noop!(issue(MEDICAL_BOARD, Role::Pharmacist, DE), Error::<Test>::RoleOutOfScope);
			assert_noop!(
				issue(MEDICAL_BOARD, Role::Physician, FR),
				Error::<Test>::JurisdictionOutOfScope
			);
			assert_noop!(
				issue(MEDICAL_BOARD, Role::Physician, Jurisdiction(*b"d!")),
				Error::<Test>::MalformedJurisdiction
			);
		});
	}

	#[test]
	fn issuing_refuses_bad_validity_periods() {
		new_test_ext(|| {
			accredit_boards();
			let issue = |from, until| {
				Credentials::issue_credential(
					signed(MEDICAL_BOARD),
					DOCTOR,
					Role::Physician,
					DE,
					LICENCE,
					from,
					until,
				)
			};
			assert_noop!(issue(START, START), Error::<Test>::InvalidValidityPeriod);
			assert_noop!(issue(START + 2, START + 1), Error::<Test>::InvalidValidityPeriod);
			assert_noop!(issue(START - YEAR, START), Error::<Test>::ValidityEndsInThePast);
		});
	}

	#[test]
	fn one_unrevoked_credential_per_role() {
		new_test_ext(|| {
			accredit_boards();
			let first = license(DOCTOR, Role::Physician);
			assert_noop!(
				Credentials::issue_credential(
					signed(FRENCH_BOARD),
					DOCTOR,
					Role::Physician,
					FR,
					LICENCE,
					START,
					START + YEAR,
				),
				Error::<Test>::DuplicateCredential
			);
			// After revocation a new licence may be issued; the revoked one stays on record.
			assert_ok!(Credentials::revoke_credential(signed(MEDICAL_BOARD), first));
			let second = license(DOCTOR, Role::Physician);
			assert_ne!(first, second);
			assert!(Credentials::has_role(&DOCTOR, Role::Physician));
			assert_eq!(
				IssuedCredentials::<Test>::get(first).unwrap().status,
				CredentialStatus::Revoked
			);
		});
	}

	#[test]
	fn issuing_needs_the_deposit() {
		new_test_ext(|| {
			assert_ok!(Credentials::accredit_authority(
				root(),
				PAUPER,
				DE,
				roles(&[Role::Physician]),
				kinds(&[]),
			));
			assert_noop!(
				Credentials::issue_credential(
					signed(PAUPER),
					DOCTOR,
					Role::Physician,
					DE,
					LICENCE,
					START,
					START + YEAR,
				),
				TokenError::FundsUnavailable
			);
		});
	}

	#[test]
	fn validity_is_judged_at_the_moment_of_use() {
		new_test_ext(|| {
			accredit_boards();
			assert_ok!(Credentials::issue_credential(
				signed(MEDICAL_BOARD),
				NURSE,
				Role::Nurse,
				DE,
				LICENCE,
				START + 1_000,
				START + YEAR,
			));
			// Not yet valid.
			assert!(!Credentials::has_role(&NURSE, Role::Nurse));
			set_now(START + 1_000);
			assert!(Credentials::has_role(&NURSE, Role::Nurse));
			set_now(START + YEAR - 1);
			assert!(Credentials::has_role(&NURSE, Role::Nurse));
			// Expired: the end is exclusive.
			set_now(START + YEAR);
			assert!(!Credentials::has_role(&NURSE, Role::Nurse));
			assert!(Credentials::live_roles(&NURSE).is_empty());
			// Still on record, and still the nurse's credential for the role.
			assert_eq!(Credentials::credentials_of(&NURSE).len(), 1);
		});
	}
}

mod lifecycle {
	use super::*;

	#[test]
	fn renewal_extends_and_revives() {
		new_test_ext(|| {
			accredit_boards();
			let id = license(DOCTOR, Role::Physician);
			set_now(START + YEAR + 5);
			assert!(!Credentials::has_role(&DOCTOR, Role::Physician));
			assert_ok!(Credentials::renew_credential(signed(MEDICAL_BOARD), id, START + 2 * YEAR));
			assert!(Credentials::has_role(&DOCTOR, Role::Physician));
			assert_eq!(
				last_event(),
				Event::CredentialRenewed {
					credential: id,
					authority: MEDICAL_BOARD,
					valid_until: START + 2 * YEAR
				}
			);
		});
	}

	#[test]
	fn renewal_refusals() {
		new_test_ext(|| {
			accredit_boards();
			let id = license(DOCTOR, Role::Physician);
			assert_noop!(
				Credentials::renew_credential(signed(STRANGER), id, START + 2 * YEAR),
				Error::<Test>::NotAuthority
			);
			assert_noop!(
				Credentials::renew_credential(signed(PHARMACY_BOARD), id, START + 2 * YEAR),
				Error::<Test>::RoleOutOfScope
			);
			assert_noop!(
				Credentials::renew_credential(signed(FRENCH_BOARD), id, START + 2 * YEAR),
				Error::<Test>::JurisdictionOutOfScope
			);
			assert_noop!(
				Credentials::renew_credential(signed(MEDICAL_BOARD), 99, START + 2 * YEAR),
				Error::<Test>::UnknownCredential
			);
			assert_noop!(
				Credentials::renew_credential(signed(MEDICAL_BOARD), id, START),
				Error::<Test>::InvalidValidityPeriod
			);
			set_now(START + 10);
			assert_noop!(
				Credentials::renew_credential(signed(MEDICAL_BOARD), id, START + 5),
				Error::<Test>::ValidityEndsInThePast
			);
			assert_ok!(Credentials::revoke_credential(signed(MEDICAL_BOARD), id));
			assert_noop!(
				Credentials::renew_credential(signed(MEDICAL_BOARD), id, START + 2 * YEAR),
				Error::<Test>::CredentialRevoked
			);
		});
	}

	#[test]
	fn one_read_of_the_role_index_answers_for_every_role_held() {
		new_test_ext(|| {
			accredit_boards();
			let physician = license(DOCTOR, Role::Physician);
			let nurse = license(DOCTOR, Role::Nurse);
			let pharmacist = NextCredentialId::<Test>::get();
			assert_ok!(Credentials::issue_credential(
				signed(PHARMACY_BOARD),
				DOCTOR,
				Role::Pharmacist,
				DE,
				LICENCE,
				START,
				START + YEAR,
			));
			assert_eq!(HeldRoles::<Test>::get(DOCTOR).len(), 3);
			// Suspending one leaves the others, and the first live one is what a multi-role
			// check reports.
			assert_ok!(Credentials::suspend_credential(signed(MEDICAL_BOARD), physician));
			assert_eq!(Credentials::live_roles(&DOCTOR), vec![Role::Nurse, Role::Pharmacist]);
			assert_eq!(
				Credentials::first_live_credential(&DOCTOR, &[Role::Physician, Role::Pharmacist])
					.map(|live| (live.role, live.issuer)),
				Some((Role::Pharmacist, PHARMACY_BOARD))
			);
			// Renewal moves only its own credential's period.
			assert_ok!(Credentials::renew_credential(
				signed(MEDICAL_BOARD),
				nurse,
				START + 2 * YEAR
			));
			set_now(START + YEAR);
			assert_eq!(Credentials::live_roles(&DOCTOR), vec![Role::Nurse]);
			// Revoking takes the role out of the index; purging the last empties it.
			assert_ok!(Credentials::revoke_credential(signed(MEDICAL_BOARD), nurse));
			assert!(!Credentials::has_role(&DOCTOR, Role::Nurse));
			assert_eq!(HeldRoles::<Test>::get(DOCTOR).len(), 2);
			assert_ok!(Credentials::do_try_state());
			assert_ok!(Credentials::purge_credential(signed(MEDICAL_BOARD), nurse));
			assert_ok!(Credentials::purge_credential(signed(PHARMACY_BOARD), pharmacist));
			assert_eq!(HeldRoles::<Test>::get(DOCTOR).len(), 1);
			assert_ok!(Credentials::purge_credential(signed(MEDICAL_BOARD), physician));
			assert!(!HeldRoles::<Test>::contains_key(DOCTOR));
			assert_ok!(Credentials::do_try_state());
		});
	}

	#[test]
	fn try_state_finds_a_role_index_out_of_step_with_its_credentials() {
		new_test_ext(|| {
			accredit_boards();
			let id = license(DOCTOR, Role::Physician);
			assert_ok!(Credentials::do_try_state());
			let honest = HeldRoles::<Test>::get(DOCTOR);
			let set_status = |status| {
				IssuedCredentials::<Test>::mutate(id, |credential| {
					credential.as_mut().unwrap().status = status
				})
			};
			// A suspension the index missed would keep a suspended physician acting.
			set_status(CredentialStatus::Suspended);
			assert!(Credentials::do_try_state().is_err());
			set_status(CredentialStatus::Active);
			assert_ok!(Credentials::suspend_credential(signed(MEDICAL_BOARD), id));
			assert_ok!(Credentials::do_try_state());
			// An unrevoked credential missing from the index, and an index entry for a role
			// held twice.
			HeldRoles::<Test>::remove(DOCTOR);
			assert!(Credentials::do_try_state().is_err());
			let mut doubled = honest.clone();
			doubled.try_push(honest[0].clone()).unwrap();
			HeldRoles::<Test>::insert(DOCTOR, doubled);
			assert!(Credentials::do_try_state().is_err());
			let standing = IssuedCredentials::<Test>::get(id).unwrap().standing(id);
			HeldRoles::<Test>::insert(DOCTOR, HeldRoleList::truncate_from(vec![standing]));
			assert_ok!(Credentials::do_try_state());
		});
	}

	#[test]
	fn suspension_removes_the_role_until_reinstated() {
		new_test_ext(|| {
			accredit_boards();
			let id = license(DOCTOR, Role::Physician);
			assert_noop!(
				Credentials::suspend_credential(signed(STRANGER), id),
				Error::<Test>::NotAuthority
			);
			assert_noop!(
				Credentials::suspend_credential(signed(PHARMACY_BOARD), id),
				Error::<Test>::RoleOutOfScope
			);
			assert_noop!(
				Credentials::reinstate_credential(signed(MEDICAL_BOARD), id),
				Error::<Test>::CredentialNotSuspended
			);
			assert_ok!(Credentials::suspend_credential(signed(MEDICAL_BOARD), id));
			assert_eq!(
				last_event(),
				Event::CredentialSuspended { credential: id, authority: MEDICAL_BOARD }
			);
			assert!(!Credentials::has_role(&DOCTOR, Role::Physician));
			assert_noop!(
				Credentials::suspend_credential(signed(MEDICAL_BOARD), id),
				Error::<Test>::CredentialNotActive
			);
			assert_ok!(Credentials::reinstate_credential(signed(MEDICAL_BOARD), id));
			assert_eq!(
				last_event(),
				Event::CredentialReinstated { credential: id, authority: MEDICAL_BOARD }
			);
			assert!(Credentials::has_role(&DOCTOR, Role::Physician));
		});
	}

	#[test]
	fn revocation_is_final() {
		new_test_ext(|| {
			accredit_boards();
			let id = license(DOCTOR, Role::Physician);
			assert_noop!(
				Credentials::revoke_credential(signed(FRENCH_BOARD), id),
				Error::<Test>::JurisdictionOutOfScope
			);
			assert_ok!(Credentials::suspend_credential(signed(MEDICAL_BOARD), id));
			assert_ok!(Credentials::revoke_credential(signed(MEDICAL_BOARD), id));
			assert_eq!(
				last_event(),
				Event::CredentialRevoked { credential: id, authority: MEDICAL_BOARD }
			);
			assert!(!Credentials::has_role(&DOCTOR, Role::Physician));
			assert_noop!(
				Credentials::reinstate_credential(signed(MEDICAL_BOARD), id),
				Error::<Test>::CredentialNotSuspended
			);
			assert_noop!(
				Credentials::revoke_credential(signed(MEDICAL_BOARD), id),
				Error::<Test>::CredentialRevoked
			);
			assert_noop!(
				Credentials::suspend_credential(signed(MEDICAL_BOARD), id),
				Error::<Test>::CredentialNotActive
			);
		});
	}

	#[test]
	fn purging_returns_the_deposit_once_out_of_force() {
		new_test_ext(|| {
			accredit_boards();
			let revoked = license(DOCTOR, Role::Physician);
			let expiring = license(NURSE, Role::Nurse);
			assert_eq!(held(HoldReason::CredentialDeposit, MEDICAL_BOARD), 10);
			assert_noop!(
				Credentials::purge_credential(signed(MEDICAL_BOARD), expiring),
				Error::<Test>::CredentialStillInForce
			);
			assert_noop!(
				Credentials::purge_credential(signed(MEDICAL_BOARD), 99),
				Error::<Test>::UnknownCredential
			);
			assert_ok!(Credentials::revoke_credential(signed(MEDICAL_BOARD), revoked));
			assert_noop!(
				Credentials::purge_credential(signed(STRANGER), revoked),
				Error::<Test>::NotAuthority
			);
			assert_ok!(Credentials::purge_credential(signed(MEDICAL_BOARD), revoked));
			assert_eq!(last_event(), Event::CredentialPurged { credential: revoked });
			assert!(!IssuedCredentials::<Test>::contains_key(revoked));
			assert_eq!(held(HoldReason::CredentialDeposit, MEDICAL_BOARD), 5);

			// An expired credential may be purged too, and frees the role.
			set_now(START + YEAR);
			assert_ok!(Credentials::purge_credential(signed(MEDICAL_BOARD), expiring));
			assert!(!HeldRoles::<Test>::get(NURSE).iter().any(|held| held.role == Role::Nurse));
			assert_eq!(held(HoldReason::CredentialDeposit, MEDICAL_BOARD), 0);
			assert_eq!(Balances::free_balance(MEDICAL_BOARD), ENDOWMENT);
		});
	}
}

mod institutions {
	use super::*;

	#[test]
	fn registration_holds_the_deposit_and_waits_for_verification() {
		new_test_ext(|| {
			assert_ok!(Credentials::register_institution(
				signed(HOSPITAL_ADMIN),
				InstitutionKind::Hospital,
				DE,
				DETAILS
			));
			let record = Institutions::<Test>::get(0).unwrap();
			assert_eq!(record.status, InstitutionStatus::Pending);
			assert_eq!(record.admin, HOSPITAL_ADMIN);
			assert_eq!(held(HoldReason::InstitutionDeposit, HOSPITAL_ADMIN), 100);
			assert_eq!(NextInstitutionId::<Test>::get(), 1);
			assert_eq!(
				last_event(),
				Event::InstitutionRegistered {
					institution: 0,
					kind: InstitutionKind::Hospital,
					jurisdiction: DE,
					admin: HOSPITAL_ADMIN,
				}
			);
		});
	}

	#[test]
	fn registration_refusals() {
		new_test_ext(|| {
			assert_noop!(
				Credentials::register_institution(
					signed(HOSPITAL_ADMIN),
					InstitutionKind::Hospital,
					Jurisdiction(*b"xx"),
					DETAILS
				),
				Error::<Test>::MalformedJurisdiction
			);
			assert_noop!(
				Credentials::register_institution(
					signed(PAUPER),
					InstitutionKind::Hospital,
					DE,
					DETAILS
				),
				TokenError::FundsUnavailable
			);
		});
	}

	#[test]
	fn a_covering_authority_verifies_and_suspends() {
		new_test_ext(|| {
			accredit_boards();
			assert_ok!(Credentials::register_institution(
				signed(HOSPITAL_ADMIN),
				InstitutionKind::Hospital,
				DE,
				DETAILS
			));
			assert_noop!(
				Credentials::verify_institution(signed(STRANGER), 0),
				Error::<Test>::NotAuthority
			);
			assert_noop!(
				Credentials::verify_institution(signed(PHARMACY_BOARD), 0),
				Error::<Test>::InstitutionOutOfScope
			);
			assert_noop!(
				Credentials::verify_institution(signed(FRENCH_BOARD), 0),
				Error::<Test>::JurisdictionOutOfScope
			);
			assert_noop!(
				Credentials::verify_institution(signed(MEDICAL_BOARD), 7),
				Error::<Test>::UnknownInstitution
			);
			assert_noop!(
				Credentials::suspend_institution(signed(MEDICAL_BOARD), 0),
				Error::<Test>::InstitutionNotVerified
			);
			assert_ok!(Credentials::verify_institution(signed(MEDICAL_BOARD), 0));
			assert_eq!(
				Institutions::<Test>::get(0).unwrap().status,
				InstitutionStatus::Verified { by: MEDICAL_BOARD, at: START }
			);
			assert_eq!(
				last_event(),
				Event::InstitutionVerified { institution: 0, authority: MEDICAL_BOARD }
			);
			assert_noop!(
				Credentials::verify_institution(signed(MEDICAL_BOARD), 0),
				Error::<Test>::AlreadyVerified
			);
			assert_noop!(
				Credentials::suspend_institution(signed(PHARMACY_BOARD), 0),
				Error::<Test>::InstitutionOutOfScope
			);
			assert_ok!(Credentials::suspend_institution(signed(MEDICAL_BOARD), 0));
			assert_eq!(
				last_event(),
				Event::InstitutionSuspended { institution: 0, authority: MEDICAL_BOARD }
			);
			// A suspended institution can be verified again.
			assert_ok!(Credentials::verify_institution(signed(MEDICAL_BOARD), 0));
		});
	}

	#[test]
	fn changed_details_need_verification_again() {
		new_test_ext(|| {
			accredit_boards();
			let hospital = verified_hospital();
			assert_noop!(
				Credentials::update_institution_details(signed(STRANGER), hospital, [1; 32]),
				Error::<Test>::NotInstitutionAdmin
			);
			assert_noop!(
				Credentials::update_institution_details(signed(HOSPITAL_ADMIN), 9, [1; 32]),
				Error::<Test>::UnknownInstitution
			);
			assert_ok!(Credentials::update_institution_details(
				signed(HOSPITAL_ADMIN),
				hospital,
				[1; 32]
			));
			let record = Institutions::<Test>::get(hospital).unwrap();
			assert_eq!(record.details_hash, [1; 32]);
			assert_eq!(record.status, InstitutionStatus::Pending);
			assert_eq!(
				last_event(),
				Event::InstitutionDetailsUpdated { institution: hospital, details_hash: [1; 32] }
			);
		});
	}

	#[test]
	fn deregistration_returns_the_deposit() {
		new_test_ext(|| {
			accredit_boards();
			let hospital = verified_hospital();
			license(DOCTOR, Role::Physician);
			assert_ok!(Credentials::affiliate_practitioner(
				signed(HOSPITAL_ADMIN),
				hospital,
				DOCTOR
			));
			assert_noop!(
				Credentials::deregister_institution(signed(STRANGER), hospital),
				Error::<Test>::NotInstitutionAdmin
			);
			assert_noop!(
				Credentials::deregister_institution(signed(HOSPITAL_ADMIN), hospital),
				Error::<Test>::InstitutionHasPractitioners
			);
			assert_ok!(Credentials::end_affiliation(signed(DOCTOR), hospital, DOCTOR));
			assert_ok!(Credentials::deregister_institution(signed(HOSPITAL_ADMIN), hospital));
			assert_eq!(last_event(), Event::InstitutionDeregistered { institution: hospital });
			assert!(!Institutions::<Test>::contains_key(hospital));
			assert_eq!(Balances::free_balance(HOSPITAL_ADMIN), ENDOWMENT);
			assert_noop!(
				Credentials::deregister_institution(signed(HOSPITAL_ADMIN), hospital),
				Error::<Test>::UnknownInstitution
			);
		});
	}
}

mod affiliations {
	use super::*;

	#[test]
	fn an_admin_affiliates_a_credentialed_practitioner() {
		new_test_ext(|| {
			accredit_boards();
			let hospital = verified_hospital();
			license(DOCTOR, Role::Physician);
			assert!(!Credentials::is_affiliated(&DOCTOR, hospital));
			assert_ok!(Credentials::affiliate_practitioner(
				signed(HOSPITAL_ADMIN),
				hospital,
				DOCTOR
			));
			assert!(Credentials::is_affiliated(&DOCTOR, hospital));
			assert_eq!(Credentials::practitioners_of(hospital), vec![DOCTOR]);
			assert_eq!(Institutions::<Test>::get(hospital).unwrap().practitioners, 1);
			assert_eq!(held(HoldReason::AffiliationDeposit, HOSPITAL_ADMIN), 10);
			assert_eq!(
				last_event(),
				Event::PractitionerAffiliated { institution: hospital, practitioner: DOCTOR }
			);
			// A suspended institution's affiliations give no standing.
			assert_ok!(Credentials::suspend_institution(signed(MEDICAL_BOARD), hospital));
			assert!(!Credentials::is_affiliated(&DOCTOR, hospital));
		});
	}

	#[test]
	fn affiliation_refusals() {
		new_test_ext(|| {
			accredit_boards();
			let hospital = verified_hospital();
			let nurse_licence = license(NURSE, Role::Nurse);
			assert_noop!(
				Credentials::affiliate_practitioner(signed(STRANGER), hospital, NURSE),
				Error::<Test>::NotInstitutionAdmin
			);
			assert_noop!(
				Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), 5, NURSE),
				Error::<Test>::UnknownInstitution
			);
			assert_noop!(
				Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), hospital, STRANGER),
				Error::<Test>::NotCredentialed
			);
			// A suspended credential does not count.
			assert_ok!(Credentials::suspend_credential(signed(MEDICAL_BOARD), nurse_licence));
			assert_noop!(
				Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), hospital, NURSE),
				Error::<Test>::NotCredentialed
			);
			assert_ok!(Credentials::reinstate_credential(signed(MEDICAL_BOARD), nurse_licence));
			assert_ok!(Credentials::affiliate_practitioner(
				signed(HOSPITAL_ADMIN),
				hospital,
				NURSE
			));
			assert_noop!(
				Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), hospital, NURSE),
				Error::<Test>::AlreadyAffiliated
			);
			// The bound: two practitioners in the mock.
			license(DOCTOR, Role::Physician);
			assert_ok!(Credentials::affiliate_practitioner(
				signed(HOSPITAL_ADMIN),
				hospital,
				DOCTOR
			));
			assert_ok!(Credentials::issue_credential(
				signed(PHARMACY_BOARD),
				STRANGER,
				Role::Pharmacist,
				DE,
				LICENCE,
				START,
				START + YEAR,
			));
			assert_noop!(
				Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), hospital, STRANGER),
				Error::<Test>::TooManyPractitioners
			);
			// An expired credential does not count.
			set_now(START + YEAR);
			assert_ok!(Credentials::end_affiliation(signed(HOSPITAL_ADMIN), hospital, NURSE));
			assert_noop!(
				Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), hospital, NURSE),
				Error::<Test>::NotCredentialed
			);
		});
	}

	#[test]
	fn only_a_verified_institution_affiliates() {
		new_test_ext(|| {
			accredit_boards();
			license(DOCTOR, Role::Physician);
			assert_ok!(Credentials::register_institution(
				signed(HOSPITAL_ADMIN),
				InstitutionKind::Hospital,
				DE,
				DETAILS
			));
			assert_noop!(
				Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), 0, DOCTOR),
				Error::<Test>::InstitutionNotVerified
			);
		});
	}

	#[test]
	fn either_party_ends_an_affiliation() {
		new_test_ext(|| {
			accredit_boards();
			let hospital = verified_hospital();
			license(DOCTOR, Role::Physician);
			license(NURSE, Role::Nurse);
			for practitioner in [DOCTOR, NURSE] {
				assert_ok!(Credentials::affiliate_practitioner(
					signed(HOSPITAL_ADMIN),
					hospital,
					practitioner
				));
			}
			assert_noop!(
				Credentials::end_affiliation(signed(STRANGER), hospital, DOCTOR),
				Error::<Test>::NotAffiliationParty
			);
			assert_noop!(
				Credentials::end_affiliation(signed(STRANGER), hospital, STRANGER),
				Error::<Test>::NotAffiliated
			);
			assert_noop!(
				Credentials::end_affiliation(signed(DOCTOR), 8, DOCTOR),
				Error::<Test>::UnknownInstitution
			);
			assert_ok!(Credentials::end_affiliation(signed(DOCTOR), hospital, DOCTOR));
			assert_eq!(
				last_event(),
				Event::AffiliationEnded { institution: hospital, practitioner: DOCTOR }
			);
			assert_ok!(Credentials::end_affiliation(signed(HOSPITAL_ADMIN), hospital, NURSE));
			assert!(Credentials::practitioners_of(hospital).is_empty());
			assert_eq!(held(HoldReason::AffiliationDeposit, HOSPITAL_ADMIN), 0);
		});
	}
}

/// What other pallets are told: standing judged at the moment of use.
mod inspect {
	use super::*;

	/// Attack: an institution's admin with no credential, or an employee whose credential was
	/// suspended, revoked or has expired (still affiliated, as nobody ended the affiliation),
	/// acts for the institution.
	#[test]
	fn acting_for_an_institution_needs_affiliation_and_a_live_credential_that_fits() {
		new_test_ext(|| {
			accredit_boards();
			let hospital = verified_hospital();
			// The admin, unaffiliated and unlicensed, does not act for it.
			assert!(!Credentials::acts_for(&HOSPITAL_ADMIN, hospital));

			let licence = license(DOCTOR, Role::Physician);
			assert_ok!(Credentials::affiliate_practitioner(
				signed(HOSPITAL_ADMIN),
				hospital,
				DOCTOR
			));
			assert!(Credentials::acts_for(&DOCTOR, hospital));

			assert_ok!(Credentials::suspend_credential(signed(MEDICAL_BOARD), licence));
			assert!(Credentials::is_affiliated(&DOCTOR, hospital));
			assert!(!Credentials::acts_for(&DOCTOR, hospital));
			assert_ok!(Credentials::reinstate_credential(signed(MEDICAL_BOARD), licence));
			assert!(Credentials::acts_for(&DOCTOR, hospital));

			polkadot_sdk::pallet_timestamp::Now::<Test>::put(START + YEAR);
			assert!(!Credentials::acts_for(&DOCTOR, hospital));
			polkadot_sdk::pallet_timestamp::Now::<Test>::put(START);

			assert_ok!(Credentials::revoke_credential(signed(MEDICAL_BOARD), licence));
			assert!(!Credentials::acts_for(&DOCTOR, hospital));
			assert_eq!(Credentials::live_credential(&DOCTOR, Role::Physician), None);
		});
	}

	/// A pharmacist's licence fits a pharmacy, not a manufacturer: the role must fit the kind.
	#[test]
	fn a_credential_of_another_trade_gives_no_standing() {
		new_test_ext(|| {
			accredit_boards();
			assert_ok!(Credentials::register_institution(
				signed(HOSPITAL_ADMIN),
				InstitutionKind::Pharmacy,
				DE,
				DETAILS
			));
			assert_ok!(Credentials::verify_institution(signed(PHARMACY_BOARD), 0));
			license(DOCTOR, Role::Physician);
			assert_ok!(Credentials::affiliate_practitioner(signed(HOSPITAL_ADMIN), 0, DOCTOR));
			assert!(Credentials::is_affiliated(&DOCTOR, 0));
			assert!(!Credentials::acts_for(&DOCTOR, 0));
			assert_ok!(Credentials::issue_credential(
				signed(PHARMACY_BOARD),
				DOCTOR,
				Role::Pharmacist,
				DE,
				LICENCE,
				START,
				START + YEAR,
			));
			assert!(Credentials::acts_for(&DOCTOR, 0));
			assert_eq!(
				Credentials::verified_institution(0),
				Some(VerifiedInstitution { kind: InstitutionKind::Pharmacy, jurisdiction: DE })
			);
		});
	}

	#[test]
	fn live_credentials_name_their_role_jurisdiction_and_issuer() {
		new_test_ext(|| {
			accredit_boards();
			license(NURSE, Role::Nurse);
			assert_eq!(
				Credentials::first_live_credential(&NURSE, &[Role::Physician, Role::Nurse]),
				Some(LiveCredential { role: Role::Nurse, jurisdiction: DE, issuer: MEDICAL_BOARD })
			);
			assert_eq!(Credentials::live_credential(&NURSE, Role::Physician), None);
		});
	}

	/// Oversight follows scope and jurisdiction: the German medical board oversees German
	/// physicians and nurses, not pharmacists, nor French physicians.
	#[test]
	fn authorities_oversee_their_roles_in_their_jurisdiction_only() {
		new_test_ext(|| {
			accredit_boards();
			assert!(Credentials::oversees_role(&MEDICAL_BOARD, Role::Physician, DE));
			assert!(Credentials::oversees_role(&MEDICAL_BOARD, Role::Nurse, DE));
			assert!(!Credentials::oversees_role(&MEDICAL_BOARD, Role::Pharmacist, DE));
			assert!(!Credentials::oversees_role(&MEDICAL_BOARD, Role::Physician, FR));
			assert!(Credentials::oversees_role(&FRENCH_BOARD, Role::Physician, FR));
			assert!(!Credentials::oversees_role(&STRANGER, Role::Physician, DE));
		});
	}
}

mod try_state {
	use super::*;
	use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};

	const REASONS: [HoldReason; 3] = [
		HoldReason::InstitutionDeposit,
		HoldReason::AffiliationDeposit,
		HoldReason::CredentialDeposit,
	];

	#[test]
	fn try_state_finds_a_hold_without_a_stored_deposit() {
		new_test_ext(|| {
			accredit_boards();
			verified_hospital();
			assert_ok!(Credentials::do_try_state());
			// Under each reason, on an account with no deposit stored and on the one with an
			// institution's: the checks see every account, not only the depositors.
			for reason in REASONS {
				for who in [STRANGER, HOSPITAL_ADMIN] {
					assert_ok!(Balances::hold(&reason.into(), &who, 5));
					assert!(Credentials::do_try_state().is_err());
					assert_ok!(Balances::release(&reason.into(), &who, 5, Precision::Exact));
					assert_ok!(Credentials::do_try_state());
				}
			}
		});
	}

	#[test]
	fn try_state_finds_a_stored_deposit_whose_hold_was_released() {
		new_test_ext(|| {
			accredit_boards();
			let hospital = verified_hospital();
			license(DOCTOR, Role::Physician);
			assert_ok!(Credentials::affiliate_practitioner(
				signed(HOSPITAL_ADMIN),
				hospital,
				DOCTOR
			));
			for (reason, who, deposit) in [
				(HoldReason::InstitutionDeposit, HOSPITAL_ADMIN, InstitutionDeposit::get()),
				(HoldReason::AffiliationDeposit, HOSPITAL_ADMIN, AffiliationDeposit::get()),
				(HoldReason::CredentialDeposit, MEDICAL_BOARD, CredentialDeposit::get()),
			] {
				assert_eq!(held(reason, who), deposit);
				assert_ok!(Balances::release(&reason.into(), &who, deposit, Precision::Exact));
				assert!(Credentials::do_try_state().is_err());
				assert_ok!(Balances::hold(&reason.into(), &who, deposit));
				assert_ok!(Credentials::do_try_state());
			}
		});
	}
}
