//! The benchmark fixtures every pallet's `Config::BenchmarkHelper` is: one struct that makes
//! credentials, institutions and authorities with the credentials pallet's fixtures, consent
//! and guardianships with the consent pallet's, and implements each pallet's own extras (packs,
//! research and payment consent, funds, the clock). Benchmarks only: none of it is in a
//! production trait.

use polkadot_sdk::*;

use frame_support::traits::{fungible, fungibles};
use healthchain_primitives::{
	consent::{ConsentFixtures, Purpose},
	credentials::{CredentialFixtures, InstitutionId, InstitutionKind, Role},
	provenance::{Gtin, Sgtin},
	Moment,
};
use pallet_clinical_trials::TrialId;
use pallet_consent::{GrantScope, GrantedActions, GranteeOf};

use super::{consent::GrantDeposit, monetary::AssetsAdmin};
use crate::{
	AccountId, Assets, Balance, Balances, Consent, Credentials, Provenance, Runtime, RuntimeOrigin,
};

/// Every pallet's benchmark helper in this runtime.
pub struct BenchmarkFixtures;

impl CredentialFixtures<AccountId> for BenchmarkFixtures {
	fn grant_role(who: &AccountId, role: Role) {
		Credentials::grant_role_for_benchmarks(who, role);
	}

	fn lapse_roles(who: &AccountId, roles: &[Role]) {
		Credentials::lapsed_roles_for_benchmarks(who, roles);
	}

	fn affiliate(practitioner: &AccountId) -> InstitutionId {
		Credentials::affiliate_for_benchmarks(practitioner)
	}

	fn register_institution(kind: InstitutionKind, member: &AccountId) -> InstitutionId {
		Credentials::institution_for_benchmarks(kind, member)
	}

	fn accredit(who: &AccountId) {
		Credentials::accredit_for_benchmarks(who);
	}
}

impl ConsentFixtures<AccountId> for BenchmarkFixtures {
	fn grant_access(
		patient: &AccountId,
		practitioner: &AccountId,
		purpose: Purpose,
	) -> Option<InstitutionId> {
		Consent::grant_path_for_benchmarks(patient, practitioner, purpose)
	}

	fn appoint_guardian(patient: &AccountId, guardian: &AccountId) {
		Consent::guardian_for_benchmarks(patient, guardian);
	}
}

impl pallet_prescriptions::BenchmarkHelper<AccountId> for BenchmarkFixtures {
	fn dispensable_unit(product: &Gtin, pharmacy: InstitutionId, index: u32) -> Sgtin {
		Provenance::dispensable_unit_for_benchmarks(product, pharmacy, index)
	}
}

impl pallet_clinical_trials::BenchmarkHelper<AccountId> for BenchmarkFixtures {
	fn grant_research_consent(participant: &AccountId, trial: TrialId) {
		grant(participant, pallet_consent::Grantee::Study(trial), Purpose::Research);
	}
}

impl pallet_claims::BenchmarkHelper<AccountId, u32, Balance> for BenchmarkFixtures {
	fn grant_payment_consent(member: &AccountId, insurer: InstitutionId) {
		grant(member, pallet_consent::Grantee::Institution(insurer), Purpose::Payment);
	}

	fn fund(asset: u32, who: &AccountId, amount: Balance) {
		use fungibles::{Create, Inspect, Mutate};
		if !Assets::asset_exists(asset) {
			<Assets as Create<AccountId>>::create(asset, AssetsAdmin::get(), true, 1)
				.expect("a new asset id");
		}
		<Assets as Mutate<AccountId>>::mint_into(asset, who, amount)
			.expect("the payment asset mints");
	}

	fn set_now(now: Moment) {
		pallet_timestamp::Now::<Runtime>::put(now);
	}
}

/// Grants `grantee` read access to all of `patient`'s records for `purpose` through the consent
/// pallet's own call, as the patient would, funding the grant's deposit first: the consent other
/// pallets' benchmarks need (a trial's research consent, an insurer's payment consent), made as
/// it is made on chain rather than written to storage.
fn grant(patient: &AccountId, grantee: GranteeOf<Runtime>, purpose: Purpose) {
	use fungible::Mutate;
	let _ = Balances::mint_into(patient, GrantDeposit::get() * 10);
	Consent::grant_consent(
		RuntimeOrigin::signed(patient.clone()),
		grantee,
		purpose,
		GrantScope::AllRecords,
		GrantedActions { read: true, write: false },
		None,
		None,
	)
	.expect("a funded patient's first grant to this grantee for this purpose");
}
