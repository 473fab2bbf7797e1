//! Every call's success and each of its refusals, the adjudication arithmetic across a plan year,
//! and the attacks the rules stop: a fired employee, a provider out of network, a claim without
//! consent, a duplicate, an insurer that denies without a reason or pays late.

use crate::{mock::*, *};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold},
	sp_runtime::{Permill, TokenError},
};

/// Claim lines as (code, units, charge).
type Items = &'static [(ServiceCode, u32, u64)];

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::ClaimsDeposit.into(), &who)
}

fn pay_all(count: usize) -> LineDecisionsOf<Test> {
	LineDecisionsOf::<Test>::truncate_from(vec![LineDecision::Pay; count])
}

fn reason(text: &[u8]) -> ReasonCode {
	ReasonCode::from_ascii(text)
}

fn requested(items: &[(ServiceCode, u32)]) -> RequestedServicesOf<Test> {
	RequestedServicesOf::<Test>::truncate_from(items.to_vec())
}

fn approved(units: &[u32]) -> ApprovedUnitsOf<Test> {
	ApprovedUnitsOf::<Test>::truncate_from(units.to_vec())
}

fn no_records() -> RecordsOf<Test> {
	RecordsOf::<Test>::default()
}

/// The hospital asks for an MRI (one unit) for the member; returns the request's id.
fn request_mri(coverage: CoverageId, urgent: bool) -> PriorAuthId {
	let id = NextPriorAuthId::<Test>::get();
	assert_ok!(Claims::request_prior_auth(
		RuntimeOrigin::signed(HOSPITAL_STAFF),
		coverage,
		HOSPITAL,
		requested(&[(MRI, 1)]),
		RecordsOf::<Test>::truncate_from(vec![3]),
		urgent,
	));
	id
}

fn adjudication(claim: ClaimId) -> AdjudicationOf<Test> {
	Adjudications::<Test>::get(claim).expect("adjudicated")
}

mod codes {
	use super::*;

	#[test]
	fn service_codes_are_cpt_or_hcpcs() {
		for good in [b"99213", b"0001F", b"0042T", b"0001U", b"J1100", b"G0008"] {
			assert!(ServiceCode(*good).is_well_formed(), "{good:?}");
		}
		for bad in [b"9921 ", b"99a13", b"j1100", b"JJ100", b"0001X", b"-9213"] {
			assert!(!ServiceCode(*bad).is_well_formed(), "{bad:?}");
		}
	}

	#[test]
	fn diagnosis_codes_are_icd10cm_without_the_dot() {
		let dx = |text: &[u8]| DiagnosisCode(BoundedVec::truncate_from(text.to_vec()));
		for good in [&b"E119"[..], b"I10", b"S72001A", b"Z3A10"] {
			assert!(dx(good).is_well_formed(), "{good:?}");
		}
		for bad in [&b"E1"[..], b"E11.9", b"e119", b"1E19", b"EE19", b""] {
			assert!(!dx(bad).is_well_formed(), "{bad:?}");
		}
	}

	#[test]
	fn reason_codes_are_carcs() {
		for good in [&b"1"[..], b"45", b"197", b"299", b"A1", b"P12", b"W1"] {
			assert!(reason(good).is_well_formed(), "{good:?}");
		}
		for bad in [&b""[..], b"0", b"045", b"300", b"999", b"a1", b"P1A", b"AB"] {
			assert!(!reason(bad).is_well_formed(), "{bad:?}");
		}
		for builtin in [
			ReasonCode::not_covered(),
			ReasonCode::authorization_absent(),
			ReasonCode::authorization_exceeded(),
			ReasonCode::no_contract_rate(),
		] {
			assert!(builtin.is_well_formed());
		}
	}

	#[test]
	fn decision_times_take_the_nearest_rank() {
		assert_eq!(DecisionTimes::of(vec![]), DecisionTimes { sampled: 0, median: 0, p90: 0 });
		assert_eq!(
			DecisionTimes::of(vec![5, 1, 4, 2, 3]),
			DecisionTimes { sampled: 5, median: 3, p90: 5 }
		);
		let hundred: Vec<u64> = (1..=100).rev().collect();
		assert_eq!(DecisionTimes::of(hundred), DecisionTimes { sampled: 100, median: 50, p90: 90 });
	}
}

mod plans {
	use super::*;

	#[test]
	fn insurer_staff_publish_a_plan_holding_its_deposit() {
		new_test_ext(|| {
			let plan = publish_plan(true);
			let stored = Plans::<Test>::get(plan).unwrap();
			assert_eq!(stored.insurer, INSURER);
			assert_eq!(stored.service(&MRI).map(|s| s.prior_auth), Some(true));
			assert_eq!(stored.service(&COSMETIC), None);
			assert_eq!(stored.copay(ServiceClass::PrimaryCare), Some(25));
			assert_eq!(stored.copay(ServiceClass::Imaging), None);
			assert_eq!(stored.plan_year(YEAR_START), Some(0));
			assert_eq!(stored.plan_year(YEAR_START + PLAN_YEAR), Some(1));
			assert_eq!(stored.plan_year(YEAR_START - 1), None);
			assert_eq!(held(INSURER_STAFF), PlanDeposit::get());
			assert_eq!(
				last_event(),
				Event::PlanPublished { plan, insurer: INSURER, terms_hash: [1; 32] }
			);
		});
	}

	fn publish(who: u64, insurer: InstitutionId) -> DispatchResult {
		publish_with(who, insurer, cost_sharing(), copays(), services(), pointer())
	}

	fn publish_with(
		who: u64,
		insurer: InstitutionId,
		sharing: CostSharing<u64>,
		copays: CopaysOf<Test>,
		services: ServicesOf<Test>,
		pointer: PointerOf<Test>,
	) -> DispatchResult {
		Claims::publish_plan(
			RuntimeOrigin::signed(who),
			insurer,
			[1; 32],
			pointer,
			sharing,
			copays,
			services,
			YEAR_START,
			false,
		)
	}

	use polkadot_sdk::sp_runtime::DispatchResult;

	#[test]
	fn only_live_staff_of_a_verified_insurer_publish() {
		new_test_ext(|| {
			for (who, insurer) in [
				(STRANGER, INSURER),
				(HOSPITAL_STAFF, HOSPITAL),
				(OTHER_INSURER_STAFF, INSURER),
				(INSURER_ADMIN, INSURER),
			] {
				assert_noop!(publish(who, insurer), Error::<Test>::NotInsurerStaff);
			}
			// The fired employee: the credential lapsed.
			MockCredentials::lapse(INSURER_STAFF, Role::Insurer);
			assert_noop!(publish(INSURER_STAFF, INSURER), Error::<Test>::NotInsurerStaff);
			// A suspended insurer publishes nothing.
			MockCredentials::staff(INSURER_STAFF, INSURER, InstitutionKind::Insurer);
			MockCredentials::suspend(INSURER);
			assert_noop!(publish(INSURER_STAFF, INSURER), Error::<Test>::NotInsurerStaff);
		});
	}

	#[test]
	fn bad_terms_are_refused() {
		new_test_ext(|| {
			let bad_pointer = PointerOf::<Test>::truncate_from(b"http://x".to_vec());
			assert_noop!(
				publish_with(
					INSURER_STAFF,
					INSURER,
					cost_sharing(),
					copays(),
					services(),
					bad_pointer
				),
				Error::<Test>::MalformedPointer
			);
			let mut malformed = services();
			malformed[0].code = code(b"7055x");
			assert_noop!(
				publish_with(
					INSURER_STAFF,
					INSURER,
					cost_sharing(),
					copays(),
					malformed,
					pointer()
				),
				Error::<Test>::MalformedServiceCode
			);
			let mut unsorted = services();
			unsorted.as_mut().swap(0, 1);
			assert_noop!(
				publish_with(INSURER_STAFF, INSURER, cost_sharing(), copays(), unsorted, pointer()),
				Error::<Test>::NotSortedOrDuplicate
			);
			let mut twice = services();
			twice[1] = twice[0];
			assert_noop!(
				publish_with(INSURER_STAFF, INSURER, cost_sharing(), copays(), twice, pointer()),
				Error::<Test>::NotSortedOrDuplicate
			);
			let mut copays_twice = copays();
			copays_twice[1].class = ServiceClass::PrimaryCare;
			assert_noop!(
				publish_with(
					INSURER_STAFF,
					INSURER,
					cost_sharing(),
					copays_twice,
					services(),
					pointer()
				),
				Error::<Test>::NotSortedOrDuplicate
			);
			assert_noop!(
				publish_with(
					INSURER_STAFF,
					INSURER,
					cost_sharing(),
					copays(),
					Default::default(),
					pointer()
				),
				Error::<Test>::NothingListed
			);
			let upside_down = CostSharing { out_of_pocket_max: 999, ..cost_sharing() };
			assert_noop!(
				publish_with(INSURER_STAFF, INSURER, upside_down, copays(), services(), pointer()),
				Error::<Test>::MaximumBelowDeductible
			);
		});
	}

