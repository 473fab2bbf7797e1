//! Unit tests: every call's success and each refusal, deposits, events, the consent hook and the
//! queries behind the runtime API.

use crate::{mock::*, *};
// The pallet, not a storage item.
use crate::mock::ClinicalTrials;
use codec::{Decode, Encode};
use healthchain_primitives::consent::OnConsentRevoked;
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_runtime::{DispatchResult, TokenError},
};

const PROTOCOL: Hash32 = [1; 32];
const REASON: Hash32 = [2; 32];
const REPORT: Hash32 = [3; 32];
const RESULTS: Hash32 = [4; 32];
const P1: Hash32 = [11; 32];
const P2: Hash32 = [12; 32];
const S1: Hash32 = [21; 32];
const S2: Hash32 = [22; 32];
const NEW: Hash32 = [31; 32];

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn nct(text: &str) -> RegistryId {
	RegistryId::parse(text.as_bytes()).expect("a well-formed registry id")
}

fn pointer(text: &str) -> PointerOf<Test> {
	PointerOf::<Test>::truncate_from(text.as_bytes().to_vec())
}

fn cid() -> PointerOf<Test> {
	pointer("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")
}

fn outcomes(list: &[Hash32]) -> OutcomesOf<Test> {
	OutcomesOf::<Test>::truncate_from(list.to_vec())
}

fn sites(list: &[InstitutionId]) -> SitesOf<Test> {
	SitesOf::<Test>::truncate_from(list.to_vec())
}

fn reported(list: &[Hash32]) -> ReportedOf<Test> {
	ReportedOf::<Test>::truncate_from(list.to_vec())
}

fn held(who: u64, reason: HoldReason) -> u64 {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// Registers a trial with the given fields.
#[allow(clippy::too_many_arguments)]
fn register_with(
	sponsor: u64,
	registry_id: RegistryId,
	pointer: PointerOf<Test>,
	site_list: &[InstitutionId],
	target: u32,
	primary: &[Hash32],
	secondary: &[Hash32],
) -> DispatchResult {
	ClinicalTrials::register_trial(
		signed(sponsor),
		registry_id,
		Phase::Phase3,
		PROTOCOL,
		pointer,
		sites(site_list),
		target,
		outcomes(primary),
		outcomes(secondary),
	)
}

/// The sponsor registers the usual trial (at the hospital and the clinic, target 3, primary
/// P1 and P2, secondary S1) and gets its id.
fn register() -> TrialId {
	let id = NextTrialId::<Test>::get();
	assert_ok!(register_with(
		SPONSOR,
		nct("NCT01234567"),
		cid(),
		&[HOSPITAL, CLINIC],
		3,
		&[P1, P2],
		&[S1]
	));
	id
}

/// The usual trial, its registry id confirmed by the agency, recruiting.
fn recruiting() -> TrialId {
	let id = register();
	assert_ok!(ClinicalTrials::confirm_registry_id(signed(AGENCY), id));
	assert_ok!(ClinicalTrials::start_recruitment(signed(SPONSOR), id));
	id
}

/// The usual trial, recruiting, with the participant enrolled at the hospital.
fn enrolled() -> TrialId {
	let id = recruiting();
	MockConsent::consent(PARTICIPANT, id);
	assert_ok!(ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, PARTICIPANT));
	id
}

/// The usual trial, completed after recruiting.
fn completed() -> TrialId {
	let id = recruiting();
	assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
	assert_ok!(ClinicalTrials::complete_trial(signed(SPONSOR), id));
	id
}

fn status(id: TrialId) -> TrialStatusOf<Test> {
	Trials::<Test>::get(id).expect("a trial").status
}

fn amend(id: TrialId, primary: &[Hash32], secondary: &[Hash32]) -> DispatchResult {
	ClinicalTrials::amend_protocol(
		signed(SPONSOR),
		id,
		[9; 32],
		cid(),
		outcomes(primary),
		outcomes(secondary),
		REASON,
	)
}

mod registration {
	use super::*;

	#[test]
	fn a_licensed_sponsor_registers_a_trial_timestamped_by_the_chain() {
		new_test_ext(|| {
			let id = register();
			let trial = Trials::<Test>::get(id).unwrap();
			assert_eq!(trial.sponsor, SPONSOR);
			assert_eq!(trial.registered_at, START);
			assert_eq!(trial.status, TrialStatus::Registered);
			assert_eq!(trial.version, 0);
			assert_eq!(trial.deposit, TrialDeposit::get());
			assert_eq!(held(SPONSOR, HoldReason::TrialDeposit), TrialDeposit::get());
			assert_eq!(TrialByRegistryId::<Test>::get(nct("NCT01234567")), Some(id));
			let version = ProtocolVersions::<Test>::get(id, 0).unwrap();
			assert_eq!(version.primary.to_vec(), vec![P1, P2]);
			assert_eq!(version.secondary.to_vec(), vec![S1]);
			assert_eq!(version.reason_hash, None);
			assert!(!version.outcome_change);
			assert_eq!(
				last_event(),
				Event::TrialRegistered {
					trial: id,
					sponsor: SPONSOR,
					registry_id: nct("NCT01234567"),
					phase: Phase::Phase3,
					protocol_hash: PROTOCOL,
					sites: sites(&[HOSPITAL, CLINIC]),
					target_enrolment: 3,
					primary: outcomes(&[P1, P2]),
					secondary: outcomes(&[S1]),
					registered_at: START,
				}
				.into()
			);
			assert_eq!(ClinicalTrials::trial(id), Some(trial));
			assert_eq!(ClinicalTrials::trial_by_registry_id(nct("NCT01234567")), Some(id));
		});
	}

