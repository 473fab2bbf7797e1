//! Root without sudo, and the emergency brake: each rule with the attack it stops.

use polkadot_sdk::*;

use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::{GetCallMetadata, Hooks},
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Dispatchable, Hash},
	DispatchError, DispatchResult,
};

use super::dev_chain;
use crate::{
	configs::emergency::UNPAUSABLE_PALLETS, AccountId, Balances, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, SafeMode, System, TxPause, Whitelist, DAYS, UNIT,
};

type CouncilInstance = pallet_collective::Instance1;
type TechnicalInstance = pallet_collective::Instance2;

fn accounts(keys: &[Sr25519Keyring]) -> Vec<AccountId> {
	keys.iter().map(|k| k.to_account_id()).collect()
}

/// The dev chain's council of health authorities.
fn council() -> Vec<AccountId> {
	accounts(&[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie])
}

/// The dev chain's technical committee.
fn technical_committee() -> Vec<AccountId> {
	accounts(&[Sr25519Keyring::Dave, Sr25519Keyring::Eve, Sr25519Keyring::Ferdie])
}

/// An account in neither body.
fn outsider() -> AccountId {
	Sr25519Keyring::AliceStash.to_account_id()
}

/// Passes `call` through a collective: the first of `members` proposes it with threshold
/// `ayes`, that many vote aye (a proposer's vote is not implied), and it is closed. Answers what the call returned when executed.
fn pass_motion<I: 'static>(members: &[AccountId], ayes: u32, call: RuntimeCall) -> DispatchResult
where
	Runtime: pallet_collective::Config<I, Proposal = RuntimeCall>,
	RuntimeEvent: TryInto<pallet_collective::Event<Runtime, I>>,
{
	type Collective<I> = pallet_collective::Pallet<Runtime, I>;
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, I>::get();
	System::reset_events();
	assert_ok!(Collective::<I>::propose(
		RuntimeOrigin::signed(members[0].clone()),
		ayes,
		Box::new(call),
		length
	));
	if ayes > 1 {
		for member in &members[..ayes as usize] {
			assert_ok!(Collective::<I>::vote(
				RuntimeOrigin::signed(member.clone()),
				hash,
				index,
				true
			));
		}
		assert_ok!(Collective::<I>::close(
			RuntimeOrigin::signed(members[0].clone()),
			hash,
			index,
			weight,
			length
		));
	}
	System::events()
		.into_iter()
		.find_map(|record| match record.event.try_into() {
			Ok(pallet_collective::Event::Executed { result, .. }) => Some(result),
			_ => None,
		})
		.expect("the motion was executed")
}

/// The call that authorises a runtime upgrade, as root must dispatch it.
fn authorize_upgrade(code_hash: H256) -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::authorize_upgrade { code_hash })
}

/// The council's half of root: dispatch `call` as root once the committee has whitelisted it.
fn dispatch_whitelisted(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Whitelist(pallet_whitelist::Call::dispatch_whitelisted_call_with_preimage {
		call: Box::new(call),
	})
}

/// The committee's half of root: vouch for the call with this hash.
fn whitelist(call: &RuntimeCall) -> RuntimeCall {
	RuntimeCall::Whitelist(pallet_whitelist::Call::whitelist_call {
		call_hash: <Runtime as frame_system::Config>::Hashing::hash_of(call),
	})
}

/// The code hash `frame_system` holds as authorised (its storage item is private: read raw).
fn authorized_upgrade() -> Option<H256> {
	let key = [sp_io::hashing::twox_128(b"System"), sp_io::hashing::twox_128(b"AuthorizedUpgrade")]
		.concat();
	frame_support::storage::unhashed::get::<(H256, bool)>(&key).map(|(code_hash, _)| code_hash)
}

