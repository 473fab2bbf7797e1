//! Adjudication, computed on chain: each line's allowed amount from the fee schedule in force on
//! the service date, the member's share from the plan's cost sharing and the plan year's
//! accumulators, prior authorisation checked and used up; the insurer denies or reduces only
//! with a reason code. The provider is paid in the same call, with prompt-pay interest when late.
//! An overturned denial (on appeal or external review) is paid the same way.

use crate::*;
use healthchain_primitives::billing::{allowed_amount, prompt_pay_interest, share_line};
use polkadot_sdk::{
	frame_support::{ensure, traits::Time},
	sp_runtime::{traits::Zero, DispatchError, DispatchResult, Saturating},
};

impl<T: Config> Pallet<T> {
	/// Adjudicates a claim under the insurer's line decisions and pays the provider.
	pub(crate) fn do_adjudicate_claim(
		who: T::AccountId,
		claim: ClaimId,
		decisions: LineDecisionsOf<T>,
	) -> DispatchResult {
		let mut entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		Self::ensure_insurer_staff(&who, entry.insurer)?;
		ensure!(entry.status == ClaimStatus::Submitted, Error::<T>::NotOpen);
		ensure!(decisions.len() == entry.lines.len(), Error::<T>::DecisionCountMismatch);
		for decision in decisions.iter() {
			if let LineDecision::Reduce { reason, .. } | LineDecision::Deny(reason) = decision {
				Self::ensure_reason(reason)?;
			}
		}
		let coverage = Coverages::<T>::get(entry.coverage).ok_or(Error::<T>::UnknownCoverage)?;
		let plan = Plans::<T>::get(coverage.plan).ok_or(Error::<T>::UnknownPlan)?;
		let plan_year = plan.plan_year(entry.service_date).ok_or(Error::<T>::NotCovered)?;
		let (_, _, terms) =
			Self::contract_in_force(entry.insurer, entry.provider, entry.service_date)
				.ok_or(Error::<T>::OutOfNetwork)?;
		let now = T::Time::now();
		let mut authorisation = entry.prior_auth.and_then(|id| {
			let pa = PriorAuths::<T>::get(id)?;
			let (valid_until, deemed) = Self::authorisation_window(&pa, plan.deemed_approval, now)?;
			(entry.service_date <= valid_until).then_some((id, pa, deemed))
		});
		let mut year = YearAccumulators::<T>::get(entry.coverage, plan_year);

		let mut lines = AdjudicatedLinesOf::<T>::new();
		for (line, decision) in entry.lines.iter().zip(decisions.iter()) {
			let rate = terms.rate(&line.code);
			let contract_allowed = rate
				.map(|rate| allowed_amount(rate, line.units, line.charge))
				.unwrap_or_else(Zero::zero);
			let service = plan.service(&line.code);
			// The plan's and the contract's own answers come first: the insurer cannot pay what
			// they exclude, and needs no reason code for what they deny.
			let automatic = match (service, rate) {
				(None, _) => Some(ReasonCode::not_covered()),
				(_, None) => Some(ReasonCode::no_contract_rate()),
				(Some(service), _) if service.prior_auth => {
					Self::use_authorisation(&mut authorisation, &line.code, line.units).err()
				},
				_ => None,
			};
			let (allowed, adjustment) = match (automatic, decision) {
				(Some(reason), _) => (Zero::zero(), Some(reason)),
				(None, LineDecision::Pay) => (contract_allowed, None),
				(None, LineDecision::Reduce { allowed, reason }) => {
					ensure!(*allowed < contract_allowed, Error::<T>::NotAReduction);
					(*allowed, Some(reason.clone()))
				},
				(None, LineDecision::Deny(reason)) => (Zero::zero(), Some(reason.clone())),
			};
			let copay = service.and_then(|service| plan.copay(service.class));
			let share = if allowed.is_zero() {
				LineShare::default()
			} else {
				share_line(allowed, copay, &plan.cost_sharing, &mut year)
			};
			// Cannot fail: one adjudicated line per claim line, both bounded by `MaxLines`.
			let _ = lines.try_push(AdjudicatedLine { contract_allowed, share, adjustment });
		}

		let payer_paid = lines
			.iter()
			.fold(AmountOf::<T>::zero(), |sum, line| sum.saturating_add(line.share.payer));
		let member_share = lines
			.iter()
			.fold(AmountOf::<T>::zero(), |sum, line| sum.saturating_add(line.share.member()));
		let days_late = Self::days_late(entry.due, now);
		let interest = prompt_pay_interest(payer_paid, terms.prompt_pay_rate, days_late);
		Self::pay_provider(entry.insurer, entry.provider, payer_paid.saturating_add(interest))?;

		if let Some((id, pa, _)) = authorisation {
			PriorAuths::<T>::insert(id, pa);
		}
		YearAccumulators::<T>::insert(entry.coverage, plan_year, year);
		let approved_all = lines.iter().all(|line| line.adjustment.is_none());
		let denied_all = lines.iter().all(|line| line.share.allowed.is_zero());
		Self::record_decision(
			entry.insurer,
			DecisionKind::Claim,
			approved_all,
			denied_all,
			days_late > 0,
			now.saturating_sub(entry.submitted_at),
		);
		entry.status = ClaimStatus::Adjudicated;
		OpenClaims::<T>::remove(entry.insurer, claim);
		ClaimEntries::<T>::insert(claim, entry);
		Adjudications::<T>::insert(
			claim,
			Adjudication {
				lines,
				plan_year,
				payer_paid,
				interest,
				days_late,
				member_share,
				member_paid: Zero::zero(),
				decided_at: now,
				decided_by: who,
			},
		);
		Self::deposit_event(Event::ClaimAdjudicated {
			claim,
			payer_paid,
			interest,
			member_share,
			days_late,
		});
		Ok(())
	}

