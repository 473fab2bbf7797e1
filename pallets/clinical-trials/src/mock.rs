//! A mock runtime: System, Balances (deposits), Timestamp (the clock) and ClinicalTrials, with the
//! shared stubs of the credentials pallet ([`MockCredentials`]) and of the consent pallet
//! ([`MockAccess`]) that tests set up directly.

use crate as pallet_clinical_trials;
use healthchain_primitives::{
	consent::{Grantee, OnConsentRevoked, Purpose},
	credentials::{InstitutionId, InstitutionKind, Role},
};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances, pallet_timestamp,
	sp_io::TestExternalities,
};

#[cfg(feature = "runtime-benchmarks")]
pub use healthchain_test_support::MockFixtures;
pub use healthchain_test_support::{MockAccess, MockCredentials};

polkadot_sdk::frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Timestamp: pallet_timestamp,
		ClinicalTrials: pallet_clinical_trials,
	}
);

healthchain_test_support::mock_base!(Test);

/// The consent pallet as the tests set it up, through the shared stub [`MockAccess`]: which
/// participants hold a live research consent to which trial. Revoking tells the clinical-trials
/// pallet, as the consent pallet does.
pub struct MockConsent;

impl MockConsent {
	/// `participant` grants trial `trial` a live research consent.
	pub fn consent(participant: u64, trial: u32) {
		MockAccess::grant(participant, Grantee::Study(trial), Purpose::Research);
	}

	/// The research consent expires: no hook fires.
	pub fn expire(participant: u64, trial: u32) {
		MockAccess::end_grant(participant, Grantee::Study(trial), Purpose::Research);
	}

	/// The participant revokes the research consent: the consent pallet tells
	/// `OnConsentRevoked`.
	pub fn revoke(participant: u64, trial: u32) {
		Self::expire(participant, trial);
		ClinicalTrials::on_revoked(&participant, &Grantee::Study(trial), Purpose::Research);
	}
}

/// The benchmarks' research consent, in [`MockConsent`]; their credentials, institutions and
/// authorities come with the shared [`MockFixtures`].
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for MockFixtures {
	fn grant_research_consent(participant: &u64, trial: u32) {
		MockConsent::consent(*participant, trial);
	}
}

/// The most sites a trial may have.
pub const MAX_SITES: u32 = 3;
/// The most primary, and the most secondary, outcomes.
pub const MAX_OUTCOMES: u32 = 3;
/// The most amendments.
pub const MAX_AMENDMENTS: u32 = 3;
/// The most participants.
pub const MAX_PARTICIPANTS: u32 = 4;
/// The most results postings per trial.
pub const MAX_RESULT_POSTINGS: u32 = 2;
/// The longest pointer.
pub const MAX_POINTER_LEN: u32 = 80;

parameter_types! {
	pub const TrialDeposit: u64 = 100;
	pub const AmendmentDeposit: u64 = 20;
	pub const EnrolmentDeposit: u64 = 5;
	pub const AdverseEventDeposit: u64 = 7;
	pub const ResultsDeposit: u64 = 30;
	pub const ResultsDuePeriod: u64 = 365 * DAY;
}

impl pallet_clinical_trials::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = MockCredentials;
	type Consent = MockAccess;
	type TrialDeposit = TrialDeposit;
	type AmendmentDeposit = AmendmentDeposit;
	type EnrolmentDeposit = EnrolmentDeposit;
	type AdverseEventDeposit = AdverseEventDeposit;
	type ResultsDeposit = ResultsDeposit;
	type ResultsDuePeriod = ResultsDuePeriod;
	type MaxSites = ConstU32<MAX_SITES>;
	type MaxOutcomes = ConstU32<MAX_OUTCOMES>;
	type MaxAmendments = ConstU32<MAX_AMENDMENTS>;
	type MaxParticipants = ConstU32<MAX_PARTICIPANTS>;
	type MaxResultPostings = ConstU32<MAX_RESULT_POSTINGS>;
	type MaxPointerLen = ConstU32<MAX_POINTER_LEN>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockFixtures;
}