#[test]
fn the_committee_then_the_council_authorise_a_runtime_upgrade() {
	dev_chain().execute_with(|| {
		let code_hash = H256::repeat_byte(7);
		let upgrade = authorize_upgrade(code_hash);
		assert_ok!(pass_motion::<TechnicalInstance>(
			&technical_committee(),
			2,
			whitelist(&upgrade)
		));
		assert_eq!(authorized_upgrade(), None, "whitelisting alone dispatches nothing");
		assert_ok!(pass_motion::<CouncilInstance>(&council(), 2, dispatch_whitelisted(upgrade)));
		assert_eq!(authorized_upgrade(), Some(code_hash));
	});
}

#[test]
fn a_council_approval_waits_for_the_committee_and_anyone_then_relays_it() {
	dev_chain().execute_with(|| {
		let code_hash = H256::repeat_byte(8);
		let upgrade = authorize_upgrade(code_hash);
		// The council alone, even unanimous, only defers the dispatch.
		assert_ok!(pass_motion::<CouncilInstance>(
			&council(),
			3,
			dispatch_whitelisted(upgrade.clone())
		));
		assert_eq!(authorized_upgrade(), None);
		// Nobody can relay it before the committee vouches for it.
		assert!(Whitelist::dispatch_whitelisted_call_with_preimage(
			RuntimeOrigin::signed(outsider()),
			Box::new(upgrade.clone()),
		)
		.is_err());
		assert_eq!(authorized_upgrade(), None);

		assert_ok!(pass_motion::<TechnicalInstance>(
			&technical_committee(),
			2,
			whitelist(&upgrade)
		));
		assert_ok!(Whitelist::dispatch_whitelisted_call_with_preimage(
			RuntimeOrigin::signed(outsider()),
			Box::new(upgrade),
		));
		assert_eq!(authorized_upgrade(), Some(code_hash));
	});
}

#[test]
fn neither_body_alone_nor_a_minority_reaches_root() {
	dev_chain().execute_with(|| {
		let upgrade = authorize_upgrade(H256::repeat_byte(9));
		// One committee member of three cannot whitelist.
		assert_eq!(
			pass_motion::<TechnicalInstance>(&technical_committee(), 1, whitelist(&upgrade)),
			Err(DispatchError::BadOrigin)
		);
		// The committee cannot dispatch what it whitelisted: that is the council's half.
		assert_ok!(pass_motion::<TechnicalInstance>(
			&technical_committee(),
			3,
			whitelist(&upgrade)
		));
		assert_eq!(
			pass_motion::<TechnicalInstance>(
				&technical_committee(),
				3,
				dispatch_whitelisted(upgrade.clone())
			),
			Err(DispatchError::BadOrigin)
		);
		// One council member of three cannot either.
		assert_eq!(
			pass_motion::<CouncilInstance>(&council(), 1, dispatch_whitelisted(upgrade.clone())),
			Err(DispatchError::BadOrigin)
		);
		// Nor can the council whitelist for itself.
		assert_eq!(
			pass_motion::<CouncilInstance>(
				&council(),
				3,
				whitelist(&authorize_upgrade(H256::zero()))
			),
			Err(DispatchError::BadOrigin)
		);
		// Nor can anyone call root directly.
		assert_noop!(
			upgrade.clone().dispatch(RuntimeOrigin::signed(outsider())).map_err(|e| e.error),
			DispatchError::BadOrigin
		);
		assert_eq!(authorized_upgrade(), None);
	});
}

