//! `healthchain-fuzz`: the seeded runtime fuzzer, for CI's bounded run and the long runs.

use std::time::Instant;

use clap::Parser;
use healthchain_fuzz::{run_seeded, Coverage, Plan};

/// Drives the HealthChain runtime with random signed transactions from accounts in every role
/// and checks its invariants after every transaction and block. A broken invariant or a panic
/// stops the run with the seed, block and call that caused it; rerunning the same seed
/// replays it exactly.
#[derive(Parser, Debug)]
#[command(name = "healthchain-fuzz", version)]
struct Args {
	/// First seed; seed N+1 follows seed N.
	#[arg(long, default_value_t = 1)]
	seed: u64,
	/// How many seeds to run one after the other.
	#[arg(long, default_value_t = 1)]
	seeds: u64,
	/// Transactions per seed.
	#[arg(long, default_value_t = 10_000)]
	calls: u64,
	/// Transactions per block (fewer when a block fills up).
	#[arg(long, default_value_t = 48)]
	calls_per_block: u32,
	/// Blocks before the chain restarts from the set-up state.
	#[arg(long, default_value_t = 50)]
	blocks_per_episode: u32,
	/// Write the coverage report (Markdown) to this file as well as standard output.
	#[arg(long)]
	report: Option<std::path::PathBuf>,
}

fn main() {
	let args = Args::parse();
	let plan = Plan {
		calls: args.calls,
		calls_per_block: args.calls_per_block.max(1),
		blocks_per_episode: args.blocks_per_episode.max(1),
	};
	let started = Instant::now();
	let mut total = Coverage::default();
	for seed in args.seed..args.seed.saturating_add(args.seeds) {
		let mut coverage = Coverage::default();
		let at = Instant::now();
		run_seeded(seed, plan, &mut coverage);
		println!(
			"seed {seed}: {} transactions in {} blocks, {:.1} s",
			coverage.transactions,
			coverage.blocks,
			at.elapsed().as_secs_f64()
		);
		total.merge(&coverage);
	}
	let elapsed = started.elapsed().as_secs_f64();
	let report = format!(
		"# Runtime fuzz run\n\nseeds {}..{}, {:.0} s, {:.0} transactions/s, no invariant broken\n\n{}",
		args.seed,
		args.seed.saturating_add(args.seeds),
		elapsed,
		total.transactions as f64 / elapsed.max(f64::EPSILON),
		total.report()
	);
	println!("{report}");
	if let Some(path) = args.report {
		if let Err(e) = std::fs::write(&path, &report) {
			eprintln!("healthchain-fuzz: cannot write {}: {e}", path.display());
			std::process::exit(2);
		}
	}
}
