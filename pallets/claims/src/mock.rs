//! A mock runtime: System, Balances (deposits), Assets (the payment asset), Timestamp (the clock)
//! and Claims, with the shared stubs of the credentials pallet ([`MockCredentials`]) and of the
//! consent pallet ([`MockAccess`]) that tests set up directly: who granted which insurer a
//! Payment consent, and who is whose guardian.

use crate as pallet_claims;
use crate::*;
use healthchain_primitives::credentials::Jurisdiction;
use polkadot_sdk::{
	frame_support::{
		assert_ok, derive_impl, parameter_types,
		traits::{AsEnsureOriginWithArg, ConstU32},
		PalletId,
	},
	frame_system::{self, EnsureRoot, EnsureSigned},
	pallet_assets, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
	sp_runtime::{BuildStorage, Permill},
};

#[cfg(feature = "runtime-benchmarks")]
pub use healthchain_test_support::MockFixtures;
pub use healthchain_test_support::{MockAccess, MockCredentials};

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Assets: pallet_assets,
		Timestamp: pallet_timestamp,
		Claims: pallet_claims,
	}
);

healthchain_test_support::mock_base!(Test);

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<u64>>;
	type ForceOrigin = EnsureRoot<u64>;
	type Freezer = ();
	type Holder = ();
}

/// The consent pallet as the tests set it up, through the shared stub [`MockAccess`]: who
/// granted which insurer a Payment consent, and who is whose guardian.
pub struct MockConsent;

impl MockConsent {
	/// `member` grants `insurer` a live consent for payment.
	pub fn consent(member: u64, insurer: InstitutionId) {
		MockAccess::grant(member, Grantee::Institution(insurer), Purpose::Payment);
	}

	/// `member` revokes it.
	pub fn revoke(member: u64, insurer: InstitutionId) {
		MockAccess::end_grant(member, Grantee::Institution(insurer), Purpose::Payment);
	}

	/// `guardian` becomes a live guardian of `patient`.
	pub fn guardian(patient: u64, guardian: u64) {
		MockAccess::guardian(patient, guardian);
	}
}

/// The benchmarks' payment consent in [`MockConsent`], their funds and the clock; their
/// institutions, authorities and guardians come with the shared [`MockFixtures`].
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, u32, u64> for MockFixtures {
	fn grant_payment_consent(member: &u64, insurer: InstitutionId) {
		MockConsent::consent(*member, insurer);
	}

	fn fund(asset: u32, who: &u64, amount: u64) {
		use polkadot_sdk::frame_support::traits::fungibles::{Create, Mutate};
		if !<Assets as polkadot_sdk::frame_support::traits::fungibles::Inspect<u64>>::asset_exists(
			asset,
		) {
			assert_ok!(<Assets as Create<u64>>::create(asset, 0, true, 1));
		}
		assert_ok!(<Assets as Mutate<u64>>::mint_into(asset, who, amount));
	}

	fn set_now(now: Moment) {
		set_now(now);
	}
}

/// The payment asset: a dollar stablecoin in cents.
pub const USD: u32 = 1;
/// The most services a plan covers.
pub const MAX_PLAN_SERVICES: u32 = 8;
/// The most fee-schedule entries.
pub const MAX_FEE_SCHEDULE: u32 = 8;
/// The most signed versions of a contract.
pub const MAX_CONTRACT_VERSIONS: u32 = 3;
/// The most lines of a claim.
pub const MAX_LINES: u32 = 4;
/// The most decision times sampled.
pub const MAX_DECISION_SAMPLES: u32 = 5;

parameter_types! {
	pub const PaymentAsset: u32 = USD;
	pub const ClaimsPalletId: PalletId = PalletId(*b"hc/claim");
	pub const PlanDeposit: u64 = 10;
	pub const CoverageDeposit: u64 = 3;
	pub const ContractDeposit: u64 = 5;
	pub const PriorAuthDeposit: u64 = 2;
	pub const ClaimDeposit: u64 = 4;
	pub const AppealDeposit: u64 = 6;
	pub const UrgentPriorAuthPeriod: u64 = 3 * DAY;
	pub const StandardPriorAuthPeriod: u64 = 7 * DAY;
	pub const PriorAuthValidity: u64 = 90 * DAY;
	pub const CleanClaimPeriod: u64 = 30 * DAY;
	pub const AppealWindow: u64 = 180 * DAY;
	pub const AppealDecisionPeriod: u64 = 30 * DAY;
	pub const ExternalReviewWindow: u64 = 120 * DAY;
	pub const CoverageNotice: u64 = 30 * DAY;
}

