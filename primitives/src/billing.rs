//! Billing: the cost-sharing arithmetic an adjudication applies, written once so that the claims
//! pallet, its runtime API (eligibility, Explanation of Benefits) and its tests agree to the unit.
//!
//! A claim line's *allowed amount* is what the provider's contract pays for the service: the fee
//! schedule's rate times the units, never more than the provider charged. The member's share
//! of it follows the plan, in the order US plans apply it (and FHIR's `ExplanationOfBenefit`
//! reports it: `copay`, `deductible`, `coinsurance`):
//!
//! - a service with a **co-pay** costs the member that fixed amount (never more than allowed),
//!   outside the deductible and coinsurance;
//! - any other service goes first to the **deductible** still open in the plan year, then the
//!   member pays the **coinsurance** rate of the rest (rounded down: the rounding favours the
//!   member);
//! - every share counts toward the **out-of-pocket maximum**; once it is reached the plan pays
//!   everything allowed for the rest of the plan year.
//!
//! The payer pays the allowed amount less the member's share, so the two always add up to the
//! allowed amount. Adjudication reads and writes only the plan year's [`Accumulators`], never
//! earlier claims, so its cost does not grow with the member's history.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding, traits::AtLeast32BitUnsigned, Permill,
	Rounding,
};
use scale_info::TypeInfo;

/// What a plan asks of its member each plan year.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct CostSharing<Balance> {
	/// What the member pays in full before coinsurance starts.
	pub deductible: Balance,
	/// The member's part of what is allowed beyond the deductible (20 % is `Permill::from_percent(20)`).
	pub coinsurance: Permill,
	/// The most the member pays in a plan year; the plan pays everything after it.
	pub out_of_pocket_max: Balance,
}

/// What a member has paid so far in a plan year.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Accumulators<Balance> {
	/// Paid toward the deductible (never more than the deductible).
	pub deductible_met: Balance,
	/// Paid in all: co-pays, deductible and coinsurance (never more than the maximum).
	pub out_of_pocket_met: Balance,
}

/// How one line's allowed amount is split between the member and the payer.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct LineShare<Balance> {
	/// What the contract allows for the line.
	pub allowed: Balance,
	/// The member's co-pay.
	pub copay: Balance,
	/// The member's payment toward the deductible.
	pub deductible: Balance,
	/// The member's coinsurance.
	pub coinsurance: Balance,
	/// What the payer pays: `allowed` less the three above.
	pub payer: Balance,
}

impl<Balance: AtLeast32BitUnsigned + Copy> LineShare<Balance> {
	/// The member's share: co-pay, deductible and coinsurance.
	pub fn member(&self) -> Balance {
		self.copay.saturating_add(self.deductible).saturating_add(self.coinsurance)
	}
}

/// What the contract allows for `units` of a service at `rate` each, never more than `charged`.
pub fn allowed_amount<Balance: AtLeast32BitUnsigned + Copy>(
	rate: Balance,
	units: u32,
	charged: Balance,
) -> Balance {
	rate.saturating_mul(Balance::from(units)).min(charged)
}

/// Splits a line's `allowed` amount between member and payer under `plan`, with the service's
/// co-pay if it has one, and adds the member's share to the plan year's `accumulators`.
pub fn share_line<Balance: AtLeast32BitUnsigned + Copy>(
	allowed: Balance,
	copay: Option<Balance>,
	plan: &CostSharing<Balance>,
	accumulators: &mut Accumulators<Balance>,
) -> LineShare<Balance> {
	let mut room = plan.out_of_pocket_max.saturating_sub(accumulators.out_of_pocket_met);
	let mut take = |amount: Balance| {
		let taken = amount.min(room);
		room = room.saturating_sub(taken);
		taken
	};
	let zero = Balance::zero();
	let mut share =
		LineShare { allowed, copay: zero, deductible: zero, coinsurance: zero, payer: zero };
	match copay {
		Some(copay) => share.copay = take(copay.min(allowed)),
		None => {
			let open = plan.deductible.saturating_sub(accumulators.deductible_met);
			share.deductible = take(open.min(allowed));
			let beyond = allowed.saturating_sub(share.deductible);
			share.coinsurance = take(plan.coinsurance.mul_floor(beyond));
		},
	}
	share.payer = allowed.saturating_sub(share.member());
	accumulators.deductible_met = accumulators.deductible_met.saturating_add(share.deductible);
	accumulators.out_of_pocket_met = accumulators.out_of_pocket_met.saturating_add(share.member());
	share
}

