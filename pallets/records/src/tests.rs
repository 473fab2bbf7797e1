//! Unit tests: every call's success and each of its refusals. The consent decision itself (who
//! is refused what, and why) is tested in the consent pallet; here the stub answers, and the
//! tests show which request the pallet asks about, how each refusal comes back, that nothing is
//! written when refused, and what reaches the access log.

use crate::{mock::*, *};
// The pallet, not its storage map of the same name (named `crate::Records` here).
use crate::mock::Records;
use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok, assert_storage_noop,
		traits::{fungible::InspectHold, ConstU32},
		BoundedVec,
	},
	sp_runtime::{DispatchResult, TokenError},
};

const HASH: [u8; 32] = [7; 32];
const NEW_HASH: [u8; 32] = [8; 32];
/// The institution a provider acts for in some tests.
const HOSPITAL: InstitutionId = 5;
/// The basis the stub gives for a grant.
const GRANT: AccessBasis = AccessBasis::Grant(7);
/// What the log is told of an access under [`GRANT`].
const ALLOWED: AccessOutcome = AccessOutcome::Allowed(GRANT);

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn fhir(code: &str) -> Category {
	Category::new(CodeSystem::FhirResourceType, code.as_bytes()).unwrap()
}

fn loinc(code: &str) -> Category {
	Category::new(CodeSystem::Loinc, code.as_bytes()).unwrap()
}

fn pointer(text: &str) -> PointerOf<Test> {
	pointer_bytes(text.as_bytes())
}

fn pointer_bytes(bytes: &[u8]) -> PointerOf<Test> {
	bytes.to_vec().try_into().unwrap()
}

fn cid() -> PointerOf<Test> {
	pointer("ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi")
}

/// Where the gateway keeps a second document.
fn other_cid() -> PointerOf<Test> {
	pointer_bytes(&healthchain_primitives::pointer::ipfs_pointer_of_len(&[2; 32], 66))
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&RuntimeHoldReason::Records(HoldReason::RecordDeposit), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Records(event) => Some(event),
			_ => None,
		})
		.expect("a records event")
}

/// Makes the stub allow `actor` to read and write `patient`'s records for `purpose`.
fn allow(actor: u64, patient: u64, purpose: Purpose) {
	answer(actor, patient, purpose, Ok(GRANT));
}

/// The patient adds a consult note to their own records; returns its id.
fn own_record(patient: u64) -> RecordId {
	let id = NextRecordId::<Test>::get();
	assert_ok!(Records::add_record(signed(patient), loinc("11488-4"), HASH, cid()));
	id
}

/// `who` amends `record` for treatment, pointing at `pointer`.
fn amend(who: u64, record: RecordId, pointer: PointerOf<Test>) -> DispatchResult {
	Records::amend_record(
		signed(who),
		record,
		NEW_HASH,
		pointer,
		AmendmentReason::Update,
		Purpose::Treatment,
		None,
	)
}

/// The request the pallet builds for `actor` doing `action` on an existing record.
fn request_on(
	actor: u64,
	on_behalf_of: Option<InstitutionId>,
	record: RecordId,
	action: Action,
	purpose: Purpose,
) -> AccessRequest<u64> {
	let entry = crate::RecordsById::<Test>::get(record).unwrap();
	AccessRequest {
		actor,
		on_behalf_of,
		target: AccessTarget {
			patient: entry.patient,
			record: Some(record),
			category: entry.category,
		},
		action,
		purpose,
	}
}

/// Every refusal of the consent decision, with the error it becomes.
fn refusals() -> [(AccessDenied, Error<Test>); 8] {
	[
		(AccessDenied::NotCredentialed, Error::NotCredentialed),
		(AccessDenied::NotAffiliated, Error::NotAffiliated),
		(AccessDenied::NoGrant, Error::NoGrant),
		(AccessDenied::GrantRevoked, Error::GrantRevoked),
		(AccessDenied::GrantExpired, Error::GrantExpired),
		(AccessDenied::GrantNotYetValid, Error::GrantNotYetValid),
		(AccessDenied::ActionNotGranted, Error::ActionNotGranted),
		(AccessDenied::OutOfScope, Error::OutOfScope),
	]
}

mod adding {
	use super::*;

	#[test]
	fn a_patient_adds_their_own_record() {
		new_test_ext(|| {
			assert_ok!(Records::add_record(signed(PATIENT), fhir("Observation"), HASH, cid()));
			assert_eq!(
				Records::record(0),
				Some(Record {
					patient: PATIENT,
					author: PATIENT,
					category: fhir("Observation"),
					content_hash: HASH,
					pointer: cid(),
					created_at: START,
					version: 1,
					supersedes: None,
					superseded_by: None,
					amendment_reason: None,
					status: RecordStatus::Current,
					deposit: 10,
				})
			);
			assert!(PatientRecords::<Test>::contains_key(PATIENT, 0));
			assert_eq!(NextRecordId::<Test>::get(), 1);
			assert_eq!(held(PATIENT), 10);
			assert_eq!(
				last_event(),
				Event::RecordAdded {
					record: 0,
					patient: PATIENT,
					author: PATIENT,
					category: fhir("Observation"),
				}
			);
			// The patient acts on their own data: consent is not asked, and no purpose was named,
			// so there is no access to log.
			assert!(checked().is_empty());
			assert!(logged().is_empty());
		});
	}