	#[test]
	fn registry_ids_of_each_registry_are_format_checked() {
		assert_eq!(RegistryId::parse(b"NCT01234567"), Some(RegistryId::Nct(*b"01234567")));
		assert_eq!(
			RegistryId::parse(b"2023-501234-12-00"),
			Some(RegistryId::EuCt(*b"2023-501234-12-00"))
		);
		assert_eq!(RegistryId::parse(b"ISRCTN12345678"), Some(RegistryId::Isrctn(*b"12345678")));
		for bad in [
			&b"NCT0123456"[..],
			b"NCT012345678",
			b"NCT0123456X",
			b"nct01234567",
			b"2023-50123-12-00",
			b"2023_501234-12-00",
			b"2023-501234-1A-00",
			b"ISRCTN1234567",
			b"EUCTR2023-501234",
			b"",
		] {
			assert_eq!(RegistryId::parse(bad), None, "{:?}", core::str::from_utf8(bad));
		}
		new_test_ext(|| {
			for bad in [
				RegistryId::Nct(*b"0123456X"),
				RegistryId::Isrctn(*b"1234 678"),
				RegistryId::EuCt(*b"2023-501234-12000"),
			] {
				assert_noop!(
					register_with(SPONSOR, bad, cid(), &[HOSPITAL], 3, &[P1], &[]),
					Error::<Test>::MalformedRegistryId
				);
			}
			for good in ["2023-501234-12-00", "ISRCTN12345678"] {
				assert_ok!(register_with(SPONSOR, nct(good), cid(), &[HOSPITAL], 3, &[P1], &[]));
			}
		});
	}

	#[test]
	fn a_registry_id_is_registered_once() {
		new_test_ext(|| {
			register();
			assert_noop!(
				register_with(OTHER_SPONSOR, nct("NCT01234567"), cid(), &[LAB], 1, &[P1], &[]),
				Error::<Test>::RegistryIdTaken
			);
		});
	}

	#[test]
	fn an_unlicensed_sponsor_cannot_register() {
		new_test_ext(|| {
			for who in [STRANGER, INVESTIGATOR, AGENCY] {
				assert_noop!(
					register_with(who, nct("NCT01234567"), cid(), &[HOSPITAL], 3, &[P1], &[]),
					Error::<Test>::NotASponsor
				);
			}
			MockCredentials::lapse(SPONSOR, Role::TrialSponsor);
			assert_noop!(
				register_with(SPONSOR, nct("NCT01234567"), cid(), &[HOSPITAL], 3, &[P1], &[]),
				Error::<Test>::NotASponsor
			);
		});
	}

	#[test]
	fn sites_are_verified_care_institutions_listed_once() {
		new_test_ext(|| {
			let id = nct("NCT01234567");
			assert_noop!(
				register_with(SPONSOR, id, cid(), &[], 3, &[P1], &[]),
				Error::<Test>::NoSites
			);
			assert_noop!(
				register_with(SPONSOR, id, cid(), &[HOSPITAL, CLINIC, HOSPITAL], 3, &[P1], &[]),
				Error::<Test>::DuplicateSite
			);
			for bad in [PHARMACY, UNKNOWN_SITE] {
				assert_noop!(
					register_with(SPONSOR, id, cid(), &[HOSPITAL, bad], 3, &[P1], &[]),
					Error::<Test>::InvalidSite
				);
			}
			assert_ok!(register_with(SPONSOR, id, cid(), &[HOSPITAL, CLINIC, LAB], 3, &[P1], &[]));
		});
	}

	#[test]
	fn the_target_enrolment_is_between_one_and_the_bound() {
		new_test_ext(|| {
			let id = nct("NCT01234567");
			assert_noop!(
				register_with(SPONSOR, id, cid(), &[HOSPITAL], 0, &[P1], &[]),
				Error::<Test>::ZeroTarget
			);
			assert_noop!(
				register_with(SPONSOR, id, cid(), &[HOSPITAL], MAX_PARTICIPANTS + 1, &[P1], &[]),
				Error::<Test>::TargetTooLarge
			);
			assert_ok!(register_with(
				SPONSOR,
				id,
				cid(),
				&[HOSPITAL],
				MAX_PARTICIPANTS,
				&[P1],
				&[]
			));
		});
	}

	#[test]
	fn the_protocol_needs_a_primary_outcome_distinct_outcomes_and_a_usable_pointer() {
		new_test_ext(|| {
			let id = nct("NCT01234567");
			assert_noop!(
				register_with(SPONSOR, id, cid(), &[HOSPITAL], 3, &[], &[S1]),
				Error::<Test>::NoPrimaryOutcome
			);
			assert_noop!(
				register_with(SPONSOR, id, cid(), &[HOSPITAL], 3, &[P1, P1], &[]),
				Error::<Test>::DuplicateOutcome
			);
			assert_noop!(
				register_with(SPONSOR, id, cid(), &[HOSPITAL], 3, &[P1], &[S1, P1]),
				Error::<Test>::DuplicateOutcome
			);
			// Empty, spaces, non-ASCII, free text, a query: anything but a CID or a clean URI.
			for bad in [
				"",
				"ipfs://a b",
				"ipfs://\u{e9}",
				"protocol of John Doe",
				"ipfs://bafybeigdyrztprotocolv1",
				"https://trials.example.org/protocol?patient=jdoe",
			] {
				assert_noop!(
					register_with(SPONSOR, id, pointer(bad), &[HOSPITAL], 3, &[P1], &[]),
					Error::<Test>::MalformedPointer
				);
			}
		});
	}

	#[test]
	fn lists_beyond_their_bounds_do_not_decode() {
		let too_many_sites: Vec<InstitutionId> = (0..=MAX_SITES).collect();
		assert!(SitesOf::<Test>::try_from(too_many_sites.clone()).is_err());
		assert!(SitesOf::<Test>::decode(&mut &too_many_sites.encode()[..]).is_err());
		let too_many_outcomes = vec![P1; MAX_OUTCOMES as usize + 1];
		assert!(OutcomesOf::<Test>::decode(&mut &too_many_outcomes.encode()[..]).is_err());
		let too_many_reported = vec![P1; 2 * MAX_OUTCOMES as usize + 1];
		assert!(ReportedOf::<Test>::decode(&mut &too_many_reported.encode()[..]).is_err());
		assert!(ReportedOf::<Test>::try_from(vec![P1; 2 * MAX_OUTCOMES as usize]).is_ok());
		let too_long = vec![b'a'; MAX_POINTER_LEN as usize + 1];
		assert!(PointerOf::<Test>::decode(&mut &too_long.encode()[..]).is_err());
	}