#[test]
fn only_both_bodies_change_the_technical_committee() {
	dev_chain().execute_with(|| {
		let newcomer = outsider();
		let add = RuntimeCall::TechnicalMembership(pallet_membership::Call::add_member {
			who: newcomer.clone().into(),
		});
		let reset = RuntimeCall::TechnicalMembership(pallet_membership::Call::reset_members {
			members: council(),
		});
		// A captured council must not name itself the committee and so reach root alone.
		assert_eq!(
			pass_motion::<CouncilInstance>(&council(), 3, reset),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			pass_motion::<CouncilInstance>(&council(), 3, add.clone()),
			Err(DispatchError::BadOrigin)
		);
		// Nor can the committee co-opt members.
		assert_eq!(
			pass_motion::<TechnicalInstance>(&technical_committee(), 3, add.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(pallet_collective::Members::<Runtime, TechnicalInstance>::get().len(), 3);
		// Through root: the committee whitelists the change, the council dispatches it.
		assert_ok!(pass_motion::<TechnicalInstance>(&technical_committee(), 2, whitelist(&add)));
		assert_ok!(pass_motion::<CouncilInstance>(&council(), 2, dispatch_whitelisted(add)));
		assert!(pallet_collective::Members::<Runtime, TechnicalInstance>::get().contains(&newcomer));
	});
}

#[test]
fn members_who_do_not_vote_count_against_a_motion() {
	dev_chain().execute_with(|| {
		type Committee = pallet_collective::Pallet<Runtime, TechnicalInstance>;
		let [dave, _, _] = <[AccountId; 3]>::try_from(technical_committee()).unwrap();
		// Dave is the prime member; with the SDK's `PrimeDefaultVote` the silent members
		// would follow him once the motion's term ends.
		assert_ok!(crate::TechnicalMembership::set_prime(
			RuntimeOrigin::root(),
			dave.clone().into()
		));
		let enter = RuntimeCall::SafeMode(pallet_safe_mode::Call::force_enter {});
		let (length, weight) = (enter.encoded_size() as u32, enter.get_dispatch_info().call_weight);
		let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&enter);
		assert_ok!(Committee::propose(
			RuntimeOrigin::signed(dave.clone()),
			2,
			Box::new(enter),
			length
		));
		assert_ok!(Committee::vote(RuntimeOrigin::signed(dave.clone()), hash, 0, true));
		System::set_block_number(2 + DAYS);
		assert_ok!(Committee::close(RuntimeOrigin::signed(dave), hash, 0, weight, length));
		assert!(System::events().iter().any(|record| matches!(
			record.event,
			RuntimeEvent::TechnicalCommittee(pallet_collective::Event::Disapproved { .. })
		)));
		assert_eq!(pallet_safe_mode::EnteredUntil::<Runtime>::get(), None);
	});
}

#[test]
fn the_brake_needs_more_than_half_of_the_committee() {
	use frame_support::traits::EnsureOrigin;
	type Brake = <Runtime as pallet_safe_mode::Config>::ForceEnterOrigin;
	type Members = pallet_collective::RawOrigin<AccountId, TechnicalInstance>;
	let pulls =
		|ayes, seats| Brake::try_origin(RuntimeOrigin::from(Members::Members(ayes, seats))).is_ok();
	assert!(!pulls(1, 2), "one of two is not a majority");
	assert!(pulls(2, 2));
	assert!(!pulls(1, 3));
	assert!(pulls(2, 3));
	assert!(!pulls(2, 4));
	assert!(pulls(3, 4));
	assert_eq!(Brake::try_origin(RuntimeOrigin::root()).ok(), Some(DAYS));
	let council_origin = RuntimeOrigin::from(pallet_collective::RawOrigin::<
		AccountId,
		CouncilInstance,
	>::Members(3, 3));
	assert!(Brake::try_origin(council_origin).is_err());
}

#[test]
fn safe_mode_holds_sibling_messages_until_it_ends() {
	use cumulus_primitives_core::AggregateMessageOrigin;
	use frame_support::traits::QueuePausedQuery;
	type Paused = <Runtime as pallet_message_queue::Config>::QueuePausedQuery;
	dev_chain().execute_with(|| {
		let sibling = AggregateMessageOrigin::Sibling(2001.into());
		assert!(!Paused::is_paused(&sibling));
		assert_ok!(SafeMode::force_enter(RuntimeOrigin::root()));
		// A sibling's message could move HCU without a call the filter sees: it waits.
		assert!(Paused::is_paused(&sibling));
		// The relay chain's governance still reaches the chain.
		assert!(!Paused::is_paused(&AggregateMessageOrigin::Parent));
		assert_ok!(SafeMode::force_exit(RuntimeOrigin::root()));
		assert!(!Paused::is_paused(&sibling));
	});
}

fn transfer(value: u128) -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Sr25519Keyring::Bob.to_account_id().into(),
		value,
	})
}