	#[test]
	fn ids_are_sequential_and_each_record_holds_a_deposit() {
		new_test_ext(|| {
			assert_eq!(own_record(PATIENT), 0);
			assert_eq!(own_record(OTHER_PATIENT), 1);
			assert_eq!(own_record(PATIENT), 2);
			assert_eq!(Records::records_of(&PATIENT), vec![0, 2]);
			assert_eq!(Records::records_of(&OTHER_PATIENT), vec![1]);
			assert_eq!(held(PATIENT), 20);
			assert_eq!(held(OTHER_PATIENT), 10);
		});
	}

	#[test]
	fn malformed_categories_are_refused() {
		new_test_ext(|| {
			for category in [
				fhir("observation"),
				fhir("Diagnostic Report"),
				fhir("Obs1"),
				fhir(""),
				// Capitalised words that are no FHIR resource type: a name, a diagnosis.
				fhir("JohnDoe"),
				fhir("Hiv"),
				// A wrong LOINC check digit: consult note is 11488-4.
				loinc("11488-5"),
				loinc("11488"),
				loinc("12345678-1"),
			] {
				assert_noop!(
					Records::add_record(signed(PATIENT), category.clone(), HASH, cid()),
					Error::<Test>::MalformedCategory
				);
				answer(DOCTOR, PATIENT, Purpose::Treatment, Ok(GRANT));
				assert_noop!(
					Records::add_record_for(
						signed(DOCTOR),
						PATIENT,
						category,
						HASH,
						cid(),
						Purpose::Treatment,
						None,
					),
					Error::<Test>::MalformedCategory
				);
			}
			// Refused before consent is asked.
			assert!(checked().is_empty());
			assert!(logged().is_empty());
		});
	}

	#[test]
	fn malformed_pointers_are_refused() {
		new_test_ext(|| {
			for bad in [
				&b""[..],
				b"ipfs://bafy with space",
				b"ipfs://bafy\n",
				b"\tipfs://bafy",
				b"ipfs://caf\xc3\xa9",
				b"ipfs://bafy\x7f",
				b"ipfs://bafy\0",
				// Attack: free text, or a URI whose query or fragment names the patient.
				b"JohnDoe-HIV-positive",
				b"ipfs://bafy2",
				b"https://ehr.example.org/docs?patient=john.doe",
				b"https://ehr.example.org/docs#hiv",
				b"https://john.doe@ehr.example.org/docs/1",
			] {
				assert_noop!(
					Records::add_record(
						signed(PATIENT),
						fhir("Observation"),
						HASH,
						pointer_bytes(bad)
					),
					Error::<Test>::MalformedPointer
				);
			}
			// A CID, an IPFS, Arweave or HTTPS URI with a clean path are.
			for good in [
				&b"bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e"[..],
				b"ipfs://QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG/note.pdf",
				b"ar://bNbA3TEQVL60xlgCcqdz4ZPHFZ711cZ3hmkpGttDt_U",
				b"https://ehr.example.org/fhir/DocumentReference/7f3a9c",
			] {
				assert_ok!(Records::add_record(
					signed(PATIENT),
					fhir("Observation"),
					HASH,
					pointer_bytes(good)
				));
			}
		});
	}

	#[test]
	fn pointers_are_bounded_when_decoded() {
		new_test_ext(|| {
			// The longest pointer fits.
			let longest = pointer_bytes(&healthchain_primitives::pointer::ipfs_pointer_of_len(
				&HASH,
				MAX_POINTER_LEN as usize,
			));
			assert_ok!(Records::add_record(signed(PATIENT), fhir("Observation"), HASH, longest));
			// One byte more does not decode, neither alone nor as a call's argument.
			let too_long = vec![b'a'; MAX_POINTER_LEN as usize + 1];
			assert!(PointerOf::<Test>::try_from(too_long.clone()).is_err());
			assert!(PointerOf::<Test>::decode(&mut &too_long.encode()[..]).is_err());
			let fits = RuntimeCall::Records(Call::add_record {
				category: fhir("Observation"),
				content_hash: HASH,
				pointer: pointer_bytes(&too_long[1..]),
			})
			.encode();
			assert!(RuntimeCall::decode(&mut &fits[..]).is_ok());
			// The same call with the longer pointer: pallet index, call index, then the arguments.
			let oversized = (fits[0], fits[1], fhir("Observation"), HASH, too_long).encode();
			assert!(RuntimeCall::decode(&mut &oversized[..]).is_err());
		});
	}

