//! Genesis presets: the starting state of the `development` and `local_testnet` chains, and the
//! `production` template.
//!
//! The node builds its `dev` and `local` chain specs from the first two, and
//! `chain-spec-builder` can build a spec for any of them (`chain-spec-builder create
//! --named-preset local_testnet ...`). The production preset holds only what every HealthChain
//! network shares: no sudo key, no endowed dev accounts, no collators, no council. The operator
//! merges a patch naming those (`scripts/production-spec.sh`, README "Production network").

use alloc::{vec, vec::Vec};

use polkadot_sdk::{staging_xcm as xcm, *};

use cumulus_primitives_core::ParaId;
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

use crate::{
	configs::{
		consensus::CandidacyBond,
		monetary::{AssetsAdmin, PAYMENT_ASSET, PAYMENT_ASSET_DECIMALS},
	},
	AccountId, AssetsConfig, AuraId, Balance, BalancesConfig, CollatorSelectionConfig,
	CouncilMembershipConfig, ParachainInfoConfig, PolkadotXcmConfig, RuntimeGenesisConfig,
	SessionConfig, SessionKeys, SudoConfig, TechnicalMembershipConfig, UNIT,
};

/// The name of the production preset.
pub const PRODUCTION_PRESET: &str = "production";

/// The para id HealthChain uses on local relay chains.
pub const PARACHAIN_ID: u32 = 2000;

/// What each well-known dev account starts with: a million HCU.
pub const DEV_ENDOWMENT: Balance = 1_000_000 * UNIT;

/// What each well-known dev account starts with in the payment asset: a million hUSD.
pub const DEV_STABLE_ENDOWMENT: Balance = 1_000_000 * 10u128.pow(PAYMENT_ASSET_DECIMALS as u32);

/// The XCM version assumed for peers until they tell theirs.
const SAFE_XCM_VERSION: u32 = xcm::prelude::XCM_VERSION;

fn genesis(
	collators: Vec<(AccountId, AuraId)>,
	endowed_accounts: Vec<AccountId>,
	council: Vec<AccountId>,
	technical_committee: Vec<AccountId>,
	root: AccountId,
	id: ParaId,
) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: endowed_accounts
				.iter()
				.map(|account| (account.clone(), DEV_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		// The payment asset, held by governance's assets account (nobody can mint it), and
		// given to the endowed accounts.
		assets: AssetsConfig {
			assets: vec![(PAYMENT_ASSET, AssetsAdmin::get(), true, 1)],
			metadata: vec![(
				PAYMENT_ASSET,
				b"HealthChain dev dollar".to_vec(),
				b"hUSD".to_vec(),
				PAYMENT_ASSET_DECIMALS
			)],
			accounts: endowed_accounts
				.into_iter()
				.map(|account| (PAYMENT_ASSET, account, DEV_STABLE_ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		parachain_info: ParachainInfoConfig { parachain_id: id },
		collator_selection: CollatorSelectionConfig {
			invulnerables: collators.iter().map(|(account, _)| account.clone()).collect::<Vec<_>>(),
			candidacy_bond: CandidacyBond::get(),
		},
		session: SessionConfig {
			keys: collators
				.into_iter()
				.map(|(account, aura)| (account.clone(), account, SessionKeys { aura }))
				.collect::<Vec<_>>(),
		},
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: Some(root) },
		council_membership: CouncilMembershipConfig {
			members: council.try_into().expect("the council fits its bound"),
		},
		technical_membership: TechnicalMembershipConfig {
			members: technical_committee.try_into().expect("the committee fits its bound"),
		},
	})
}

/// What every production network shares; the operator's patch adds collators (with their
/// session keys and balances), the council and the technical committee, and its para id.
/// No account has sudo.
fn production_genesis() -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		parachain_info: ParachainInfoConfig { parachain_id: PARACHAIN_ID.into() },
		collator_selection: CollatorSelectionConfig { candidacy_bond: CandidacyBond::get() },
		polkadot_xcm: PolkadotXcmConfig { safe_xcm_version: Some(SAFE_XCM_VERSION) },
		sudo: SudoConfig { key: None },
	})
}

/// Alice and Bob collate; the twelve well-known dev accounts are endowed; Alice, Bob and
/// Charlie form the council of health authorities, Dave, Eve and Ferdie the technical
/// committee; Alice is sudo.
fn dev_accounts_genesis() -> Value {
	genesis(
		vec![
			(Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Alice.public().into()),
			(Sr25519Keyring::Bob.to_account_id(), Sr25519Keyring::Bob.public().into()),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.map(|k| k.to_account_id())
			.to_vec(),
		[Sr25519Keyring::Dave, Sr25519Keyring::Eve, Sr25519Keyring::Ferdie]
			.map(|k| k.to_account_id())
			.to_vec(),
		Sr25519Keyring::Alice.to_account_id(),
		PARACHAIN_ID.into(),
	)
}

/// The JSON patch of a named preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET
		| sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => dev_accounts_genesis(),
		PRODUCTION_PRESET => production_genesis(),
		_ => return None,
	};
	serde_json::to_vec(&patch).ok()
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
		PresetId::from(PRODUCTION_PRESET),
	]
}

/// The genesis storage of a named preset, built natively as the node builds it for `--dev`
/// and `--chain local`: the preset's JSON patch merged into the default configuration. For
/// tests and the runtime fuzzer.
#[cfg(feature = "std")]
pub fn preset_storage(id: &PresetId) -> Result<sp_runtime::Storage, alloc::string::String> {
	preset_storage_with(id, Value::Null)
}

/// The genesis storage of a named preset with an operator's patch merged over it, as
/// `scripts/production-spec.sh` builds a production network's genesis.
#[cfg(feature = "std")]
pub fn preset_storage_with(
	id: &PresetId,
	operator_patch: Value,
) -> Result<sp_runtime::Storage, alloc::string::String> {
	use sp_runtime::BuildStorage;

	/// Merges a JSON patch the way chain-spec building does: objects key by key.
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}

	let patch = get_preset(id).ok_or_else(|| alloc::format!("no preset {id:?}"))?;
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default())
		.map_err(|e| alloc::format!("the default genesis does not serialize: {e}"))?;
	merge(
		&mut config,
		serde_json::from_slice(&patch)
			.map_err(|e| alloc::format!("the preset is not JSON: {e}"))?,
	);
	if !operator_patch.is_null() {
		merge(&mut config, operator_patch);
	}
	let config: RuntimeGenesisConfig = serde_json::from_value(config)
		.map_err(|e| alloc::format!("the preset is not a whole genesis: {e}"))?;
	config.build_storage()
}