	#[test]
	fn a_publisher_without_the_deposit_is_refused() {
		new_test_ext(|| {
			MockCredentials::staff(PAUPER, INSURER, InstitutionKind::Insurer);
			assert_noop!(publish(PAUPER, INSURER), TokenError::FundsUnavailable);
		});
	}

	#[test]
	fn a_retired_plan_takes_no_new_members() {
		new_test_ext(|| {
			let plan = publish_plan(false);
			assert_noop!(
				Claims::retire_plan(RuntimeOrigin::signed(OTHER_INSURER_STAFF), plan),
				Error::<Test>::NotInsurerStaff
			);
			assert_noop!(
				Claims::retire_plan(RuntimeOrigin::signed(INSURER_STAFF), 9),
				Error::<Test>::UnknownPlan
			);
			// An offer made before retirement cannot be accepted after it.
			assert_ok!(Claims::offer_coverage(
				RuntimeOrigin::signed(INSURER_STAFF),
				plan,
				MEMBER,
				COVERAGE_START,
				COVERAGE_END
			));
			assert_ok!(Claims::retire_plan(RuntimeOrigin::signed(INSURER_STAFF), plan));
			assert_eq!(last_event(), Event::PlanRetired { plan });
			assert_noop!(
				Claims::retire_plan(RuntimeOrigin::signed(INSURER_STAFF), plan),
				Error::<Test>::PlanRetired
			);
			assert_noop!(
				Claims::request_coverage(
					RuntimeOrigin::signed(MEMBER),
					plan,
					MEMBER,
					COVERAGE_START,
					COVERAGE_END
				),
				Error::<Test>::PlanRetired
			);
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), 0),
				Error::<Test>::PlanRetired
			);
		});
	}
}

mod coverage {
	use super::*;

	#[test]
	fn the_insurer_offers_and_the_member_accepts() {
		new_test_ext(|| {
			let plan = publish_plan(false);
			let coverage = enrol(plan, MEMBER);
			let stored = Coverages::<Test>::get(coverage).unwrap();
			assert_eq!(stored.status, CoverageStatus::Active { accepted_at: START });
			assert!(stored.covers(START) && stored.covers(COVERAGE_START));
			assert!(!stored.covers(COVERAGE_END) && !stored.covers(COVERAGE_START - 1));
			assert_eq!(held(INSURER_STAFF), PlanDeposit::get() + CoverageDeposit::get());
			assert_eq!(last_event(), Event::CoverageAccepted { coverage, by: Party::Member });
		});
	}

	#[test]
	fn a_guardian_asks_for_a_child_and_the_insurer_accepts() {
		new_test_ext(|| {
			let plan = publish_plan(false);
			assert_ok!(Claims::request_coverage(
				RuntimeOrigin::signed(GUARDIAN),
				plan,
				MEMBER,
				COVERAGE_START,
				COVERAGE_END
			));
			assert_eq!(held(GUARDIAN), CoverageDeposit::get());
			// The guardian cannot accept their own request.
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), 0),
				Error::<Test>::NotAwaitingYou
			);
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(OTHER_INSURER_STAFF), 0),
				Error::<Test>::NotInsurerStaff
			);
			assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(INSURER_STAFF), 0));
			assert_eq!(last_event(), Event::CoverageAccepted { coverage: 0, by: Party::Insurer });
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(INSURER_STAFF), 0),
				Error::<Test>::AlreadyActive
			);
			assert_eq!(Claims::member_coverages(&MEMBER).len(), 1);
		});
	}

	#[test]
	fn nobody_enrols_someone_else() {
		new_test_ext(|| {
			let plan = publish_plan(false);
			assert_noop!(
				Claims::request_coverage(
					RuntimeOrigin::signed(STRANGER),
					plan,
					MEMBER,
					COVERAGE_START,
					COVERAGE_END
				),
				Error::<Test>::NotMemberOrGuardian
			);
			assert_noop!(
				Claims::offer_coverage(
					RuntimeOrigin::signed(OTHER_INSURER_STAFF),
					plan,
					MEMBER,
					COVERAGE_START,
					COVERAGE_END
				),
				Error::<Test>::NotInsurerStaff
			);
			// An offer binds nobody until the member accepts: a stranger cannot accept it.
			assert_ok!(Claims::offer_coverage(
				RuntimeOrigin::signed(INSURER_STAFF),
				plan,
				MEMBER,
				COVERAGE_START,
				COVERAGE_END
			));
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(STRANGER), 0),
				Error::<Test>::NotInsurerStaff
			);
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(INSURER_STAFF), 0),
				Error::<Test>::NotAwaitingYou
			);
		});
	}

	#[test]
	fn bad_periods_and_unknown_plans_are_refused() {
		new_test_ext(|| {
			let plan = publish_plan(false);
			let offer = |start, end| {
				Claims::offer_coverage(
					RuntimeOrigin::signed(INSURER_STAFF),
					plan,
					MEMBER,
					start,
					end,
				)
			};
			assert_noop!(offer(START, START), Error::<Test>::EmptyPeriod);
			assert_noop!(offer(YEAR_START - 1, START), Error::<Test>::BeforePlanStart);
			assert_noop!(
				Claims::offer_coverage(
					RuntimeOrigin::signed(INSURER_STAFF),
					7,
					MEMBER,
					START,
					START + 1
				),
				Error::<Test>::UnknownPlan
			);
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), 7),
				Error::<Test>::UnknownCoverage
			);
		});
	}

	#[test]
	fn either_side_drops_a_proposal_and_the_deposit_comes_back() {
		new_test_ext(|| {
			let plan = publish_plan(false);
			for dropper in [MEMBER, INSURER_STAFF] {
				let coverage = NextCoverageId::<Test>::get();
				assert_ok!(Claims::offer_coverage(
					RuntimeOrigin::signed(INSURER_STAFF),
					plan,
					MEMBER,
					COVERAGE_START,
					COVERAGE_END
				));
				assert_noop!(
					Claims::drop_coverage_proposal(RuntimeOrigin::signed(STRANGER), coverage),
					Error::<Test>::NotInsurerStaff
				);
				assert_ok!(Claims::drop_coverage_proposal(
					RuntimeOrigin::signed(dropper),
					coverage
				));
				assert!(Coverages::<Test>::get(coverage).is_none());
				assert_eq!(held(INSURER_STAFF), PlanDeposit::get());
			}
			assert_eq!(
				last_event(),
				Event::CoverageProposalDropped { coverage: 1, by: Party::Insurer }
			);
			let coverage = enrol(plan, MEMBER);
			assert_noop!(
				Claims::drop_coverage_proposal(RuntimeOrigin::signed(MEMBER), coverage),
				Error::<Test>::AlreadyActive
			);
		});
	}

	#[test]
	fn either_side_ends_coverage_with_notice() {
		new_test_ext(|| {
			let coverage = ready(false);
			assert_noop!(
				Claims::end_coverage(RuntimeOrigin::signed(STRANGER), coverage),
				Error::<Test>::NotInsurerStaff
			);
			assert_ok!(Claims::end_coverage(RuntimeOrigin::signed(INSURER_STAFF), coverage));
			let end = START + CoverageNotice::get();
			assert_eq!(last_event(), Event::CoverageEnded { coverage, by: Party::Insurer, end });
			assert_noop!(
				Claims::end_coverage(RuntimeOrigin::signed(MEMBER), coverage),
				Error::<Test>::AlreadyEnding
			);
			// Care during the notice is covered; after it, not.
			set_now(end + DAY);
			submit(coverage, end - DAY, &[(VISIT, 1, 200)], None);
			assert_noop!(
				Claims::submit_claim(
					RuntimeOrigin::signed(HOSPITAL_STAFF),
					coverage,
					HOSPITAL,
					end,
					lines(&[(VISIT, 1, 200)]),
					diagnoses(),
					None,
					no_records(),
					Frequency::Original
				),
				Error::<Test>::NotCovered
			);
			// A proposal is dropped, not ended.
			assert_ok!(Claims::offer_coverage(
				RuntimeOrigin::signed(INSURER_STAFF),
				0,
				OTHER_MEMBER,
				COVERAGE_START,
				COVERAGE_END
			));
			assert_noop!(
				Claims::end_coverage(RuntimeOrigin::signed(OTHER_MEMBER), 1),
				Error::<Test>::CoverageNotActive
			);
		});
	}
}

