//! The queries behind the runtime API (eligibility, claims with their adjudication,
//! Explanations of Benefits, payers' published metrics) and the pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use polkadot_sdk::frame_support::traits::Time;

impl<T: Config> Pallet<T> {
	/// A published plan.
	pub fn plan(id: PlanId) -> Option<PlanOf<T>> {
		Plans::<T>::get(id)
	}

	/// A coverage, proposed or active.
	pub fn coverage(id: CoverageId) -> Option<CoverageOf<T>> {
		Coverages::<T>::get(id)
	}

	/// A member's coverages, proposed or active, in id order.
	pub fn member_coverages(member: &T::AccountId) -> Vec<(CoverageId, CoverageOf<T>)> {
		MemberCoverages::<T>::iter_key_prefix(member)
			.filter_map(|id| Coverages::<T>::get(id).map(|coverage| (id, coverage)))
			.collect()
	}

	/// The signed contract version between an insurer and a provider in force on `date`, with
	/// its contract id and version number: whether the provider is in network then, and at what
	/// rates.
	pub fn network_terms(
		insurer: InstitutionId,
		provider: InstitutionId,
		date: Moment,
	) -> Option<(ContractId, u32, ContractTermsOf<T>)> {
		Self::contract_in_force(insurer, provider, date)
	}

	/// A prior authorisation and where it stands now (deemed approval included).
	pub fn prior_auth(id: PriorAuthId) -> Option<(PriorAuthOf<T>, PriorAuthStanding)> {
		let entry = PriorAuths::<T>::get(id)?;
		let deemed = Coverages::<T>::get(entry.coverage)
			.and_then(|coverage| Plans::<T>::get(coverage.plan))
			.is_some_and(|plan| plan.deemed_approval);
		let standing = Self::prior_auth_standing(&entry, deemed, T::Time::now());
		Some((entry, standing))
	}

	/// A claim with its adjudication, once adjudicated.
	pub fn claim(id: ClaimId) -> Option<BenefitExplanationOf<T>> {
		let claim = ClaimEntries::<T>::get(id)?;
		Some(BenefitExplanation { id, claim, adjudication: Adjudications::<T>::get(id) })
	}

	/// Whether `member` is covered under `plan` for `code` on `date`, and what room is left in
	/// that plan year (FHIR CoverageEligibilityResponse). Reads the member's coverages.
	pub fn eligibility(
		member: &T::AccountId,
		plan: PlanId,
		code: ServiceCode,
		date: Moment,
	) -> Eligibility<AmountOf<T>> {
		use polkadot_sdk::sp_runtime::Saturating;
		let entry = Plans::<T>::get(plan);
		let coverage = MemberCoverages::<T>::iter_key_prefix(member)
			.find(|id| Coverages::<T>::get(id).is_some_and(|c| c.plan == plan && c.covers(date)));
		let service = entry.as_ref().and_then(|entry| entry.service(&code));
		let year = entry.as_ref().and_then(|entry| entry.plan_year(date));
		let met = match (coverage, year) {
			(Some(coverage), Some(year)) => YearAccumulators::<T>::get(coverage, year),
			_ => Default::default(),
		};
		let sharing = entry.as_ref().map(|entry| entry.cost_sharing);
		Eligibility {
			coverage,
			covered: coverage.is_some() && service.is_some(),
			prior_auth_required: service.is_some_and(|service| service.prior_auth),
			copay: service
				.and_then(|service| entry.as_ref().and_then(|entry| entry.copay(service.class))),
			deductible_remaining: sharing
				.map(|s| s.deductible.saturating_sub(met.deductible_met))
				.unwrap_or_default(),
			out_of_pocket_remaining: sharing
				.map(|s| s.out_of_pocket_max.saturating_sub(met.out_of_pocket_met))
				.unwrap_or_default(),
		}
	}

	/// A member's Explanation of Benefits: their claims with service dates in `[from, to)`,
	/// each with its adjudication once adjudicated, in claim order. Reads the member's claims.
	pub fn explanation_of_benefits(
		member: &T::AccountId,
		from: Moment,
		to: Moment,
	) -> Vec<BenefitExplanationOf<T>> {
		let mut ids: Vec<ClaimId> = MemberClaims::<T>::iter_key_prefix(member).collect();
		ids.sort_unstable();
		ids.into_iter()
			.filter_map(Self::claim)
			.filter(|entry| from <= entry.claim.service_date && entry.claim.service_date < to)
			.collect()
	}

