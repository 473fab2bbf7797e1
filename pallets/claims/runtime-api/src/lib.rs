//! Runtime API of the claims pallet, for insurers' and providers' revenue-cycle systems, members'
//! wallets and anyone reading payers' published metrics.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_claims::{
	Adjudication, BenefitExplanation, Claim, ClaimId, ContractId, ContractTerms, Coverage,
	CoverageId, Eligibility, InstitutionId, Moment, PayerMetrics, Plan, PlanId, PriorAuth,
	PriorAuthId, PriorAuthStanding, ServiceCode,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Eligibility (FHIR CoverageEligibilityResponse), claims with their adjudication, members'
	/// Explanations of Benefits, network status and payers' CMS-0057-F metrics.
	///
	/// `Plan`, `Coverage`, `ContractTerms`, `PriorAuth`, `ClaimEntry` (a claim with its
	/// adjudication) and `Amount` are the runtime's types (`pallet_claims::PlanOf<Runtime>`,
	/// `CoverageOf`, `ContractTermsOf`, `PriorAuthOf`, `BenefitExplanationOf`, `AmountOf`).
	pub trait ClaimsApi<AccountId, Amount, Plan, Coverage, ContractTerms, PriorAuth, ClaimEntry>
	where
		AccountId: Codec,
		Amount: Codec,
		Plan: Codec,
		Coverage: Codec,
		ContractTerms: Codec,
		PriorAuth: Codec,
		ClaimEntry: Codec,
	{
		/// A published plan.
		fn plan(id: PlanId) -> Option<Plan>;

		/// A coverage, proposed or active.
		fn coverage(id: CoverageId) -> Option<Coverage>;

		/// A member's coverages, proposed or active.
		fn member_coverages(member: AccountId) -> Vec<(CoverageId, Coverage)>;

		/// Whether a member is covered under a plan for a service on a date, whether it needs
		/// prior authorisation, its co-pay, and the deductible and out-of-pocket room left in
		/// that plan year.
		fn eligibility(member: AccountId, plan: PlanId, code: ServiceCode, date: Moment) -> Eligibility<Amount>;

		/// The signed contract version between an insurer and a provider in force on a date:
		/// whether the provider is in network, and at what rates.
		fn network_terms(insurer: InstitutionId, provider: InstitutionId, date: Moment) -> Option<(ContractId, u32, ContractTerms)>;

		/// A prior authorisation and where it stands now (pending, overdue, deemed approved or
		/// decided).
		fn prior_auth(id: PriorAuthId) -> Option<(PriorAuth, PriorAuthStanding)>;

		/// A claim with its adjudication, once adjudicated.
		fn claim(id: ClaimId) -> Option<ClaimEntry>;

		/// A member's Explanation of Benefits: their claims with service dates in
		/// `[from, to)`, each with its adjudication.
		fn explanation_of_benefits(member: AccountId, from: Moment, to: Moment) -> Vec<ClaimEntry>;

		/// What an insurer publishes under CMS-0057-F: decisions by outcome, median and
		/// 90th-percentile decision times, overdue counts.
		fn payer_metrics(insurer: InstitutionId) -> PayerMetrics;

		/// An insurer's payer account and its balance of the payment asset.
		fn payer_funds(insurer: InstitutionId) -> (AccountId, Amount);
	}
}