mod contracts {
	use super::*;

	fn propose(who: u64, insurer: InstitutionId, provider: InstitutionId) -> DispatchResult {
		Claims::propose_contract(
			RuntimeOrigin::signed(who),
			insurer,
			provider,
			fee_schedule(),
			START - 365 * DAY,
			START + 365 * DAY,
			Permill::from_percent(12),
		)
	}

	use polkadot_sdk::sp_runtime::DispatchResult;

	#[test]
	fn both_sides_sign_and_the_contract_is_in_force_over_its_period() {
		new_test_ext(|| {
			assert_ok!(propose(HOSPITAL_STAFF, INSURER, HOSPITAL));
			assert_eq!(
				last_event(),
				Event::ContractProposed {
					contract: 0,
					version: 0,
					insurer: INSURER,
					provider: HOSPITAL,
					by: Party::Provider
				}
			);
			assert_eq!(Claims::network_terms(INSURER, HOSPITAL, START), None);
			assert_noop!(
				Claims::sign_contract(RuntimeOrigin::signed(HOSPITAL_STAFF), 0, 0),
				Error::<Test>::OwnProposal
			);
			assert_noop!(
				Claims::sign_contract(RuntimeOrigin::signed(STRANGER), 0, 0),
				Error::<Test>::NotContractParty
			);
			assert_noop!(
				Claims::sign_contract(RuntimeOrigin::signed(INSURER_STAFF), 0, 1),
				Error::<Test>::NoSuchProposal
			);
			assert_ok!(Claims::sign_contract(RuntimeOrigin::signed(INSURER_STAFF), 0, 0));
			assert_eq!(last_event(), Event::ContractSigned { contract: 0, version: 0 });
			let (contract, version, terms) =
				Claims::network_terms(INSURER, HOSPITAL, START).unwrap();
			assert_eq!((contract, version), (0, 0));
			assert_eq!(terms.rate::<u64>(&VISIT), Some(150));
			assert_eq!(terms.rate::<u64>(&THERAPY), None);
			assert_eq!(terms.insurer_signatory, Some(INSURER_STAFF));
			assert_eq!(terms.provider_signatory, Some(HOSPITAL_STAFF));
			assert_eq!(Claims::network_terms(INSURER, HOSPITAL, START + 365 * DAY), None);
			assert_noop!(
				Claims::sign_contract(RuntimeOrigin::signed(INSURER_STAFF), 0, 0),
				Error::<Test>::NoSuchProposal
			);
		});
	}

	#[test]
	fn only_the_two_parties_propose_and_only_between_an_insurer_and_a_provider() {
		new_test_ext(|| {
			// Nobody squats the pair's contract.
			assert_noop!(propose(STRANGER, INSURER, HOSPITAL), Error::<Test>::NotContractParty);
			assert_noop!(propose(CLINIC_STAFF, INSURER, HOSPITAL), Error::<Test>::NotContractParty);
			assert_noop!(propose(INSURER_STAFF, HOSPITAL, HOSPITAL), Error::<Test>::NotAnInsurer);
			assert_noop!(
				propose(INSURER_STAFF, INSURER, MANUFACTURER),
				Error::<Test>::NotAProvider
			);
			assert_noop!(
				propose(INSURER_STAFF, INSURER, OTHER_INSURER),
				Error::<Test>::NotAProvider
			);
			MockCredentials::lapse(HOSPITAL_STAFF, Role::Laboratory);
			assert_noop!(
				propose(HOSPITAL_STAFF, INSURER, HOSPITAL),
				Error::<Test>::NotContractParty
			);
		});
	}

	#[test]
	fn bad_fee_schedules_and_periods_are_refused() {
		new_test_ext(|| {
			let with = |schedule: FeeScheduleOf<Test>, from, to| {
				Claims::propose_contract(
					RuntimeOrigin::signed(INSURER_STAFF),
					INSURER,
					HOSPITAL,
					schedule,
					from,
					to,
					Permill::from_percent(5),
				)
			};
			assert_noop!(with(Default::default(), START, START + 1), Error::<Test>::NothingListed);
			let mut unsorted = fee_schedule();
			unsorted.as_mut().swap(1, 2);
			assert_noop!(with(unsorted, START, START + 1), Error::<Test>::NotSortedOrDuplicate);
			let mut malformed = fee_schedule();
			malformed[0].code = code(b"ABCDE");
			assert_noop!(with(malformed, START, START + 1), Error::<Test>::MalformedServiceCode);
			assert_noop!(with(fee_schedule(), START, START), Error::<Test>::EmptyPeriod);
		});
	}

	#[test]
	fn a_new_proposal_replaces_one_not_yet_signed() {
		new_test_ext(|| {
			assert_ok!(propose(HOSPITAL_STAFF, INSURER, HOSPITAL));
			assert_eq!(held(HOSPITAL_STAFF), ContractDeposit::get());
			assert_ok!(propose(INSURER_STAFF, INSURER, HOSPITAL));
			assert_eq!(held(HOSPITAL_STAFF), 0);
			assert_eq!(held(INSURER_STAFF), ContractDeposit::get());
			assert!(System::events().iter().any(|record| record.event
				== RuntimeEvent::Claims(Event::ContractProposalReplaced {
					contract: 0,
					version: 0
				})));
			// Now the hospital signs.
			assert_ok!(Claims::sign_contract(RuntimeOrigin::signed(HOSPITAL_STAFF), 0, 0));
		});
	}

	#[test]
	fn an_amendment_applies_from_its_own_date_and_earlier_dates_keep_the_old_rates() {
		new_test_ext(|| {
			sign_network();
			let cheaper =
				FeeScheduleOf::<Test>::truncate_from(vec![Fee { code: VISIT, rate: 120 }]);
			assert_ok!(Claims::propose_contract(
				RuntimeOrigin::signed(INSURER_STAFF),
				INSURER,
				HOSPITAL,
				cheaper,
				START,
				START + 2 * 365 * DAY,
				Permill::from_percent(12),
			));
			// Until the hospital signs, the old rates stand.
			assert_eq!(Claims::network_terms(INSURER, HOSPITAL, START).unwrap().1, 0);
			assert_ok!(Claims::sign_contract(RuntimeOrigin::signed(HOSPITAL_STAFF), 0, 1));
			let (_, version, terms) = Claims::network_terms(INSURER, HOSPITAL, START).unwrap();
			assert_eq!((version, terms.rate::<u64>(&VISIT)), (1, Some(120)));
			let (_, version, terms) =
				Claims::network_terms(INSURER, HOSPITAL, START - DAY).unwrap();
			assert_eq!((version, terms.rate::<u64>(&VISIT)), (0, Some(150)));
		});
	}

	#[test]
	fn a_contract_has_at_most_its_bound_of_signed_versions() {
		new_test_ext(|| {
			for _ in 0..MAX_CONTRACT_VERSIONS {
				sign_network();
			}
			assert_noop!(propose(INSURER_STAFF, INSURER, HOSPITAL), Error::<Test>::TooManyVersions);
		});
	}
}

mod prior_auth {
	use super::*;

	#[test]
	fn a_provider_asks_under_payment_consent_on_the_regulatory_clock() {
		new_test_ext(|| {
			let coverage = ready(false);
			let standard = request_mri(coverage, false);
			let urgent = request_mri(coverage, true);
			assert_eq!(PriorAuths::<Test>::get(standard).unwrap().due, START + 7 * DAY);
			assert_eq!(PriorAuths::<Test>::get(urgent).unwrap().due, START + 3 * DAY);
			assert_eq!(OpenPriorAuths::<Test>::get(INSURER, urgent), Some(START + 3 * DAY));
			assert_eq!(held(HOSPITAL_STAFF), 2 * PriorAuthDeposit::get());
			assert_eq!(Claims::prior_auth(standard).unwrap().1, PriorAuthStanding::Pending);
		});
	}