	/// What an insurer publishes under CMS-0057-F: decisions by outcome, the median and 90th
	/// percentile of its latest decision times, and what is overdue now. Reads the insurer's
	/// open requests, claims and appeals.
	pub fn payer_metrics(insurer: InstitutionId) -> PayerMetrics {
		let now = T::Time::now();
		let overdue =
			|dues: &mut dyn Iterator<Item = Moment>| dues.filter(|due| now > *due).count() as u32;
		let times = |kind| DecisionTimes::of(DecisionSamples::<T>::get(insurer, kind).into_inner());
		PayerMetrics {
			decisions: Decisions::<T>::get(insurer),
			standard_prior_auth_times: times(DecisionKind::StandardPriorAuth),
			urgent_prior_auth_times: times(DecisionKind::UrgentPriorAuth),
			claim_times: times(DecisionKind::Claim),
			overdue_prior_auths: overdue(&mut OpenPriorAuths::<T>::iter_prefix_values(insurer)),
			overdue_claims: overdue(&mut OpenClaims::<T>::iter_prefix_values(insurer)),
			overdue_appeals: overdue(&mut OpenAppeals::<T>::iter_prefix_values(insurer)),
		}
	}

	/// An insurer's payer account and what it holds of the payment asset.
	pub fn payer_funds(insurer: InstitutionId) -> (T::AccountId, AmountOf<T>) {
		use polkadot_sdk::frame_support::traits::{fungibles::Inspect, Get};
		let account = Self::payer_account(insurer);
		let balance = T::Assets::balance(T::PaymentAsset::get(), &account);
		(account, balance)
	}

	/// Checks the pallet's storage invariants: ids handed out in order, indexes agreeing with
	/// what they index, adjudications adding up, accumulators equal to the sum of adjudicated
	/// member shares, payer accounts holding what their ledgers say, deposits held as stored.
	// Always compiled: the runtime fuzzer (`fuzz/`) checks it after every block without the
	// `try-runtime` feature, which would change the node's one build.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use healthchain_primitives::deposits;
		use polkadot_sdk::{
			frame_support::{
				ensure,
				traits::{fungible::InspectHold, fungibles::Inspect, Get},
			},
			sp_runtime::{traits::Zero, Saturating},
		};

		let mut held = BTreeMap::<T::AccountId, DepositOf<T>>::new();
		let mut hold =
			|who: &T::AccountId, deposit: DepositOf<T>| deposits::add(&mut held, who, deposit);

		for (id, plan) in Plans::<T>::iter() {
			ensure!(id < NextPlanId::<T>::get(), "plan id not yet handed out");
			ensure!(!plan.services.is_empty(), "plan without services");
			ensure!(
				plan.services.windows(2).all(|pair| pair[0].code < pair[1].code),
				"plan services unsorted"
			);
			hold(&plan.publisher, plan.deposit);
		}
		for (id, coverage) in Coverages::<T>::iter() {
			ensure!(id < NextCoverageId::<T>::get(), "coverage id not yet handed out");
			ensure!(coverage.start < coverage.end, "empty coverage period");
			let plan = Plans::<T>::get(coverage.plan).ok_or("coverage under a missing plan")?;
			ensure!(plan.insurer == coverage.insurer, "coverage insurer differs from its plan's");
			ensure!(
				MemberCoverages::<T>::contains_key(&coverage.member, id),
				"coverage missing from its member's index"
			);
			hold(&coverage.proposer, coverage.deposit);
		}
		for (member, id, ()) in MemberCoverages::<T>::iter() {
			let coverage = Coverages::<T>::get(id).ok_or("member index of a missing coverage")?;
			ensure!(coverage.member == member, "member index under another member");
		}
		for (id, contract) in Contracts::<T>::iter() {
			ensure!(id < NextContractId::<T>::get(), "contract id not yet handed out");
			ensure!(
				ContractByParties::<T>::get(contract.insurer, contract.provider) == Some(id),
				"contract missing from the parties index"
			);
			ensure!(
				contract.signed_versions <= T::MaxContractVersions::get(),
				"more signed versions than allowed"
			);
			let periods = ContractPeriods::<T>::get(id);
			ensure!(
				periods.len() as u32 == contract.signed_versions,
				"contract periods differ from the signed versions"
			);
			for (version, terms) in ContractVersions::<T>::iter_prefix(id) {
				ensure!(
					periods.get(version as usize).is_none_or(|period| {
						*period == (terms.effective_from, terms.effective_to)
					}),
					"a signed version's period differs from its terms"
				);
				ensure!(version <= contract.signed_versions, "version beyond the next proposal");
				ensure!(
					terms.is_signed() == (version < contract.signed_versions),
					"signed versions and proposal misplaced"
				);
				ensure!(terms.effective_from < terms.effective_to, "empty contract period");
				hold(&terms.proposer, terms.deposit);
			}
		}
		for (id, pa) in PriorAuths::<T>::iter() {
			ensure!(id < NextPriorAuthId::<T>::get(), "prior authorisation id not yet handed out");
			ensure!(
				pa.decision.is_none() == OpenPriorAuths::<T>::contains_key(pa.insurer, id),
				"open prior authorisations differ from the undecided ones"
			);
			for service in pa.services.iter() {
				ensure!(service.approved <= service.requested, "approved more than requested");
				ensure!(service.used <= service.requested, "used more than requested");
				ensure!(
					pa.decision.is_none() || service.used <= service.approved,
					"used more than approved"
				);
			}
			hold(&pa.requester, pa.deposit);
		}
		ensure!(
			OpenPriorAuths::<T>::iter_keys().all(|(_, id)| PriorAuths::<T>::contains_key(id)),
			"open prior authorisation missing"
		);