	#[test]
	fn a_sponsor_without_funds_for_the_deposit_cannot_register() {
		new_test_ext(|| {
			assert_noop!(
				register_with(PAUPER, nct("NCT01234567"), cid(), &[HOSPITAL], 3, &[P1], &[]),
				TokenError::FundsUnavailable
			);
		});
	}
}

mod status {
	use super::*;

	#[test]
	fn the_sponsor_takes_a_trial_from_registered_to_completed() {
		new_test_ext(|| {
			let id = register();
			set_now(START + DAY);
			assert_ok!(ClinicalTrials::confirm_registry_id(signed(AGENCY), id));
			assert_ok!(ClinicalTrials::start_recruitment(signed(SPONSOR), id));
			assert_eq!(
				last_event(),
				Event::StatusChanged { trial: id, by: SPONSOR, status: TrialStatus::Recruiting }
					.into()
			);
			let trial = Trials::<Test>::get(id).unwrap();
			assert_eq!(trial.recruitment_started_at, Some(START + DAY));
			assert_eq!(trial.locked_version, Some(0));
			assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
			assert_eq!(status(id), TrialStatus::Active);
			set_now(START + 2 * DAY);
			assert_ok!(ClinicalTrials::complete_trial(signed(SPONSOR), id));
			assert_eq!(status(id), TrialStatus::Completed { at: START + 2 * DAY });
			let due = START + 2 * DAY + ResultsDuePeriod::get();
			assert_eq!(Trials::<Test>::get(id).unwrap().results_due, Some(due));
			assert_eq!(ResultsDue::<Test>::get(id), Some(due));
			System::assert_has_event(Event::ResultsDueSet { trial: id, due }.into());
			// The registration time never moves.
			assert_eq!(Trials::<Test>::get(id).unwrap().registered_at, START);
		});
	}

	#[test]
	fn only_the_allowed_transitions_happen() {
		new_test_ext(|| {
			let id = register();
			assert_noop!(
				ClinicalTrials::close_recruitment(signed(SPONSOR), id),
				Error::<Test>::InvalidTransition
			);
			assert_noop!(
				ClinicalTrials::complete_trial(signed(SPONSOR), id),
				Error::<Test>::InvalidTransition
			);
			assert_ok!(ClinicalTrials::confirm_registry_id(signed(AGENCY), id));
			assert_ok!(ClinicalTrials::start_recruitment(signed(SPONSOR), id));
			assert_noop!(
				ClinicalTrials::start_recruitment(signed(SPONSOR), id),
				Error::<Test>::InvalidTransition
			);
			assert_noop!(
				ClinicalTrials::complete_trial(signed(SPONSOR), id),
				Error::<Test>::InvalidTransition
			);
			assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
			assert_noop!(
				ClinicalTrials::start_recruitment(signed(SPONSOR), id),
				Error::<Test>::InvalidTransition
			);
			assert_ok!(ClinicalTrials::complete_trial(signed(SPONSOR), id));
			for result in [
				ClinicalTrials::start_recruitment(signed(SPONSOR), id),
				ClinicalTrials::close_recruitment(signed(SPONSOR), id),
				ClinicalTrials::complete_trial(signed(SPONSOR), id),
				ClinicalTrials::terminate_trial(signed(SPONSOR), id),
				ClinicalTrials::suspend_trial(signed(AGENCY), id),
				ClinicalTrials::resume_trial(signed(AGENCY), id),
			] {
				assert_eq!(result, Err(Error::<Test>::InvalidTransition.into()));
			}
		});
	}

	#[test]
	fn only_the_trials_licensed_sponsor_moves_it() {
		new_test_ext(|| {
			let id = register();
			for who in [OTHER_SPONSOR, STRANGER, AGENCY] {
				assert_noop!(
					ClinicalTrials::start_recruitment(signed(who), id),
					Error::<Test>::NotTrialSponsor
				);
			}
			MockCredentials::lapse(SPONSOR, Role::TrialSponsor);
			assert_noop!(
				ClinicalTrials::start_recruitment(signed(SPONSOR), id),
				Error::<Test>::NotASponsor
			);
			assert_noop!(
				ClinicalTrials::start_recruitment(signed(SPONSOR), 77),
				Error::<Test>::UnknownTrial
			);
		});
	}

	#[test]
	fn an_authority_suspends_and_lifts_back_to_the_interrupted_status() {
		new_test_ext(|| {
			let id = recruiting();
			assert_noop!(
				ClinicalTrials::suspend_trial(signed(SPONSOR), id),
				Error::<Test>::NotTrialOverseer
			);
			assert_noop!(
				ClinicalTrials::resume_trial(signed(AGENCY), id),
				Error::<Test>::InvalidTransition
			);
			set_now(START + DAY);
			assert_ok!(ClinicalTrials::suspend_trial(signed(AGENCY), id));
			let suspended = TrialStatus::Suspended {
				by: AGENCY,
				at: START + DAY,
				from: ResumableStatus::Recruiting,
			};
			assert_eq!(status(id), suspended);
			assert_eq!(
				last_event(),
				Event::StatusChanged { trial: id, by: AGENCY, status: suspended }.into()
			);
			assert_noop!(
				ClinicalTrials::suspend_trial(signed(AGENCY), id),
				Error::<Test>::InvalidTransition
			);
			assert_noop!(
				ClinicalTrials::close_recruitment(signed(SPONSOR), id),
				Error::<Test>::InvalidTransition
			);
			assert_noop!(
				ClinicalTrials::resume_trial(signed(SPONSOR), id),
				Error::<Test>::NotTrialOverseer
			);
			assert_ok!(ClinicalTrials::resume_trial(signed(AGENCY), id));
			assert_eq!(status(id), TrialStatus::Recruiting);
			// Resuming does not restart recruitment.
			assert_eq!(Trials::<Test>::get(id).unwrap().recruitment_started_at, Some(START));
		});
	}

