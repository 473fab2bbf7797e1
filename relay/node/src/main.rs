//! Polkadot's node, as the relay chain validators of HealthChain's local test network run it
//! (`scripts/network.sh`): the `polkadot` binary of the SDK release the parachain is built on.

use color_eyre::eyre;

fn main() -> eyre::Result<()> {
	color_eyre::install()?;
	polkadot_cli::run()?;
	Ok(())
}