fn publish_key() -> RuntimeCall {
	RuntimeCall::Records(pallet_records::Call::publish_encryption_key { key: [3; 32] })
}

/// Dispatches `call` as a signed transaction from `who` would.
fn dispatch_signed(who: &AccountId, call: RuntimeCall) -> DispatchResult {
	call.dispatch(RuntimeOrigin::signed(who.clone()))
		.map(|_| ())
		.map_err(|e| e.error)
}

fn filtered() -> DispatchError {
	frame_system::Error::<Runtime>::CallFiltered.into()
}

#[test]
fn safe_mode_stops_health_care_and_transfers_but_not_governance() {
	dev_chain().execute_with(|| {
		let patient = Sr25519Keyring::BobStash.to_account_id();
		let enter = RuntimeCall::SafeMode(pallet_safe_mode::Call::force_enter {});
		assert_ok!(pass_motion::<TechnicalInstance>(&technical_committee(), 2, enter));
		assert_eq!(pallet_safe_mode::EnteredUntil::<Runtime>::get(), Some(1 + DAYS));

		assert_eq!(dispatch_signed(&patient, publish_key()), Err(filtered()));
		assert_eq!(dispatch_signed(&patient, transfer(UNIT)), Err(filtered()));
		// Wrappers are allowed, but pass the filter on to what they carry.
		System::reset_events();
		assert_ok!(dispatch_signed(
			&patient,
			RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![transfer(UNIT)] })
		));
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::Utility(pallet_utility::Event::BatchInterrupted { error, .. })
				if *error == filtered()
		)));
		// A multisig cannot carry it either.
		assert_eq!(
			dispatch_signed(
				&patient,
				RuntimeCall::Multisig(pallet_multisig::Call::as_multi_threshold_1 {
					other_signatories: vec![outsider()],
					call: Box::new(transfer(UNIT)),
				})
			),
			Err(filtered())
		);
		// Governance still works: the council still seats a health authority.
		let seat = RuntimeCall::CouncilMembership(pallet_membership::Call::add_member {
			who: outsider().into(),
		});
		assert_ok!(pass_motion::<CouncilInstance>(&council(), 2, seat));

		let exit = RuntimeCall::SafeMode(pallet_safe_mode::Call::force_exit {});
		assert_ok!(pass_motion::<TechnicalInstance>(&technical_committee(), 2, exit));
		assert_ok!(dispatch_signed(&patient, publish_key()));
		assert_ok!(dispatch_signed(&patient, transfer(UNIT)));
	});
}

#[test]
fn safe_mode_ends_by_itself_after_a_day() {
	dev_chain().execute_with(|| {
		let enter = RuntimeCall::SafeMode(pallet_safe_mode::Call::force_enter {});
		assert_ok!(pass_motion::<TechnicalInstance>(&technical_committee(), 2, enter));
		let patient = Sr25519Keyring::BobStash.to_account_id();
		assert_eq!(dispatch_signed(&patient, publish_key()), Err(filtered()));
		System::set_block_number(2 + DAYS);
		SafeMode::on_initialize(2 + DAYS);
		assert_ok!(dispatch_signed(&patient, publish_key()));
	});
}

