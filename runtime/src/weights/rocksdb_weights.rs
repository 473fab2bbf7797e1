//! The database weights of the HealthChain runtime, measured with `healthchain-node benchmark
//! storage` on the backend the node runs (`scripts/db-weights.sh`).
//!
//! DATE: 2026-12-05 (Y/M/D), HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor`
//! DATABASE: `RocksDb`, CHAIN: `HealthChain Development`, BLOCK-NUM: `Number(58)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`, BATCH-SIZE: `1000`
//! STATE-VERSION: `V1`, TRIE CACHE: `false`
//! METRIC: `Average`, WEIGHT-MUL: `1.3`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/healthchain/target/release/healthchain-node
//   benchmark
//   storage
//   --dev
//   --base-path
//   /tmp/healthchain-db-weights.s553R6/copy
//   --database
//   rocksdb
//   --state-version
//   1
//   --warmups
//   1
//   --batch-size
//   1000
//   --mul
//   1.3
//   --template-path
//   scripts/templates/db-weights.hbs
//   --weight-path
//   runtime/src/weights/rocksdb_weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]

/// The measured weights of one storage read and one storage write.
pub mod constants {
	use polkadot_sdk::frame_support::{
		parameter_types,
		weights::{constants, RuntimeDbWeight},
	};

	parameter_types! {
		/// What the node's `RocksDb` database costs per storage item on this machine: the
		/// *Average* of every key's time, times `1.3`, plus `0` ns.
		///
		/// Reads, in nanoseconds: min 2_454, max 10_062_694,
		/// average 14_218, median 12_836, std-dev 53477.25;
		/// 99th 36_200, 95th 18_378, 75th 14_815 percentiles.
		///
		/// Writes, in nanoseconds per key in batches of 1000: min 17_152,
		/// max 38_480, average 29_311, median 30_446,
		/// std-dev 5550.69; 99th 38_480, 95th 37_250, 75th 32_957 percentiles.
		pub const RocksDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			read: 18_484 * constants::WEIGHT_REF_TIME_PER_NANOS,
			write: 38_105 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod tests {
		use super::RocksDbWeight as W;
		use polkadot_sdk::frame_support::weights::constants;

		/// A measurement gone wrong (a cached or a swapping machine) shows as a weight outside
		/// 1 µs to 1 ms.
		#[test]
		fn measured_weights_are_sane() {
			for (what, weight) in [("read", W::get().reads(1)), ("write", W::get().writes(1))] {
				assert!(weight.ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS, "a {what} under 1 µs");
				assert!(weight.ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS, "a {what} over 1 ms");
			}
		}
	}
}
