//! The regulatory clocks: configured defaults that governance may change.

use crate::*;
use polkadot_sdk::{
	frame_support::{ensure, traits::Get},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// The clocks in force: governance's, or else the configured defaults.
	pub fn clocks() -> Clocks {
		ClockSettings::<T>::get().unwrap_or_else(|| Clocks {
			urgent_prior_auth: T::UrgentPriorAuthPeriod::get(),
			standard_prior_auth: T::StandardPriorAuthPeriod::get(),
			prior_auth_validity: T::PriorAuthValidity::get(),
			clean_claim: T::CleanClaimPeriod::get(),
			appeal_window: T::AppealWindow::get(),
			appeal_decision: T::AppealDecisionPeriod::get(),
			external_review_window: T::ExternalReviewWindow::get(),
			coverage_notice: T::CoverageNotice::get(),
		})
	}

	/// Sets (or clears) governance's clocks.
	pub(crate) fn do_set_clocks(clocks: Option<Clocks>) -> DispatchResult {
		ensure!(clocks.is_none_or(|clocks| clocks.is_valid()), Error::<T>::ZeroPeriod);
		ClockSettings::<T>::set(clocks);
		Self::deposit_event(Event::ClocksSet { clocks });
		Ok(())
	}
}
