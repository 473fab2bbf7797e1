//! Benchmarks of every call at its worst case: plans covering the most services with a co-pay
//! for every class and the longest pointer; fee schedules of the most entries; contracts with
//! the most signed versions, only the oldest in force on the service date (so finding it scans
//! every period); prior authorisations and claims of the most lines, each line needing
//! authorisation and found last in the authorisation's list; decision-time samples full (so the
//! oldest is shifted out); providers that are pharmacies acting through their last acting role
//! and insurers' staff found after the member-or-guardian check, so every standing check reads
//! all it can.

use super::*;
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{
		fungible::{Inspect as _, Mutate as _},
		EnsureOrigin, Get,
	},
	frame_system::RawOrigin,
	sp_runtime::{traits::Bounded, Permill, Saturating},
};

/// The chain's clock at the start of every benchmark.
const NOW: Moment = 400 * DAY;

/// The `index`-th service code: five digits, a CPT code, in increasing order.
fn service_code(index: u32) -> ServiceCode {
	let mut digits = [b'0'; 5];
	let mut rest = index;
	for digit in digits.iter_mut().rev() {
		*digit = b'0'.saturating_add((rest % 10) as u8);
		rest /= 10;
	}
	ServiceCode(digits)
}

/// An account funded for every deposit it may hold.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let deposits = [
		T::PlanDeposit::get(),
		T::CoverageDeposit::get(),
		T::ContractDeposit::get(),
		T::PriorAuthDeposit::get(),
		T::ClaimDeposit::get(),
		T::AppealDeposit::get(),
	]
	.into_iter()
	.fold(T::Currency::minimum_balance(), |sum, deposit| sum.saturating_add(deposit));
	T::Currency::set_balance(&who, deposits.saturating_mul(100u32.into()));
	who
}

/// The accounts and ids one claim's life involves.
struct World<T: Config> {
	insurer: InstitutionId,
	insurer_staff: T::AccountId,
	provider: InstitutionId,
	provider_staff: T::AccountId,
	member: T::AccountId,
	plan: PlanId,
	coverage: CoverageId,
}

/// A verified insurer and pharmacy with their staff (each the institution's admin), a plan
/// with the most services (every one needing prior authorisation) and a co-pay for every class,
/// a member enrolled and consenting to payment, the clock at [`NOW`] and the payer funded.
fn world<T: Config>() -> World<T> {
	T::BenchmarkHelper::set_now(NOW);
	let insurer_staff = funded::<T>("insurer staff");
	let insurer =
		T::BenchmarkHelper::register_institution(InstitutionKind::Insurer, &insurer_staff);
	let provider_staff = funded::<T>("provider staff");
	let provider =
		T::BenchmarkHelper::register_institution(InstitutionKind::Pharmacy, &provider_staff);
	let member = funded::<T>("member");
	T::BenchmarkHelper::grant_payment_consent(&member, insurer);
	let amount = AmountOf::<T>::max_value() / 4u32.into();
	T::BenchmarkHelper::fund(T::PaymentAsset::get(), &member, amount);
	Pallet::<T>::do_fund_payer(member.clone(), insurer, amount / 2u32.into())
		.expect("the member holds the funds");
	let plan = NextPlanId::<T>::get();
	Pallet::<T>::do_publish_plan(
		insurer_staff.clone(),
		insurer,
		[1; 32],
		pointer::<T>(),
		cost_sharing::<T>(),
		copays::<T>(),
		services::<T>(),
		0,
		true,
	)
	.expect("insurer staff publish a well-formed plan");
	let coverage = NextCoverageId::<T>::get();
	Pallet::<T>::do_propose_coverage(
		insurer_staff.clone(),
		Party::Insurer,
		plan,
		member.clone(),
		0,
		Moment::MAX,
	)
	.expect("insurer staff offer coverage");
	Pallet::<T>::do_accept_coverage(member.clone(), coverage).expect("the member accepts");
	World { insurer, insurer_staff, provider, provider_staff, member, plan, coverage }
}

