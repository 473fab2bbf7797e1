//! Governance: the council of health authorities, the technical committee, and how root is
//! reached without sudo.
//!
//! - The **council** is a `pallet-collective` whose members `pallet-membership` manages. A
//!   two-thirds council motion accredits and withdraws the authorities that issue credentials.
//! - The **technical committee** (engineers the member institutions name) vouches for code and
//!   pulls the emergency brake (`configs/emergency.rs`). Its members change only through root.
//! - In both, members who do not vote count as "nay" ([`AbstentionIsNay`]).
//! - **Root** needs both bodies, as Polkadot's Whitelist track does with its Fellowship: a
//!   two-thirds technical-committee motion whitelists the hash of a call
//!   (`whitelist.whitelist_call`), and a two-thirds council motion dispatches exactly that call
//!   as root (`whitelist.dispatch_whitelisted_call_with_preimage`). Either may come first. A
//!   runtime upgrade is the call `system.authorize_upgrade(code_hash)`; anyone then submits the
//!   code with `system.apply_authorized_upgrade`, free of charge when it matches.
//! - **Sudo** has a key only in the development presets; the production preset sets none.

use polkadot_sdk::*;

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, EitherOfDiverse, LinearStoragePrice, NeverEnsureOrigin},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::system::RuntimeBlockWeights;
use crate::{
	currency::deposit, AccountId, Balance, Balances, BlockNumber, Council, Preimage, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, TechnicalCommittee, DAYS,
};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

/// The council of health authorities.
pub type CouncilCollective = pallet_collective::Instance1;

/// The technical committee.
pub type TechnicalCollective = pallet_collective::Instance2;

/// Root, or at least two thirds of the council.
pub type EnsureRootOrTwoThirdsCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// Root, or at least two thirds of the technical committee: vouching for code.
pub type EnsureRootOrTwoThirdsTechnicalCommittee = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, TechnicalCollective, 2, 3>,
>;

/// Root, or a majority (more than half) of the technical committee: the emergency brake, quick
/// to pull, lifted the same way. More than half, so that one member of two cannot pull it.
pub type EnsureRootOrMajorityTechnicalCommittee = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionMoreThan<AccountId, TechnicalCollective, 1, 2>,
>;

/// How members who do not vote are counted when a motion closes at the end of its term: as
/// "nay". (The SDK's `PrimeDefaultVote` counts them with the prime member, so the prime and a
/// quiet week would pass anything.)
pub struct AbstentionIsNay;
impl pallet_collective::DefaultVote for AbstentionIsNay {
	fn default_vote(
		_prime_vote: Option<bool>,
		_yes_votes: pallet_collective::MemberCount,
		_no_votes: pallet_collective::MemberCount,
		_len: pallet_collective::MemberCount,
	) -> bool {
		false
	}
}

parameter_types! {
	/// How long a council motion stays open for votes.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	pub const CouncilMaxProposals: u32 = 100;
	pub const CouncilMaxMembers: u32 = 100;
	/// A council motion may use at most half a block.
	pub MaxCouncilProposalWeight: Weight =
		Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = CouncilMaxProposals;
	type MaxMembers = CouncilMaxMembers;
	type DefaultVote = AbstentionIsNay;
	// The SDK's weights: its benchmarks set members through `SetMembersOrigin`, which this
	// runtime never allows (the membership pallet manages the council).
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Membership is managed by `CouncilMembership`, never set directly.
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	// Members are accredited health authorities; their proposals need no deposit.
	type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = EnsureRootOrTwoThirdsCouncil;
	type RemoveOrigin = EnsureRootOrTwoThirdsCouncil;
	type SwapOrigin = EnsureRootOrTwoThirdsCouncil;
	type ResetOrigin = EnsureRootOrTwoThirdsCouncil;
	type PrimeOrigin = EnsureRootOrTwoThirdsCouncil;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = CouncilMaxMembers;
	type WeightInfo = crate::weights::pallet_membership::WeightInfo<Runtime>;
}

parameter_types! {
	/// How long a technical-committee motion stays open: an emergency does not wait days.
	pub const TechnicalMotionDuration: BlockNumber = DAYS;
	pub const TechnicalMaxProposals: u32 = 100;
	pub const TechnicalMaxMembers: u32 = 100;
}

impl pallet_collective::Config<TechnicalCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = TechnicalMotionDuration;
	type MaxProposals = TechnicalMaxProposals;
	type MaxMembers = TechnicalMaxMembers;
	type DefaultVote = AbstentionIsNay;
	// As for the council: the SDK's weights, since membership is never set directly.
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	// Only root (both bodies) vetoes a committee motion: the council alone must not be able
	// to block the brake.
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	// Members are named by the council; their proposals need no deposit.
	type Consideration = ();
}

/// Only root names and removes the technical committee's members: the committee whitelists
/// the change and the council approves it. If the council could restaff the committee, a
/// captured council would name itself and reach root alone.
impl pallet_membership::Config<pallet_membership::Instance2> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = EnsureRoot<AccountId>;
	type RemoveOrigin = EnsureRoot<AccountId>;
	type SwapOrigin = EnsureRoot<AccountId>;
	type ResetOrigin = EnsureRoot<AccountId>;
	type PrimeOrigin = EnsureRoot<AccountId>;
	type MembershipInitialized = TechnicalCommittee;
	type MembershipChanged = TechnicalCommittee;
	type MaxMembers = TechnicalMaxMembers;
	// The same pallet and code as the council's membership, so the same measured weights.
	type WeightInfo = crate::weights::pallet_membership::WeightInfo<Runtime>;
}

parameter_types! {
	/// A noted preimage holds one storage item's deposit plus its bytes, like every other item.
	pub const PreimageBaseDeposit: Balance = deposit(1, 0);
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
}

/// Preimages of calls too large to pass inline (`whitelist.dispatch_whitelisted_call`).
impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = crate::weights::pallet_preimage::WeightInfo<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

parameter_types! {
	/// A council approval that came before the committee's whitelisting waits this long.
	pub const WhitelistDeferredDispatchExpiration: BlockNumber = 7 * DAYS;
}

/// Root through both bodies: the technical committee whitelists, the council dispatches.
impl pallet_whitelist::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WhitelistOrigin = EnsureRootOrTwoThirdsTechnicalCommittee;
	type DispatchWhitelistedOrigin = EnsureRootOrTwoThirdsCouncil;
	type Preimages = Preimage;
	type DeferredDispatchExpiration = WhitelistDeferredDispatchExpiration;
	type BlockNumberProvider = crate::System;
	type WeightInfo = crate::weights::pallet_whitelist::WeightInfo<Runtime>;
}
