//! A try-runtime-style check of a state snapshot: the runtime's `on_runtime_upgrade` run over
//! a real chain's state, then every pallet's storage version compared with its code's, and
//! every invariant the fuzzer checks after a block.
//!
//! The snapshot is what `state_getPairs` answers for the whole state (the JSON-RPC reply, or
//! just its `result`), or a raw chain spec (`export-state`, `build-spec --raw`). `e2e/run.sh`
//! takes one from the dev node after the end-to-end suite, which includes a runtime upgrade
//! through governance, and checks it with `fuzz/tests/state_snapshot.rs`.

use std::{collections::BTreeMap, fmt};

use polkadot_sdk::{
	frame_support::{
		traits::{GetStorageVersion, PalletInfoAccess, StorageVersion},
		weights::Weight,
	},
	frame_system,
	sp_core::{bytes, storage::Storage},
	sp_io::TestExternalities,
};

use healthchain_runtime::{Executive, Runtime};

use crate::invariants;

/// What the check found.
#[derive(Debug)]
pub struct Report {
	/// Keys in the snapshot.
	pub keys: usize,
	/// The block the snapshot was taken at.
	pub block: u32,
	/// What `on_runtime_upgrade` weighed.
	pub upgrade_weight: Weight,
	/// Each HealthChain pallet's storage version, on chain after the upgrade (equal to its
	/// code's).
	pub versions: Vec<(&'static str, StorageVersion)>,
}

impl fmt::Display for Report {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		let versions: Vec<String> = self
			.versions
			.iter()
			.map(|(pallet, version)| format!("{pallet} {version:?}"))
			.collect();
		write!(
			f,
			"{} keys at block #{}; on_runtime_upgrade: {} ps, {} bytes of proof; storage \
			 versions as the code expects ({}); every try_state and the books hold",
			self.keys,
			self.block,
			self.upgrade_weight.ref_time(),
			self.upgrade_weight.proof_size(),
			versions.join(", ")
		)
	}
}

fn hex(text: &str) -> Result<Vec<u8>, String> {
	bytes::from_hex(text)
		.map_err(|e| format!("not hex ({e}): {}", text.chars().take(20).collect::<String>()))
}

/// Reads a snapshot: a `state_getPairs` reply or its result (`[[key, value], ...]`), or a raw
/// chain spec (`{"genesis": {"raw": {"top": {key: value}}}}`).
pub fn load(json: &str) -> Result<TestExternalities, String> {
	let value: serde_json::Value =
		serde_json::from_str(json).map_err(|e| format!("the snapshot is not JSON: {e}"))?;
	let mut top = BTreeMap::new();
	if let Some(pairs) = value.get("result").unwrap_or(&value).as_array() {
		for pair in pairs {
			let (Some(key), Some(val)) = (pair[0].as_str(), pair[1].as_str()) else {
				return Err("a pair is not [key, value] in hex".into());
			};
			top.insert(hex(key)?, hex(val)?);
		}
	} else if let Some(raw) = value.pointer("/genesis/raw/top").and_then(|t| t.as_object()) {
		for (key, val) in raw {
			let val = val.as_str().ok_or("a raw value is not hex")?;
			top.insert(hex(key)?, hex(val)?);
		}
	} else {
		return Err("neither state_getPairs pairs nor a raw chain spec".into());
	}
	if top.is_empty() {
		return Err("the snapshot is empty".into());
	}
	Ok(TestExternalities::new(Storage { top, children_default: Default::default() }))
}

/// Every key in the state, in order.
fn all_keys() -> Vec<Vec<u8>> {
	let mut keys: Vec<Vec<u8>> = Vec::new();
	while let Some(next) =
		polkadot_sdk::sp_io::storage::next_key(keys.last().map_or(&[][..], |key| key))
	{
		keys.push(next);
	}
	keys
}

/// Writes the state `ext` holds in `state_getPairs`' form, for a snapshot made in-process.
pub fn pairs(ext: &mut TestExternalities) -> String {
	ext.execute_with(|| {
		let pairs = all_keys()
			.into_iter()
			.map(|key| {
				let value = polkadot_sdk::sp_io::storage::get(&key).unwrap_or_default();
				serde_json::json!([bytes::to_hex(&key, false), bytes::to_hex(&value, false)])
			})
			.collect();
		serde_json::Value::Array(pairs).to_string()
	})
}

/// One pallet's storage version on chain, and the one its code declares.
fn versions<P: GetStorageVersion<InCodeStorageVersion = StorageVersion> + PalletInfoAccess>(
) -> (&'static str, StorageVersion, StorageVersion) {
	(P::name(), P::on_chain_storage_version(), P::in_code_storage_version())
}

/// Runs the upgrade over the snapshot and checks what must hold after it.
pub fn check(ext: &mut TestExternalities) -> Result<Report, String> {
	ext.execute_with(|| {
		let keys = all_keys().len();
		let block = frame_system::Pallet::<Runtime>::block_number();
		let upgrade_weight = Executive::execute_on_runtime_upgrade();
		let max = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
		if upgrade_weight.any_gt(max) {
			return Err(format!(
				"on_runtime_upgrade weighs {upgrade_weight}, over a block ({max})"
			));
		}
		let all = [
			versions::<healthchain_runtime::Credentials>(),
			versions::<healthchain_runtime::Records>(),
			versions::<healthchain_runtime::Consent>(),
			versions::<healthchain_runtime::Provenance>(),
			versions::<healthchain_runtime::Prescriptions>(),
			versions::<healthchain_runtime::ClinicalTrials>(),
			versions::<healthchain_runtime::Claims>(),
		];
		let mut versions = Vec::new();
		for (pallet, on_chain, in_code) in all {
			if on_chain != in_code {
				return Err(format!(
					"{pallet}: storage version {on_chain:?} on chain but {in_code:?} in code \
					 (a migration is missing from the runtime's `Migrations`)"
				));
			}
			versions.push((pallet, in_code));
		}
		invariants::after_block()?;
		Ok(Report { keys, block, upgrade_weight, versions })
	})
}
