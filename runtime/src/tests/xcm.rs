//! Cross-consensus messages: the relay chain's token can never become HCU.

use polkadot_sdk::{staging_xcm as xcm, staging_xcm_executor as xcm_executor, *};

use frame_support::{assert_ok, traits::fungible::Mutate, weights::Weight};
use sp_keyring::Sr25519Keyring;
use xcm::latest::prelude::*;
use xcm_executor::{traits::ConvertLocation, XcmExecutor};

use super::dev_chain;
use crate::{
	configs::xcm::{LocationToAccountId, XcmConfig},
	Balances, RuntimeCall, UNIT,
};

/// Executes `message` as if it came from `origin`, as the message queue would.
fn execute(origin: impl Into<Location>, message: Vec<Instruction<RuntimeCall>>) -> Outcome {
	let mut id = [0u8; 32];
	XcmExecutor::<XcmConfig>::prepare_and_execute(
		origin,
		Xcm(message),
		&mut id,
		Weight::from_parts(1_000_000_000_000, 1024 * 1024),
		Weight::zero(),
	)
}

fn bob() -> Location {
	AccountId32 { network: None, id: Sr25519Keyring::Bob.to_raw_public() }.into()
}

/// The usual "deposit these funds to Bob" tail, paid in `fee_asset`.
fn pay_and_deposit_to_bob(fee_asset: Location) -> Vec<Instruction<RuntimeCall>> {
	vec![
		ClearOrigin,
		BuyExecution { fees: (fee_asset, UNIT).into(), weight_limit: Unlimited },
		DepositAsset { assets: Wild(AllCounted(1)), beneficiary: bob() },
	]
}

fn error_of(outcome: Outcome) -> Option<XcmError> {
	match outcome {
		Outcome::Complete { .. } => None,
		Outcome::Incomplete { error, .. } | Outcome::Error(error) => Some(error.error),
	}
}

#[test]
fn a_reserve_deposit_of_the_relay_token_mints_nothing() {
	dev_chain().execute_with(|| {
		let issuance = Balances::total_issuance();
		let before = Balances::free_balance(Sr25519Keyring::Bob.to_account_id());
		// From the relay chain itself, and from a sibling (Asset Hub, say) claiming to be its
		// reserve.
		for origin in [Location::parent(), Location::new(1, [Parachain(1000)])] {
			let mut message = vec![ReserveAssetDeposited((Location::parent(), 10 * UNIT).into())];
			message.extend(pay_and_deposit_to_bob(Location::parent()));
			assert_eq!(
				error_of(execute(origin, message)),
				Some(XcmError::UntrustedReserveLocation)
			);
		}
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Balances::free_balance(Sr25519Keyring::Bob.to_account_id()), before);
	});
}

#[test]
fn a_teleport_of_the_relay_token_mints_nothing() {
	dev_chain().execute_with(|| {
		let issuance = Balances::total_issuance();
		let mut message = vec![ReceiveTeleportedAsset((Location::parent(), 10 * UNIT).into())];
		message.extend(pay_and_deposit_to_bob(Location::parent()));
		assert_eq!(
			error_of(execute(Location::parent(), message)),
			Some(XcmError::UntrustedTeleportLocation)
		);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn hcu_held_by_the_relay_chain_is_not_the_relay_token() {
	dev_chain().execute_with(|| {
		// The relay chain's sovereign account here holds HCU (someone sent it some).
		let relay = LocationToAccountId::convert_location(&Location::parent()).unwrap();
		assert_ok!(Balances::mint_into(&relay, 100 * UNIT));
		let held = Balances::free_balance(&relay);
		// Withdrawing "the relay token" must not take those HCU.
		let mut message = vec![WithdrawAsset((Location::parent(), 10 * UNIT).into())];
		message.extend(pay_and_deposit_to_bob(Location::parent()));
		assert_eq!(error_of(execute(Location::parent(), message)), Some(XcmError::AssetNotFound));
		assert_eq!(Balances::free_balance(&relay), held);
	});
}

#[test]
fn a_sibling_pays_for_its_message_in_hcu_from_its_sovereign_account() {
	dev_chain().execute_with(|| {
		let sibling = Location::new(1, [Parachain(2001)]);
		let sovereign = LocationToAccountId::convert_location(&sibling).unwrap();
		assert_ok!(Balances::mint_into(&sovereign, 100 * UNIT));
		let issuance = Balances::total_issuance();
		let bob_before = Balances::free_balance(Sr25519Keyring::Bob.to_account_id());

		let mut message = vec![WithdrawAsset((Location::here(), 10 * UNIT).into())];
		message.extend(pay_and_deposit_to_bob(Location::here()));
		assert_eq!(error_of(execute(sibling, message)), None);

		assert_eq!(Balances::free_balance(&sovereign), 90 * UNIT);
		let received = Balances::free_balance(Sr25519Keyring::Bob.to_account_id()) - bob_before;
		assert!(received > 9 * UNIT && received < 10 * UNIT, "Bob got the rest after fees");
		assert!(Balances::total_issuance() <= issuance, "nothing was minted");
	});
}

#[test]
fn a_sibling_cannot_act_as_a_local_account() {
	dev_chain().execute_with(|| {
		// A sibling names Bob's 32-byte id inside its own location: that is an account on the
		// sibling, not Bob here, and it maps to no account at all.
		let bob_id = Sr25519Keyring::Bob.to_raw_public();
		let impostor =
			Location::new(1, [Parachain(2001), AccountId32 { network: None, id: bob_id }]);
		assert_eq!(LocationToAccountId::convert_location(&impostor), None);
		let bob_before = Balances::free_balance(Sr25519Keyring::Bob.to_account_id());
		let message = vec![
			WithdrawAsset((Location::here(), 10 * UNIT).into()),
			BuyExecution { fees: (Location::here(), UNIT).into(), weight_limit: Unlimited },
			DepositAsset {
				assets: Wild(AllCounted(1)),
				beneficiary: Location::new(0, [Parachain(2001)]),
			},
		];
		assert!(error_of(execute(impostor, message)).is_some());
		assert_eq!(Balances::free_balance(Sr25519Keyring::Bob.to_account_id()), bob_before);
	});
}

#[test]
fn a_sibling_does_not_execute_without_paying() {
	dev_chain().execute_with(|| {
		let message =
			vec![UnpaidExecution { weight_limit: Unlimited, check_origin: None }, ClearOrigin];
		assert_eq!(
			error_of(execute(Location::new(1, [Parachain(2001)]), message)),
			Some(XcmError::Barrier)
		);
		// The relay chain may (its governance acts here without paying).
		let message =
			vec![UnpaidExecution { weight_limit: Unlimited, check_origin: None }, ClearOrigin];
		assert_eq!(error_of(execute(Location::parent(), message)), None);
	});
}