	#[test]
	fn adding_needs_the_deposit() {
		new_test_ext(|| {
			assert_noop!(
				Records::add_record(signed(PAUPER), fhir("Observation"), HASH, cid()),
				TokenError::FundsUnavailable
			);
		});
	}

	#[test]
	fn adding_stops_when_ids_run_out() {
		new_test_ext(|| {
			NextRecordId::<Test>::put(RecordId::MAX);
			assert_noop!(
				Records::add_record(signed(PATIENT), fhir("Observation"), HASH, cid()),
				Error::<Test>::NoIdsLeft
			);
			NextRecordId::<Test>::put(0);
		});
	}
}

mod providers {
	use super::*;

	#[test]
	fn a_provider_adds_a_record_under_consent() {
		new_test_ext(|| {
			allow(DOCTOR, PATIENT, Purpose::Treatment);
			assert_ok!(Records::add_record_for(
				signed(DOCTOR),
				PATIENT,
				loinc("34133-9"),
				HASH,
				cid(),
				Purpose::Treatment,
				Some(HOSPITAL),
			));
			let request = AccessRequest {
				actor: DOCTOR,
				on_behalf_of: Some(HOSPITAL),
				target: AccessTarget { patient: PATIENT, record: None, category: loinc("34133-9") },
				action: Action::Write,
				purpose: Purpose::Treatment,
			};
			assert_eq!(checked(), vec![request.clone()]);
			assert_eq!(logged(), vec![(request, 0, ALLOWED)]);
			let record = Records::record(0).unwrap();
			assert_eq!((record.patient, record.author, record.version), (PATIENT, DOCTOR, 1));
			assert_eq!(record.status, RecordStatus::Current);
			assert_eq!(Records::records_of(&PATIENT), vec![0]);
			assert!(Records::records_of(&DOCTOR).is_empty());
			// The author pays for the record.
			assert_eq!(held(DOCTOR), 10);
			assert_eq!(held(PATIENT), 0);
			assert_eq!(
				last_event(),
				Event::RecordAdded {
					record: 0,
					patient: PATIENT,
					author: DOCTOR,
					category: loinc("34133-9"),
				}
			);
		});
	}

	#[test]
	fn every_refusal_comes_back_as_its_error_and_writes_nothing() {
		new_test_ext(|| {
			for (denied, error) in refusals() {
				answer(NURSE, PATIENT, Purpose::Treatment, Err(denied));
				assert_noop!(
					Records::add_record_for(
						signed(NURSE),
						PATIENT,
						fhir("Observation"),
						HASH,
						cid(),
						Purpose::Treatment,
						None,
					),
					error
				);
			}
			assert_eq!(checked().len(), 8);
			assert!(logged().is_empty());
			assert_eq!(held(NURSE), 0);
		});
	}

	#[test]
	fn without_a_grant_nothing_is_written() {
		new_test_ext(|| {
			// A grant for treatment does not cover research.
			allow(DOCTOR, PATIENT, Purpose::Treatment);
			assert_noop!(
				Records::add_record_for(
					signed(DOCTOR),
					PATIENT,
					fhir("Observation"),
					HASH,
					cid(),
					Purpose::Research,
					None,
				),
				Error::<Test>::NoGrant
			);
			assert_noop!(
				Records::add_record_for(
					signed(STRANGER),
					PATIENT,
					fhir("Observation"),
					HASH,
					cid(),
					Purpose::Treatment,
					None,
				),
				Error::<Test>::NoGrant
			);
			assert!(logged().is_empty());
		});
	}

	#[test]
	fn an_emergency_access_is_logged_as_such() {
		new_test_ext(|| {
			answer(DOCTOR, PATIENT, Purpose::EmergencyTreatment, Ok(AccessBasis::BreakGlass(3)));
			assert_ok!(Records::add_record_for(
				signed(DOCTOR),
				PATIENT,
				fhir("Encounter"),
				HASH,
				cid(),
				Purpose::EmergencyTreatment,
				None,
			));
			let (request, record, basis) = logged().pop().unwrap();
			assert_eq!(
				(request.purpose, record, basis),
				(
					Purpose::EmergencyTreatment,
					0,
					AccessOutcome::Allowed(AccessBasis::BreakGlass(3))
				)
			);
		});
	}

	#[test]
	fn a_patient_naming_themselves_acts_as_the_patient() {
		new_test_ext(|| {
			assert_ok!(Records::add_record_for(
				signed(PATIENT),
				PATIENT,
				fhir("Observation"),
				HASH,
				cid(),
				Purpose::Treatment,
				None,
			));
			assert!(checked().is_empty());
			assert_eq!(
				logged().pop().map(|(_, record, basis)| (record, basis)),
				Some((0, AccessOutcome::Allowed(AccessBasis::Patient)))
			);
			assert_eq!(held(PATIENT), 10);
		});
	}

