//! Blocks as a collator builds them: the parachain inherents first, then signed transactions
//! through `Executive::apply_extrinsic`, so that nonces, fees, weight limits and every
//! transaction extension apply exactly as on the node.

use codec::Encode;
use polkadot_sdk::{
	cumulus_pallet_parachain_system::{
		self as parachain_system,
		parachain_inherent::{BasicParachainInherentData, InboundMessagesData},
	},
	cumulus_primitives_core::{relay_chain, PersistedValidationData},
	frame_support::dispatch::GetDispatchInfo,
	frame_system, pallet_timestamp,
	sp_consensus_aura::{Slot, AURA_ENGINE_ID},
	sp_io::{storage, TestExternalities},
	sp_runtime::{
		generic::SignedPayload,
		traits::{Get as _, Hash as _, Header as _},
		transaction_validity::{InvalidTransaction, TransactionValidityError},
		ApplyExtrinsicResult, Digest, DigestItem,
	},
};

use healthchain_runtime::{
	genesis_config_presets::{preset_storage, PARACHAIN_ID},
	BlockNumber, Executive, Header, Runtime, RuntimeCall, UncheckedExtrinsic, SLOT_DURATION,
};

use crate::{
	actors::{Actor, Actors},
	coverage::Coverage,
	generate::Generator,
	invariants,
	source::Source,
};

/// The first block's slot: 2026-06-01, so that times look like today's.
const FIRST_SLOT: u64 = 1_780_272_000_000 / SLOT_DURATION;

/// The development chain's genesis, as `healthchain-node --dev` builds it.
pub fn genesis() -> TestExternalities {
	preset_storage(&"development".into())
		.expect("the development preset builds")
		.into()
}

/// The chain under the fuzzer: the last block built.
pub struct Chain {
	parent: Header,
	limits: invariants::Limits,
}

impl Chain {
	/// Picks up the chain where the state stands.
	pub fn start() -> Self {
		let number = frame_system::Pallet::<Runtime>::block_number();
		let parent = Header::new(
			number,
			Default::default(),
			Default::default(),
			frame_system::Pallet::<Runtime>::parent_hash(),
			Default::default(),
		);
		Self { parent, limits: invariants::Limits::of_runtime() }
	}

	/// The moment of block `number`, which is in slot `FIRST_SLOT + number`.
	pub fn moment_of(number: BlockNumber) -> u64 {
		(FIRST_SLOT + u64::from(number)) * SLOT_DURATION
	}