/// The longest well-formed pointer.
fn pointer<T: Config>() -> PointerOf<T> {
	let len = T::MaxPointerLen::get() as usize;
	PointerOf::<T>::truncate_from(healthchain_primitives::pointer::ipfs_pointer_of_len(
		&[7; 32], len,
	))
}

fn cost_sharing<T: Config>() -> CostSharing<AmountOf<T>> {
	CostSharing {
		deductible: 1_000u32.into(),
		coinsurance: Permill::from_percent(20),
		out_of_pocket_max: 1_000_000u32.into(),
	}
}

/// A co-pay for every class.
fn copays<T: Config>() -> CopaysOf<T> {
	use ServiceClass::*;
	let classes = [
		Preventive,
		PrimaryCare,
		Specialist,
		UrgentCare,
		Emergency,
		Inpatient,
		Outpatient,
		Laboratory,
		Imaging,
		Pharmacy,
	];
	CopaysOf::<T>::truncate_from(
		classes.into_iter().map(|class| Copay { class, amount: 10u32.into() }).collect(),
	)
}

/// The most services, each needing prior authorisation, in a class with a co-pay (the
/// deductible and coinsurance path costs the same).
fn services<T: Config>() -> ServicesOf<T> {
	ServicesOf::<T>::truncate_from(
		(0..T::MaxPlanServices::get())
			.map(|index| CoveredService {
				code: service_code(index),
				class: ServiceClass::Pharmacy,
				prior_auth: true,
			})
			.collect(),
	)
}

/// The most fee-schedule entries.
fn fee_schedule<T: Config>() -> FeeScheduleOf<T> {
	FeeScheduleOf::<T>::truncate_from(
		(0..T::MaxFeeSchedule::get())
			.map(|index| Fee { code: service_code(index), rate: 1_000_000u32.into() })
			.collect(),
	)
}

/// The codes a claim bills: the most lines, the last codes the plan and schedule both list.
fn billed_codes<T: Config>() -> Vec<ServiceCode> {
	let last = T::MaxPlanServices::get().min(T::MaxFeeSchedule::get());
	let lines = T::MaxLines::get().min(last);
	(last.saturating_sub(lines)..last).map(service_code).collect()
}

/// Signs the most versions of the insurer's contract with the provider: version 0 in force
/// from 0, every later one in force only in the far future.
fn network<T: Config>(world: &World<T>, versions: u32) {
	for version in 0..versions {
		let from = if version == 0 { 0 } else { Moment::MAX / 2 };
		Pallet::<T>::do_propose_contract(
			world.provider_staff.clone(),
			world.insurer,
			world.provider,
			fee_schedule::<T>(),
			from,
			Moment::MAX,
			Permill::from_percent(12),
		)
		.expect("the provider proposes");
		let contract = ContractByParties::<T>::get(world.insurer, world.provider).unwrap_or(0);
		Pallet::<T>::do_sign_contract(world.insurer_staff.clone(), contract, version)
			.expect("the insurer signs");
	}
}

/// A prior authorisation of the billed codes (in reverse, so each line finds its code later),
/// approved in full.
fn authorised<T: Config>(world: &World<T>) -> PriorAuthId {
	let mut codes = billed_codes::<T>();
	codes.reverse();
	let services =
		RequestedServicesOf::<T>::truncate_from(codes.into_iter().map(|code| (code, 10)).collect());
	let id = NextPriorAuthId::<T>::get();
	Pallet::<T>::do_request_prior_auth(
		world.provider_staff.clone(),
		world.coverage,
		world.provider,
		services.clone(),
		records::<T>(),
		false,
	)
	.expect("provider staff ask under consent");
	let approved = ApprovedUnitsOf::<T>::truncate_from(services.iter().map(|_| 10).collect());
	Pallet::<T>::do_decide_prior_auth(world.insurer_staff.clone(), id, approved, None)
		.expect("the insurer approves");
	id
}

fn records<T: Config>() -> RecordsOf<T> {
	RecordsOf::<T>::truncate_from((0..T::MaxRecordRefs::get()).map(u64::from).collect())
}

fn lines<T: Config>(charge: u32) -> LinesOf<T> {
	LinesOf::<T>::truncate_from(
		billed_codes::<T>()
			.into_iter()
			.map(|code| ClaimLine { code, units: 1, charge: charge.into() })
			.collect(),
	)
}

