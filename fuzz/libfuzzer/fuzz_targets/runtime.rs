//! libFuzzer target: one input is a run of blocks of signed transactions, from accounts in every
//! role, against the real HealthChain runtime, starting from the fuzzer's set-up state. Every
//! invariant (`healthchain_fuzz::invariants`) is checked after each transaction and block; a
//! broken one panics, which libFuzzer reports as a crash and saves the input for.
//!
//! With `HEALTHCHAIN_FUZZ_REPORT=<file>`, the table of HealthChain calls and errors reached so
//! far is written there after input 1, 2, 4, … 512 and then every 1,000 inputs.
#![no_main]

use std::{cell::RefCell, path::PathBuf};

use healthchain_fuzz::Prepared;
use libfuzzer_sys::fuzz_target;

/// Inputs between two writes of the coverage report.
const REPORT_EVERY: u64 = 1_000;

struct Engine {
	prepared: Prepared,
	report: Option<PathBuf>,
	inputs: u64,
}

impl Engine {
	fn write_report(&self) {
		if let Some(path) = &self.report {
			let text = format!("{} inputs\n\n{}", self.inputs, self.prepared.coverage.report());
			if let Err(e) = std::fs::write(path, text) {
				eprintln!("cannot write the coverage report to {}: {e}", path.display());
			}
		}
	}
}

thread_local! {
	// Built on the first input: genesis and the role set-up take a moment, and every input
	// starts from them.
	static ENGINE: RefCell<Option<Engine>> = const { RefCell::new(None) };
}

fuzz_target!(|data: &[u8]| {
	ENGINE.with(|engine| {
		let mut engine = engine.borrow_mut();
		let engine = engine.get_or_insert_with(|| Engine {
			prepared: Prepared::new(),
			report: std::env::var_os("HEALTHCHAIN_FUZZ_REPORT").map(PathBuf::from),
			inputs: 0,
		});
		engine.prepared.run(data);
		engine.inputs += 1;
		if engine.inputs.is_power_of_two() && engine.inputs < REPORT_EVERY ||
			engine.inputs % REPORT_EVERY == 0
		{
			engine.write_report();
		}
	});
});
