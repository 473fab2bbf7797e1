//! The emergency brake: safe mode and paused calls, both in the technical committee's hands.
//!
//! - **Safe mode** (`pallet-safe-mode`) stops every call but those that keep the chain running
//!   and governed ([`SafeModeExempt`]) — for an exploit in progress. A majority of the technical
//!   committee enters it for a day and extends or exits it; nobody can enter it by paying a
//!   deposit, since a griefer with a few HCU must not be able to stop a health system.
//! - **Paused calls** (`pallet-tx-pause`) stop one call at a time — for a defect in one
//!   place — while the rest of the chain serves patients. Governance and block production
//!   cannot be paused ([`TxPauseExempt`]).
//!
//! Both act through the runtime's call filter (`frame_system::Config::BaseCallFilter`), so a
//! call stopped here is also stopped inside a batch, a proxy, a multisig or an XCM `Transact`.
//! XCM moves HCU without dispatching calls, so safe mode also holds sibling parachains'
//! messages in their queues ([`SiblingQueuesPausedInSafeMode`]) until it ends; the relay
//! chain's, which its governance sends, still run.

use polkadot_sdk::*;

use frame_support::{
	parameter_types,
	traits::{Contains, InsideBoth},
};
use frame_system::EnsureWithSuccess;

use super::governance::EnsureRootOrMajorityTechnicalCommittee;
use crate::{
	AccountId, Balance, Balances, BlockNumber, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, SafeMode, TxPause, DAYS,
};

/// What every dispatch passes: neither in safe mode (unless exempt) nor paused.
pub type EmergencyCallFilter = InsideBoth<SafeMode, TxPause>;

/// Whether a call belongs to a pallet in [`UNPAUSABLE_PALLETS`]: one list serves both filters.
fn keeps_chain_running_and_governed(call: &RuntimeCall) -> bool {
	use frame_support::traits::GetCallMetadata;
	UNPAUSABLE_PALLETS.contains(&call.get_call_metadata().pallet_name.as_bytes())
}

/// Calls that run in safe mode: block production, governance, and the wrappers
/// (batches, proxies, multisigs) through which institutions' governance accounts act. The
/// wrappers pass the call filter on to the calls they carry, so nothing else slips through.
pub struct SafeModeExempt;
impl Contains<RuntimeCall> for SafeModeExempt {
	fn contains(call: &RuntimeCall) -> bool {
		keeps_chain_running_and_governed(call)
			|| matches!(
				call,
				RuntimeCall::Utility(_) | RuntimeCall::Proxy(_) | RuntimeCall::Multisig(_)
			)
	}
}

/// Pallets that keep the chain producing blocks and governed, by the names `tx_pause.pause`
/// takes: their calls run in safe mode and cannot be paused.
pub const UNPAUSABLE_PALLETS: &[&[u8]] = &[
	b"System",
	b"ParachainSystem",
	b"Timestamp",
	b"Session",
	b"CollatorSelection",
	b"Sudo",
	b"Council",
	b"CouncilMembership",
	b"TechnicalCommittee",
	b"TechnicalMembership",
	b"Preimage",
	b"Whitelist",
	b"SafeMode",
	b"TxPause",
];

/// Calls `tx_pause.pause` refuses: those of the pallets in [`UNPAUSABLE_PALLETS`].
pub struct TxPauseExempt;
impl Contains<pallet_tx_pause::RuntimeCallNameOf<Runtime>> for TxPauseExempt {
	fn contains((pallet, _call): &pallet_tx_pause::RuntimeCallNameOf<Runtime>) -> bool {
		UNPAUSABLE_PALLETS.contains(&pallet.as_slice())
	}
}

parameter_types! {
	/// How long the committee's safe mode lasts unless extended or exited.
	pub const SafeModeDuration: BlockNumber = DAYS;
	/// Never used: nobody may enter or extend safe mode by paying (`EnterDepositAmount` is
	/// `None`), but the pallet asks for the durations.
	pub const SafeModePermissionlessDuration: BlockNumber = DAYS;
	pub const NoSafeModeDeposit: Option<Balance> = None;
	pub const NoDepositRelease: Option<BlockNumber> = None;
}

/// The committee's origin, answering with how long safe mode lasts.
pub type ForceSafeModeOrigin =
	EnsureWithSuccess<EnsureRootOrMajorityTechnicalCommittee, AccountId, SafeModeDuration>;

impl pallet_safe_mode::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type WhitelistedCalls = SafeModeExempt;
	type EnterDuration = SafeModePermissionlessDuration;
	type ExtendDuration = SafeModePermissionlessDuration;
	type EnterDepositAmount = NoSafeModeDeposit;
	type ExtendDepositAmount = NoSafeModeDeposit;
	type ForceEnterOrigin = ForceSafeModeOrigin;
	type ForceExtendOrigin = ForceSafeModeOrigin;
	type ForceExitOrigin = EnsureRootOrMajorityTechnicalCommittee;
	type ForceDepositOrigin = EnsureRootOrMajorityTechnicalCommittee;
	type Notify = ();
	type ReleaseDelay = NoDepositRelease;
	type WeightInfo = crate::weights::pallet_safe_mode::WeightInfo<Runtime>;
}

impl pallet_tx_pause::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PauseOrigin = EnsureRootOrMajorityTechnicalCommittee;
	type UnpauseOrigin = EnsureRootOrMajorityTechnicalCommittee;
	type WhitelistedCalls = TxPauseExempt;
	// Longer than any pallet or call name here; longer names would count as paused.
	type MaxNameLen = frame_support::traits::ConstU32<64>;
	type WeightInfo = crate::weights::pallet_tx_pause::WeightInfo<Runtime>;
}

/// Holds messages from sibling parachains in the message queue while safe mode is on: they
/// can move HCU (withdraw and deposit) without any call the filter would see. They run when
/// safe mode ends; nothing is lost.
pub struct SiblingQueuesPausedInSafeMode;
impl frame_support::traits::QueuePausedQuery<cumulus_primitives_core::AggregateMessageOrigin>
	for SiblingQueuesPausedInSafeMode
{
	fn is_paused(origin: &cumulus_primitives_core::AggregateMessageOrigin) -> bool {
		matches!(origin, cumulus_primitives_core::AggregateMessageOrigin::Sibling(_))
			&& SafeMode::is_entered()
	}
}