	#[test]
	fn requests_without_consent_coverage_or_standing_are_refused() {
		new_test_ext(|| {
			let coverage = ready(false);
			let ask = |who: u64, provider, services| {
				Claims::request_prior_auth(
					RuntimeOrigin::signed(who),
					coverage,
					provider,
					services,
					no_records(),
					false,
				)
			};
			assert_noop!(
				ask(STRANGER, HOSPITAL, requested(&[(MRI, 1)])),
				Error::<Test>::NotProviderStaff
			);
			assert_noop!(
				ask(INSURER_STAFF, INSURER, requested(&[(MRI, 1)])),
				Error::<Test>::NotProviderStaff
			);
			assert_noop!(
				ask(HOSPITAL_STAFF, HOSPITAL, requested(&[])),
				Error::<Test>::NothingListed
			);
			assert_noop!(
				ask(HOSPITAL_STAFF, HOSPITAL, requested(&[(MRI, 0)])),
				Error::<Test>::ZeroUnits
			);
			assert_noop!(
				ask(HOSPITAL_STAFF, HOSPITAL, requested(&[(MRI, 1), (MRI, 1)])),
				Error::<Test>::NotSortedOrDuplicate
			);
			assert_noop!(
				ask(HOSPITAL_STAFF, HOSPITAL, requested(&[(code(b"mri00"), 1)])),
				Error::<Test>::MalformedServiceCode
			);
			MockConsent::revoke(MEMBER, INSURER);
			assert_noop!(
				ask(HOSPITAL_STAFF, HOSPITAL, requested(&[(MRI, 1)])),
				Error::<Test>::NoPaymentConsent
			);
			MockConsent::consent(MEMBER, INSURER);
			set_now(COVERAGE_END);
			assert_noop!(
				ask(HOSPITAL_STAFF, HOSPITAL, requested(&[(MRI, 1)])),
				Error::<Test>::CoverageNotActive
			);
		});
	}

	#[test]
	fn the_insurer_approves_in_part_or_denies_with_a_reason() {
		new_test_ext(|| {
			let coverage = ready(false);
			let id = NextPriorAuthId::<Test>::get();
			assert_ok!(Claims::request_prior_auth(
				RuntimeOrigin::signed(HOSPITAL_STAFF),
				coverage,
				HOSPITAL,
				requested(&[(MRI, 2), (PANEL, 3)]),
				no_records(),
				false,
			));
			let decide = |who: u64, units: &[u32], why: Option<ReasonCode>| {
				Claims::decide_prior_auth(RuntimeOrigin::signed(who), id, approved(units), why)
			};
			assert_noop!(
				decide(OTHER_INSURER_STAFF, &[2, 3], None),
				Error::<Test>::NotInsurerStaff
			);
			assert_noop!(decide(INSURER_STAFF, &[2], None), Error::<Test>::BadApproval);
			assert_noop!(decide(INSURER_STAFF, &[3, 3], None), Error::<Test>::BadApproval);
			assert_noop!(decide(INSURER_STAFF, &[1, 3], None), Error::<Test>::ReasonMismatch);
			assert_noop!(
				decide(INSURER_STAFF, &[2, 3], Some(reason(b"50"))),
				Error::<Test>::ReasonMismatch
			);
			assert_noop!(
				decide(INSURER_STAFF, &[1, 3], Some(reason(b"0"))),
				Error::<Test>::MalformedReasonCode
			);
			set_now(START + DAY);
			assert_ok!(decide(INSURER_STAFF, &[1, 3], Some(reason(b"50"))));
			assert_eq!(
				last_event(),
				Event::PriorAuthDecided {
					prior_auth: id,
					outcome: PriorAuthOutcome::Partial(reason(b"50")),
					late: false
				}
			);
			assert_noop!(decide(INSURER_STAFF, &[2, 3], None), Error::<Test>::AlreadyDecided);
			assert!(OpenPriorAuths::<Test>::get(INSURER, id).is_none());
			let decisions = Decisions::<Test>::get(INSURER);
			assert_eq!(decisions.standard_prior_auth.partial, 1);
			assert_eq!(
				DecisionSamples::<Test>::get(INSURER, DecisionKind::StandardPriorAuth).into_inner(),
				vec![DAY]
			);

			let denied = request_mri(coverage, true);
			assert_ok!(Claims::decide_prior_auth(
				RuntimeOrigin::signed(INSURER_STAFF),
				denied,
				approved(&[0]),
				Some(reason(b"50"))
			));
			assert_eq!(Decisions::<Test>::get(INSURER).urgent_prior_auth.denied, 1);
			assert_noop!(
				Claims::decide_prior_auth(
					RuntimeOrigin::signed(INSURER_STAFF),
					99,
					approved(&[1]),
					None
				),
				Error::<Test>::UnknownPriorAuth
			);
		});
	}

	#[test]
	fn past_the_deadline_a_request_is_overdue_and_deemed_approved_where_the_plan_says_so() {
		new_test_ext(|| {
			let coverage = ready(true);
			let urgent = request_mri(coverage, true);
			set_now(START + 3 * DAY + 1);
			assert_eq!(Claims::prior_auth(urgent).unwrap().1, PriorAuthStanding::DeemedApproved);
			assert_eq!(Claims::payer_metrics(INSURER).overdue_prior_auths, 1);
			// The MRI is paid under the deemed approval.
			let claim = submit(coverage, START + 3 * DAY, &[(MRI, 1, 2_000)], Some(urgent));
			adjudicate(claim);
			assert_eq!(adjudication(claim).lines[0].adjustment, None);
			assert_eq!(PriorAuths::<Test>::get(urgent).unwrap().services[0].used, 1);
			// A late decision is still recorded, and counted late.
			assert_ok!(Claims::decide_prior_auth(
				RuntimeOrigin::signed(INSURER_STAFF),
				urgent,
				approved(&[1]),
				None
			));
			assert_eq!(Decisions::<Test>::get(INSURER).urgent_prior_auth.late, 1);
			assert_eq!(Claims::payer_metrics(INSURER).overdue_prior_auths, 0);
		});
	}

	#[test]
	fn without_deemed_approval_an_overdue_request_authorises_nothing() {
		new_test_ext(|| {
			let coverage = ready(false);
			let id = request_mri(coverage, false);
			set_now(START + 8 * DAY);
			assert_eq!(Claims::prior_auth(id).unwrap().1, PriorAuthStanding::Overdue);
			let claim = submit(coverage, START + 8 * DAY, &[(MRI, 1, 2_000)], Some(id));
			adjudicate(claim);
			assert_eq!(
				adjudication(claim).lines[0].adjustment,
				Some(ReasonCode::authorization_absent())
			);
			assert_eq!(adjudication(claim).payer_paid, 0);
		});
	}
}

mod claims {
	use super::*;

	fn claim_with(
		who: u64,
		coverage: CoverageId,
		provider: InstitutionId,
		date: u64,
		items: &[(ServiceCode, u32, u64)],
		frequency: Frequency,
	) -> polkadot_sdk::sp_runtime::DispatchResult {
		Claims::submit_claim(
			RuntimeOrigin::signed(who),
			coverage,
			provider,
			date,
			lines(items),
			diagnoses(),
			None,
			no_records(),
			frequency,
		)
	}