		let mut shares = BTreeMap::<(CoverageId, PlanYear), Accumulators<AmountOf<T>>>::new();
		let mut paid = BTreeMap::<InstitutionId, AmountOf<T>>::new();
		for (id, claim) in ClaimEntries::<T>::iter() {
			ensure!(id < NextClaimId::<T>::get(), "claim id not yet handed out");
			ensure!(
				(claim.status == ClaimStatus::Submitted)
					== OpenClaims::<T>::contains_key(claim.insurer, id),
				"open claims differ from the submitted ones"
			);
			let live = matches!(claim.status, ClaimStatus::Submitted | ClaimStatus::Adjudicated);
			ensure!(
				(ClaimFingerprints::<T>::get(claim.fingerprint) == Some(id)) == live,
				"duplicate index differs from the live claims"
			);
			ensure!(
				MemberClaims::<T>::contains_key(&claim.member, id),
				"claim missing from its member's index"
			);
			ensure!(
				(claim.status == ClaimStatus::Adjudicated) == Adjudications::<T>::contains_key(id),
				"adjudications differ from the adjudicated claims"
			);
			if let Some(adjudication) = Adjudications::<T>::get(id) {
				ensure!(
					adjudication.lines.len() == claim.lines.len(),
					"adjudicated lines differ from the claim's"
				);
				let mut payer = AmountOf::<T>::zero();
				let mut member = AmountOf::<T>::zero();
				let year = shares.entry((claim.coverage, adjudication.plan_year)).or_default();
				for line in adjudication.lines.iter() {
					ensure!(
						line.share.member().saturating_add(line.share.payer) == line.share.allowed,
						"a line's shares do not add up to its allowed amount"
					);
					ensure!(
						line.share.allowed <= line.contract_allowed,
						"allowed more than the contract"
					);
					payer = payer.saturating_add(line.share.payer);
					member = member.saturating_add(line.share.member());
					year.deductible_met = year.deductible_met.saturating_add(line.share.deductible);
					year.out_of_pocket_met =
						year.out_of_pocket_met.saturating_add(line.share.member());
				}
				ensure!(payer == adjudication.payer_paid, "payer total differs from its lines");
				ensure!(member == adjudication.member_share, "member share differs from its lines");
				ensure!(adjudication.member_paid <= adjudication.member_share, "member overpaid");
				let total = paid.entry(claim.insurer).or_default();
				*total = total
					.saturating_add(adjudication.payer_paid)
					.saturating_add(adjudication.interest);
			}
			hold(&claim.submitter, claim.deposit);
		}
		for (fingerprint, id) in ClaimFingerprints::<T>::iter() {
			let claim = ClaimEntries::<T>::get(id).ok_or("fingerprint of a missing claim")?;
			ensure!(claim.fingerprint == fingerprint, "fingerprint index under another hash");
		}
		ensure!(
			OpenClaims::<T>::iter_keys().all(|(_, id)| ClaimEntries::<T>::contains_key(id)),
			"open claim missing"
		);
		for (coverage, year, met) in YearAccumulators::<T>::iter() {
			ensure!(
				shares.remove(&(coverage, year)).unwrap_or_default() == met,
				"accumulators differ from the adjudicated member shares"
			);
		}
		ensure!(
			shares.values().all(|met| *met == Accumulators::default()),
			"adjudicated member shares missing from the accumulators"
		);

		for (claim, appeal) in Appeals::<T>::iter() {
			let entry = ClaimEntries::<T>::get(claim).ok_or("appeal of a missing claim")?;
			ensure!(Adjudications::<T>::contains_key(claim), "appeal of an unadjudicated claim");
			let pending = appeal.status == AppealStatus::Pending;
			ensure!(
				pending == OpenAppeals::<T>::contains_key(entry.insurer, claim),
				"open appeals differ from the pending ones"
			);
			if pending {
				hold(&appeal.appellant, appeal.deposit);
			}
		}

		let asset = T::PaymentAsset::get();
		for (insurer, ledger) in PayerLedgers::<T>::iter() {
			ensure!(
				paid.remove(&insurer).unwrap_or_default() == ledger.paid,
				"payer ledger differs from the adjudications paid"
			);
			let out = ledger.withdrawn.saturating_add(ledger.paid);
			// Anyone may send the account more than the ledger knows; never less.
			ensure!(
				T::Assets::balance(asset.clone(), &Self::payer_account(insurer))
					>= ledger.funded.saturating_sub(out),
				"a payer account holds less than its ledger"
			);
		}
		ensure!(paid.values().all(Zero::is_zero), "payments missing from a payer ledger");

		// Every account, not only the depositors: a hold nothing stored justifies shows too.
		ensure!(
			deposits::holds_match(
				frame_system::Account::<T>::iter_keys(),
				[(HoldReason::ClaimsDeposit, held)],
				|reason, who| T::Currency::balance_on_hold(&(*reason).into(), who),
			),
			"held deposits differ from the stored deposits"
		);
		Ok(())
	}
}