#[test]
fn nobody_outside_the_committee_can_stop_the_chain() {
	dev_chain().execute_with(|| {
		let griefer = outsider();
		// Entering by paying is switched off: a few HCU must not stop a health system.
		assert_noop!(
			SafeMode::enter(RuntimeOrigin::signed(griefer.clone())),
			pallet_safe_mode::Error::<Runtime>::NotConfigured
		);
		assert_noop!(
			SafeMode::force_enter(RuntimeOrigin::signed(griefer.clone())),
			DispatchError::BadOrigin
		);
		let pause = RuntimeCall::TxPause(pallet_tx_pause::Call::pause {
			full_name: name(b"Records", b"add_record"),
		});
		assert_eq!(dispatch_signed(&griefer, pause.clone()), Err(DispatchError::BadOrigin));
		// Nor a single committee member of three, nor the council.
		let enter = RuntimeCall::SafeMode(pallet_safe_mode::Call::force_enter {});
		assert_eq!(
			pass_motion::<TechnicalInstance>(&technical_committee(), 1, enter.clone()),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			pass_motion::<CouncilInstance>(&council(), 3, enter),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(
			pass_motion::<CouncilInstance>(&council(), 3, pause),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(pallet_safe_mode::EnteredUntil::<Runtime>::get(), None);
		assert_ok!(dispatch_signed(&griefer, publish_key()));
	});
}

fn name(pallet: &[u8], call: &[u8]) -> pallet_tx_pause::RuntimeCallNameOf<Runtime> {
	(pallet.to_vec().try_into().unwrap(), call.to_vec().try_into().unwrap())
}

#[test]
fn the_committee_pauses_one_call_and_the_rest_of_the_chain_serves_patients() {
	dev_chain().execute_with(|| {
		let patient = Sr25519Keyring::BobStash.to_account_id();
		let pause = RuntimeCall::TxPause(pallet_tx_pause::Call::pause {
			full_name: name(b"Records", b"publish_encryption_key"),
		});
		assert_ok!(pass_motion::<TechnicalInstance>(&technical_committee(), 2, pause));
		assert_eq!(dispatch_signed(&patient, publish_key()), Err(filtered()));
		// Also inside a batch or through a proxy: the filter goes with the call.
		System::reset_events();
		assert_ok!(dispatch_signed(
			&patient,
			RuntimeCall::Utility(pallet_utility::Call::batch { calls: vec![publish_key()] })
		));
		assert!(System::events().iter().any(|record| matches!(
			&record.event,
			RuntimeEvent::Utility(pallet_utility::Event::BatchInterrupted { error, .. })
				if *error == filtered()
		)));
		assert_ok!(dispatch_signed(&patient, transfer(UNIT)));

		let unpause = RuntimeCall::TxPause(pallet_tx_pause::Call::unpause {
			ident: name(b"Records", b"publish_encryption_key"),
		});
		assert_ok!(pass_motion::<TechnicalInstance>(&technical_committee(), 2, unpause));
		assert_ok!(dispatch_signed(&patient, publish_key()));
	});
}

#[test]
fn governance_and_block_production_cannot_be_paused() {
	dev_chain().execute_with(|| {
		for pallet in UNPAUSABLE_PALLETS {
			assert_noop!(
				TxPause::pause(RuntimeOrigin::root(), name(pallet, b"any_call")),
				pallet_tx_pause::Error::<Runtime>::Unpausable
			);
		}
		// Every name in the list is a pallet of this runtime, so none is exempt by a typo.
		let pallets = RuntimeCall::get_module_names();
		for pallet in UNPAUSABLE_PALLETS {
			let pallet = core::str::from_utf8(pallet).unwrap();
			assert!(pallets.contains(&pallet), "{pallet} is a pallet with calls");
		}
		assert_ok!(TxPause::pause(
			RuntimeOrigin::root(),
			name(b"Balances", b"transfer_keep_alive")
		));
		let patient = Sr25519Keyring::BobStash.to_account_id();
		let before = Balances::free_balance(&patient);
		assert_eq!(dispatch_signed(&patient, transfer(UNIT)), Err(filtered()));
		assert_eq!(Balances::free_balance(&patient), before);
		assert_ok!(dispatch_signed(&patient, publish_key()));
	});
}
