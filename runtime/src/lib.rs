//! # HealthChain runtime
//!
//! The parachain runtime of HealthChain: the Cumulus/FRAME base (system, consensus, collators, XCM,
//! fees, accounts) on which the health-care pallets (credentials, records, consent, prescriptions,
//! provenance, clinical trials) are composed. Each concern's configuration lives in `configs/`.

// `healthchain-runtime-release` (runtime/release: the runtime as a network runs it) and
// `healthchain-runtime-next` (runtime/next: the same one spec_version on) build this source and
// are wanted only as WASM (`wasm-only`): their native build is empty, so it costs no compile and
// need not match the node's features (the node turns benchmarking on in every pallet; a release
// runtime has none).
#![cfg(not(all(feature = "std", feature = "wasm-only")))]
#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime` and `impl_runtime_apis` expand deeply.
#![recursion_limit = "256"]

// The WASM blob built by `build.rs`, embedded into the node for its chain specs.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
// The runtime's own tests; the WASM-only packages build the same source without them.
#[cfg(all(test, not(feature = "wasm-only")))]
mod tests;
pub mod weights;

extern crate alloc;

use alloc::vec::Vec;
use polkadot_sdk::{staging_parachain_info as parachain_info, *};

use frame_support::weights::{
	constants::WEIGHT_REF_TIME_PER_SECOND, Weight, WeightToFeeCoefficient, WeightToFeeCoefficients,
	WeightToFeePolynomial,
};
use smallvec::smallvec;
use sp_runtime::{generic, impl_opaque_keys, Perbill};
use sp_version::RuntimeVersion;

pub use healthchain_primitives::{
	currency::{self, *},
	AccountId, Address, Balance, BlockNumber, Hash, Header, Moment, Nonce, Signature,
};
pub use sp_consensus_aura::sr25519::AuthorityId as AuraId;

use weights::ExtrinsicBaseWeight;

/// A block of this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions every signed transaction carries, in the order wallets sign them.
///
/// `StorageWeightReclaim` wraps them all so that the proof size actually used is reclaimed after
/// dispatch. `CheckMetadataHash` lets wallets prove which metadata they decoded the call with
/// (polkadot.js signs with mode 0, which needs no hash).
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
	Runtime,
	(
		frame_system::CheckNonZeroSender<Runtime>,
		frame_system::CheckSpecVersion<Runtime>,
		frame_system::CheckTxVersion<Runtime>,
		frame_system::CheckGenesis<Runtime>,
		frame_system::CheckEra<Runtime>,
		frame_system::CheckNonce<Runtime>,
		frame_system::CheckWeight<Runtime>,
		pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	),
>;

/// The transaction extensions a wallet signs with: immortal, `nonce`, a `tip`, and no metadata
/// hash. What the fuzzer signs and what the capacity table prices, built in one place.
pub fn tx_extension(nonce: Nonce, tip: Balance) -> TxExtension {
	cumulus_pallet_weight_reclaim::StorageWeightReclaim::new((
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(generic::Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(tip),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
	))
}

/// An extrinsic as it comes from the outside world.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// Storage migrations to run on the next runtime upgrade (none yet: this is the first release).
type Migrations = ();

/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// What the base weight of an extrinsic (about 108 µs of compute) costs: a tenth of a
/// milli-unit. With a byte costing one micro-unit (`TransactionByteFee`), the weight is most of
/// what a health-care call pays: a call of three to five base weights and 200 to 300 bytes pays
/// 0.3 to 0.5 milli-units for compute and 0.2 to 0.3 for its length.
pub const FEE_PER_BASE_EXTRINSIC_WEIGHT: Balance = 100 * MICRO_UNIT;

/// Converts weight to fee, linearly: [`FEE_PER_BASE_EXTRINSIC_WEIGHT`] per base weight.
pub struct WeightToFee;
impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;
	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let p = FEE_PER_BASE_EXTRINSIC_WEIGHT;
		let q = Balance::from(ExtrinsicBaseWeight::get().ref_time());
		smallvec![WeightToFeeCoefficient {
			degree: 1,
			negative: false,
			coeff_frac: Perbill::from_rational(p % q, q),
			coeff_integer: p / q,
		}]
	}
}

/// Types the node needs without knowing the runtime's calls.
pub mod opaque {
	pub use healthchain_primitives::{Header, OpaqueBlock as Block};
	pub use polkadot_sdk::sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
}

impl_opaque_keys! {
	/// The session keys a collator registers: its Aura block-authoring key.
	pub struct SessionKeys {
		pub aura: Aura,
	}
}

/// Declares [`VERSION`] with the given `spec_version`.
macro_rules! runtime_version {
	($spec_version:tt) => {
		/// The runtime's version. Bump `spec_version` with every runtime upgrade (both numbers
		/// below, keeping the second one higher), and `transaction_version` whenever calls or
		/// their encoding change.
		#[sp_version::runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("healthchain"),
			impl_name: alloc::borrow::Cow::Borrowed("healthchain"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 0,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 1,
			system_version: 1,
		};
	};
}
#[cfg(not(feature = "next-spec-version"))]
runtime_version!(1);
// The same runtime, one version on: what `healthchain-runtime-next` builds for upgrade tests.
#[cfg(feature = "next-spec-version")]
runtime_version!(2);