impl pallet_claims::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Assets = Assets;
	type PaymentAsset = PaymentAsset;
	type PalletId = ClaimsPalletId;
	type Time = Timestamp;
	type Credentials = MockCredentials;
	type Consent = MockAccess;
	type PlanDeposit = PlanDeposit;
	type CoverageDeposit = CoverageDeposit;
	type ContractDeposit = ContractDeposit;
	type PriorAuthDeposit = PriorAuthDeposit;
	type ClaimDeposit = ClaimDeposit;
	type AppealDeposit = AppealDeposit;
	type UrgentPriorAuthPeriod = UrgentPriorAuthPeriod;
	type StandardPriorAuthPeriod = StandardPriorAuthPeriod;
	type PriorAuthValidity = PriorAuthValidity;
	type CleanClaimPeriod = CleanClaimPeriod;
	type AppealWindow = AppealWindow;
	type AppealDecisionPeriod = AppealDecisionPeriod;
	type ExternalReviewWindow = ExternalReviewWindow;
	type CoverageNotice = CoverageNotice;
	type MaxPlanServices = ConstU32<MAX_PLAN_SERVICES>;
	type MaxFeeSchedule = ConstU32<MAX_FEE_SCHEDULE>;
	type MaxContractVersions = ConstU32<MAX_CONTRACT_VERSIONS>;
	type MaxLines = ConstU32<MAX_LINES>;
	type MaxDiagnoses = ConstU32<3>;
	type MaxRecordRefs = ConstU32<3>;
	type MaxPointerLen = ConstU32<80>;
	type MaxDecisionSamples = ConstU32<MAX_DECISION_SAMPLES>;
	type ClockOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockFixtures;
}

/// Staff of the insurer: a live insurer credential, affiliated.
pub const INSURER_STAFF: u64 = 1;
/// Staff of the other insurer.
pub const OTHER_INSURER_STAFF: u64 = 2;
/// The insurer's admin account: where its withdrawals go.
pub const INSURER_ADMIN: u64 = 3;
/// A billing clerk at the hospital, acting for it with a live credential.
pub const HOSPITAL_STAFF: u64 = 10;
/// The hospital's admin account: where the hospital is paid.
pub const HOSPITAL_ADMIN: u64 = 11;
/// Staff of the clinic, which has no contract with the insurer.
pub const CLINIC_STAFF: u64 = 12;
/// The member (patient).
pub const MEMBER: u64 = 20;
/// The member's guardian.
pub const GUARDIAN: u64 = 21;
/// Another member.
pub const OTHER_MEMBER: u64 = 22;
/// An authority overseeing insurers at home.
pub const REGULATOR: u64 = 30;
/// An authority overseeing insurers elsewhere.
pub const FOREIGN_REGULATOR: u64 = 31;
/// Somebody with no role at all.
pub const STRANGER: u64 = 40;
/// Holds the payment asset: funds the payer account.
pub const FUNDER: u64 = 41;
/// Holds nothing.
pub const PAUPER: u64 = 99;

/// The insurer.
pub const INSURER: InstitutionId = 50;
/// Another insurer.
pub const OTHER_INSURER: InstitutionId = 51;
/// A hospital in the insurer's network.
pub const HOSPITAL: InstitutionId = 60;
/// A clinic outside it.
pub const CLINIC: InstitutionId = 61;
/// A manufacturer: not a provider.
pub const MANUFACTURER: InstitutionId = 62;

/// What every account starts with in the native token.
pub const ENDOWMENT: u64 = 1_000;
/// What the funder starts with in the payment asset.
pub const FUNDS: u64 = 10_000_000;
pub use healthchain_test_support::START;

/// A service code from its five characters.
pub fn code(text: &[u8; 5]) -> ServiceCode {
	ServiceCode(*text)
}

/// An MRI of the brain: imaging, needs prior authorisation.
pub const MRI: ServiceCode = ServiceCode(*b"70551");
/// A metabolic panel: laboratory.
pub const PANEL: ServiceCode = ServiceCode(*b"80053");
/// Physical therapy: covered, but priced by no contract.
pub const THERAPY: ServiceCode = ServiceCode(*b"97110");
/// An office visit: primary care, with a co-pay.
pub const VISIT: ServiceCode = ServiceCode(*b"99213");
/// An injection of dexamethasone (HCPCS): pharmacy.
pub const INJECTION: ServiceCode = ServiceCode(*b"J1100");
/// Cosmetic surgery: not covered.
pub const COSMETIC: ServiceCode = ServiceCode(*b"15780");