	#[test]
	fn the_sponsor_or_an_authority_terminates_an_unfinished_trial() {
		new_test_ext(|| {
			let registered = register();
			assert_noop!(
				ClinicalTrials::terminate_trial(signed(STRANGER), registered),
				Error::<Test>::NotTrialSponsor
			);
			assert_ok!(ClinicalTrials::terminate_trial(signed(SPONSOR), registered));
			assert_eq!(status(registered), TrialStatus::Terminated { at: START });
			// Never recruited: no results are due.
			assert_eq!(ResultsDue::<Test>::get(registered), None);
			assert_noop!(
				ClinicalTrials::terminate_trial(signed(AGENCY), registered),
				Error::<Test>::InvalidTransition
			);

			let suspended = NextTrialId::<Test>::get();
			assert_ok!(register_with(SPONSOR, nct("ISRCTN12345678"), cid(), &[LAB], 1, &[P1], &[]));
			assert_ok!(ClinicalTrials::confirm_registry_id(signed(AGENCY), suspended));
			assert_ok!(ClinicalTrials::start_recruitment(signed(SPONSOR), suspended));
			assert_ok!(ClinicalTrials::suspend_trial(signed(AGENCY), suspended));
			assert_ok!(ClinicalTrials::terminate_trial(signed(AGENCY), suspended));
			assert_eq!(status(suspended), TrialStatus::Terminated { at: START });
			// Recruited: results are due.
			assert_eq!(ResultsDue::<Test>::get(suspended), Some(START + ResultsDuePeriod::get()));
		});
	}
	/// Attack: an authority of another country, or one that oversees no trial sponsors (a
	/// medical board), suspends, resumes or terminates a rival's trial.
	#[test]
	fn only_an_authority_overseeing_the_trial_suspends_resumes_or_terminates_it() {
		new_test_ext(|| {
			const FOREIGN_AGENCY: u64 = 11;
			const MEDICAL_BOARD: u64 = 12;
			MockCredentials::accredit_in(
				FOREIGN_AGENCY,
				Jurisdiction(*b"DE"),
				&[Role::TrialSponsor],
			);
			MockCredentials::accredit_in(
				MEDICAL_BOARD,
				healthchain_test_support::HOME,
				&[Role::Physician, Role::Nurse],
			);
			let id = recruiting();
			assert_eq!(
				Trials::<Test>::get(id).unwrap().jurisdiction,
				healthchain_test_support::HOME
			);
			for who in [FOREIGN_AGENCY, MEDICAL_BOARD] {
				assert_noop!(
					ClinicalTrials::suspend_trial(signed(who), id),
					Error::<Test>::NotTrialOverseer
				);
				assert_noop!(
					ClinicalTrials::terminate_trial(signed(who), id),
					Error::<Test>::NotTrialSponsor
				);
			}
			assert_ok!(ClinicalTrials::suspend_trial(signed(AGENCY), id));
			for who in [FOREIGN_AGENCY, MEDICAL_BOARD] {
				assert_noop!(
					ClinicalTrials::resume_trial(signed(who), id),
					Error::<Test>::NotTrialOverseer
				);
			}
			// A trial registered under a German licence is the German agency's to oversee.
			MockCredentials::license_in(
				OTHER_SPONSOR,
				Role::TrialSponsor,
				Jurisdiction(*b"DE"),
				FOREIGN_AGENCY,
			);
			let german = NextTrialId::<Test>::get();
			assert_ok!(register_with(
				OTHER_SPONSOR,
				nct("ISRCTN87654321"),
				cid(),
				&[LAB],
				1,
				&[P1],
				&[]
			));
			assert_noop!(
				ClinicalTrials::suspend_trial(signed(AGENCY), german),
				Error::<Test>::NotTrialOverseer
			);
			assert_ok!(ClinicalTrials::suspend_trial(signed(FOREIGN_AGENCY), german));
		});
	}

	/// Attack: a sponsor registers a rival's NCT id first, so the rightful trial can never be
	/// registered under it. The registration is provisional until an overseeing authority
	/// confirms the id; a squatted one is rejected, which frees the id.
	#[test]
	fn a_squatted_registry_id_is_rejected_and_freed() {
		new_test_ext(|| {
			let squatted = register();
			let registry_id = Trials::<Test>::get(squatted).unwrap().registry_id;
			assert_eq!(Trials::<Test>::get(squatted).unwrap().registry_confirmed_by, None);
			// Provisional: it cannot recruit.
			assert_noop!(
				ClinicalTrials::start_recruitment(signed(SPONSOR), squatted),
				Error::<Test>::RegistryIdNotConfirmed
			);
			for who in [SPONSOR, OTHER_SPONSOR, STRANGER] {
				assert_noop!(
					ClinicalTrials::reject_registry_id(signed(who), squatted, [6; 32]),
					Error::<Test>::NotTrialOverseer
				);
				assert_noop!(
					ClinicalTrials::confirm_registry_id(signed(who), squatted),
					Error::<Test>::NotTrialOverseer
				);
			}
			assert_ok!(ClinicalTrials::reject_registry_id(signed(AGENCY), squatted, [6; 32]));
			System::assert_has_event(
				Event::RegistryIdRejected {
					trial: squatted,
					registry_id,
					authority: AGENCY,
					reason_hash: [6; 32],
				}
				.into(),
			);
			assert_eq!(status(squatted), TrialStatus::Terminated { at: START });
			assert_eq!(ResultsDue::<Test>::get(squatted), None);
			assert_noop!(
				ClinicalTrials::confirm_registry_id(signed(AGENCY), squatted),
				Error::<Test>::RegistryIdAlreadySettled
			);
			// The rightful sponsor registers the id, and the agency confirms it.
			let rightful = NextTrialId::<Test>::get();
			assert_ok!(register_with(OTHER_SPONSOR, registry_id, cid(), &[LAB], 1, &[P1], &[]));
			assert_eq!(TrialByRegistryId::<Test>::get(registry_id), Some(rightful));
			assert_ok!(ClinicalTrials::confirm_registry_id(signed(AGENCY), rightful));
			System::assert_last_event(
				Event::RegistryIdConfirmed { trial: rightful, registry_id, authority: AGENCY }
					.into(),
			);
			assert_noop!(
				ClinicalTrials::reject_registry_id(signed(AGENCY), rightful, [6; 32]),
				Error::<Test>::RegistryIdAlreadySettled
			);
			assert_ok!(ClinicalTrials::start_recruitment(signed(OTHER_SPONSOR), rightful));
		});
	}
}

