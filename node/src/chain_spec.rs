//! The chain specs the node knows by name, built from the runtime's genesis presets.

use polkadot_sdk::{
	polkadot_omni_node_lib::chain_spec::{
		ChainSpec, DiskChainSpecLoader, Extensions, GenericChainSpec, LoadSpec,
	},
	sc_chain_spec::{ChainType, GetExtension, Properties},
	sc_service::config::{MultiaddrWithPeerId, TelemetryEndpoints},
	sp_core::storage::{well_known_keys::CODE, Storage},
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
	sp_runtime::BuildStorage,
};

use healthchain_runtime::{
	configs::system::SS58Prefix,
	currency::{TOKEN_DECIMALS, TOKEN_SYMBOL},
	genesis_config_presets::{preset_storage, PARACHAIN_ID},
};

/// The relay chain a local HealthChain network runs against.
const LOCAL_RELAY_CHAIN: &str = "rococo-local";

/// Answers `dev` and `local` with specs built from the runtime's presets; anything else is a
/// chain spec file.
pub struct HealthChainSpecLoader;

impl LoadSpec for HealthChainSpecLoader {
	fn load_spec(&self, id: &str) -> Result<Box<dyn ChainSpec>, String> {
		Ok(match id {
			"" | "dev" => Box::new(NativeGenesis::new(development_spec()?, DEV_RUNTIME_PRESET)),
			"local" => {
				Box::new(NativeGenesis::new(local_testnet_spec()?, LOCAL_TESTNET_RUNTIME_PRESET))
			},
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

/// A built-in spec whose genesis storage the node builds natively (it links the runtime with
/// `std`) instead of through the runtime WASM's `GenesisBuilder` API. Through the WASM, the
/// node compiled the runtime twice per genesis build, and it builds genesis twice on start:
/// 20 s of a `--dev` start. The storage is the same (`relay-artifacts.sh` compares the genesis
/// head both ways); `build-spec` still prints the inner, preset-based spec.
#[derive(Clone)]
struct NativeGenesis {
	spec: GenericChainSpec,
	/// The preset to build natively; `None` once storage was set explicitly.
	preset: Option<&'static str>,
}

impl NativeGenesis {
	fn new(spec: GenericChainSpec, preset: &'static str) -> Self {
		Self { spec, preset: Some(preset) }
	}
}

impl BuildStorage for NativeGenesis {
	fn assimilate_storage(&self, storage: &mut Storage) -> Result<(), String> {
		let Some(preset) = self.preset else { return self.spec.assimilate_storage(storage) };
		let mut genesis = preset_storage(&preset.into())?;
		genesis.top.insert(CODE.to_vec(), wasm()?.to_vec());
		genesis.assimilate_storage(storage)
	}
}

impl ChainSpec for NativeGenesis {
	fn name(&self) -> &str {
		ChainSpec::name(&self.spec)
	}
	fn id(&self) -> &str {
		ChainSpec::id(&self.spec)
	}
	fn chain_type(&self) -> ChainType {
		ChainSpec::chain_type(&self.spec)
	}
	fn boot_nodes(&self) -> &[MultiaddrWithPeerId] {
		ChainSpec::boot_nodes(&self.spec)
	}
	fn telemetry_endpoints(&self) -> &Option<TelemetryEndpoints> {
		ChainSpec::telemetry_endpoints(&self.spec)
	}
	fn protocol_id(&self) -> Option<&str> {
		ChainSpec::protocol_id(&self.spec)
	}
	fn fork_id(&self) -> Option<&str> {
		ChainSpec::fork_id(&self.spec)
	}
	fn properties(&self) -> Properties {
		ChainSpec::properties(&self.spec)
	}
	fn extensions(&self) -> &dyn GetExtension {
		ChainSpec::extensions(&self.spec)
	}
	fn extensions_mut(&mut self) -> &mut dyn GetExtension {
		ChainSpec::extensions_mut(&mut self.spec)
	}
	fn add_boot_node(&mut self, addr: MultiaddrWithPeerId) {
		ChainSpec::add_boot_node(&mut self.spec, addr)
	}
	fn as_json(&self, raw: bool) -> Result<String, String> {
		ChainSpec::as_json(&self.spec, raw)
	}
	fn as_storage_builder(&self) -> &dyn BuildStorage {
		self
	}
	fn cloned_box(&self) -> Box<dyn ChainSpec> {
		Box::new(self.clone())
	}
	fn set_storage(&mut self, storage: Storage) {
		self.preset = None;
		ChainSpec::set_storage(&mut self.spec, storage)
	}
	fn code_substitutes(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
		ChainSpec::code_substitutes(&self.spec)
	}
}