/// The plan's cost sharing: 1,000 deductible, 20 % coinsurance, 3,000 out-of-pocket maximum.
pub fn cost_sharing() -> CostSharing<u64> {
	CostSharing {
		deductible: 1_000,
		coinsurance: Permill::from_percent(20),
		out_of_pocket_max: 3_000,
	}
}

/// The plan's services, sorted by code.
pub fn services() -> ServicesOf<Test> {
	let service = |code, class, prior_auth| CoveredService { code, class, prior_auth };
	ServicesOf::<Test>::truncate_from(vec![
		service(MRI, ServiceClass::Imaging, true),
		service(PANEL, ServiceClass::Laboratory, false),
		service(THERAPY, ServiceClass::Outpatient, false),
		service(VISIT, ServiceClass::PrimaryCare, false),
		service(INJECTION, ServiceClass::Pharmacy, false),
	])
}

/// The plan's co-pays: 25 for primary care, 50 for a specialist.
pub fn copays() -> CopaysOf<Test> {
	CopaysOf::<Test>::truncate_from(vec![
		Copay { class: ServiceClass::PrimaryCare, amount: 25 },
		Copay { class: ServiceClass::Specialist, amount: 50 },
	])
}

/// The hospital's fee schedule: every covered service but physical therapy.
pub fn fee_schedule() -> FeeScheduleOf<Test> {
	FeeScheduleOf::<Test>::truncate_from(vec![
		Fee { code: MRI, rate: 1_200 },
		Fee { code: PANEL, rate: 40 },
		Fee { code: VISIT, rate: 150 },
		Fee { code: INJECTION, rate: 5 },
	])
}

/// A terms pointer.
pub fn pointer() -> PointerOf<Test> {
	PointerOf::<Test>::truncate_from(
		b"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec(),
	)
}

/// When the plan's first year starts: 60 days before [`START`].
pub const YEAR_START: u64 = START - 60 * DAY;
/// When the member's coverage starts: 30 days before [`START`].
pub const COVERAGE_START: u64 = START - 30 * DAY;
/// When it ends: a plan year after the plan starts.
pub const COVERAGE_END: u64 = YEAR_START + PLAN_YEAR;

/// The insurer's staff publish the standard plan (deemed approval as asked); returns its id.
pub fn publish_plan(deemed_approval: bool) -> PlanId {
	let plan = NextPlanId::<Test>::get();
	assert_ok!(Claims::publish_plan(
		RuntimeOrigin::signed(INSURER_STAFF),
		INSURER,
		[1; 32],
		pointer(),
		cost_sharing(),
		copays(),
		services(),
		YEAR_START,
		deemed_approval,
	));
	plan
}

/// The insurer offers `member` coverage under `plan` and the member accepts; returns its id.
pub fn enrol(plan: PlanId, member: u64) -> CoverageId {
	let coverage = NextCoverageId::<Test>::get();
	assert_ok!(Claims::offer_coverage(
		RuntimeOrigin::signed(INSURER_STAFF),
		plan,
		member,
		COVERAGE_START,
		COVERAGE_END,
	));
	assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(member), coverage));
	coverage
}

/// The insurer proposes the hospital's contract (12 % prompt-pay interest, in force from a year
/// before [`START`] to two years after) and the hospital signs it.
pub fn sign_network() -> ContractId {
	let contract = NextContractId::<Test>::get();
	assert_ok!(Claims::propose_contract(
		RuntimeOrigin::signed(INSURER_STAFF),
		INSURER,
		HOSPITAL,
		fee_schedule(),
		START - 365 * DAY,
		START + 2 * 365 * DAY,
		Permill::from_percent(12),
	));
	let contract = ContractByParties::<Test>::get(INSURER, HOSPITAL).unwrap_or(contract);
	let version = Contracts::<Test>::get(contract).unwrap().signed_versions;
	assert_ok!(Claims::sign_contract(RuntimeOrigin::signed(HOSPITAL_STAFF), contract, version));
	contract
}

/// The funder pays `amount` into the insurer's payer account.
pub fn fund(amount: u64) {
	assert_ok!(Claims::fund_payer(RuntimeOrigin::signed(FUNDER), INSURER, amount));
}

/// Everything a claim needs: the standard plan, the member enrolled and consenting to payment,
/// the hospital in network and the payer funded. Returns the member's coverage.
pub fn ready(deemed_approval: bool) -> CoverageId {
	let plan = publish_plan(deemed_approval);
	let coverage = enrol(plan, MEMBER);
	MockConsent::consent(MEMBER, INSURER);
	sign_network();
	fund(1_000_000);
	coverage
}