	#[test]
	fn the_author_needs_the_deposit() {
		new_test_ext(|| {
			allow(PAUPER, PATIENT, Purpose::Treatment);
			assert_noop!(
				Records::add_record_for(
					signed(PAUPER),
					PATIENT,
					fhir("Observation"),
					HASH,
					cid(),
					Purpose::Treatment,
					None,
				),
				TokenError::FundsUnavailable
			);
			assert!(logged().is_empty());
		});
	}
}

mod amending {
	use super::*;

	#[test]
	fn a_patient_amends_their_record() {
		new_test_ext(|| {
			let original = own_record(PATIENT);
			let before = Records::record(original).unwrap();
			set_now(START + 1_000);
			assert_ok!(Records::amend_record(
				signed(PATIENT),
				original,
				NEW_HASH,
				other_cid(),
				AmendmentReason::Correction,
				Purpose::Treatment,
				None,
			));
			let amended = original + 1;
			assert_eq!(
				Records::record(amended),
				Some(Record {
					patient: PATIENT,
					author: PATIENT,
					category: before.category.clone(),
					content_hash: NEW_HASH,
					pointer: other_cid(),
					created_at: START + 1_000,
					version: 2,
					supersedes: Some(original),
					superseded_by: None,
					amendment_reason: Some(AmendmentReason::Correction),
					status: RecordStatus::Current,
					deposit: 10,
				})
			);
			// The old version stays readable as it was, only superseded.
			assert_eq!(
				Records::record(original),
				Some(Record {
					status: RecordStatus::Superseded,
					superseded_by: Some(amended),
					..before
				})
			);
			assert_eq!(Records::records_of(&PATIENT), vec![original, amended]);
			assert_eq!(held(PATIENT), 20);
			assert_eq!(
				last_event(),
				Event::RecordAmended {
					record: amended,
					supersedes: original,
					patient: PATIENT,
					author: PATIENT,
					reason: AmendmentReason::Correction,
				}
			);
			assert!(checked().is_empty());
			let request = request_on(PATIENT, None, original, Action::Write, Purpose::Treatment);
			assert_eq!(
				logged(),
				vec![(request, amended, AccessOutcome::Allowed(AccessBasis::Patient))]
			);
		});
	}

	#[test]
	fn a_provider_amends_under_consent_and_pays_for_the_new_version() {
		new_test_ext(|| {
			let original = own_record(PATIENT);
			allow(DOCTOR, PATIENT, Purpose::Treatment);
			assert_ok!(Records::amend_record(
				signed(DOCTOR),
				original,
				NEW_HASH,
				cid(),
				AmendmentReason::Addendum,
				Purpose::Treatment,
				Some(HOSPITAL),
			));
			let request =
				request_on(DOCTOR, Some(HOSPITAL), original, Action::Write, Purpose::Treatment);
			assert_eq!(checked(), vec![request.clone()]);
			assert_eq!(logged(), vec![(request, original + 1, ALLOWED)]);
			let amended = Records::record(original + 1).unwrap();
			assert_eq!((amended.patient, amended.author), (PATIENT, DOCTOR));
			assert_eq!(amended.category, loinc("11488-4"));
			assert_eq!(held(DOCTOR), 10);
			assert_eq!(held(PATIENT), 10);
		});
	}