fn diagnoses<T: Config>() -> DiagnosesOf<T> {
	let code =
		DiagnosisCode(polkadot_sdk::frame_support::BoundedVec::truncate_from(b"S72001A".to_vec()));
	DiagnosesOf::<T>::truncate_from((0..T::MaxDiagnoses::get()).map(|_| code.clone()).collect())
}

/// A claim of the most lines under the prior authorisation, submitted on `date`.
fn claimed<T: Config>(world: &World<T>, prior_auth: PriorAuthId, date: Moment) -> ClaimId {
	let claim = NextClaimId::<T>::get();
	Pallet::<T>::do_submit_claim(
		world.provider_staff.clone(),
		world.coverage,
		world.provider,
		date,
		lines::<T>(10_000_000),
		diagnoses::<T>(),
		Some(prior_auth),
		records::<T>(),
		Frequency::Original,
	)
	.expect("an in-network claim under consent");
	claim
}

/// Fills `kind`'s decision-time sample so that the next decision shifts the oldest out.
fn full_sample<T: Config>(insurer: InstitutionId, kind: DecisionKind) {
	let sample = (0..T::MaxDecisionSamples::get()).map(Moment::from).collect::<Vec<_>>();
	DecisionSamples::<T>::insert(insurer, kind, DecisionSampleOf::<T>::truncate_from(sample));
}

/// A claim of the most lines, every one denied by the insurer, adjudicated.
fn denied<T: Config>() -> (World<T>, ClaimId) {
	let world = world::<T>();
	network::<T>(&world, T::MaxContractVersions::get());
	let pa = authorised::<T>(&world);
	let claim = claimed::<T>(&world, pa, NOW);
	let decisions = LineDecisionsOf::<T>::truncate_from(
		billed_codes::<T>()
			.iter()
			.map(|_| LineDecision::Deny(ReasonCode::from_ascii(b"50")))
			.collect(),
	);
	Pallet::<T>::do_adjudicate_claim(world.insurer_staff.clone(), claim, decisions)
		.expect("the insurer denies every line");
	(world, claim)
}

/// `count` more adjudicated claims of the member with the insurer, copies of `template` under
/// new ids and service dates: the history adjudication must not read.
fn history<T: Config>(world: &World<T>, template: ClaimId, count: u32) {
	let (Some(entry), Some(adjudication)) =
		(ClaimEntries::<T>::get(template), Adjudications::<T>::get(template))
	else {
		return;
	};
	for index in 0..count {
		let id = NextClaimId::<T>::get();
		NextClaimId::<T>::put(id.saturating_add(1));
		let mut copy = entry.clone();
		copy.service_date = NOW.saturating_sub(DAY.saturating_mul(Moment::from(index) + 2));
		copy.fingerprint = [0; 32];
		copy.fingerprint[..8].copy_from_slice(&id.to_le_bytes());
		ClaimFingerprints::<T>::insert(copy.fingerprint, id);
		MemberClaims::<T>::insert(&world.member, id, ());
		ClaimEntries::<T>::insert(id, copy);
		Adjudications::<T>::insert(id, adjudication.clone());
	}
}

