//! The chain specs the node knows by name, built from the runtime's genesis presets.

use polkadot_sdk::{
	polkadot_omni_node_lib::chain_spec::{
		ChainSpec, DiskChainSpecLoader, Extensions, GenericChainSpec, LoadSpec,
	},
	sc_chain_spec::{ChainType, Properties},
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
};

use healthchain_runtime::{
	configs::system::SS58Prefix,
	currency::{TOKEN_DECIMALS, TOKEN_SYMBOL},
	genesis_config_presets::PARACHAIN_ID,
};

/// The relay chain a local HealthChain network runs against.
const LOCAL_RELAY_CHAIN: &str = "rococo-local";

/// Answers `dev` and `local` with specs built from the runtime's presets; anything else is a
/// chain spec file.
pub struct HealthChainSpecLoader;

impl LoadSpec for HealthChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		Ok(match id {
			"" | "dev" => Box::new(development_spec()?),
			"local" => Box::new(local_testnet_spec()?),
			path => return DiskChainSpecLoader.load_spec(path),
		})
	}
}

/// What wallets show: the token's symbol and decimals, and the address format.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58Prefix::get().into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	healthchain_runtime::WASM_BINARY
		.ok_or_else(|| "the runtime WASM was not built (was SKIP_WASM_BUILD set?)".to_string())
}

/// A single-node development chain: `healthchain-node --dev`.
pub fn development_spec() -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(wasm()?, Extensions::new(LOCAL_RELAY_CHAIN.into(), PARACHAIN_ID))
		.with_name("HealthChain Development")
		.with_id("healthchain_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A local test network of collators against a `rococo-local` relay chain: `--chain local`.
pub fn local_testnet_spec() -> Result<GenericChainSpec, String> {
	Ok(GenericChainSpec::builder(wasm()?, Extensions::new(LOCAL_RELAY_CHAIN.into(), PARACHAIN_ID))
		.with_name("HealthChain Local Testnet")
		.with_id("healthchain_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
		.with_protocol_id("healthchain-local")
		.with_properties(properties())
		.build())
}
