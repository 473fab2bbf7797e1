//! `healthchain-node`: the HealthChain collator and dev node.
//!
//! All node machinery (collation, relay-chain client, RPC, dev mode, subcommands) comes from
//! `polkadot-omni-node-lib`; this binary adds the chain specs it knows by name.

mod chain_spec;

use polkadot_sdk::polkadot_omni_node_lib::{
	run, runtime::DefaultRuntimeResolver, CliConfig as CliConfigT, RunConfig,
};

struct CliConfig;

impl CliConfigT for CliConfig {
	fn impl_version() -> String {
		let commit_hash = env!("SUBSTRATE_CLI_COMMIT_HASH");
		format!("{}-{commit_hash}", env!("CARGO_PKG_VERSION"))
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/healthchain/issues".into()
	}

	fn copyright_start_year() -> u16 {
		2026
	}
}

fn main() -> color_eyre::eyre::Result<()> {
	color_eyre::install()?;
	let config = RunConfig::new(
		Box::new(DefaultRuntimeResolver),
		Box::new(chain_spec::HealthChainSpecLoader),
	);
	Ok(run::<CliConfig>(config)?)
}