mod amendments {
	use super::*;

	#[test]
	fn an_amendment_before_recruitment_is_no_outcome_switch() {
		new_test_ext(|| {
			let id = register();
			assert_ok!(amend(id, &[NEW], &[]));
			let version = ProtocolVersions::<Test>::get(id, 1).unwrap();
			assert!(!version.outcome_change);
			assert_eq!(version.reason_hash, Some(REASON));
			assert_eq!(
				last_event(),
				Event::ProtocolAmended {
					trial: id,
					version: 1,
					protocol_hash: [9; 32],
					reason_hash: REASON,
					outcome_change: false,
				}
				.into()
			);
			assert!(ClinicalTrials::switched_outcomes().is_empty());
			assert_eq!(
				held(SPONSOR, HoldReason::TrialDeposit),
				TrialDeposit::get() + AmendmentDeposit::get()
			);
		});
	}

	#[test]
	fn changing_outcomes_after_recruitment_is_flagged_and_listed() {
		new_test_ext(|| {
			let id = recruiting();
			// The same outcomes in another order, with a new protocol: no switch.
			assert_ok!(amend(id, &[P2, P1], &[S1]));
			assert!(!ProtocolVersions::<Test>::get(id, 1).unwrap().outcome_change);
			// A secondary outcome added: a switch.
			assert_ok!(amend(id, &[P2, P1], &[S1, S2]));
			System::assert_has_event(
				Event::OutcomesSwitched {
					trial: id,
					version: 2,
					primary: outcomes(&[P2, P1]),
					secondary: outcomes(&[S1, S2]),
					switches: 1,
				}
				.into(),
			);
			// A primary outcome demoted: another.
			assert_ok!(amend(id, &[P1], &[P2, S1, S2]));
			let trial = Trials::<Test>::get(id).unwrap();
			assert_eq!(trial.outcome_switches, 2);
			assert_eq!(trial.version, 3);
			assert_eq!(SwitchedTrials::<Test>::get(id), Some(2));
			assert_eq!(ClinicalTrials::switched_outcomes(), vec![id]);
			let history = ClinicalTrials::amendments(id);
			assert_eq!(history.len(), 4);
			assert_eq!(
				history.iter().map(|(_, version)| version.outcome_change).collect::<Vec<_>>(),
				vec![false, false, true, true]
			);
			// Every earlier version is kept as it was.
			assert_eq!(history[0].1.primary.to_vec(), vec![P1, P2]);
		});
	}

	#[test]
	fn no_call_edits_the_registration_time() {
		new_test_ext(|| {
			let id = recruiting();
			set_now(START + 30 * DAY);
			assert_ok!(amend(id, &[NEW], &[]));
			let trial = Trials::<Test>::get(id).unwrap();
			assert_eq!(trial.registered_at, START);
			assert_eq!(ProtocolVersions::<Test>::get(id, 0).unwrap().at, START);
			assert_eq!(ProtocolVersions::<Test>::get(id, 1).unwrap().at, START + 30 * DAY);
			// The calls that change a trial take no registration time: amendments carry their
			// own time, set by the chain, and the registration version is never rewritten.
			let call = RuntimeCall::ClinicalTrials(Call::amend_protocol {
				trial: id,
				protocol_hash: PROTOCOL,
				pointer: cid(),
				primary: outcomes(&[P1]),
				secondary: outcomes(&[]),
				reason_hash: REASON,
			});
			assert!(!format!("{call:?}").contains("registered_at"));
		});
	}

	#[test]
	fn amendments_are_bounded_and_end_with_the_trial() {
		new_test_ext(|| {
			let id = recruiting();
			assert_noop!(
				ClinicalTrials::amend_protocol(
					signed(OTHER_SPONSOR),
					id,
					PROTOCOL,
					cid(),
					outcomes(&[P1]),
					outcomes(&[]),
					REASON
				),
				Error::<Test>::NotTrialSponsor
			);
			assert_noop!(amend(id, &[], &[S1]), Error::<Test>::NoPrimaryOutcome);
			assert_noop!(amend(id, &[P1], &[P1]), Error::<Test>::DuplicateOutcome);
			for _ in 0..MAX_AMENDMENTS {
				assert_ok!(amend(id, &[P1, P2], &[S1]));
			}
			assert_noop!(amend(id, &[P1, P2], &[S1]), Error::<Test>::TooManyAmendments);

			let done = NextTrialId::<Test>::get();
			assert_ok!(register_with(SPONSOR, nct("NCT00000001"), cid(), &[LAB], 1, &[P1], &[]));
			assert_ok!(ClinicalTrials::terminate_trial(signed(SPONSOR), done));
			assert_noop!(amend(done, &[P1], &[]), Error::<Test>::TrialFinished);
		});
	}
}

mod enrolment {
	use super::*;