	#[test]
	fn amending_refusals() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			assert_noop!(amend(PATIENT, 9, cid()), Error::<Test>::UnknownRecord);
			assert_noop!(
				amend(PATIENT, record, pointer_bytes(b"")),
				Error::<Test>::MalformedPointer
			);
			for (denied, error) in refusals() {
				answer(DOCTOR, PATIENT, Purpose::Treatment, Err(denied));
				assert_noop!(amend(DOCTOR, record, cid()), error);
			}
			allow(PAUPER, PATIENT, Purpose::Treatment);
			assert_noop!(amend(PAUPER, record, cid()), TokenError::FundsUnavailable);
			assert!(logged().is_empty());
		});
	}

	#[test]
	fn only_the_current_version_is_amended() {
		new_test_ext(|| {
			let original = own_record(PATIENT);
			let amend = |who, id| {
				Records::amend_record(
					signed(who),
					id,
					NEW_HASH,
					cid(),
					AmendmentReason::Update,
					Purpose::Treatment,
					None,
				)
			};
			assert_ok!(amend(PATIENT, original));
			assert_noop!(amend(PATIENT, original), Error::<Test>::NotCurrent);
			let mistake = own_record(PATIENT);
			assert_ok!(Records::mark_entered_in_error(
				signed(PATIENT),
				mistake,
				Purpose::Treatment,
				None
			));
			assert_noop!(amend(PATIENT, mistake), Error::<Test>::NotCurrent);
			// Consent comes first: a stranger learns nothing about the record's status.
			assert_noop!(amend(STRANGER, original), Error::<Test>::NoGrant);
		});
	}

	#[test]
	fn a_version_chain_is_bounded() {
		new_test_ext(|| {
			let mut current = own_record(PATIENT);
			for _ in 1..MAX_VERSIONS {
				assert_ok!(Records::amend_record(
					signed(PATIENT),
					current,
					NEW_HASH,
					cid(),
					AmendmentReason::Update,
					Purpose::Treatment,
					None,
				));
				current += 1;
			}
			assert_eq!(Records::record(current).unwrap().version, MAX_VERSIONS);
			assert_noop!(
				Records::amend_record(
					signed(PATIENT),
					current,
					NEW_HASH,
					cid(),
					AmendmentReason::Update,
					Purpose::Treatment,
					None,
				),
				Error::<Test>::TooManyVersions
			);
		});
	}

	#[test]
	fn the_version_chain_walks_from_the_original_to_the_latest() {
		new_test_ext(|| {
			let original = own_record(PATIENT);
			let unrelated = own_record(PATIENT);
			allow(DOCTOR, PATIENT, Purpose::Treatment);
			for (who, id, reason) in [
				(DOCTOR, original, AmendmentReason::Correction),
				(PATIENT, unrelated + 1, AmendmentReason::Transformation),
			] {
				assert_ok!(Records::amend_record(
					signed(who),
					id,
					NEW_HASH,
					cid(),
					reason,
					Purpose::Treatment,
					None,
				));
			}
			let chain = vec![original, unrelated + 1, unrelated + 2];
			for id in &chain {
				assert_eq!(Records::version_chain(*id), chain);
			}
			assert_eq!(Records::version_chain(unrelated), vec![unrelated]);
			assert!(Records::version_chain(42).is_empty());
			let versions: Vec<_> = Records::with_records(Records::version_chain(original))
				.into_iter()
				.map(|(id, record)| (id, record.version, record.status, record.amendment_reason))
				.collect();
			assert_eq!(
				versions,
				vec![
					(original, 1, RecordStatus::Superseded, None),
					(unrelated + 1, 2, RecordStatus::Superseded, Some(AmendmentReason::Correction)),
					(
						unrelated + 2,
						3,
						RecordStatus::Current,
						Some(AmendmentReason::Transformation)
					),
				]
			);
		});
	}
}

mod entered_in_error {
	use super::*;

	#[test]
	fn a_patient_marks_a_record_entered_in_error() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			assert_ok!(Records::mark_entered_in_error(
				signed(PATIENT),
				record,
				Purpose::Treatment,
				None
			));
			assert_eq!(Records::record(record).unwrap().status, RecordStatus::EnteredInError);
			assert_eq!(
				last_event(),
				Event::RecordEnteredInError { record, patient: PATIENT, by: PATIENT }
			);
			// The record stays, and so does its deposit.
			assert_eq!(Records::records_of(&PATIENT), vec![record]);
			assert_eq!(held(PATIENT), 10);
			assert!(checked().is_empty());
			let request = request_on(PATIENT, None, record, Action::Write, Purpose::Treatment);
			assert_eq!(
				logged(),
				vec![(request, record, AccessOutcome::Allowed(AccessBasis::Patient))]
			);
		});
	}

	#[test]
	fn a_provider_marks_a_record_under_consent() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			allow(NURSE, PATIENT, Purpose::CareManagement);
			assert_ok!(Records::mark_entered_in_error(
				signed(NURSE),
				record,
				Purpose::CareManagement,
				Some(HOSPITAL)
			));
			let request =
				request_on(NURSE, Some(HOSPITAL), record, Action::Write, Purpose::CareManagement);
			assert_eq!(checked(), vec![request.clone()]);
			assert_eq!(logged(), vec![(request, record, ALLOWED)]);
			assert_eq!(
				last_event(),
				Event::RecordEnteredInError { record, patient: PATIENT, by: NURSE }
			);
			// The deposit stays with the author, not with whoever marked it.
			assert_eq!(held(NURSE), 0);
		});
	}

	#[test]
	fn marking_refusals() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			let mark =
				|who, id| Records::mark_entered_in_error(signed(who), id, Purpose::Treatment, None);
			assert_noop!(mark(PATIENT, 9), Error::<Test>::UnknownRecord);
			for (denied, error) in refusals() {
				answer(DOCTOR, PATIENT, Purpose::Treatment, Err(denied));
				assert_noop!(mark(DOCTOR, record), error);
			}
			assert!(logged().is_empty());
			assert_ok!(mark(PATIENT, record));
			assert_noop!(mark(PATIENT, record), Error::<Test>::NotCurrent);
			let superseded = own_record(PATIENT);
			assert_ok!(Records::amend_record(
				signed(PATIENT),
				superseded,
				NEW_HASH,
				cid(),
				AmendmentReason::Update,
				Purpose::Treatment,
				None,
			));
			assert_noop!(mark(PATIENT, superseded), Error::<Test>::NotCurrent);
		});
	}
}