	#[test]
	fn an_in_network_provider_claims_under_consent() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = submit(coverage, START - DAY, &[(VISIT, 1, 200)], None);
			let stored = ClaimEntries::<Test>::get(claim).unwrap();
			assert_eq!(stored.status, ClaimStatus::Submitted);
			assert_eq!(stored.due, START + 30 * DAY);
			assert_eq!(OpenClaims::<Test>::get(INSURER, claim), Some(START + 30 * DAY));
			assert_eq!(held(HOSPITAL_STAFF), ClaimDeposit::get());
			assert_eq!(
				last_event(),
				Event::ClaimSubmitted {
					claim,
					insurer: INSURER,
					provider: HOSPITAL,
					replaces: None,
					due: START + 30 * DAY
				}
			);
		});
	}

	#[test]
	fn claims_without_consent_coverage_network_or_standing_are_refused() {
		new_test_ext(|| {
			let coverage = ready(false);
			let visit = [(VISIT, 1, 200)];
			let original = Frequency::Original;
			// A curious clinician elsewhere, and the fired clerk.
			assert_noop!(
				claim_with(STRANGER, coverage, HOSPITAL, START, &visit, original),
				Error::<Test>::NotProviderStaff
			);
			assert_noop!(
				claim_with(CLINIC_STAFF, coverage, CLINIC, START, &visit, original),
				Error::<Test>::OutOfNetwork
			);
			assert_noop!(
				claim_with(CLINIC_STAFF, coverage, HOSPITAL, START, &visit, original),
				Error::<Test>::NotProviderStaff
			);
			MockCredentials::lapse(HOSPITAL_STAFF, Role::Laboratory);
			assert_noop!(
				claim_with(HOSPITAL_STAFF, coverage, HOSPITAL, START, &visit, original),
				Error::<Test>::NotProviderStaff
			);
			MockCredentials::staff(HOSPITAL_STAFF, HOSPITAL, InstitutionKind::Hospital);
			MockConsent::revoke(MEMBER, INSURER);
			assert_noop!(
				claim_with(HOSPITAL_STAFF, coverage, HOSPITAL, START, &visit, original),
				Error::<Test>::NoPaymentConsent
			);
			MockConsent::consent(MEMBER, INSURER);
			assert_noop!(
				claim_with(HOSPITAL_STAFF, coverage, HOSPITAL, START + 1, &visit, original),
				Error::<Test>::FutureServiceDate
			);
			assert_noop!(
				claim_with(
					HOSPITAL_STAFF,
					coverage,
					HOSPITAL,
					COVERAGE_START - 1,
					&visit,
					original
				),
				Error::<Test>::NotCovered
			);
			assert_noop!(
				claim_with(HOSPITAL_STAFF, 9, HOSPITAL, START, &visit, original),
				Error::<Test>::UnknownCoverage
			);
			// Out of network before the contract's period.
			assert_ok!(Claims::offer_coverage(
				RuntimeOrigin::signed(INSURER_STAFF),
				0,
				OTHER_MEMBER,
				YEAR_START,
				COVERAGE_END
			));
			assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(OTHER_MEMBER), 1));
			MockConsent::consent(OTHER_MEMBER, INSURER);
			assert_ok!(claim_with(HOSPITAL_STAFF, 1, HOSPITAL, START, &visit, original));
		});
	}

	#[test]
	fn bad_lines_and_codes_are_refused() {
		new_test_ext(|| {
			let coverage = ready(false);
			let submit_raw = |items: LinesOf<Test>, dx: DiagnosesOf<Test>, pa| {
				Claims::submit_claim(
					RuntimeOrigin::signed(HOSPITAL_STAFF),
					coverage,
					HOSPITAL,
					START,
					items,
					dx,
					pa,
					no_records(),
					Frequency::Original,
				)
			};
			assert_noop!(submit_raw(lines(&[]), diagnoses(), None), Error::<Test>::EmptyClaim);
			assert_noop!(
				submit_raw(lines(&[(VISIT, 1, 9)]), Default::default(), None),
				Error::<Test>::EmptyClaim
			);
			assert_noop!(
				submit_raw(lines(&[(VISIT, 0, 9)]), diagnoses(), None),
				Error::<Test>::ZeroUnitsBilled
			);
			assert_noop!(
				submit_raw(lines(&[(code(b"9921A"), 1, 9)]), diagnoses(), None),
				Error::<Test>::MalformedServiceCode
			);
			let bad_dx = DiagnosesOf::<Test>::truncate_from(vec![DiagnosisCode(
				BoundedVec::truncate_from(b"E11.9".to_vec()),
			)]);
			assert_noop!(
				submit_raw(lines(&[(VISIT, 1, 9)]), bad_dx, None),
				Error::<Test>::MalformedDiagnosisCode
			);
			assert_noop!(
				submit_raw(lines(&[(VISIT, 1, 9)]), diagnoses(), Some(5)),
				Error::<Test>::UnknownPriorAuth
			);
			// Another member's authorisation is not this claim's.
			let other = enrol(0, OTHER_MEMBER);
			MockConsent::consent(OTHER_MEMBER, INSURER);
			let theirs = request_mri(other, false);
			assert_noop!(
				submit_raw(lines(&[(MRI, 1, 9)]), diagnoses(), Some(theirs)),
				Error::<Test>::PriorAuthMismatch
			);
		});
	}

	#[test]
	fn the_same_encounter_cannot_be_claimed_twice() {
		new_test_ext(|| {
			let coverage = ready(false);
			let items = [(VISIT, 1, 200), (PANEL, 1, 50)];
			let first = submit(coverage, START - DAY, &items, None);
			assert_noop!(
				claim_with(
					HOSPITAL_STAFF,
					coverage,
					HOSPITAL,
					START - DAY,
					&items,
					Frequency::Original
				),
				Error::<Test>::DuplicateClaim
			);
			// Still a duplicate once paid.
			adjudicate(first);
			assert_noop!(
				claim_with(
					HOSPITAL_STAFF,
					coverage,
					HOSPITAL,
					START - DAY,
					&items,
					Frequency::Original
				),
				Error::<Test>::DuplicateClaim
			);
			// Another day is another encounter.
			submit(coverage, START - 2 * DAY, &items, None);
		});
	}

	#[test]
	fn a_replacement_retires_the_unpaid_claim_it_names() {
		new_test_ext(|| {
			let coverage = ready(false);
			let items = [(VISIT, 1, 200)];
			let first = submit(coverage, START - DAY, &items, None);
			// Replacing with the same lines (a corrected diagnosis) is not a duplicate of itself.
			assert_ok!(claim_with(
				HOSPITAL_STAFF,
				coverage,
				HOSPITAL,
				START - DAY,
				&items,
				Frequency::Replacement(first)
			));
			let second = first + 1;
			assert_eq!(
				ClaimEntries::<Test>::get(first).unwrap().status,
				ClaimStatus::Replaced(second)
			);
			assert_eq!(ClaimEntries::<Test>::get(second).unwrap().replaces, Some(first));
			assert!(OpenClaims::<Test>::get(INSURER, first).is_none());
			assert_noop!(
				claim_with(
					HOSPITAL_STAFF,
					coverage,
					HOSPITAL,
					START - DAY,
					&items,
					Frequency::Replacement(first)
				),
				Error::<Test>::NotOpen
			);
			assert_noop!(
				claim_with(
					HOSPITAL_STAFF,
					coverage,
					HOSPITAL,
					START,
					&items,
					Frequency::Replacement(99)
				),
				Error::<Test>::UnknownClaim
			);
			// Another member's claim cannot be replaced by this one.
			let other = enrol(0, OTHER_MEMBER);
			MockConsent::consent(OTHER_MEMBER, INSURER);
			assert_noop!(
				claim_with(
					HOSPITAL_STAFF,
					other,
					HOSPITAL,
					START,
					&items,
					Frequency::Replacement(second)
				),
				Error::<Test>::ReplacementMismatch
			);
			// Nor by another provider.
			assert_ok!(Claims::propose_contract(
				RuntimeOrigin::signed(INSURER_STAFF),
				INSURER,
				CLINIC,
				fee_schedule(),
				START - DAY,
				START + DAY,
				Permill::zero()
			));
			assert_ok!(Claims::sign_contract(RuntimeOrigin::signed(CLINIC_STAFF), 1, 0));
			assert_noop!(
				claim_with(
					CLINIC_STAFF,
					coverage,
					CLINIC,
					START,
					&items,
					Frequency::Replacement(second)
				),
				Error::<Test>::NotClaimsProvider
			);
			adjudicate(second);
			assert_noop!(
				claim_with(
					HOSPITAL_STAFF,
					coverage,
					HOSPITAL,
					START,
					&items,
					Frequency::Replacement(second)
				),
				Error::<Test>::NotOpen
			);
		});
	}

	#[test]
	fn an_unpaid_claim_is_voided_and_the_encounter_can_be_claimed_again() {
		new_test_ext(|| {
			let coverage = ready(false);
			let items = [(VISIT, 1, 200)];
			let claim = submit(coverage, START - DAY, &items, None);
			assert_noop!(
				Claims::void_claim(RuntimeOrigin::signed(CLINIC_STAFF), claim),
				Error::<Test>::NotProviderStaff
			);
			assert_ok!(Claims::void_claim(RuntimeOrigin::signed(HOSPITAL_STAFF), claim));
			assert_eq!(last_event(), Event::ClaimVoided { claim });
			assert_eq!(ClaimEntries::<Test>::get(claim).unwrap().status, ClaimStatus::Voided);
			assert_noop!(
				Claims::void_claim(RuntimeOrigin::signed(HOSPITAL_STAFF), claim),
				Error::<Test>::NotOpen
			);
			let again = submit(coverage, START - DAY, &items, None);
			adjudicate(again);
			assert_noop!(
				Claims::void_claim(RuntimeOrigin::signed(HOSPITAL_STAFF), again),
				Error::<Test>::NotOpen
			);
			assert_noop!(
				Claims::void_claim(RuntimeOrigin::signed(HOSPITAL_STAFF), 99),
				Error::<Test>::UnknownClaim
			);
		});
	}
}

mod adjudication {
	use super::*;