	#[test]
	fn an_investigator_at_a_site_enrols_a_consenting_participant() {
		new_test_ext(|| {
			let id = recruiting();
			MockConsent::consent(PARTICIPANT, id);
			assert_ok!(ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, PARTICIPANT));
			assert_eq!(
				last_event(),
				Event::ParticipantEnrolled {
					trial: id,
					participant: PARTICIPANT,
					site: HOSPITAL,
					investigator: INVESTIGATOR,
				}
				.into()
			);
			assert_eq!(
				Enrolments::<Test>::get(id, PARTICIPANT),
				Some(Enrolment {
					site: HOSPITAL,
					investigator: INVESTIGATOR,
					at: START,
					deposit: EnrolmentDeposit::get(),
				})
			);
			assert_eq!(ClinicalTrials::enrolment_count(id), 1);
			assert_eq!(held(INVESTIGATOR, HoldReason::EnrolmentDeposit), EnrolmentDeposit::get());
			assert_eq!(ClinicalTrials::participation(id, &PARTICIPANT), Participation::Enrolled);
			assert_eq!(
				ClinicalTrials::participation(id, &OTHER_PARTICIPANT),
				Participation::NotEnrolled
			);
		});
	}

	#[test]
	fn enrolment_needs_a_live_research_consent_to_this_trial() {
		new_test_ext(|| {
			let id = recruiting();
			let enrol = || ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, PARTICIPANT);
			// None at all.
			assert_noop!(enrol(), Error::<Test>::NoResearchConsent);
			// To another trial.
			MockConsent::consent(PARTICIPANT, id + 1);
			assert_noop!(enrol(), Error::<Test>::NoResearchConsent);
			// Expired.
			MockConsent::consent(PARTICIPANT, id);
			MockConsent::expire(PARTICIPANT, id);
			assert_noop!(enrol(), Error::<Test>::NoResearchConsent);
			// Revoked.
			MockConsent::consent(PARTICIPANT, id);
			MockConsent::revoke(PARTICIPANT, id);
			assert_noop!(enrol(), Error::<Test>::NoResearchConsent);
		});
	}

	#[test]
	fn only_a_licensed_physician_at_one_of_the_trials_sites_enrols() {
		new_test_ext(|| {
			let id = recruiting();
			MockConsent::consent(PARTICIPANT, id);
			assert_noop!(
				ClinicalTrials::enrol(signed(NURSE), id, HOSPITAL, PARTICIPANT),
				Error::<Test>::NotAnInvestigator
			);
			assert_noop!(
				ClinicalTrials::enrol(signed(UNAFFILIATED_DOCTOR), id, HOSPITAL, PARTICIPANT),
				Error::<Test>::NotAtSite
			);
			// The clinic doctor is at a site of the trial, but not this one.
			assert_noop!(
				ClinicalTrials::enrol(signed(CLINIC_DOCTOR), id, HOSPITAL, PARTICIPANT),
				Error::<Test>::NotAtSite
			);
			MockCredentials::affiliate(INVESTIGATOR, LAB);
			assert_noop!(
				ClinicalTrials::enrol(signed(INVESTIGATOR), id, LAB, PARTICIPANT),
				Error::<Test>::SiteNotInTrial
			);
			MockCredentials::lapse(INVESTIGATOR, Role::Physician);
			assert_noop!(
				ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, PARTICIPANT),
				Error::<Test>::NotAnInvestigator
			);
			assert_ok!(ClinicalTrials::enrol(signed(CLINIC_DOCTOR), id, CLINIC, PARTICIPANT));
		});
	}

	#[test]
	fn enrolment_happens_only_while_recruiting() {
		new_test_ext(|| {
			let id = register();
			MockConsent::consent(PARTICIPANT, id);
			let enrol = || ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, PARTICIPANT);
			assert_noop!(enrol(), Error::<Test>::NotRecruiting);
			assert_ok!(ClinicalTrials::confirm_registry_id(signed(AGENCY), id));
			assert_ok!(ClinicalTrials::start_recruitment(signed(SPONSOR), id));
			assert_ok!(ClinicalTrials::suspend_trial(signed(AGENCY), id));
			assert_noop!(enrol(), Error::<Test>::NotRecruiting);
			assert_ok!(ClinicalTrials::resume_trial(signed(AGENCY), id));
			assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
			assert_noop!(enrol(), Error::<Test>::NotRecruiting);
			assert_noop!(
				ClinicalTrials::enrol(signed(INVESTIGATOR), 77, HOSPITAL, PARTICIPANT),
				Error::<Test>::UnknownTrial
			);
		});
	}

	#[test]
	fn a_participant_is_enrolled_once_and_enrolment_stops_at_the_target() {
		new_test_ext(|| {
			let id = recruiting();
			for participant in [PARTICIPANT, OTHER_PARTICIPANT, STRANGER, NURSE] {
				MockConsent::consent(participant, id);
			}
			assert_ok!(ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, PARTICIPANT));
			assert_noop!(
				ClinicalTrials::enrol(signed(CLINIC_DOCTOR), id, CLINIC, PARTICIPANT),
				Error::<Test>::AlreadyEnrolled
			);
			assert_ok!(ClinicalTrials::enrol(
				signed(INVESTIGATOR),
				id,
				HOSPITAL,
				OTHER_PARTICIPANT
			));
			assert_ok!(ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, STRANGER));
			// The target is 3.
			assert_noop!(
				ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, NURSE),
				Error::<Test>::EnrolmentFull
			);
			// A withdrawal frees a place.
			assert_ok!(ClinicalTrials::withdraw(signed(STRANGER), id));
			assert_ok!(ClinicalTrials::enrol(signed(INVESTIGATOR), id, HOSPITAL, NURSE));
		});
	}

	#[test]
	fn a_participant_withdraws_at_any_time() {
		new_test_ext(|| {
			let id = enrolled();
			assert_noop!(
				ClinicalTrials::withdraw(signed(OTHER_PARTICIPANT), id),
				Error::<Test>::NotEnrolled
			);
			assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
			assert_ok!(ClinicalTrials::complete_trial(signed(SPONSOR), id));
			assert_ok!(ClinicalTrials::withdraw(signed(PARTICIPANT), id));
			assert_eq!(
				last_event(),
				Event::ParticipantWithdrawn {
					trial: id,
					participant: PARTICIPANT,
					reason: WithdrawalReason::ByParticipant,
				}
				.into()
			);
			assert_eq!(ClinicalTrials::enrolment_count(id), 0);
			assert!(!EnrolmentCount::<Test>::contains_key(id));
			assert_eq!(held(INVESTIGATOR, HoldReason::EnrolmentDeposit), 0);
			assert_noop!(
				ClinicalTrials::withdraw(signed(PARTICIPANT), id),
				Error::<Test>::NotEnrolled
			);
		});
	}

	#[test]
	fn revoking_the_research_consent_withdraws_the_participant() {
		new_test_ext(|| {
			let id = enrolled();
			// Revocations of other grants change nothing.
			ClinicalTrials::on_revoked(&PARTICIPANT, &Grantee::Study(id + 1), Purpose::Research);
			ClinicalTrials::on_revoked(&PARTICIPANT, &Grantee::Study(id), Purpose::Treatment);
			ClinicalTrials::on_revoked(
				&PARTICIPANT,
				&Grantee::Practitioner(INVESTIGATOR),
				Purpose::Research,
			);
			ClinicalTrials::on_revoked(&OTHER_PARTICIPANT, &Grantee::Study(id), Purpose::Research);
			assert_eq!(ClinicalTrials::enrolment_count(id), 1);
			MockConsent::revoke(PARTICIPANT, id);
			assert_eq!(
				last_event(),
				Event::ParticipantWithdrawn {
					trial: id,
					participant: PARTICIPANT,
					reason: WithdrawalReason::ConsentRevoked,
				}
				.into()
			);
			assert_eq!(ClinicalTrials::participation(id, &PARTICIPANT), Participation::NotEnrolled);
			assert_eq!(held(INVESTIGATOR, HoldReason::EnrolmentDeposit), 0);
		});
	}

	#[test]
	fn an_expired_consent_does_not_withdraw_but_is_reported() {
		new_test_ext(|| {
			let id = enrolled();
			MockConsent::expire(PARTICIPANT, id);
			assert_eq!(ClinicalTrials::enrolment_count(id), 1);
			assert_eq!(
				ClinicalTrials::participation(id, &PARTICIPANT),
				Participation::EnrolledConsentLapsed
			);
		});
	}
}