mod access {
	use super::*;

	#[test]
	fn a_grantee_reads_a_record_and_the_access_is_logged() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			allow(DOCTOR, PATIENT, Purpose::Treatment);
			// This pallet writes nothing: the consent pallet keeps the log and events it.
			assert_storage_noop!(assert_ok!(Records::access_record(
				signed(DOCTOR),
				record,
				Purpose::Treatment,
				Some(HOSPITAL)
			)));
			let request =
				request_on(DOCTOR, Some(HOSPITAL), record, Action::Read, Purpose::Treatment);
			assert_eq!(checked(), vec![request.clone()]);
			assert_eq!(logged(), vec![(request, record, ALLOWED)]);
		});
	}

	/// The first access to a patient's records opens the reader's ring of the log (a deposit);
	/// later ones are charged only for what they do, and the patient's own for no log at all.
	#[test]
	fn a_reader_is_charged_for_a_new_ring_of_the_log_only_once() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			allow(DOCTOR, PATIENT, Purpose::Treatment);
			let read = |who| {
				Records::access_record(signed(who), record, Purpose::Treatment, Some(HOSPITAL))
					.expect("a logged read")
					.actual_weight
			};
			let first = <Test as Config>::WeightInfo::access_record(RECORDS_BENCHMARKED);
			let again = <Test as Config>::WeightInfo::access_record_again(RECORDS_BENCHMARKED);
			assert_eq!(read(DOCTOR), Some(first));
			assert_eq!(read(DOCTOR), Some(again));
			assert_eq!(read(PATIENT), Some(again));
			assert!(again.all_lte(first));
		});
	}

	/// Attack: a curious clinician tries to read records they have no grant for, hoping the
	/// failed attempt vanishes with a reverted call. Every refusal is logged as refused, with
	/// its reason, and the call succeeds so that the log entry stays.
	#[test]
	fn every_refused_read_is_logged_with_its_reason() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			for (denied, _) in refusals() {
				answer(DOCTOR, PATIENT, Purpose::Payment, Err(denied));
				assert_ok!(Records::access_record(signed(DOCTOR), record, Purpose::Payment, None));
				assert_eq!(
					logged().pop().map(|(_, id, outcome)| (id, outcome)),
					Some((record, AccessOutcome::Denied(denied)))
				);
			}
			assert_eq!(logged().len(), refusals().len());
			assert_noop!(
				Records::access_record(signed(DOCTOR), 9, Purpose::Payment, None),
				Error::<Test>::UnknownRecord
			);
		});
	}

	#[test]
	fn superseded_and_entered_in_error_records_stay_readable() {
		new_test_ext(|| {
			let superseded = own_record(PATIENT);
			assert_ok!(Records::amend_record(
				signed(PATIENT),
				superseded,
				NEW_HASH,
				cid(),
				AmendmentReason::Update,
				Purpose::Treatment,
				None,
			));
			let mistake = own_record(PATIENT);
			assert_ok!(Records::mark_entered_in_error(
				signed(PATIENT),
				mistake,
				Purpose::Treatment,
				None
			));
			allow(DOCTOR, PATIENT, Purpose::Treatment);
			for record in [superseded, mistake] {
				assert_ok!(Records::access_record(
					signed(DOCTOR),
					record,
					Purpose::Treatment,
					None
				));
				assert_eq!(
					logged().pop().map(|(_, id, basis)| (id, basis)),
					Some((record, ALLOWED))
				);
			}
		});
	}

	#[test]
	fn a_patient_reads_their_own_records_without_asking() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			assert_ok!(Records::access_record(signed(PATIENT), record, Purpose::Treatment, None));
			assert!(checked().is_empty());
			assert_eq!(
				logged().pop().map(|(_, id, basis)| (id, basis)),
				Some((record, AccessOutcome::Allowed(AccessBasis::Patient)))
			);
			// Another patient is someone else: refused, and logged.
			assert_ok!(Records::access_record(
				signed(OTHER_PATIENT),
				record,
				Purpose::Treatment,
				None
			));
			assert_eq!(
				logged().pop().map(|(_, id, outcome)| (id, outcome)),
				Some((record, AccessOutcome::Denied(AccessDenied::NoGrant)))
			);
		});
	}
}

/// A guardian acts on the patient's records as themselves: the author of what they write, and
/// logged under their own name.
mod guardians {
	use super::*;

	/// The nurse is the patient's guardian.
	fn guardian_of_patient() {
		for purpose in [Purpose::CareManagement, Purpose::Treatment] {
			answer(NURSE, PATIENT, purpose, Ok(AccessBasis::Guardian));
		}
	}

