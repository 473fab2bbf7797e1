//! `healthchain-gateway`: see `--help`.

use clap::Parser;
use healthchain_gateway::{config, logging};

#[tokio::main]
async fn main() -> std::process::ExitCode {
	let cli = config::Cli::parse();
	let config = match config::Config::load(cli) {
		Ok(config) => config,
		Err(e) => {
			eprintln!("healthchain-gateway: {e}");
			return std::process::ExitCode::from(2);
		},
	};
	logging::init(config.log_format);
	match healthchain_gateway::run(config).await {
		Ok(()) => std::process::ExitCode::SUCCESS,
		Err(e) => {
			tracing::error!("{e}");
			eprintln!("healthchain-gateway: {e}");
			std::process::ExitCode::FAILURE
		},
	}
}