/// A trial sponsor.
pub const SPONSOR: u64 = 1;
/// Another trial sponsor.
pub const OTHER_SPONSOR: u64 = 2;
/// A physician at the hospital: an investigator.
pub const INVESTIGATOR: u64 = 20;
/// A physician at the clinic.
pub const CLINIC_DOCTOR: u64 = 21;
/// A physician affiliated nowhere.
pub const UNAFFILIATED_DOCTOR: u64 = 22;
/// A nurse at the hospital.
pub const NURSE: u64 = 23;
/// A medicines agency: an accredited authority.
pub const AGENCY: u64 = 10;
/// A participant.
pub const PARTICIPANT: u64 = 30;
/// Another participant.
pub const OTHER_PARTICIPANT: u64 = 31;
/// Somebody with no role at all.
pub const STRANGER: u64 = 40;
/// A trial sponsor with no funds.
pub const PAUPER: u64 = 99;
/// A verified hospital.
pub const HOSPITAL: InstitutionId = 7;
/// A verified clinic.
pub const CLINIC: InstitutionId = 8;
/// A verified laboratory.
pub const LAB: InstitutionId = 9;
/// A verified pharmacy: not a trial site.
pub const PHARMACY: InstitutionId = 11;
/// An institution not registered.
pub const UNKNOWN_SITE: InstitutionId = 12;

/// What every funded account starts with.
pub const ENDOWMENT: u64 = 1_000;
pub use healthchain_primitives::time::DAY;
pub use healthchain_test_support::START;

/// A fresh chain at [`START`] with the test accounts funded, no credentials and no consents.
pub fn new_bench_ext() -> TestExternalities {
	MockCredentials::reset();
	MockAccess::reset();
	let storage = endowed_genesis(
		[
			SPONSOR,
			OTHER_SPONSOR,
			INVESTIGATOR,
			CLINIC_DOCTOR,
			UNAFFILIATED_DOCTOR,
			NURSE,
			AGENCY,
			PARTICIPANT,
			OTHER_PARTICIPANT,
			STRANGER,
		],
		ENDOWMENT,
	);
	chain_at_start(storage)
}

/// Runs `test` on a fresh chain at [`START`] where the sponsors (and the pauper) hold live
/// sponsor credentials, the investigator, the clinic doctor and the unaffiliated doctor live
/// physician credentials and the nurse a nurse's; the hospital, clinic, laboratory and pharmacy
/// are verified; the investigator and the nurse work at the hospital, the clinic doctor at the
/// clinic; the agency is an authority. Then checks the pallet's invariants.
pub fn new_test_ext(test: impl FnOnce()) {
	new_bench_ext().execute_with(|| {
		for sponsor in [SPONSOR, OTHER_SPONSOR, PAUPER] {
			MockCredentials::license(sponsor, Role::TrialSponsor);
		}
		for doctor in [INVESTIGATOR, CLINIC_DOCTOR, UNAFFILIATED_DOCTOR] {
			MockCredentials::license(doctor, Role::Physician);
		}
		MockCredentials::license(NURSE, Role::Nurse);
		MockCredentials::verify(HOSPITAL, InstitutionKind::Hospital);
		MockCredentials::verify(CLINIC, InstitutionKind::Clinic);
		MockCredentials::verify(LAB, InstitutionKind::Laboratory);
		MockCredentials::verify(PHARMACY, InstitutionKind::Pharmacy);
		MockCredentials::affiliate(INVESTIGATOR, HOSPITAL);
		MockCredentials::affiliate(NURSE, HOSPITAL);
		MockCredentials::affiliate(CLINIC_DOCTOR, CLINIC);
		MockCredentials::accredit(AGENCY);
		test();
		ClinicalTrials::do_try_state().expect("storage invariants hold");
	});
}