/// Claim lines from (code, units, charge).
pub fn lines(items: &[(ServiceCode, u32, u64)]) -> LinesOf<Test> {
	LinesOf::<Test>::truncate_from(
		items
			.iter()
			.map(|(code, units, charge)| ClaimLine { code: *code, units: *units, charge: *charge })
			.collect(),
	)
}

/// A diagnosis list: type 2 diabetes without complications (E11.9).
pub fn diagnoses() -> DiagnosesOf<Test> {
	DiagnosesOf::<Test>::truncate_from(vec![DiagnosisCode(BoundedVec::truncate_from(
		b"E119".to_vec(),
	))])
}

/// The hospital's staff submit an original claim for the member on `service_date`; returns its
/// id.
pub fn submit(
	coverage: CoverageId,
	service_date: u64,
	items: &[(ServiceCode, u32, u64)],
	prior_auth: Option<PriorAuthId>,
) -> ClaimId {
	let claim = NextClaimId::<Test>::get();
	assert_ok!(Claims::submit_claim(
		RuntimeOrigin::signed(HOSPITAL_STAFF),
		coverage,
		HOSPITAL,
		service_date,
		lines(items),
		diagnoses(),
		prior_auth,
		RecordsOf::<Test>::truncate_from(vec![7]),
		Frequency::Original,
	));
	claim
}

/// The insurer pays every line of a claim as computed.
pub fn adjudicate(claim: ClaimId) {
	let count = ClaimEntries::<Test>::get(claim).unwrap().lines.len();
	assert_ok!(Claims::adjudicate_claim(
		RuntimeOrigin::signed(INSURER_STAFF),
		claim,
		LineDecisionsOf::<Test>::truncate_from(vec![LineDecision::Pay; count]),
	));
}

/// A balance in the payment asset.
pub fn usd(who: u64) -> u64 {
	pallet_assets::Pallet::<Test>::balance(USD, who)
}

/// A fresh chain at [`START`] with the accounts funded in the native token, the payment asset
/// created with the funder holding [`FUNDS`], no credentials and no consents.
pub fn new_bench_ext() -> TestExternalities {
	MockCredentials::reset();
	MockAccess::reset();
	let accounts = [
		INSURER_STAFF,
		OTHER_INSURER_STAFF,
		INSURER_ADMIN,
		HOSPITAL_STAFF,
		HOSPITAL_ADMIN,
		CLINIC_STAFF,
		MEMBER,
		GUARDIAN,
		OTHER_MEMBER,
		REGULATOR,
		FOREIGN_REGULATOR,
		STRANGER,
		FUNDER,
	];
	let mut storage = endowed_genesis(accounts, ENDOWMENT);
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(USD, FUNDER, true, 1)],
		accounts: vec![(USD, FUNDER, FUNDS), (USD, MEMBER, 10_000), (USD, GUARDIAN, 10_000)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	chain_at_start(storage)
}

/// Runs `test` on a fresh chain at [`START`] where the insurers, the hospital, the clinic and a
/// manufacturer are verified at home; the staff act for their institutions with live
/// credentials; the admins administer them; the guardian is the member's; the regulator
/// oversees insurers at home and the foreign one elsewhere. Then checks the pallet's
/// invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		for (staff, institution, kind) in [
			(INSURER_STAFF, INSURER, InstitutionKind::Insurer),
			(OTHER_INSURER_STAFF, OTHER_INSURER, InstitutionKind::Insurer),
			(HOSPITAL_STAFF, HOSPITAL, InstitutionKind::Hospital),
			(CLINIC_STAFF, CLINIC, InstitutionKind::Clinic),
		] {
			MockCredentials::verify(institution, kind);
			MockCredentials::staff(staff, institution, kind);
		}
		MockCredentials::verify(MANUFACTURER, InstitutionKind::Manufacturer);
		MockCredentials::make_admin(INSURER_ADMIN, INSURER);
		MockCredentials::make_admin(HOSPITAL_ADMIN, HOSPITAL);
		MockConsent::guardian(MEMBER, GUARDIAN);
		MockCredentials::accredit_for(
			REGULATOR,
			healthchain_test_support::HOME,
			&[Role::Insurer],
			&[InstitutionKind::Insurer],
		);
		MockCredentials::accredit_for(
			FOREIGN_REGULATOR,
			Jurisdiction(*b"FR"),
			&[Role::Insurer],
			&[InstitutionKind::Insurer],
		);
		test();
		Claims::do_try_state().expect("storage invariants hold");
	});
}

/// The last event the pallet deposited.
pub fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::Claims(event) => Some(event),
			_ => None,
		})
		.expect("an event of the claims pallet")
}