/// Prompt-pay interest on `amount` paid `days_late` days after the clean-claim deadline, at
/// `annual_rate` simple interest over a 365-day year, rounded down.
pub fn prompt_pay_interest<Balance: AtLeast32BitUnsigned + Copy>(
	amount: Balance,
	annual_rate: Permill,
	days_late: u32,
) -> Balance {
	let per_year: u128 = annual_rate.mul_floor(amount).unique_saturated_into();
	let interest =
		multiply_by_rational_with_rounding(per_year, u128::from(days_late), 365, Rounding::Down)
			.unwrap_or(u128::MAX);
	Balance::unique_saturated_from(interest)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// A typical plan: 1,000 deductible, 20 % coinsurance, 3,000 out-of-pocket maximum.
	const PLAN: CostSharing<u128> = CostSharing {
		deductible: 1_000,
		coinsurance: Permill::from_percent(20),
		out_of_pocket_max: 3_000,
	};

	fn total(shares: &[LineShare<u128>]) -> (u128, u128) {
		shares
			.iter()
			.fold((0, 0), |(member, payer), s| (member + s.member(), payer + s.payer))
	}

	#[test]
	fn the_allowed_amount_is_the_contract_rate_times_units_but_never_more_than_charged() {
		assert_eq!(allowed_amount(150u128, 2, 400), 300);
		assert_eq!(allowed_amount(150u128, 2, 250), 250);
		assert_eq!(allowed_amount(150u128, 0, 250), 0);
		// No overflow, whatever the fee schedule says.
		assert_eq!(allowed_amount(u128::MAX, u32::MAX, 7), 7);
	}

	#[test]
	fn the_deductible_comes_first_then_coinsurance_on_the_rest() {
		let mut year = Accumulators::default();
		// 600 allowed: all of it toward the deductible.
		let first = share_line(600, None, &PLAN, &mut year);
		assert_eq!((first.deductible, first.coinsurance, first.payer), (600, 0, 0));
		// 1,400 allowed: the last 400 of the deductible, then 20 % of 1,000.
		let second = share_line(1_400, None, &PLAN, &mut year);
		assert_eq!((second.deductible, second.coinsurance, second.payer), (400, 200, 800));
		assert_eq!(year, Accumulators { deductible_met: 1_000, out_of_pocket_met: 1_200 });
		// Deductible met: coinsurance only.
		let third = share_line(500, None, &PLAN, &mut year);
		assert_eq!((third.deductible, third.coinsurance, third.payer), (0, 100, 400));
	}

	#[test]
	fn a_copay_is_fixed_outside_the_deductible_and_never_more_than_allowed() {
		let mut year = Accumulators::default();
		let visit = share_line(180, Some(25), &PLAN, &mut year);
		assert_eq!(
			(visit.copay, visit.deductible, visit.coinsurance, visit.payer),
			(25, 0, 0, 155)
		);
		let cheap = share_line(10, Some(25), &PLAN, &mut year);
		assert_eq!((cheap.copay, cheap.payer), (10, 0));
		// Co-pays count toward the out-of-pocket maximum, not the deductible.
		assert_eq!(year, Accumulators { deductible_met: 0, out_of_pocket_met: 35 });
	}

	#[test]
	fn across_a_plan_year_the_member_pays_at_most_the_out_of_pocket_maximum() {
		let mut year = Accumulators::default();
		let shares: Vec<_> = [
			(5_000, None),   // 1,000 deductible + 800 coinsurance
			(180, Some(30)), // 30 co-pay
			(9_000, None),   // 1,800 coinsurance, but only 1,170 of room is left
			(2_000, None),   // nothing: the maximum is reached
			(120, Some(30)), // nor a co-pay
		]
		.into_iter()
		.map(|(allowed, copay)| share_line(allowed, copay, &PLAN, &mut year))
		.collect();
		assert_eq!(shares[0].member(), 1_800);
		assert_eq!(shares[1].member(), 30);
		assert_eq!(shares[2].member(), 1_170);
		assert_eq!((shares[3].member(), shares[3].payer), (0, 2_000));
		assert_eq!((shares[4].member(), shares[4].payer), (0, 120));
		assert_eq!(year.out_of_pocket_met, PLAN.out_of_pocket_max);
		// Every unit allowed is paid by one side or the other.
		let (member, payer) = total(&shares);
		assert_eq!(member, 3_000);
		assert_eq!(member + payer, 5_000 + 180 + 9_000 + 2_000 + 120);
	}

	#[test]
	fn the_maximum_can_stop_the_deductible_part_way() {
		let tight = CostSharing { out_of_pocket_max: 700, ..PLAN };
		let mut year = Accumulators::default();
		let share = share_line(2_000, None, &tight, &mut year);
		assert_eq!((share.deductible, share.coinsurance, share.payer), (700, 0, 1_300));
		assert_eq!(year, Accumulators { deductible_met: 700, out_of_pocket_met: 700 });
	}

	#[test]
	fn coinsurance_rounds_in_the_members_favour_and_the_split_always_adds_up() {
		let plan = CostSharing {
			deductible: 0,
			coinsurance: Permill::from_parts(333_333),
			out_of_pocket_max: u128::MAX,
		};
		let mut year = Accumulators::default();
		for allowed in [0u128, 1, 2, 3, 10, 999, 1_000_001, u128::MAX / 2] {
			let share = share_line(allowed, None, &plan, &mut year);
			assert_eq!(share.coinsurance, Permill::from_parts(333_333).mul_floor(allowed));
			assert_eq!(share.member() + share.payer, allowed);
		}
		// No overflow at the edges of the type.
		let mut full = Accumulators { deductible_met: 0, out_of_pocket_met: u128::MAX - 1 };
		let share = share_line(u128::MAX, None, &plan, &mut full);
		assert_eq!(share.member(), 1);
		assert_eq!(full.out_of_pocket_met, u128::MAX);
	}

	#[test]
	fn prompt_pay_interest_is_simple_interest_by_the_day() {
		// 12 % a year on 36,500 for 30 days: 36,500 × 0.12 × 30 / 365 = 360.
		assert_eq!(prompt_pay_interest(36_500u128, Permill::from_percent(12), 30), 360);
		// Rounded down; nothing when on time or at a zero rate.
		assert_eq!(prompt_pay_interest(1_000u128, Permill::from_percent(10), 1), 0);
		assert_eq!(prompt_pay_interest(36_500u128, Permill::from_percent(12), 0), 0);
		assert_eq!(prompt_pay_interest(36_500u128, Permill::zero(), 30), 0);
		// A year late at 100 % doubles nothing beyond the principal's worth; no overflow.
		assert_eq!(prompt_pay_interest(u128::MAX, Permill::one(), 365), u128::MAX);
		assert_eq!(prompt_pay_interest(u64::MAX, Permill::one(), u32::MAX), u64::MAX);
	}
}