/// Block times. The chain is provisioned for elastic scaling on up to
/// [`BLOCK_PROCESSING_VELOCITY`] relay-chain cores: on each core one block per 6-second relay
/// slot, so 6 s between blocks on one core and 2 s on three.
pub mod block_times {
	/// An Aura slot lasts one relay-chain slot; on several cores the blocks of one relay slot
	/// share its Aura slot (and its author).
	pub const SLOT_DURATION: u64 = super::RELAY_CHAIN_SLOT_DURATION_MILLIS as u64;
	/// The time between two blocks on every core the chain is provisioned for. Periods counted in
	/// blocks ([`super::MINUTES`], [`super::HOURS`], [`super::DAYS`]: sessions, motions, safe
	/// mode) are set at this rate, so on fewer cores they last longer, never shorter: a council
	/// motion open three days stays open at least three days. Health-data deadlines (consent,
	/// prescriptions, claims, trials) are counted in timestamps and do not depend on it.
	pub const MILLI_SECS_PER_BLOCK: u64 = SLOT_DURATION / super::BLOCK_PROCESSING_VELOCITY as u64;
}
pub use block_times::*;

/// Blocks in a minute at the provisioned block rate.
pub const MINUTES: BlockNumber = 60_000 / (MILLI_SECS_PER_BLOCK as BlockNumber);
/// Blocks in an hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks in a day.
pub const DAYS: BlockNumber = HOURS * 24;

/// Share of the block that `on_initialize` hooks may use.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);

/// Share of the block that normal (non-operational) transactions may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Two seconds of compute per block (asynchronous backing), with the relay chain's PoV limit.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(
	WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2),
	cumulus_primitives_core::relay_chain::MAX_POV_SIZE as u64,
);

/// Asynchronous backing and elastic scaling: how many blocks may be built per relay-chain block
/// and how far ahead of inclusion.
mod async_backing_params {
	/// Relay-chain blocks between a block's relay parent and the relay chain's tip. Building one
	/// block behind the tip keeps collators on relay blocks that are unlikely to be reorganised
	/// away, which matters once several blocks are built per relay block; it costs one relay
	/// block (6 s) of latency. Every collator must run `--authoring slot-based`.
	pub(crate) const RELAY_PARENT_OFFSET: u32 = 1;
	/// Blocks a collator may author per relay-chain block: one per relay-chain core assigned, up
	/// to three. With one core the chain runs as before, one 6 s block per relay block.
	pub(crate) const BLOCK_PROCESSING_VELOCITY: u32 = 3;
	/// Blocks that may be authored before the relay chain includes their ancestors: three relay
	/// blocks' worth beyond the relay-parent offset, at full velocity.
	pub(crate) const UNINCLUDED_SEGMENT_CAPACITY: u32 =
		(3 + RELAY_PARENT_OFFSET) * BLOCK_PROCESSING_VELOCITY;
	/// The relay chain's slot duration.
	pub(crate) const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;
}
pub(crate) use async_backing_params::*;

/// Limits how many blocks may be built on an unincluded parent, per relay-chain slot.
type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
	Runtime,
	RELAY_CHAIN_SLOT_DURATION_MILLIS,
	BLOCK_PROCESSING_VELOCITY,
	UNINCLUDED_SEGMENT_CAPACITY,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System support.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type ParachainSystem = cumulus_pallet_parachain_system;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type ParachainInfo = parachain_info;
	#[runtime::pallet_index(4)]
	pub type WeightReclaim = cumulus_pallet_weight_reclaim;

	// The emergency brake, in the technical committee's hands.
	#[runtime::pallet_index(5)]
	pub type SafeMode = pallet_safe_mode;
	#[runtime::pallet_index(6)]
	pub type TxPause = pallet_tx_pause;

	// Monetary.
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(12)]
	pub type Assets = pallet_assets;

	// Governance: root through the technical committee's whitelist and the council of health
	// authorities' approval; sudo only in development presets.
	#[runtime::pallet_index(13)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(14)]
	pub type Whitelist = pallet_whitelist;
	#[runtime::pallet_index(15)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(16)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(17)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(18)]
	pub type TechnicalCommittee = pallet_collective<Instance2>;
	#[runtime::pallet_index(19)]
	pub type TechnicalMembership = pallet_membership<Instance2>;

	// Collators and consensus. The order matters: Authorship and CollatorSelection before Session.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type CollatorSelection = pallet_collator_selection;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Aura = pallet_aura;
	#[runtime::pallet_index(24)]
	pub type AuraExt = cumulus_pallet_aura_ext;

	// XCM.
	#[runtime::pallet_index(30)]
	pub type XcmpQueue = cumulus_pallet_xcmp_queue;
	#[runtime::pallet_index(31)]
	pub type PolkadotXcm = pallet_xcm;
	#[runtime::pallet_index(32)]
	pub type CumulusXcm = cumulus_pallet_xcm;
	#[runtime::pallet_index(33)]
	pub type MessageQueue = pallet_message_queue;

	// Account utilities: batches, multi-signature accounts, and proxies (guardians use these).
	#[runtime::pallet_index(40)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(41)]
	pub type Multisig = pallet_multisig;
	#[runtime::pallet_index(42)]
	pub type Proxy = pallet_proxy;

	// Health care.
	#[runtime::pallet_index(50)]
	pub type Credentials = pallet_credentials;
	#[runtime::pallet_index(51)]
	pub type Records = pallet_records;
	#[runtime::pallet_index(52)]
	pub type Consent = pallet_consent;
	#[runtime::pallet_index(53)]
	pub type Provenance = pallet_provenance;
	#[runtime::pallet_index(54)]
	pub type Prescriptions = pallet_prescriptions;
	#[runtime::pallet_index(55)]
	pub type ClinicalTrials = pallet_clinical_trials;
	#[runtime::pallet_index(56)]
	pub type Claims = pallet_claims;
}

cumulus_pallet_parachain_system::register_validate_block! {
	Runtime = Runtime,
	BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