	#[test]
	fn a_plan_year_of_claims_applies_copay_deductible_coinsurance_and_the_out_of_pocket_cap() {
		new_test_ext(|| {
			let coverage = ready(false);
			let payer_before = Claims::payer_funds(INSURER).1;
			let mri = request_mri(coverage, false);
			assert_ok!(Claims::decide_prior_auth(
				RuntimeOrigin::signed(INSURER_STAFF),
				mri,
				approved(&[1]),
				None
			));
			// (claim lines, expected (payer, member)).
			let year: [(Items, Option<PriorAuthId>, (u64, u64)); 6] = [
				// Visit 150 allowed: 25 co-pay. Panel 2 × 40: all deductible.
				(&[(VISIT, 1, 200), (PANEL, 2, 100)], None, (125, 105)),
				// MRI 1,200: the last 920 of the deductible, then 20 % of 280.
				(&[(MRI, 1, 2_000)], Some(mri), (224, 976)),
				// 400 injections at 5: 20 % coinsurance.
				(&[(INJECTION, 400, 5_000)], None, (1_600, 400)),
				(&[(PANEL, 100, 10_000)], None, (3_200, 800)),
				// 1,600 coinsurance due, but only 719 of room is left.
				(&[(PANEL, 200, 8_000)], None, (7_281, 719)),
				// The maximum is reached: no co-pay either.
				(&[(VISIT, 1, 150)], None, (150, 0)),
			];
			let mut paid = 0;
			for (day, (items, pa, (payer, member))) in year.into_iter().enumerate() {
				let claim = submit(coverage, START - DAY * (day as u64 + 1), items, pa);
				adjudicate(claim);
				let outcome = adjudication(claim);
				assert_eq!(
					(outcome.payer_paid, outcome.member_share),
					(payer, member),
					"claim {day}"
				);
				assert_eq!(outcome.interest, 0);
				paid += payer;
			}
			let met = YearAccumulators::<Test>::get(coverage, 0);
			assert_eq!(met, Accumulators { deductible_met: 1_000, out_of_pocket_met: 3_000 });
			assert_eq!(usd(HOSPITAL_ADMIN), paid);
			assert_eq!(Claims::payer_funds(INSURER).1, payer_before - paid);
			let eligibility = Claims::eligibility(&MEMBER, 0, VISIT, START);
			assert_eq!(
				eligibility,
				Eligibility {
					coverage: Some(coverage),
					covered: true,
					prior_auth_required: false,
					copay: Some(25),
					deductible_remaining: 0,
					out_of_pocket_remaining: 0
				}
			);
			// The maximum holds to the last day of the plan year.
			let next_year = Claims::eligibility(&MEMBER, 0, MRI, YEAR_START + PLAN_YEAR - 1);
			assert_eq!(next_year.out_of_pocket_remaining, 0);
		});
	}

	#[test]
	fn the_plan_and_contract_deny_what_they_exclude_without_the_insurer() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = submit(
				coverage,
				START - DAY,
				&[(COSMETIC, 1, 900), (THERAPY, 1, 90), (MRI, 1, 2_000), (VISIT, 1, 200)],
				None,
			);
			adjudicate(claim);
			let outcome = adjudication(claim);
			let reasons: Vec<_> =
				outcome.lines.iter().map(|line| line.adjustment.clone()).collect();
			assert_eq!(
				reasons,
				vec![
					Some(ReasonCode::not_covered()),
					Some(ReasonCode::no_contract_rate()),
					Some(ReasonCode::authorization_absent()),
					None
				]
			);
			assert_eq!((outcome.payer_paid, outcome.member_share), (125, 25));
			let decisions = Decisions::<Test>::get(INSURER).claims;
			assert_eq!((decisions.partial, decisions.approved, decisions.denied), (1, 0, 0));
		});
	}

	#[test]
	fn prior_authorisation_units_are_used_up() {
		new_test_ext(|| {
			let coverage = ready(false);
			let mri = request_mri(coverage, false);
			assert_ok!(Claims::decide_prior_auth(
				RuntimeOrigin::signed(INSURER_STAFF),
				mri,
				approved(&[1]),
				None
			));
			let two = submit(coverage, START - DAY, &[(MRI, 2, 4_000)], Some(mri));
			adjudicate(two);
			assert_eq!(
				adjudication(two).lines[0].adjustment,
				Some(ReasonCode::authorization_exceeded())
			);
			let one = submit(coverage, START - 2 * DAY, &[(MRI, 1, 2_000)], Some(mri));
			adjudicate(one);
			assert_eq!(adjudication(one).lines[0].adjustment, None);
			let again = submit(coverage, START - 3 * DAY, &[(MRI, 1, 2_000)], Some(mri));
			adjudicate(again);
			assert_eq!(
				adjudication(again).lines[0].adjustment,
				Some(ReasonCode::authorization_exceeded())
			);
			// A denied authorisation authorises nothing.
			let denied = request_mri(coverage, false);
			assert_ok!(Claims::decide_prior_auth(
				RuntimeOrigin::signed(INSURER_STAFF),
				denied,
				approved(&[0]),
				Some(reason(b"50"))
			));
			let claim = submit(coverage, START - 4 * DAY, &[(MRI, 1, 2_000)], Some(denied));
			adjudicate(claim);
			assert_eq!(
				adjudication(claim).lines[0].adjustment,
				Some(ReasonCode::authorization_absent())
			);
			// Nor one past its validity.
			let stale = request_mri(coverage, false);
			assert_ok!(Claims::decide_prior_auth(
				RuntimeOrigin::signed(INSURER_STAFF),
				stale,
				approved(&[1]),
				None
			));
			set_now(START + 91 * DAY);
			let late = submit(coverage, START + 91 * DAY, &[(MRI, 1, 2_000)], Some(stale));
			adjudicate(late);
			assert_eq!(
				adjudication(late).lines[0].adjustment,
				Some(ReasonCode::authorization_absent())
			);
		});
	}

	#[test]
	fn the_insurer_reduces_or_denies_only_with_a_reason_code() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = submit(coverage, START - DAY, &[(VISIT, 1, 200), (PANEL, 1, 50)], None);
			let decide = |decisions: Vec<LineDecision<u64>>| {
				Claims::adjudicate_claim(
					RuntimeOrigin::signed(INSURER_STAFF),
					claim,
					LineDecisionsOf::<Test>::truncate_from(decisions),
				)
			};
			assert_noop!(decide(vec![LineDecision::Pay]), Error::<Test>::DecisionCountMismatch);
			assert_noop!(
				decide(vec![LineDecision::Deny(reason(b"")), LineDecision::Pay]),
				Error::<Test>::MalformedReasonCode
			);
			assert_noop!(
				decide(vec![
					LineDecision::Reduce { allowed: 150, reason: reason(b"45") },
					LineDecision::Pay
				]),
				Error::<Test>::NotAReduction
			);
			assert_noop!(
				Claims::adjudicate_claim(
					RuntimeOrigin::signed(OTHER_INSURER_STAFF),
					claim,
					pay_all(2)
				),
				Error::<Test>::NotInsurerStaff
			);
			assert_ok!(decide(vec![
				LineDecision::Reduce { allowed: 100, reason: reason(b"45") },
				LineDecision::Deny(reason(b"50")),
			]));
			let outcome = adjudication(claim);
			assert_eq!(outcome.lines[0].contract_allowed, 150);
			assert_eq!(outcome.lines[0].share.allowed, 100);
			assert_eq!(outcome.lines[1].share, LineShare::default());
			assert_eq!((outcome.payer_paid, outcome.member_share), (75, 25));
			assert_noop!(
				decide(vec![LineDecision::Pay, LineDecision::Pay]),
				Error::<Test>::NotOpen
			);
		});
	}

	#[test]
	fn an_unfunded_payer_pays_nothing_and_changes_nothing() {
		new_test_ext(|| {
			let plan = publish_plan(false);
			let coverage = enrol(plan, MEMBER);
			MockConsent::consent(MEMBER, INSURER);
			sign_network();
			let claim = submit(coverage, START - DAY, &[(VISIT, 1, 200)], None);
			assert_noop!(
				Claims::adjudicate_claim(RuntimeOrigin::signed(INSURER_STAFF), claim, pay_all(1)),
				Error::<Test>::InsufficientFunds
			);
			fund(125);
			adjudicate(claim);
			assert_eq!(usd(HOSPITAL_ADMIN), 125);
		});
	}

	#[test]
	fn a_late_claim_pays_prompt_pay_interest() {
		new_test_ext(|| {
			let coverage = ready(false);
			// 400 injections: 1,000 deductible, 200 coinsurance, 800 for the payer.
			let claim = submit(coverage, START - DAY, &[(INJECTION, 400, 2_000)], None);
			assert_eq!(Claims::payer_metrics(INSURER).overdue_claims, 0);
			set_now(START + 60 * DAY);
			assert_eq!(Claims::payer_metrics(INSURER).overdue_claims, 1);
			adjudicate(claim);
			let outcome = adjudication(claim);
			// 800 × 12 % × 30 / 365 = 7.89, rounded down.
			assert_eq!((outcome.payer_paid, outcome.days_late, outcome.interest), (800, 30, 7));
			assert_eq!(usd(HOSPITAL_ADMIN), 807);
			assert_eq!(
				last_event(),
				Event::ClaimAdjudicated {
					claim,
					payer_paid: 800,
					interest: 7,
					member_share: 1_200,
					days_late: 30
				}
			);
			let metrics = Claims::payer_metrics(INSURER);
			assert_eq!((metrics.decisions.claims.late, metrics.overdue_claims), (1, 0));
			assert_eq!(metrics.claim_times.median, 60 * DAY);
		});
	}
}