	/// Builds one block of up to `want` generated transactions, checks the invariants after
	/// each and after the block, and returns how many were applied (valid or not).
	pub fn block(
		&mut self,
		generator: &Generator,
		actors: &Actors,
		source: &mut impl Source,
		want: u64,
		coverage: &mut Coverage,
	) -> u64 {
		let number = self.parent.number + 1;
		self.initialize(number);
		let mut applied = 0;
		// What this block did, written out only if an invariant breaks at its end.
		let mut journal: Vec<(String, usize, RuntimeCall, Applied)> = Vec::new();
		while applied < want {
			let (signer, call) = generator.transaction(source, actors);
			let actor = &actors.all[signer];
			let label = coverage.label(&call);
			let before = invariants::Before::now();
			let xt = sign(call.clone(), actor);
			// The call's weight and its transaction extensions' (nonce, fee, weight checks).
			let pre = xt.get_dispatch_info();
			let length = xt.encoded_size();
			// As the block builder does: an invalid transaction leaves no trace.
			let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
				storage::start_transaction();
				let result = Executive::apply_extrinsic(xt);
				if result.is_ok() {
					storage::commit_transaction();
				} else {
					storage::rollback_transaction();
				}
				result
			}));
			let result = match result {
				Ok(result) => result,
				Err(panic) => {
					eprintln!(
						"PANIC in block {number} applying {label} from {} ({}): {call:?}",
						actor.name, actor.account
					);
					std::panic::resume_unwind(panic)
				},
			};
			applied += 1;
			if let Err(broken) =
				invariants::after_call(&self.limits, &before, &pre, length, &result)
			{
				panic!(
					"invariant broken in block {number} by {label} from {}: {broken}\n{call:?}",
					actor.name
				);
			}
			let exhausted = matches!(
				result,
				Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
			);
			coverage.record(&label, &call, &result);
			generator.learn(signer, &result);
			journal.push((label, signer, call, result));
			if exhausted {
				break;
			}
		}
		let header = Executive::finalize_block();
		coverage.blocks += 1;
		if let Err(broken) = invariants::after_block() {
			let journal: Vec<String> = journal
				.iter()
				.map(|(label, signer, call, result)| {
					format!("{label} from {}: {result:?}\n    {call:?}", actors.all[*signer].name)
				})
				.collect();
			panic!(
				"invariant broken after block {number}: {broken}\nthe block's transactions:\n{}",
				journal.join("\n")
			);
		}
		self.parent = header;
		applied
	}

	/// Starts block `number`: header with the Aura slot, then the parachain's validation data
	/// and the timestamp, as inherents.
	fn initialize(&self, number: BlockNumber) {
		let slot = Slot::from(FIRST_SLOT + u64::from(number));
		let digest = Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, slot.encode())] };
		let header =
			Header::new(number, Default::default(), Default::default(), self.parent.hash(), digest);
		Executive::initialize_block(&header);

		let parent_head = relay_chain::HeadData(self.parent.encode());
		let proof = cumulus_test_relay_sproof_builder::RelayStateSproofBuilder {
			para_id: PARACHAIN_ID.into(),
			// The relay chain's slots are as long as ours: one parachain block per relay slot.
			current_slot: relay_chain::Slot::from(*slot),
			included_para_head: Some(parent_head.clone()),
			..Default::default()
		};
		// The relay blocks built on the relay parent that the runtime asks collators to prove.
		let offset: u32 = <Runtime as parachain_system::Config>::RelayParentOffset::get();
		let (relay_parent_storage_root, relay_chain_state, relay_parent_descendants) =
			proof.into_state_root_proof_and_descendants(offset.into());
		let validation_data =
			RuntimeCall::ParachainSystem(parachain_system::Call::set_validation_data {
				data: BasicParachainInherentData {
					validation_data: PersistedValidationData {
						parent_head,
						relay_parent_number: number + 1_000,
						relay_parent_storage_root,
						max_pov_size: relay_chain::MAX_POV_SIZE,
					},
					relay_chain_state,
					relay_parent_descendants,
					collator_peer_id: None,
				},
				inbound_messages_data: InboundMessagesData::new(
					Default::default(),
					Default::default(),
				),
			});
		inherent(validation_data, "the validation data");
		inherent(
			RuntimeCall::Timestamp(pallet_timestamp::Call::set { now: Self::moment_of(number) }),
			"the timestamp",
		);
	}
}

/// Applies an inherent, which must succeed.
fn inherent(call: RuntimeCall, what: &str) {
	match Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(call)) {
		Ok(Ok(())) => {},
		other => panic!("{what} inherent failed: {other:?}"),
	}
}

/// `call` signed by `actor` with their next nonce and no tip, immortal, as a wallet signs it.
pub fn sign(call: RuntimeCall, actor: &Actor) -> UncheckedExtrinsic {
	use polkadot_sdk::sp_core::Pair;
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(&actor.account);
	let extension = healthchain_runtime::tx_extension(nonce, 0);
	let payload = SignedPayload::new(call, extension).expect("the extensions' implicit data");
	let signature = payload.using_encoded(|bytes| actor.pair.sign(bytes));
	let (call, extension, _) = payload.deconstruct();
	UncheckedExtrinsic::new_signed(call, actor.account.clone().into(), signature.into(), extension)
}

/// The result type of applying a transaction.
pub type Applied = ApplyExtrinsicResult;

/// Hashes with the runtime's hasher (used for pools of content hashes).
pub fn hash_of(data: &[u8]) -> [u8; 32] {
	<Runtime as frame_system::Config>::Hashing::hash(data).into()
}