mod safety {
	use super::*;

	#[test]
	fn an_investigator_reports_an_adverse_event_of_a_participant() {
		new_test_ext(|| {
			let id = enrolled();
			assert_ok!(ClinicalTrials::report_adverse_event(
				signed(INVESTIGATOR),
				id,
				HOSPITAL,
				PARTICIPANT,
				Severity::Severe,
				true,
				REPORT
			));
			assert_eq!(
				last_event(),
				Event::AdverseEventReported {
					trial: id,
					number: 0,
					participant: PARTICIPANT,
					site: HOSPITAL,
					investigator: INVESTIGATOR,
					severity: Severity::Severe,
					serious: true,
					report_hash: REPORT,
				}
				.into()
			);
			assert_eq!(held(INVESTIGATOR, HoldReason::AdverseEventDeposit), 7);
			// Follow-up continues after completion.
			assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
			assert_ok!(ClinicalTrials::complete_trial(signed(SPONSOR), id));
			assert_ok!(ClinicalTrials::report_adverse_event(
				signed(INVESTIGATOR),
				id,
				HOSPITAL,
				PARTICIPANT,
				Severity::Mild,
				false,
				REPORT
			));
			let events = ClinicalTrials::adverse_events(id);
			assert_eq!(events.len(), 2);
			assert_eq!(events[1].1.severity, Severity::Mild);
		});
	}

	#[test]
	fn adverse_events_need_an_investigator_at_a_site_and_an_enrolled_participant() {
		new_test_ext(|| {
			let id = enrolled();
			let report = |who: u64, site: InstitutionId, participant: u64| {
				ClinicalTrials::report_adverse_event(
					signed(who),
					id,
					site,
					participant,
					Severity::Moderate,
					false,
					REPORT,
				)
			};
			assert_noop!(report(NURSE, HOSPITAL, PARTICIPANT), Error::<Test>::NotAnInvestigator);
			assert_noop!(
				report(UNAFFILIATED_DOCTOR, HOSPITAL, PARTICIPANT),
				Error::<Test>::NotAtSite
			);
			assert_noop!(report(INVESTIGATOR, LAB, PARTICIPANT), Error::<Test>::SiteNotInTrial);
			assert_noop!(
				report(INVESTIGATOR, HOSPITAL, OTHER_PARTICIPANT),
				Error::<Test>::NotEnrolled
			);
		});
	}

	/// Attack: an investigator at one site files reports on participants enrolled at another,
	/// or fills the trial's safety record so that real reports are refused. Reports come from
	/// the participant's own site (or the sponsor), and no count caps them.
	#[test]
	fn only_the_participants_site_or_the_sponsor_reports_and_nothing_caps_reports() {
		new_test_ext(|| {
			let id = enrolled();
			let report = |who, site| {
				ClinicalTrials::report_adverse_event(
					signed(who),
					id,
					site,
					PARTICIPANT,
					Severity::Mild,
					false,
					REPORT,
				)
			};
			// The clinic's doctor works at a site of the trial, not the participant's.
			assert_noop!(report(CLINIC_DOCTOR, CLINIC), Error::<Test>::NotParticipantsSite);
			assert_noop!(report(CLINIC_DOCTOR, HOSPITAL), Error::<Test>::NotAtSite);
			// The sponsor reports, naming the participant's site.
			assert_noop!(report(SPONSOR, CLINIC), Error::<Test>::NotParticipantsSite);
			assert_ok!(report(SPONSOR, HOSPITAL));
			// Many reports later, the next real one is still taken.
			for _ in 0..20 {
				assert_ok!(report(INVESTIGATOR, HOSPITAL));
			}
			assert_ok!(report(INVESTIGATOR, HOSPITAL));
			assert_eq!(AdverseEventCount::<Test>::get(id), 22);
		});
	}
}