mod payment {
	use super::*;

	#[test]
	fn anyone_funds_a_payer_and_only_its_staff_withdraw_to_its_admin() {
		new_test_ext(|| {
			assert_noop!(
				Claims::fund_payer(RuntimeOrigin::signed(FUNDER), INSURER, 0),
				Error::<Test>::ZeroAmount
			);
			assert_noop!(
				Claims::fund_payer(RuntimeOrigin::signed(FUNDER), HOSPITAL, 5),
				Error::<Test>::NotAnInsurer
			);
			assert_noop!(
				Claims::fund_payer(RuntimeOrigin::signed(PAUPER), INSURER, 5),
				TokenError::FundsUnavailable
			);
			fund(500);
			assert_eq!(Claims::payer_funds(INSURER).1, 500);
			assert_eq!(PayerLedgers::<Test>::get(INSURER).funded, 500);
			for who in [STRANGER, OTHER_INSURER_STAFF, HOSPITAL_STAFF] {
				assert_noop!(
					Claims::withdraw_payer_funds(RuntimeOrigin::signed(who), INSURER, 100),
					Error::<Test>::NotInsurerStaff
				);
			}
			assert_noop!(
				Claims::withdraw_payer_funds(RuntimeOrigin::signed(INSURER_STAFF), INSURER, 501),
				Error::<Test>::InsufficientFunds
			);
			assert_ok!(Claims::withdraw_payer_funds(
				RuntimeOrigin::signed(INSURER_STAFF),
				INSURER,
				100
			));
			assert_eq!(usd(INSURER_ADMIN), 100);
			assert_eq!(last_event(), Event::PayerFundsWithdrawn { insurer: INSURER, amount: 100 });
			// The fired employee takes nothing out.
			MockCredentials::lapse(INSURER_STAFF, Role::Insurer);
			assert_noop!(
				Claims::withdraw_payer_funds(RuntimeOrigin::signed(INSURER_STAFF), INSURER, 100),
				Error::<Test>::NotInsurerStaff
			);
		});
	}

	#[test]
	fn the_member_pays_their_share_to_the_provider() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = submit(coverage, START - DAY, &[(VISIT, 1, 200), (PANEL, 2, 100)], None);
			assert_noop!(
				Claims::pay_member_share(RuntimeOrigin::signed(MEMBER), claim, 5),
				Error::<Test>::NotAdjudicated
			);
			adjudicate(claim);
			let hospital = usd(HOSPITAL_ADMIN);
			assert_noop!(
				Claims::pay_member_share(RuntimeOrigin::signed(MEMBER), claim, 106),
				Error::<Test>::Overpayment
			);
			assert_noop!(
				Claims::pay_member_share(RuntimeOrigin::signed(MEMBER), claim, 0),
				Error::<Test>::ZeroAmount
			);
			assert_ok!(Claims::pay_member_share(RuntimeOrigin::signed(MEMBER), claim, 100));
			// The guardian pays the rest.
			assert_ok!(Claims::pay_member_share(RuntimeOrigin::signed(GUARDIAN), claim, 5));
			assert_eq!(usd(HOSPITAL_ADMIN), hospital + 105);
			assert_eq!(adjudication(claim).member_paid, 105);
			assert_noop!(
				Claims::pay_member_share(RuntimeOrigin::signed(MEMBER), claim, 1),
				Error::<Test>::NothingOwed
			);
		});
	}
}

mod appeals {
	use super::*;

	/// A claim for a visit the insurer denied.
	fn denied_visit(coverage: CoverageId) -> ClaimId {
		let claim = submit(coverage, START - DAY, &[(VISIT, 1, 200)], None);
		assert_ok!(Claims::adjudicate_claim(
			RuntimeOrigin::signed(INSURER_STAFF),
			claim,
			LineDecisionsOf::<Test>::truncate_from(vec![LineDecision::Deny(reason(b"50"))]),
		));
		claim
	}

	#[test]
	fn an_overturned_appeal_is_paid_at_once() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = denied_visit(coverage);
			assert_eq!(usd(HOSPITAL_ADMIN), 0);
			assert_noop!(
				Claims::appeal_claim(RuntimeOrigin::signed(STRANGER), claim, [4; 32]),
				Error::<Test>::NotProviderStaff
			);
			assert_ok!(Claims::appeal_claim(RuntimeOrigin::signed(HOSPITAL_STAFF), claim, [4; 32]));
			assert_eq!(
				last_event(),
				Event::ClaimAppealed { claim, by: Party::Provider, due: START + 30 * DAY }
			);
			assert_eq!(held(HOSPITAL_STAFF), ClaimDeposit::get() + AppealDeposit::get());
			assert_noop!(
				Claims::appeal_claim(RuntimeOrigin::signed(MEMBER), claim, [4; 32]),
				Error::<Test>::AlreadyAppealed
			);
			assert_noop!(
				Claims::decide_appeal(RuntimeOrigin::signed(OTHER_INSURER_STAFF), claim, true),
				Error::<Test>::NotInsurerStaff
			);
			assert_ok!(Claims::decide_appeal(RuntimeOrigin::signed(INSURER_STAFF), claim, true));
			assert_eq!(last_event(), Event::AppealDecided { claim, overturned: true, paid: 125 });
			assert_eq!(usd(HOSPITAL_ADMIN), 125);
			let outcome = adjudication(claim);
			assert_eq!((outcome.lines[0].adjustment.clone(), outcome.member_share), (None, 25));
			assert_eq!(held(HOSPITAL_STAFF), ClaimDeposit::get());
			assert_eq!(Decisions::<Test>::get(INSURER).appeals_overturned, 1);
			assert_noop!(
				Claims::decide_appeal(RuntimeOrigin::signed(INSURER_STAFF), claim, false),
				Error::<Test>::AppealNotPending
			);
		});
	}

	#[test]
	fn only_a_denial_or_reduction_is_appealed_and_within_the_window() {
		new_test_ext(|| {
			let coverage = ready(false);
			let paid = submit(coverage, START - 2 * DAY, &[(VISIT, 1, 200)], None);
			assert_noop!(
				Claims::appeal_claim(RuntimeOrigin::signed(MEMBER), paid, [4; 32]),
				Error::<Test>::NotAdjudicated
			);
			adjudicate(paid);
			assert_noop!(
				Claims::appeal_claim(RuntimeOrigin::signed(MEMBER), paid, [4; 32]),
				Error::<Test>::NothingToAppeal
			);
			let claim = denied_visit(coverage);
			set_now(START + AppealWindow::get() + 1);
			assert_noop!(
				Claims::appeal_claim(RuntimeOrigin::signed(MEMBER), claim, [4; 32]),
				Error::<Test>::AppealWindowClosed
			);
			assert_noop!(
				Claims::decide_appeal(RuntimeOrigin::signed(INSURER_STAFF), claim, true),
				Error::<Test>::NoAppeal
			);
		});
	}

	#[test]
	fn an_upheld_appeal_goes_to_external_review_which_binds() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = denied_visit(coverage);
			assert_ok!(Claims::appeal_claim(RuntimeOrigin::signed(GUARDIAN), claim, [4; 32]));
			assert_noop!(
				Claims::request_external_review(RuntimeOrigin::signed(GUARDIAN), claim),
				Error::<Test>::ExternalReviewNotOpen
			);
			assert_ok!(Claims::decide_appeal(RuntimeOrigin::signed(INSURER_STAFF), claim, false));
			assert_eq!(held(GUARDIAN), 0);
			assert_noop!(
				Claims::request_external_review(RuntimeOrigin::signed(HOSPITAL_STAFF), claim),
				Error::<Test>::NotMemberOrGuardian
			);
			assert_noop!(
				Claims::decide_external_review(RuntimeOrigin::signed(REGULATOR), claim, true),
				Error::<Test>::ExternalReviewNotOpen
			);
			assert_ok!(Claims::request_external_review(RuntimeOrigin::signed(MEMBER), claim));
			for who in [FOREIGN_REGULATOR, INSURER_STAFF, STRANGER] {
				assert_noop!(
					Claims::decide_external_review(RuntimeOrigin::signed(who), claim, true),
					Error::<Test>::NotPayerOverseer
				);
			}
			assert_ok!(Claims::decide_external_review(
				RuntimeOrigin::signed(REGULATOR),
				claim,
				true
			));
			assert_eq!(usd(HOSPITAL_ADMIN), 125);
			assert_eq!(
				last_event(),
				Event::ExternalReviewDecided {
					claim,
					reviewer: REGULATOR,
					overturned: true,
					paid: 125
				}
			);
			let decisions = Decisions::<Test>::get(INSURER);
			assert_eq!((decisions.appeals_upheld, decisions.external_overturned), (1, 1));
			assert_noop!(
				Claims::decide_external_review(RuntimeOrigin::signed(REGULATOR), claim, false),
				Error::<Test>::ExternalReviewNotOpen
			);
		});
	}

	#[test]
	fn an_appeal_the_insurer_leaves_past_its_deadline_goes_to_external_review() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = denied_visit(coverage);
			assert_ok!(Claims::appeal_claim(RuntimeOrigin::signed(HOSPITAL_STAFF), claim, [4; 32]));
			set_now(START + 31 * DAY);
			assert_eq!(Claims::payer_metrics(INSURER).overdue_appeals, 1);
			assert_ok!(Claims::request_external_review(
				RuntimeOrigin::signed(HOSPITAL_STAFF),
				claim
			));
			assert_eq!(held(HOSPITAL_STAFF), ClaimDeposit::get());
			assert_eq!(Claims::payer_metrics(INSURER).overdue_appeals, 0);
			assert_noop!(
				Claims::decide_appeal(RuntimeOrigin::signed(INSURER_STAFF), claim, true),
				Error::<Test>::AppealNotPending
			);
			assert_ok!(Claims::decide_external_review(
				RuntimeOrigin::signed(REGULATOR),
				claim,
				false
			));
			assert_eq!(usd(HOSPITAL_ADMIN), 0);
		});
	}

	#[test]
	fn external_review_closes_after_its_window() {
		new_test_ext(|| {
			let coverage = ready(false);
			let claim = denied_visit(coverage);
			assert_ok!(Claims::appeal_claim(RuntimeOrigin::signed(MEMBER), claim, [4; 32]));
			assert_ok!(Claims::decide_appeal(RuntimeOrigin::signed(INSURER_STAFF), claim, false));
			set_now(START + ExternalReviewWindow::get() + 1);
			assert_noop!(
				Claims::request_external_review(RuntimeOrigin::signed(MEMBER), claim),
				Error::<Test>::ExternalReviewNotOpen
			);
		});
	}
}

