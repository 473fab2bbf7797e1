//! `healthchain-node`: the HealthChain collator and dev node.
//!
//! All node machinery (collation, relay-chain client, RPC, dev mode, subcommands) comes from
//! `polkadot-omni-node-lib`; this binary adds the chain specs it knows by name.

mod chain_spec;

use std::{ffi::OsString, os::unix::process::CommandExt, process::Command};

use polkadot_sdk::{
	polkadot_omni_node_lib::{
		chain_spec::ChainSpec,
		run,
		runtime::{
			AuraConsensusId, BlockNumber, Consensus, DefaultRuntimeResolver, Runtime,
			RuntimeResolver,
		},
		CliConfig as CliConfigT, RunConfig,
	},
	sc_cli,
};

/// The transaction pool a node runs unless `--pool-type` says otherwise.
///
/// The SDK's default, `fork-aware`, loses transactions under a burst (found by the flood in
/// `e2e/faults/flood.test.mjs`: 100 senders submitting 20 transactions each lost a fifth of
/// them). When it moves its mempool into the view of a new block it resubmits the
/// transactions from a hash map, so a sender's later nonces often arrive before earlier ones;
/// they fill the view's future queue (819 places by default), the overflow is evicted, and
/// every later transaction of those senders waits forever behind the gap. The single-state
/// pool keeps each sender's transactions in nonce order and lost none of 10,000.
const DEFAULT_POOL_TYPE: &str = "single-state";

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

/// Runs this binary again, in this process, with `--pool-type single-state` in front of its
/// arguments when it is about to run a node (no subcommand) and no pool type was given. The
/// SDK's command line offers no other way to change a default.
fn choose_default_pool_type() -> color_eyre::eyre::Result<()> {
	let args: Vec<OsString> = std::env::args_os().collect();
	let runs_node = args.get(1).is_none_or(|first| first.to_string_lossy().starts_with('-'));
	let chosen = args.iter().skip(1).take_while(|arg| *arg != "--").any(|arg| {
		let arg = arg.to_string_lossy();
		arg == "--pool-type" || arg.starts_with("--pool-type=")
	});
	if !runs_node || chosen {
		return Ok(());
	}
	let error = Command::new(std::env::current_exe()?)
		.arg0(&args[0])
		.args(["--pool-type", DEFAULT_POOL_TYPE])
		.args(&args[1..])
		.exec();
	Err(error.into())
}

/// Tells the omni node what kind of runtime a chain runs. For HealthChain's own specs it
/// answers from what this binary was built with; the default resolver builds the genesis
/// state and compiles the runtime to read its metadata (5 s of every start). Other specs go
/// to the default resolver.
struct HealthChainRuntimeResolver;

impl RuntimeResolver for HealthChainRuntimeResolver {
	fn runtime(&self, spec: &dyn ChainSpec) -> sc_cli::Result<Runtime> {
		if !spec.id().starts_with("healthchain") {
			return DefaultRuntimeResolver.runtime(spec);
		}
		Ok(Runtime::Omni(BlockNumber::U32, Consensus::Aura(AuraConsensusId::Sr25519)))
	}
}

// The build fails here if the runtime stops matching the answer above.
const _: fn(healthchain_runtime::BlockNumber) -> u32 = |number| number;
const _: fn(healthchain_runtime::AuraId) -> polkadot_sdk::sp_consensus_aura::sr25519::AuthorityId =
	|id| id;

fn main() -> color_eyre::eyre::Result<()> {
	color_eyre::install()?;
	choose_default_pool_type()?;
	let config = RunConfig::new(
		Box::new(HealthChainRuntimeResolver),
		Box::new(chain_spec::HealthChainSpecLoader),
	);
	Ok(run::<CliConfig>(config)?)
}
