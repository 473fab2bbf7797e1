//! Coverage: one side proposes (the insurer's offer, the member's enrolment request), the other
//! accepts; either side withdraws or declines a proposal, and ends an active coverage with
//! notice.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Stores a coverage proposal, holding the deposit from the proposer.
	pub(crate) fn do_propose_coverage(
		proposer: T::AccountId,
		by: Party,
		plan: PlanId,
		member: T::AccountId,
		start: Moment,
		end: Moment,
	) -> DispatchResult {
		let entry = Plans::<T>::get(plan).ok_or(Error::<T>::UnknownPlan)?;
		match by {
			Party::Member => ensure!(
				Self::speaks_for_member(&proposer, &member),
				Error::<T>::NotMemberOrGuardian
			),
			_ => Self::ensure_insurer_staff(&proposer, entry.insurer)?,
		}
		ensure!(!entry.retired, Error::<T>::PlanRetired);
		ensure!(start < end, Error::<T>::EmptyPeriod);
		ensure!(start >= entry.year_start, Error::<T>::BeforePlanStart);
		let coverage = Self::next_id::<NextCoverageId<T>, _>()?;
		let deposit = T::CoverageDeposit::get();
		Self::hold_deposit(&proposer, deposit)?;
		Coverages::<T>::insert(
			coverage,
			Coverage {
				plan,
				insurer: entry.insurer,
				member: member.clone(),
				start,
				end,
				status: CoverageStatus::Proposed { by },
				ended_by: None,
				proposer,
				deposit,
			},
		);
		MemberCoverages::<T>::insert(&member, coverage, ());
		Self::deposit_event(Event::CoverageProposed { coverage, plan, member, by, start, end });
		Ok(())
	}

	/// The other side accepts a proposal: the coverage is in force.
	pub(crate) fn do_accept_coverage(who: T::AccountId, coverage: CoverageId) -> DispatchResult {
		let by = Coverages::<T>::try_mutate(coverage, |entry| {
			let entry = entry.as_mut().ok_or(Error::<T>::UnknownCoverage)?;
			let CoverageStatus::Proposed { by: proposer } = entry.status else {
				return Err(Error::<T>::AlreadyActive.into());
			};
			let side = Self::coverage_side(&who, entry)?;
			ensure!(side != proposer, Error::<T>::NotAwaitingYou);
			let plan = Plans::<T>::get(entry.plan).ok_or(Error::<T>::UnknownPlan)?;
			ensure!(!plan.retired, Error::<T>::PlanRetired);
			entry.status = CoverageStatus::Active { accepted_at: T::Time::now() };
			Ok::<_, DispatchError>(side)
		})?;
		Self::deposit_event(Event::CoverageAccepted { coverage, by });
		Ok(())
	}

	/// Either side drops a proposal; the proposer's deposit is returned.
	pub(crate) fn do_drop_coverage_proposal(
		who: T::AccountId,
		coverage: CoverageId,
	) -> DispatchResult {
		let entry = Coverages::<T>::get(coverage).ok_or(Error::<T>::UnknownCoverage)?;
		ensure!(matches!(entry.status, CoverageStatus::Proposed { .. }), Error::<T>::AlreadyActive);
		let by = Self::coverage_side(&who, &entry)?;
		Self::release_deposit(&entry.proposer, entry.deposit)?;
		Coverages::<T>::remove(coverage);
		MemberCoverages::<T>::remove(&entry.member, coverage);
		Self::deposit_event(Event::CoverageProposalDropped { coverage, by });
		Ok(())
	}

	/// Either side ends an active coverage with notice.
	pub(crate) fn do_end_coverage(who: T::AccountId, coverage: CoverageId) -> DispatchResult {
		let (by, end) = Coverages::<T>::try_mutate(coverage, |entry| {
			let entry = entry.as_mut().ok_or(Error::<T>::UnknownCoverage)?;
			ensure!(
				matches!(entry.status, CoverageStatus::Active { .. }),
				Error::<T>::CoverageNotActive
			);
			let side = Self::coverage_side(&who, entry)?;
			let now = T::Time::now();
			// Never before the coverage starts, so the period stays non-empty.
			let end = now
				.saturating_add(Self::clocks().coverage_notice)
				.max(entry.start.saturating_add(1));
			ensure!(entry.ended_by.is_none() && end < entry.end, Error::<T>::AlreadyEnding);
			entry.end = end;
			entry.ended_by = Some((side, now));
			Ok::<_, DispatchError>((side, end))
		})?;
		Self::deposit_event(Event::CoverageEnded { coverage, by, end });
		Ok(())
	}

	/// Which side of a coverage `who` speaks for: the member (or a guardian), else the insurer's
	/// staff.
	fn coverage_side(who: &T::AccountId, entry: &CoverageOf<T>) -> Result<Party, DispatchError> {
		if Self::speaks_for_member(who, &entry.member) {
			Ok(Party::Member)
		} else {
			Self::ensure_insurer_staff(who, entry.insurer)?;
			Ok(Party::Insurer)
		}
	}
}
