//! The CMS-0057-F metrics insurers publish: decisions counted by kind and outcome as they are
//! made, and a bounded sample of the latest decision times for the medians and 90th
//! percentiles.

use crate::*;
use polkadot_sdk::frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// Counts a decision of `kind` by `insurer` and samples how long it took.
	pub(crate) fn record_decision(
		insurer: InstitutionId,
		kind: DecisionKind,
		approved_all: bool,
		denied_all: bool,
		late: bool,
		took: Moment,
	) {
		Decisions::<T>::mutate(insurer, |decisions| {
			let counts = match kind {
				DecisionKind::StandardPriorAuth => &mut decisions.standard_prior_auth,
				DecisionKind::UrgentPriorAuth => &mut decisions.urgent_prior_auth,
				DecisionKind::Claim => &mut decisions.claims,
			};
			counts.count(approved_all, denied_all, late);
		});
		DecisionSamples::<T>::mutate(insurer, kind, |sample| {
			// Keep the latest `MaxDecisionSamples`: the oldest makes room.
			if sample.len() as u32 >= T::MaxDecisionSamples::get() && !sample.is_empty() {
				sample.remove(0);
			}
			let _ = sample.try_push(took);
		});
	}

	/// Counts an appeal decision by `insurer`, or by an external reviewer of its claims.
	pub(crate) fn record_appeal(insurer: InstitutionId, external: bool, overturned: bool) {
		Decisions::<T>::mutate(insurer, |decisions| {
			let counter = match (external, overturned) {
				(false, false) => &mut decisions.appeals_upheld,
				(false, true) => &mut decisions.appeals_overturned,
				(true, false) => &mut decisions.external_upheld,
				(true, true) => &mut decisions.external_overturned,
			};
			*counter = counter.saturating_add(1);
		});
	}
}
