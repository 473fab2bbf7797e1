//! Governance. For now one key (sudo) governs: the dev and test networks' administrator.
//! The council of health authorities arrives with the credentials capability.

use polkadot_sdk::*;

use crate::{Runtime, RuntimeCall, RuntimeEvent};

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