/// An external reviewer overseeing insurers.
fn reviewer<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("reviewer", 0, 0);
	T::BenchmarkHelper::accredit(&who);
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The most services and co-pays and the longest pointer, each checked.
	#[benchmark]
	fn publish_plan() {
		let staff = funded::<T>("insurer staff");
		let insurer = T::BenchmarkHelper::register_institution(InstitutionKind::Insurer, &staff);
		let plan = NextPlanId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(staff),
			insurer,
			[1; 32],
			pointer::<T>(),
			cost_sharing::<T>(),
			copays::<T>(),
			services::<T>(),
			0,
			true,
		);

		assert!(Plans::<T>::contains_key(plan));
	}

	/// The largest plan read and written back.
	#[benchmark]
	fn retire_plan() {
		let world = world::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), world.plan);

		assert!(Plans::<T>::get(world.plan).is_some_and(|plan| plan.retired));
	}

	/// The largest plan read; a new member.
	#[benchmark]
	fn offer_coverage() {
		let world = world::<T>();
		let member: T::AccountId = account("new member", 0, 0);
		let coverage = NextCoverageId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), world.plan, member, 0, Moment::MAX);

		assert!(Coverages::<T>::contains_key(coverage));
	}

	/// A guardian asks for their ward: the guardianship is read.
	#[benchmark]
	fn request_coverage() {
		let world = world::<T>();
		let guardian = funded::<T>("guardian");
		let ward: T::AccountId = account("ward", 0, 0);
		T::BenchmarkHelper::appoint_guardian(&ward, &guardian);
		let coverage = NextCoverageId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), world.plan, ward, 0, Moment::MAX);

		assert!(Coverages::<T>::contains_key(coverage));
	}

	/// The insurer accepts a member's request: the member-or-guardian check fails first, then
	/// the staff check, then the largest plan is read.
	#[benchmark]
	fn accept_coverage() {
		let world = world::<T>();
		let coverage = NextCoverageId::<T>::get();
		Pallet::<T>::do_propose_coverage(
			world.member.clone(),
			Party::Member,
			world.plan,
			world.member.clone(),
			0,
			Moment::MAX,
		)
		.expect("the member asks");

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), coverage);

		assert!(Coverages::<T>::get(coverage)
			.is_some_and(|c| matches!(c.status, CoverageStatus::Active { .. })));
	}

	/// The insurer declines a member's request: both checks, a release, two removals.
	#[benchmark]
	fn drop_coverage_proposal() {
		let world = world::<T>();
		let coverage = NextCoverageId::<T>::get();
		Pallet::<T>::do_propose_coverage(
			world.member.clone(),
			Party::Member,
			world.plan,
			world.member.clone(),
			0,
			Moment::MAX,
		)
		.expect("the member asks");

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), coverage);

		assert!(!Coverages::<T>::contains_key(coverage));
	}

	/// The insurer ends a coverage: both checks.
	#[benchmark]
	fn end_coverage() {
		let world = world::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), world.coverage);

		assert!(Coverages::<T>::get(world.coverage).is_some_and(|c| c.ended_by.is_some()));
	}

	/// The provider proposes the last version a contract may have, with the largest fee
	/// schedule, replacing an unsigned proposal (a release and an event more).
	#[benchmark]
	fn propose_contract() {
		let world = world::<T>();
		let last = T::MaxContractVersions::get().saturating_sub(1);
		network::<T>(&world, last);
		let propose = |who: &T::AccountId| {
			Pallet::<T>::do_propose_contract(
				who.clone(),
				world.insurer,
				world.provider,
				fee_schedule::<T>(),
				0,
				Moment::MAX,
				Permill::from_percent(12),
			)
		};
		propose(&world.insurer_staff).expect("the insurer proposes");

		#[extrinsic_call]
		_(
			RawOrigin::Signed(world.provider_staff.clone()),
			world.insurer,
			world.provider,
			fee_schedule::<T>(),
			0,
			Moment::MAX,
			Permill::from_percent(12),
		);

		let contract = ContractByParties::<T>::get(world.insurer, world.provider).unwrap_or(0);
		assert!(ContractVersions::<T>::contains_key(contract, last));
	}

	/// The insurer signs a proposal with the largest fee schedule.
	#[benchmark]
	fn sign_contract() {
		let world = world::<T>();
		Pallet::<T>::do_propose_contract(
			world.provider_staff.clone(),
			world.insurer,
			world.provider,
			fee_schedule::<T>(),
			0,
			Moment::MAX,
			Permill::from_percent(12),
		)
		.expect("the provider proposes");
		let contract = ContractByParties::<T>::get(world.insurer, world.provider).unwrap_or(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), contract, 0);

		assert!(Contracts::<T>::get(contract).is_some_and(|c| c.signed_versions == 1));
	}

	/// The most services and supporting records.
	#[benchmark]
	fn request_prior_auth() {
		let world = world::<T>();
		let services = RequestedServicesOf::<T>::truncate_from(
			(0..T::MaxLines::get()).map(|index| (service_code(index), 10)).collect(),
		);
		let id = NextPriorAuthId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(world.provider_staff),
			world.coverage,
			world.provider,
			services,
			records::<T>(),
			true,
		);

		assert!(PriorAuths::<T>::contains_key(id));
	}

	/// A partial approval of the most services, with a reason, into a full sample.
	#[benchmark]
	fn decide_prior_auth() {
		let world = world::<T>();
		let services = RequestedServicesOf::<T>::truncate_from(
			(0..T::MaxLines::get()).map(|index| (service_code(index), 10)).collect(),
		);
		let id = NextPriorAuthId::<T>::get();
		Pallet::<T>::do_request_prior_auth(
			world.provider_staff.clone(),
			world.coverage,
			world.provider,
			services,
			records::<T>(),
			false,
		)
		.expect("provider staff ask under consent");
		full_sample::<T>(world.insurer, DecisionKind::StandardPriorAuth);
		let approved =
			ApprovedUnitsOf::<T>::truncate_from((0..T::MaxLines::get()).map(|_| 5).collect());

		#[extrinsic_call]
		_(
			RawOrigin::Signed(world.insurer_staff),
			id,
			approved,
			Some(ReasonCode::from_ascii(b"50")),
		);

		assert!(PriorAuths::<T>::get(id).is_some_and(|pa| pa.decision.is_some()));
	}

	/// A replacement claim of the most lines and diagnoses under a prior authorisation, its
	/// network contract found only after reading every signed version.
	#[benchmark]
	fn submit_claim() {
		let world = world::<T>();
		network::<T>(&world, T::MaxContractVersions::get());
		let pa = authorised::<T>(&world);
		let old = claimed::<T>(&world, pa, NOW);
		let claim = NextClaimId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(world.provider_staff),
			world.coverage,
			world.provider,
			NOW,
			lines::<T>(10_000_000),
			diagnoses::<T>(),
			Some(pa),
			records::<T>(),
			Frequency::Replacement(old),
		);

		assert!(ClaimEntries::<T>::get(old)
			.is_some_and(|entry| entry.status == ClaimStatus::Replaced(claim)));
	}

	/// A claim of the most lines voided.
	#[benchmark]
	fn void_claim() {
		let world = world::<T>();
		network::<T>(&world, 1);
		let pa = authorised::<T>(&world);
		let claim = claimed::<T>(&world, pa, NOW);

		#[extrinsic_call]
		_(RawOrigin::Signed(world.provider_staff), claim);

		assert!(ClaimEntries::<T>::get(claim).is_some_and(|c| c.status == ClaimStatus::Voided));
	}

	/// A late claim of the most lines, each needing prior authorisation (found last), priced
	/// from the largest fee schedule in the oldest of the most contract versions, shared under
	/// the largest plan, paid with interest into a full sample, for a member (and insurer) who
	/// already have `c` adjudicated claims in the same plan year: reads, writes and proof size
	/// do not change with `c`, as adjudication reads only the plan year's accumulators.
	#[benchmark]
	fn adjudicate_claim(c: Linear<0, HISTORY_BENCHMARKED>) {
		let world = world::<T>();
		network::<T>(&world, T::MaxContractVersions::get());
		let pa = authorised::<T>(&world);
		let earlier = claimed::<T>(&world, pa, NOW.saturating_sub(DAY));
		let decisions = LineDecisionsOf::<T>::truncate_from(
			billed_codes::<T>().iter().map(|_| LineDecision::Pay).collect(),
		);
		Pallet::<T>::do_adjudicate_claim(world.insurer_staff.clone(), earlier, decisions.clone())
			.expect("the insurer pays");
		history::<T>(&world, earlier, c);
		let claim = claimed::<T>(&world, pa, NOW);
		full_sample::<T>(world.insurer, DecisionKind::Claim);
		T::BenchmarkHelper::set_now(
			NOW.saturating_add(Pallet::<T>::clocks().clean_claim).saturating_add(DAY),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), claim, decisions);

		assert!(Adjudications::<T>::get(claim).is_some_and(|a| a.interest > 0u32.into()));
	}

	#[benchmark]
	fn fund_payer() {
		let world = world::<T>();
		let before = PayerLedgers::<T>::get(world.insurer).funded;

		#[extrinsic_call]
		_(RawOrigin::Signed(world.member), world.insurer, 1_000u32.into());

		assert_eq!(
			PayerLedgers::<T>::get(world.insurer).funded,
			before.saturating_add(1_000u32.into())
		);
	}

	#[benchmark]
	fn withdraw_payer_funds() {
		let world = world::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), world.insurer, 1_000u32.into());

		assert_eq!(PayerLedgers::<T>::get(world.insurer).withdrawn, 1_000u32.into());
	}

	/// Part of the member's share of a claim of the most lines.
	#[benchmark]
	fn pay_member_share() {
		let world = world::<T>();
		network::<T>(&world, 1);
		let pa = authorised::<T>(&world);
		let claim = claimed::<T>(&world, pa, NOW);
		let decisions = LineDecisionsOf::<T>::truncate_from(
			billed_codes::<T>().iter().map(|_| LineDecision::Pay).collect(),
		);
		Pallet::<T>::do_adjudicate_claim(world.insurer_staff.clone(), claim, decisions)
			.expect("the insurer pays");

		#[extrinsic_call]
		_(RawOrigin::Signed(world.member), claim, 1u32.into());

		assert_eq!(Adjudications::<T>::get(claim).map(|a| a.member_paid), Some(1u32.into()));
	}

	/// The provider appeals a claim of the most lines, all denied: the member-or-guardian check
	/// fails first.
	#[benchmark]
	fn appeal_claim() {
		let (world, claim) = denied::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(world.provider_staff), claim, [4; 32]);

		assert!(Appeals::<T>::contains_key(claim));
	}

	/// The insurer overturns a denial of the most lines: each is shared and paid.
	#[benchmark]
	fn decide_appeal() {
		let (world, claim) = denied::<T>();
		Pallet::<T>::do_appeal_claim(world.provider_staff.clone(), claim, [4; 32])
			.expect("the provider appeals");

		#[extrinsic_call]
		_(RawOrigin::Signed(world.insurer_staff), claim, true);

		assert!(Appeals::<T>::get(claim)
			.is_some_and(|a| matches!(a.status, AppealStatus::Overturned { .. })));
	}

	/// The provider sends an appeal the insurer left past its deadline: the appeal is closed
	/// and its deposit released on the way.
	#[benchmark]
	fn request_external_review() {
		let (world, claim) = denied::<T>();
		Pallet::<T>::do_appeal_claim(world.provider_staff.clone(), claim, [4; 32])
			.expect("the provider appeals");
		T::BenchmarkHelper::set_now(
			NOW.saturating_add(Pallet::<T>::clocks().appeal_decision).saturating_add(DAY),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(world.provider_staff), claim);

		assert!(!OpenAppeals::<T>::contains_key(world.insurer, claim));
	}

	/// An external reviewer overturns a denial of the most lines: each is shared and paid.
	#[benchmark]
	fn decide_external_review() {
		let (world, claim) = denied::<T>();
		Pallet::<T>::do_appeal_claim(world.provider_staff.clone(), claim, [4; 32])
			.expect("the provider appeals");
		Pallet::<T>::do_decide_appeal(world.insurer_staff.clone(), claim, false)
			.expect("the insurer upholds");
		Pallet::<T>::do_request_external_review(world.provider_staff.clone(), claim)
			.expect("the provider asks for review");
		let reviewer = reviewer::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(reviewer), claim, true);

		assert!(Appeals::<T>::get(claim)
			.is_some_and(|a| matches!(a.status, AppealStatus::ExternalOverturned { .. })));
	}

	/// Governance sets every clock.
	#[benchmark]
	fn set_clocks() -> Result<(), BenchmarkError> {
		let origin =
			T::ClockOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let clocks = Clocks {
			urgent_prior_auth: 1,
			standard_prior_auth: 2,
			prior_auth_validity: 3,
			clean_claim: 4,
			appeal_window: 5,
			appeal_decision: 6,
			external_review_window: 7,
			coverage_notice: 8,
		};

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Some(clocks));

		assert_eq!(ClockSettings::<T>::get(), Some(clocks));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
