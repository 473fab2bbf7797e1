//! Plans: an insurer publishes the terms and cost sharing its coverage pays under, and retires
//! a plan from new enrolment.

use crate::*;
use polkadot_sdk::{
	frame_support::{ensure, traits::Get},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Checks and stores a plan, holding the deposit from the publisher.
	// The call's fields, one by one, as clients send them.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_publish_plan(
		publisher: T::AccountId,
		insurer: InstitutionId,
		terms_hash: Hash32,
		terms_pointer: PointerOf<T>,
		cost_sharing: CostSharing<AmountOf<T>>,
		copays: CopaysOf<T>,
		services: ServicesOf<T>,
		year_start: Moment,
		deemed_approval: bool,
	) -> DispatchResult {
		Self::ensure_insurer_staff(&publisher, insurer)?;
		ensure!(is_well_formed_pointer(&terms_pointer), Error::<T>::MalformedPointer);
		ensure!(!services.is_empty(), Error::<T>::NothingListed);
		Self::ensure_service_codes(services.iter().map(|service| &service.code))?;
		Self::ensure_strictly_sorted(services.iter().map(|service| service.code))?;
		Self::ensure_strictly_sorted(copays.iter().map(|copay| copay.class))?;
		ensure!(
			cost_sharing.out_of_pocket_max >= cost_sharing.deductible,
			Error::<T>::MaximumBelowDeductible
		);
		let plan = Self::next_id::<NextPlanId<T>, _>()?;
		let deposit = T::PlanDeposit::get();
		Self::hold_deposit(&publisher, deposit)?;
		Plans::<T>::insert(
			plan,
			Plan {
				insurer,
				publisher,
				terms_hash,
				terms_pointer,
				cost_sharing,
				copays,
				services,
				year_start,
				deemed_approval,
				retired: false,
				deposit,
			},
		);
		Self::deposit_event(Event::PlanPublished { plan, insurer, terms_hash });
		Ok(())
	}

	/// Closes a plan to new coverage.
	pub(crate) fn do_retire_plan(who: T::AccountId, plan: PlanId) -> DispatchResult {
		Plans::<T>::try_mutate(plan, |entry| {
			let entry = entry.as_mut().ok_or(Error::<T>::UnknownPlan)?;
			Self::ensure_insurer_staff(&who, entry.insurer)?;
			ensure!(!entry.retired, Error::<T>::PlanRetired);
			entry.retired = true;
			Ok::<_, DispatchError>(())
		})?;
		Self::deposit_event(Event::PlanRetired { plan });
		Ok(())
	}
}