	#[test]
	fn what_a_guardian_writes_is_authored_and_logged_as_theirs() {
		new_test_ext(|| {
			guardian_of_patient();
			let record = NextRecordId::<Test>::get();
			assert_ok!(Records::add_record_for(
				signed(NURSE),
				PATIENT,
				fhir("Observation"),
				HASH,
				cid(),
				Purpose::CareManagement,
				None
			));
			let stored = crate::RecordsById::<Test>::get(record).unwrap();
			assert_eq!((stored.patient, stored.author), (PATIENT, NURSE));
			assert_eq!(held(NURSE), RecordDeposit::get());
			let (request, logged_record, outcome) = logged().pop().unwrap();
			assert_eq!(
				(request.actor, logged_record, outcome),
				(NURSE, record, AccessOutcome::Allowed(AccessBasis::Guardian))
			);
			assert_ok!(Records::access_record(signed(NURSE), record, Purpose::Treatment, None));
			assert_eq!(
				logged().pop().map(|(request, _, outcome)| (request.actor, outcome)),
				Some((NURSE, AccessOutcome::Allowed(AccessBasis::Guardian)))
			);
		});
	}
}

mod erasure {
	use super::*;

	#[test]
	fn the_patient_erases_a_record_leaving_its_hash() {
		new_test_ext(|| {
			let record = own_record(PATIENT);
			let before = Records::record(record).unwrap();
			assert_ok!(Records::erase_record(signed(PATIENT), record));
			let after = Records::record(record).unwrap();
			assert_eq!(after.status, RecordStatus::Erased);
			assert!(after.pointer.is_empty());
			assert_eq!((after.content_hash, after.patient), (before.content_hash, PATIENT));
			System::assert_last_event(
				Event::RecordErased { record, patient: PATIENT, by: PATIENT }.into(),
			);
			// Nothing more happens to it: no second erasure, no amendment, no error mark.
			assert_noop!(
				Records::erase_record(signed(PATIENT), record),
				Error::<Test>::AlreadyErased
			);
			assert_noop!(amend(PATIENT, record, cid()), Error::<Test>::NotCurrent);
			assert_noop!(
				Records::mark_entered_in_error(signed(PATIENT), record, Purpose::Treatment, None),
				Error::<Test>::NotCurrent
			);
		});
	}

	/// Attack: a clinician with a write grant, the record's author, or a stranger erases the
	/// patient's record to hide it. Only the patient or their live guardian erases.
	#[test]
	fn nobody_but_the_patient_or_a_guardian_erases() {
		new_test_ext(|| {
			answer(DOCTOR, PATIENT, Purpose::Treatment, Ok(GRANT));
			let record = NextRecordId::<Test>::get();
			assert_ok!(Records::add_record_for(
				signed(DOCTOR),
				PATIENT,
				fhir("Observation"),
				HASH,
				cid(),
				Purpose::Treatment,
				None
			));
			for who in [DOCTOR, STRANGER, OTHER_PATIENT] {
				assert_noop!(
					Records::erase_record(signed(who), record),
					Error::<Test>::NotPatientOrGuardian
				);
			}
			assert_noop!(Records::erase_record(signed(PATIENT), 99), Error::<Test>::UnknownRecord);
			// A guardian erases, logged as theirs.
			answer(NURSE, PATIENT, Purpose::CareManagement, Ok(AccessBasis::Guardian));
			assert_ok!(Records::erase_record(signed(NURSE), record));
			System::assert_last_event(
				Event::RecordErased { record, patient: PATIENT, by: NURSE }.into(),
			);
			let (request, logged_record, outcome) = logged().pop().unwrap();
			assert_eq!(
				(request.actor, request.action, logged_record, outcome),
				(NURSE, Action::Write, record, AccessOutcome::Allowed(AccessBasis::Guardian))
			);
		});
	}

	#[test]
	fn an_erased_superseded_version_keeps_its_chain() {
		new_test_ext(|| {
			let original = own_record(PATIENT);
			assert_ok!(amend(PATIENT, original, other_cid()));
			assert_ok!(Records::erase_record(signed(PATIENT), original));
			assert_eq!(Records::record(original).unwrap().superseded_by, Some(original + 1));
			assert_eq!(Records::version_chain(original).len(), 2);
		});
	}
}

mod encryption_keys {
	use super::*;

	const KEY: [u8; 32] = [9; 32];

	fn key_deposit(who: u64) -> u64 {
		Balances::balance_on_hold(
			&RuntimeHoldReason::Records(HoldReason::EncryptionKeyDeposit),
			&who,
		)
	}