	/// Pays the lines an appeal or external review overturned: each denied or reduced line the
	/// contract allows more for is allowed in full, the difference shared under the plan year's
	/// accumulators (a co-pay only if the line had been denied outright) and the payer's part
	/// paid to the provider at once. Lines the plan or contract exclude stay denied. Returns
	/// what the provider was paid.
	pub(crate) fn pay_overturned(claim: ClaimId) -> Result<AmountOf<T>, DispatchError> {
		let entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		let mut adjudication = Adjudications::<T>::get(claim).ok_or(Error::<T>::NotAdjudicated)?;
		let coverage = Coverages::<T>::get(entry.coverage).ok_or(Error::<T>::UnknownCoverage)?;
		let plan = Plans::<T>::get(coverage.plan).ok_or(Error::<T>::UnknownPlan)?;
		let mut year = YearAccumulators::<T>::get(entry.coverage, adjudication.plan_year);
		let mut paid = AmountOf::<T>::zero();
		let mut member = AmountOf::<T>::zero();
		for (line, claimed) in adjudication.lines.iter_mut().zip(entry.lines.iter()) {
			let more = line.contract_allowed.saturating_sub(line.share.allowed);
			if line.adjustment.is_none() || more.is_zero() {
				continue;
			}
			let copay = plan
				.service(&claimed.code)
				.filter(|_| line.share.allowed.is_zero())
				.and_then(|service| plan.copay(service.class));
			let extra = share_line(more, copay, &plan.cost_sharing, &mut year);
			line.share.allowed = line.share.allowed.saturating_add(extra.allowed);
			line.share.copay = line.share.copay.saturating_add(extra.copay);
			line.share.deductible = line.share.deductible.saturating_add(extra.deductible);
			line.share.coinsurance = line.share.coinsurance.saturating_add(extra.coinsurance);
			line.share.payer = line.share.payer.saturating_add(extra.payer);
			line.adjustment = None;
			paid = paid.saturating_add(extra.payer);
			member = member.saturating_add(extra.member());
		}
		Self::pay_provider(entry.insurer, entry.provider, paid)?;
		adjudication.payer_paid = adjudication.payer_paid.saturating_add(paid);
		adjudication.member_share = adjudication.member_share.saturating_add(member);
		YearAccumulators::<T>::insert(entry.coverage, adjudication.plan_year, year);
		Adjudications::<T>::insert(claim, adjudication);
		Ok(paid)
	}

	/// Uses `units` of `code` from the claim's prior authorisation, or says why it cannot:
	/// none approved (CARC 197) or too few units left (CARC 198).
	fn use_authorisation(
		authorisation: &mut Option<(PriorAuthId, PriorAuthOf<T>, bool)>,
		code: &ServiceCode,
		units: u32,
	) -> Result<(), ReasonCode> {
		let (_, pa, deemed) =
			authorisation.as_mut().ok_or_else(ReasonCode::authorization_absent)?;
		let service = pa
			.services
			.iter_mut()
			.find(|service| service.code == *code)
			.ok_or_else(ReasonCode::authorization_absent)?;
		let granted = if *deemed { service.requested } else { service.approved };
		if granted.is_zero() {
			return Err(ReasonCode::authorization_absent());
		}
		let left = granted.saturating_sub(service.used);
		if units > left {
			return Err(ReasonCode::authorization_exceeded());
		}
		service.used = service.used.saturating_add(units);
		Ok(())
	}

	/// Whole or part days from `due` to `now`: 0 when on time.
	pub(crate) fn days_late(due: Moment, now: Moment) -> u32 {
		let late = now.saturating_sub(due);
		u32::try_from(late.div_ceil(DAY)).unwrap_or(u32::MAX)
	}
}