mod queries {
	use super::*;

	#[test]
	fn the_member_sees_an_explanation_of_benefits_for_a_period() {
		new_test_ext(|| {
			let coverage = ready(false);
			let old = submit(coverage, START - 20 * DAY, &[(VISIT, 1, 200)], None);
			let recent = submit(coverage, START - DAY, &[(PANEL, 1, 50)], None);
			adjudicate(recent);
			let eob = Claims::explanation_of_benefits(&MEMBER, START - 10 * DAY, START);
			assert_eq!(eob.len(), 1);
			assert_eq!(eob[0].id, recent);
			assert_eq!(eob[0].adjudication.as_ref().map(|a| a.member_share), Some(40));
			let all = Claims::explanation_of_benefits(&MEMBER, 0, u64::MAX);
			assert_eq!(all.iter().map(|entry| entry.id).collect::<Vec<_>>(), vec![old, recent]);
			assert!(all[0].adjudication.is_none());
			assert!(Claims::explanation_of_benefits(&OTHER_MEMBER, 0, u64::MAX).is_empty());
		});
	}

	#[test]
	fn eligibility_says_what_is_covered_and_what_needs_authorisation() {
		new_test_ext(|| {
			let coverage = ready(false);
			let mri = Claims::eligibility(&MEMBER, 0, MRI, START);
			assert_eq!(
				mri,
				Eligibility {
					coverage: Some(coverage),
					covered: true,
					prior_auth_required: true,
					copay: None,
					deductible_remaining: 1_000,
					out_of_pocket_remaining: 3_000
				}
			);
			assert!(!Claims::eligibility(&MEMBER, 0, COSMETIC, START).covered);
			let uncovered = Claims::eligibility(&OTHER_MEMBER, 0, VISIT, START);
			assert_eq!((uncovered.coverage, uncovered.covered), (None, false));
			assert!(!Claims::eligibility(&MEMBER, 0, VISIT, COVERAGE_END).covered);
		});
	}

	#[test]
	fn payer_metrics_keep_only_the_latest_decision_times() {
		new_test_ext(|| {
			let coverage = ready(false);
			for day in 1..=(MAX_DECISION_SAMPLES as u64 + 2) {
				let claim = submit(coverage, START - day * DAY, &[(PANEL, 1, 50)], None);
				set_now(START + day * DAY);
				adjudicate(claim);
				set_now(START);
			}
			let sample = DecisionSamples::<Test>::get(INSURER, DecisionKind::Claim);
			assert_eq!(sample.len() as u32, MAX_DECISION_SAMPLES);
			assert_eq!(sample[0], 3 * DAY);
			let metrics = Claims::payer_metrics(INSURER);
			assert_eq!(metrics.decisions.claims.approved, MAX_DECISION_SAMPLES + 2);
			assert_eq!(
				metrics.claim_times,
				DecisionTimes { sampled: 5, median: 5 * DAY, p90: 7 * DAY }
			);
		});
	}
}

mod clocks {
	use super::*;
	use polkadot_sdk::sp_runtime::DispatchError;

	fn quick() -> Clocks {
		Clocks {
			urgent_prior_auth: HOUR,
			standard_prior_auth: 2 * HOUR,
			prior_auth_validity: DAY,
			clean_claim: 5,
			appeal_window: DAY,
			appeal_decision: HOUR,
			external_review_window: DAY,
			coverage_notice: HOUR,
		}
	}

	const HOUR: u64 = DAY / 24;

	#[test]
	fn governance_sets_the_clocks_for_what_comes_after() {
		new_test_ext(|| {
			let coverage = ready(false);
			let before = submit(coverage, START - DAY, &[(VISIT, 1, 200)], None);
			assert_noop!(
				Claims::set_clocks(RuntimeOrigin::signed(INSURER_STAFF), Some(quick())),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Claims::set_clocks(
					RuntimeOrigin::root(),
					Some(Clocks { clean_claim: 0, ..quick() })
				),
				Error::<Test>::ZeroPeriod
			);
			assert_ok!(Claims::set_clocks(RuntimeOrigin::root(), Some(quick())));
			assert_eq!(last_event(), Event::ClocksSet { clocks: Some(quick()) });
			assert_eq!(Claims::clocks(), quick());
			let after = submit(coverage, START - 2 * DAY, &[(VISIT, 1, 200)], None);
			assert_eq!(ClaimEntries::<Test>::get(before).unwrap().due, START + 30 * DAY);
			assert_eq!(ClaimEntries::<Test>::get(after).unwrap().due, START + 5);
			assert_eq!(
				PriorAuths::<Test>::get(request_mri(coverage, true)).unwrap().due,
				START + HOUR
			);
			// A day late by a few milliseconds is a day's interest.
			set_now(START + 6);
			adjudicate(after);
			assert_eq!(adjudication(after).days_late, 1);
			assert_ok!(Claims::set_clocks(RuntimeOrigin::root(), None));
			assert_eq!(Claims::clocks().clean_claim, CleanClaimPeriod::get());
		});
	}
}

mod try_state {
	use super::*;
	use polkadot_sdk::frame_support::traits::{fungible::MutateHold, tokens::Precision};

	#[test]
	fn try_state_finds_a_hold_without_a_stored_deposit() {
		new_test_ext(|| {
			assert_ok!(Claims::do_try_state());
			// The stranger stores nothing: only a check of every account sees their hold.
			assert_ok!(Balances::hold(&HoldReason::ClaimsDeposit.into(), &STRANGER, 5));
			assert!(Claims::do_try_state().is_err());
			assert_ok!(Balances::release(
				&HoldReason::ClaimsDeposit.into(),
				&STRANGER,
				5,
				Precision::Exact
			));
		});
	}
}