	#[test]
	fn an_account_publishes_replaces_and_removes_its_key() {
		new_test_ext(|| {
			assert_ok!(Records::publish_encryption_key(signed(PATIENT), KEY));
			assert_eq!(key_deposit(PATIENT), EncryptionKeyDeposit::get());
			System::assert_last_event(
				Event::EncryptionKeyPublished { who: PATIENT, key: KEY }.into(),
			);
			// A replacement holds nothing more.
			assert_ok!(Records::publish_encryption_key(signed(PATIENT), [8; 32]));
			assert_eq!(key_deposit(PATIENT), EncryptionKeyDeposit::get());
			assert_eq!(EncryptionKeys::<Test>::get(PATIENT).unwrap().key, [8; 32]);
			assert_ok!(Records::remove_encryption_key(signed(PATIENT)));
			assert_eq!(key_deposit(PATIENT), 0);
			assert!(!EncryptionKeys::<Test>::contains_key(PATIENT));
			assert_noop!(
				Records::remove_encryption_key(signed(PATIENT)),
				Error::<Test>::NoEncryptionKey
			);
			assert_noop!(
				Records::publish_encryption_key(signed(PAUPER), KEY),
				TokenError::FundsUnavailable
			);
		});
	}

	/// Attack: an account publishes a small-order point, so that every data key wrapped to it
	/// is readable by anyone. Such keys are refused, the top bit ignored as X25519 does.
	#[test]
	fn small_order_keys_are_refused() {
		new_test_ext(|| {
			let mut one = [0u8; 32];
			one[0] = 1;
			let mut p_minus_one = [0xff; 32];
			p_minus_one[0] = 0xec;
			p_minus_one[31] = 0x7f;
			let mut zero_high_bit = [0u8; 32];
			zero_high_bit[31] = 0x80;
			for key in [[0; 32], one, p_minus_one, zero_high_bit] {
				assert_noop!(
					Records::publish_encryption_key(signed(PATIENT), key),
					Error::<Test>::UnusableEncryptionKey
				);
			}
		});
	}
}

mod state {
	use super::*;

	#[test]
	fn a_record_and_its_index_entry_fit_their_bounds() {
		// A 32-byte account, a `u128` balance and a 128-byte pointer, as in the runtime.
		type RuntimeRecord = Record<[u8; 32], u128, BoundedVec<u8, ConstU32<128>>>;
		assert_eq!(RuntimeRecord::max_encoded_len(), 310);
		let largest = RuntimeRecord {
			patient: [1; 32],
			author: [2; 32],
			category: fhir("MedicinalProductUndesirableEffect"),
			content_hash: HASH,
			pointer: vec![b'a'; 128].try_into().unwrap(),
			created_at: START,
			version: 2,
			supersedes: Some(1),
			superseded_by: Some(3),
			amendment_reason: Some(AmendmentReason::Correction),
			status: RecordStatus::Superseded,
			deposit: u128::MAX,
		};
		assert_eq!(largest.encoded_size(), 310);
		// In the mock: 8-byte accounts and balances, an 80-byte pointer.
		// 310 - 2 * 24 (accounts) - 8 (balance) - 48 (pointer bytes; its length still takes 2).
		assert_eq!(RecordOf::<Test>::max_encoded_len(), 206);
	}

	#[test]
	fn try_state_catches_broken_links() {
		new_test_ext(|| {
			let original = own_record(PATIENT);
			assert_ok!(Records::amend_record(
				signed(PATIENT),
				original,
				NEW_HASH,
				cid(),
				AmendmentReason::Update,
				Purpose::Treatment,
				None,
			));
			let intact = Records::record(original).unwrap();
			let broken = [
				Record { superseded_by: None, ..intact.clone() },
				Record { status: RecordStatus::Current, ..intact.clone() },
				Record { version: 2, ..intact.clone() },
				Record { patient: OTHER_PATIENT, ..intact.clone() },
				Record { pointer: pointer_bytes(b""), ..intact.clone() },
				Record { deposit: 9, ..intact.clone() },
			];
			for record in broken {
				crate::RecordsById::<Test>::insert(original, record);
				assert!(Records::do_try_state().is_err());
			}
			crate::RecordsById::<Test>::insert(original, intact);
			PatientRecords::<Test>::insert(OTHER_PATIENT, original, ());
			assert!(Records::do_try_state().is_err());
			PatientRecords::<Test>::remove(OTHER_PATIENT, original);
			PatientRecords::<Test>::remove(PATIENT, original);
			assert!(Records::do_try_state().is_err());
			PatientRecords::<Test>::insert(PATIENT, original, ());
			NextRecordId::<Test>::put(1);
			assert!(Records::do_try_state().is_err());
			NextRecordId::<Test>::put(2);
		});
	}

	#[test]
	fn try_state_finds_a_hold_without_a_stored_deposit() {
		use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};
		new_test_ext(|| {
			own_record(PATIENT);
			assert_ok!(Records::do_try_state());
			// On an account with nothing stored and on the record's author: every account is
			// checked, not only the depositors.
			for reason in [HoldReason::RecordDeposit, HoldReason::EncryptionKeyDeposit] {
				for who in [STRANGER, PATIENT] {
					assert_ok!(Balances::hold(&reason.into(), &who, 5));
					assert!(Records::do_try_state().is_err());
					assert_ok!(Balances::release(&reason.into(), &who, 5, Precision::Exact));
					assert_ok!(Records::do_try_state());
				}
			}
		});
	}
}
