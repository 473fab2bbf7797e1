//! Weights for `pallet_consent`. Bootstrap values until `scripts/benchmark.sh consent` overwrites
//! this file with measured ones.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]
#![allow(dead_code)]

use polkadot_sdk::{
	frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}},
	frame_system,
};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_consent`.
pub trait WeightInfo {
	fn grant_consent(s: u32, g: u32, ) -> Weight;
	fn revoke_consent() -> Weight;
	fn remove_grant() -> Weight;
	fn open_break_glass() -> Weight;
	fn review_break_glass() -> Weight;
	fn check_access(g: u32, ) -> Weight;
}

/// Weights for `pallet_consent` with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn grant_consent(_s: u32, _g: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 4))
	}
	fn revoke_consent() -> Weight {
		Weight::from_parts(50_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn remove_grant() -> Weight {
		Weight::from_parts(80_000_000, 10_000)
			.saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn open_break_glass() -> Weight {
		Weight::from_parts(100_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads_writes(10, 6))
	}
	fn review_break_glass() -> Weight {
		Weight::from_parts(100_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads_writes(8, 8))
	}
	fn check_access(_g: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads(16))
	}
}

impl WeightInfo for () {
	fn grant_consent(_s: u32, _g: u32, ) -> Weight {
		Weight::from_parts(100_000_000, 20_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 4))
	}
	fn revoke_consent() -> Weight {
		Weight::from_parts(50_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
	}
	fn remove_grant() -> Weight {
		Weight::from_parts(80_000_000, 10_000)
			.saturating_add(RocksDbWeight::get().reads_writes(3, 3))
	}
	fn open_break_glass() -> Weight {
		Weight::from_parts(100_000_000, 20_000)
			.saturating_add(RocksDbWeight::get().reads_writes(10, 6))
	}
	fn review_break_glass() -> Weight {
		Weight::from_parts(100_000_000, 20_000)
			.saturating_add(RocksDbWeight::get().reads_writes(8, 8))
	}
	fn check_access(_g: u32, ) -> Weight {
		Weight::from_parts(60_000_000, 20_000)
			.saturating_add(RocksDbWeight::get().reads(16))
	}
}