mod results {
	use super::*;

	fn post(id: TrialId, list: &[Hash32]) -> DispatchResult {
		ClinicalTrials::post_results(signed(SPONSOR), id, RESULTS, cid(), reported(list))
	}

	#[test]
	fn results_cannot_be_posted_before_completion() {
		new_test_ext(|| {
			let id = register();
			assert_noop!(post(id, &[P1]), Error::<Test>::NotFinished);
			assert_ok!(ClinicalTrials::confirm_registry_id(signed(AGENCY), id));
			assert_ok!(ClinicalTrials::start_recruitment(signed(SPONSOR), id));
			assert_noop!(post(id, &[P1]), Error::<Test>::NotFinished);
			assert_ok!(ClinicalTrials::suspend_trial(signed(AGENCY), id));
			assert_noop!(post(id, &[P1]), Error::<Test>::NotFinished);
			assert_ok!(ClinicalTrials::resume_trial(signed(AGENCY), id));
			assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
			assert_noop!(post(id, &[P1]), Error::<Test>::NotFinished);
			assert_ok!(ClinicalTrials::complete_trial(signed(SPONSOR), id));
			assert_ok!(post(id, &[P1]));
		});
	}

	#[test]
	fn the_sponsor_posts_results_closing_the_due_date() {
		new_test_ext(|| {
			let id = completed();
			set_now(START + DAY);
			assert_ok!(post(id, &[P1, S1]));
			assert_eq!(
				last_event(),
				Event::ResultsPosted {
					trial: id,
					posting: 0,
					results_hash: RESULTS,
					reported: reported(&[P1, S1]),
				}
				.into()
			);
			assert_eq!(ResultsDue::<Test>::get(id), None);
			let trial = Trials::<Test>::get(id).unwrap();
			assert_eq!(trial.results_posted, 1);
			assert_eq!(trial.results_due, Some(START + ResultsDuePeriod::get()));
			assert_eq!(
				held(SPONSOR, HoldReason::TrialDeposit),
				TrialDeposit::get() + ResultsDeposit::get()
			);
			assert_eq!(ClinicalTrials::unreported_outcomes(id), vec![P2]);
			// An update reports the rest.
			assert_ok!(post(id, &[P2]));
			assert!(ClinicalTrials::unreported_outcomes(id).is_empty());
			assert_eq!(ClinicalTrials::results(id).len(), 2);
			assert_noop!(post(id, &[P2]), Error::<Test>::TooManyResultPostings);
		});
	}

	#[test]
	fn results_report_only_known_outcomes_once_by_the_sponsor() {
		new_test_ext(|| {
			let id = completed();
			assert_noop!(post(id, &[P1, NEW]), Error::<Test>::UnknownOutcome);
			assert_noop!(post(id, &[P1, P1]), Error::<Test>::DuplicateOutcome);
			assert_noop!(
				ClinicalTrials::post_results(
					signed(OTHER_SPONSOR),
					id,
					RESULTS,
					cid(),
					reported(&[P1])
				),
				Error::<Test>::NotTrialSponsor
			);
			assert_noop!(
				ClinicalTrials::post_results(
					signed(SPONSOR),
					id,
					RESULTS,
					pointer(""),
					reported(&[P1])
				),
				Error::<Test>::MalformedPointer
			);
		});
	}

	#[test]
	fn switched_away_outcomes_stay_reportable_and_are_listed_until_reported() {
		new_test_ext(|| {
			let id = recruiting();
			assert_ok!(amend(id, &[NEW], &[]));
			assert_ok!(ClinicalTrials::close_recruitment(signed(SPONSOR), id));
			assert_ok!(ClinicalTrials::complete_trial(signed(SPONSOR), id));
			assert_eq!(ClinicalTrials::unreported_outcomes(id), vec![P1, P2, S1, NEW]);
			assert_ok!(post(id, &[NEW]));
			assert_eq!(ClinicalTrials::unreported_outcomes(id), vec![P1, P2, S1]);
			assert_ok!(post(id, &[P1, P2, S1]));
			assert!(ClinicalTrials::unreported_outcomes(id).is_empty());
		});
	}

	#[test]
	fn overdue_results_are_listed_until_posted() {
		new_test_ext(|| {
			let id = completed();
			let due = START + ResultsDuePeriod::get();
			assert!(ClinicalTrials::overdue_results().is_empty());
			set_now(due);
			assert!(ClinicalTrials::overdue_results().is_empty());
			set_now(due + 1);
			assert_eq!(ClinicalTrials::overdue_results(), vec![(id, due)]);
			assert_ok!(post(id, &[P1]));
			assert!(ClinicalTrials::overdue_results().is_empty());
		});
	}
}

mod try_state {
	use super::*;
	use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};

	#[test]
	fn try_state_finds_a_hold_without_a_stored_deposit() {
		new_test_ext(|| {
			assert_ok!(ClinicalTrials::do_try_state());
			// The stranger stores nothing: only a check of every account sees their hold.
			for reason in [
				HoldReason::TrialDeposit,
				HoldReason::EnrolmentDeposit,
				HoldReason::AdverseEventDeposit,
			] {
				assert_ok!(Balances::hold(&reason.into(), &STRANGER, 5));
				assert!(ClinicalTrials::do_try_state().is_err());
				assert_ok!(Balances::release(&reason.into(), &STRANGER, 5, Precision::Exact));
			}
		});
	}
}
