//! Prior authorisation: a provider asks under the member's Payment consent; the insurer decides
//! on the CMS-0057-F clock (72 hours urgent, 7 days standard). Past the deadline an undecided
//! request is overdue, and under a plan that says so, deemed approved: that is worked out when
//! it is read, so no block has to walk the open requests.

use crate::*;
use healthchain_primitives::has_duplicates;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Checks and stores a prior-authorisation request, holding the deposit from the
	/// requester.
	pub(crate) fn do_request_prior_auth(
		requester: T::AccountId,
		coverage: CoverageId,
		provider: InstitutionId,
		services: RequestedServicesOf<T>,
		supporting: RecordsOf<T>,
		urgent: bool,
	) -> DispatchResult {
		let entry = Coverages::<T>::get(coverage).ok_or(Error::<T>::UnknownCoverage)?;
		Self::ensure_provider_staff(&requester, provider)?;
		let now = T::Time::now();
		ensure!(
			matches!(entry.status, CoverageStatus::Active { .. }) && now < entry.end,
			Error::<T>::CoverageNotActive
		);
		Self::ensure_payment_consent(&entry.member, entry.insurer)?;
		ensure!(!services.is_empty(), Error::<T>::NothingListed);
		Self::ensure_service_codes(services.iter().map(|(code, _)| code))?;
		ensure!(services.iter().all(|(_, units)| *units > 0), Error::<T>::ZeroUnits);
		let codes: alloc::vec::Vec<ServiceCode> = services.iter().map(|(code, _)| *code).collect();
		ensure!(!has_duplicates(&codes), Error::<T>::NotSortedOrDuplicate);

		let prior_auth = Self::next_id::<NextPriorAuthId<T>, _>()?;
		let clocks = Self::clocks();
		let period = if urgent { clocks.urgent_prior_auth } else { clocks.standard_prior_auth };
		let due = now.saturating_add(period);
		let deposit = T::PriorAuthDeposit::get();
		Self::hold_deposit(&requester, deposit)?;
		let services = AuthorisedServicesOf::<T>::truncate_from(
			services
				.into_iter()
				.map(|(code, requested)| AuthorisedService {
					code,
					requested,
					approved: 0,
					used: 0,
				})
				.collect(),
		);
		PriorAuths::<T>::insert(
			prior_auth,
			PriorAuth {
				coverage,
				member: entry.member,
				insurer: entry.insurer,
				provider,
				requester,
				services,
				supporting,
				urgent,
				submitted_at: now,
				due,
				decision: None,
				deposit,
			},
		);
		OpenPriorAuths::<T>::insert(entry.insurer, prior_auth, due);
		Self::deposit_event(Event::PriorAuthRequested {
			prior_auth,
			insurer: entry.insurer,
			provider,
			urgent,
			due,
		});
		Ok(())
	}

	/// Records the insurer's decision, counts it and samples its time.
	pub(crate) fn do_decide_prior_auth(
		who: T::AccountId,
		prior_auth: PriorAuthId,
		approved: ApprovedUnitsOf<T>,
		reason: Option<ReasonCode>,
	) -> DispatchResult {
		let (outcome, late) = PriorAuths::<T>::try_mutate(prior_auth, |entry| {
			let entry = entry.as_mut().ok_or(Error::<T>::UnknownPriorAuth)?;
			Self::ensure_insurer_staff(&who, entry.insurer)?;
			ensure!(entry.decision.is_none(), Error::<T>::AlreadyDecided);
			ensure!(
				approved.len() == entry.services.len()
					&& entry.services.iter().zip(approved.iter()).all(|(s, a)| *a <= s.requested),
				Error::<T>::BadApproval
			);
			let all = entry.services.iter().zip(approved.iter()).all(|(s, a)| *a == s.requested);
			let none = approved.iter().all(|units| *units == 0);
			let outcome = match (all, none, reason) {
				(true, _, None) => PriorAuthOutcome::Approved,
				(false, true, Some(reason)) => PriorAuthOutcome::Denied(reason),
				(false, false, Some(reason)) => PriorAuthOutcome::Partial(reason),
				_ => return Err(Error::<T>::ReasonMismatch.into()),
			};
			if let PriorAuthOutcome::Denied(reason) | PriorAuthOutcome::Partial(reason) = &outcome {
				Self::ensure_reason(reason)?;
			}
			for (service, units) in entry.services.iter_mut().zip(approved.iter()) {
				service.approved = *units;
			}
			let now = T::Time::now();
			let late = now > entry.due;
			entry.decision = Some(PriorAuthDecision { outcome: outcome.clone(), at: now, by: who });
			OpenPriorAuths::<T>::remove(entry.insurer, prior_auth);
			let kind = if entry.urgent {
				DecisionKind::UrgentPriorAuth
			} else {
				DecisionKind::StandardPriorAuth
			};
			Self::record_decision(
				entry.insurer,
				kind,
				all,
				none,
				late,
				now.saturating_sub(entry.submitted_at),
			);
			Ok::<_, DispatchError>((outcome, late))
		})?;
		Self::deposit_event(Event::PriorAuthDecided { prior_auth, outcome, late });
		Ok(())
	}

	/// Where a prior authorisation stands at `now`, under a plan that does (or does not) deem
	/// an undecided request approved at its deadline.
	pub fn prior_auth_standing(
		entry: &PriorAuthOf<T>,
		deemed_approval: bool,
		now: Moment,
	) -> PriorAuthStanding {
		match &entry.decision {
			Some(decision) => PriorAuthStanding::Decided(decision.outcome.clone()),
			None if now <= entry.due => PriorAuthStanding::Pending,
			None if deemed_approval => PriorAuthStanding::DeemedApproved,
			None => PriorAuthStanding::Overdue,
		}
	}

	/// Until when an approved (or deemed approved) prior authorisation covers services, and
	/// whether the units usable are the requested ones (deemed) rather than the approved ones.
	/// `None` if it authorises nothing now.
	pub(crate) fn authorisation_window(
		entry: &PriorAuthOf<T>,
		deemed_approval: bool,
		now: Moment,
	) -> Option<(Moment, bool)> {
		let validity = Self::clocks().prior_auth_validity;
		match (Self::prior_auth_standing(entry, deemed_approval, now), &entry.decision) {
			(PriorAuthStanding::DeemedApproved, _) => {
				Some((entry.due.saturating_add(validity), true))
			},
			(
				PriorAuthStanding::Decided(
					PriorAuthOutcome::Approved | PriorAuthOutcome::Partial(_),
				),
				Some(decision),
			) => Some((decision.at.saturating_add(validity), false)),
			_ => None,
		}
	}
}
