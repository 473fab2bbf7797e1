//! Deposits: returning them whole, and checking that what a pallet holds is what its storage
//! records.
//!
//! A pallet holds a deposit for each item it stores and records the amount and the depositor
//! with the item. Its `try_state` sums the recorded deposits by depositor and asks
//! [`holds_match`] whether every account holds exactly that under the reason: no hold without
//! the state that justifies it, no stored deposit without its hold.

use alloc::{collections::BTreeMap, vec::Vec};
use polkadot_sdk::{
	frame_support::traits::{fungible::MutateHold, tokens::Precision},
	sp_runtime::{traits::Zero, DispatchResult, Saturating},
};

/// Returns the deposit `amount` held from `who` under `reason`: all of it, or nothing. If less
/// is held (the stored deposit and the hold disagree, which `try_state` reports) it fails and
/// changes nothing, rather than release what there is and forget the rest.
pub fn release<AccountId, Currency: MutateHold<AccountId>>(
	reason: &Currency::Reason,
	who: &AccountId,
	amount: Currency::Balance,
) -> DispatchResult {
	Currency::release(reason, who, amount, Precision::Exact).map(|_| ())
}

/// Adds a deposit `who` pays to the sum stored for them in `deposits`.
pub fn add<AccountId: Ord + Clone, Balance: Zero + Saturating + Copy>(
	deposits: &mut BTreeMap<AccountId, Balance>,
	who: &AccountId,
	amount: Balance,
) {
	let sum = deposits.entry(who.clone()).or_insert_with(Zero::zero);
	*sum = sum.saturating_add(amount);
}

/// Whether, for each reason in `stored`, every account holds under it exactly the deposits
/// stored for it (nothing if none). `held` tells what an account holds under a reason;
/// `accounts` must name every account that may hold anything (in a runtime, the keys of
/// `frame_system::Account`): a hold with no stored deposit shows only on an account the
/// stored deposits do not name. Each reason the pallet holds for must be listed, even with no
/// deposits stored.
pub fn holds_match<Reason, AccountId: Ord, Balance: Zero + PartialEq>(
	accounts: impl IntoIterator<Item = AccountId>,
	stored: impl IntoIterator<Item = (Reason, BTreeMap<AccountId, Balance>)>,
	held: impl Fn(&Reason, &AccountId) -> Balance,
) -> bool {
	let mut stored: Vec<_> = stored.into_iter().collect();
	for who in accounts {
		for (reason, deposits) in stored.iter_mut() {
			if held(reason, &who) != deposits.remove(&who).unwrap_or_else(Zero::zero) {
				return false;
			}
		}
	}
	// Deposits of accounts `accounts` left out: held only if the account holds them anyway.
	stored.iter().all(|(reason, deposits)| {
		deposits.iter().all(|(who, deposit)| held(reason, who) == *deposit)
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	const A: u8 = 0;
	const B: u8 = 1;

	fn deposits(list: &[(u8, u64)]) -> BTreeMap<u8, u64> {
		let mut deposits = BTreeMap::new();
		for (who, amount) in list {
			add(&mut deposits, who, *amount);
		}
		deposits
	}

	#[test]
	fn deposits_of_one_account_add_up() {
		assert_eq!(deposits(&[(1, 3), (2, 4), (1, 5)]), BTreeMap::from([(1, 8), (2, 4)]));
		assert_eq!(deposits(&[(1, u64::MAX), (1, 1)]), BTreeMap::from([(1, u64::MAX)]));
	}

	#[test]
	fn holds_equal_to_the_stored_deposits_match() {
		let held = |reason: &u8, who: &u8| match (*reason, *who) {
			(A, 1) => 8,
			(B, 2) => 4,
			_ => 0,
		};
		let stored = || [(A, deposits(&[(1, 3), (1, 5)])), (B, deposits(&[(2, 4)]))];
		assert!(holds_match([1, 2, 3], stored(), held));
		assert!(holds_match([], stored(), held));
	}

	#[test]
	fn a_hold_without_a_stored_deposit_is_found() {
		let held = |reason: &u8, who: &u8| if (*reason, *who) == (B, 3) { 1 } else { 0 };
		assert!(!holds_match([1, 2, 3], [(A, deposits(&[])), (B, deposits(&[]))], held));
		// Found only when the accounts are named.
		assert!(holds_match([], [(A, deposits(&[])), (B, deposits(&[]))], held));
	}

	#[test]
	fn a_stored_deposit_without_its_hold_is_found() {
		let held = |_: &u8, _: &u8| 0;
		assert!(!holds_match([1], [(A, deposits(&[(1, 2)]))], held));
		// Also when the depositor is not among the accounts named.
		assert!(!holds_match([], [(A, deposits(&[(1, 2)]))], held));
		assert!(holds_match([1], [(A, deposits(&[(1, 0)]))], held));
	}

	#[test]
	fn a_hold_under_another_reason_is_found() {
		let held = |reason: &u8, who: &u8| if (*reason, *who) == (B, 1) { 2 } else { 0 };
		assert!(!holds_match([1], [(A, deposits(&[(1, 2)])), (B, deposits(&[]))], held));
	}
}
