//! The HealthChain runtime fuzzer.
//!
//! It drives the real runtime (the one the node executes, built natively) block by block: each
//! block carries the parachain inherents, then signed transactions generated from random bytes
//! by walking the runtime's own type metadata ([`generate`]), signed by accounts that the
//! harness first set up in every role ([`actors`]). Accounts, record ids, hashes, times and
//! amounts are drawn from small pools, so that calls reach deep paths rather than only their
//! first refusal.
//!
//! After every transaction ([`invariants::after_call`]): no panic, the weight charged after
//! dispatch never exceeds the weight announced before it, and the block stays within its
//! weight and length limits. After every block ([`invariants::after_block`]): every HealthChain
//! pallet's `try_state` (which includes each of its holds matching the deposits it stores),
//! total issuance equal to the sum of free and reserved balances, holds within reserves, and
//! the payment asset's supply equal to its balances.
//!
//! Two engines share this code: [`run_seeded`], a seeded random driver for CI and long runs
//! (`healthchain-fuzz --help`), and [`Prepared::run`], which takes one input from a coverage-guided
//! engine (`fuzz/libfuzzer`, run by `scripts/fuzz-libfuzzer.sh`). Both report which calls succeeded and which errors they met ([`coverage`]).

pub mod actors;
pub mod chain;
pub mod coverage;
pub mod generate;
pub mod invariants;
pub mod snapshot;
pub mod source;

use polkadot_sdk::sp_io::TestExternalities;

pub use coverage::Coverage;
pub use source::{ByteSource, SeededSource, Source};

/// How a run is shaped.
#[derive(Clone, Copy, Debug)]
pub struct Plan {
	/// Transactions to apply in all.
	pub calls: u64,
	/// Transactions per block (fewer when a block fills up).
	pub calls_per_block: u32,
	/// Blocks before the chain starts again from the set-up state, so that state (and
	/// `try_state`'s walk over it) stays the size of a busy day, not of the whole run.
	pub blocks_per_episode: u32,
}

impl Default for Plan {
	fn default() -> Self {
		Self { calls: 10_000, calls_per_block: 48, blocks_per_episode: 50 }
	}
}

/// The state every episode starts from: genesis plus the role set-up.
pub fn prepared_state() -> (TestExternalities, actors::Actors) {
	let mut ext = chain::genesis();
	let actors = ext.execute_with(actors::set_up);
	ext.commit_all().expect("the set-up state commits");
	(ext, actors)
}

/// Runs `plan` from random bytes of `seed`, checking every invariant; a broken invariant
/// panics with the seed, block and call that broke it.
pub fn run_seeded(seed: u64, plan: Plan, coverage: &mut Coverage) {
	let (mut prepared, actors) = prepared_state();
	let mut source = SeededSource::new(seed);
	let generator = generate::Generator::new(&actors);
	let mut applied = 0u64;
	while applied < plan.calls {
		prepared.execute_with(|| {
			let mut chain = chain::Chain::start();
			for _ in 0..plan.blocks_per_episode {
				if applied >= plan.calls {
					break;
				}
				let want = u64::from(plan.calls_per_block).min(plan.calls - applied);
				applied += chain.block(&generator, &actors, &mut source, want, coverage);
			}
		});
		// Back to the set-up state for the next episode.
		prepared.reset_overlay();
	}
}

/// What a coverage-guided engine keeps between its inputs: the set-up state, built once, and
/// the coverage of every input so far.
pub struct Prepared {
	state: TestExternalities,
	actors: actors::Actors,
	/// Calls and errors reached by the inputs run so far.
	pub coverage: Coverage,
}

impl Prepared {
	/// Genesis plus the role set-up, ready for inputs.
	pub fn new() -> Self {
		let (state, actors) = prepared_state();
		Self { state, actors, coverage: Coverage::default() }
	}

	/// Runs one input from the set-up state (left as it was): as many blocks as its bytes
	/// describe, every invariant checked.
	pub fn run(&mut self, data: &[u8]) {
		let mut source = ByteSource::new(data);
		let generator = generate::Generator::new(&self.actors);
		let (actors, coverage) = (&self.actors, &mut self.coverage);
		self.state.execute_with(|| {
			let mut chain = chain::Chain::start();
			while !source.is_empty() {
				let want = u64::from(source.below(16)) + 1;
				chain.block(&generator, actors, &mut source, want, coverage);
			}
		});
		self.state.reset_overlay();
	}
}

impl Default for Prepared {
	fn default() -> Self {
		Self::new()
	}
}
