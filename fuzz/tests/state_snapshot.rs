//! The try-runtime-style check (`healthchain_fuzz::snapshot`) on a state snapshot: the one
//! `HEALTHCHAIN_STATE_SNAPSHOT` names (`e2e/run.sh` takes one from the dev node after the
//! end-to-end suite), or else the fuzzer's set-up state after a few blocks of random
//! transactions, written out as `state_getPairs` would and read back.

use healthchain_fuzz::{
	chain::Chain, generate::Generator, prepared_state, snapshot, Coverage, SeededSource,
};

#[test]
fn a_snapshot_survives_the_runtime_upgrade_with_every_invariant_holding() {
	let mut state = match std::env::var("HEALTHCHAIN_STATE_SNAPSHOT") {
		Ok(path) => {
			let json = std::fs::read_to_string(&path).expect("the snapshot file is readable");
			snapshot::load(&json).expect("the snapshot loads")
		},
		Err(_) => {
			let (mut state, actors) = prepared_state();
			let generator = Generator::new(&actors);
			let mut source = SeededSource::new(7);
			let mut coverage = Coverage::default();
			state.execute_with(|| {
				let mut chain = Chain::start();
				for _ in 0..5 {
					chain.block(&generator, &actors, &mut source, 48, &mut coverage);
				}
			});
			snapshot::load(&snapshot::pairs(&mut state)).expect("the written snapshot loads")
		},
	};
	let report = snapshot::check(&mut state).unwrap_or_else(|e| panic!("{e}"));
	println!("state snapshot: {report}");
	assert!(report.keys > 100, "a snapshot of a working chain: {report}");
}

#[test]
fn a_snapshot_that_is_not_state_is_refused() {
	assert!(snapshot::load("not json").is_err());
	assert!(snapshot::load("{}").is_err());
	assert!(snapshot::load("[]").is_err());
	assert!(snapshot::load(r#"[["0x00"]]"#).is_err());
	assert!(snapshot::load(r#"{"result": [["0x00", "0xzz"]]}"#).is_err());
}
