//! Governance: the council of health authorities, and sudo for dev and test networks.
//!
//! The council is a `pallet-collective` whose members `pallet-membership` manages. A two-thirds
//! council motion (or root) accredits and withdraws the authorities that issue credentials.

use polkadot_sdk::*;

use frame_support::{
	parameter_types,
	traits::{EitherOfDiverse, NeverEnsureOrigin},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::system::RuntimeBlockWeights;
use crate::{
	AccountId, BlockNumber, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, DAYS,
};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::WeightInfo<Runtime>;
}

/// The council of health authorities.
pub type CouncilCollective = pallet_collective::Instance1;

/// Root, or at least two thirds of the council.
pub type EnsureRootOrTwoThirdsCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

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
	// Members who do not vote follow the prime member.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
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
