//! Weights for `pallet_provenance`. Bootstrap values, NOT measured: they must be regenerated
//! with `scripts/benchmark.sh provenance`, which overwrites this file.

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

/// Weight functions needed for `pallet_provenance`.
pub trait WeightInfo {
	fn register_product() -> Weight;
	fn deregister_product() -> Weight;
	fn create_batch() -> Weight;
	fn recall_batch() -> Weight;
	fn remove_batch() -> Weight;
	fn commission_units(n: u32, ) -> Weight;
	fn purge_units(n: u32, ) -> Weight;
	fn pack(n: u32, ) -> Weight;
	fn pack_containers(n: u32, ) -> Weight;
	fn unpack(n: u32, ) -> Weight;
	fn unpack_containers(n: u32, ) -> Weight;
	fn remove_container() -> Weight;
	fn ship(i: u32, u: u32, ) -> Weight;
	fn receive(i: u32, u: u32, ) -> Weight;
	fn cancel_shipment(i: u32, ) -> Weight;
	fn place_order() -> Weight;
	fn decline_order() -> Weight;
	fn cancel_order() -> Weight;
	fn report_suspect() -> Weight;
	fn clear_suspect() -> Weight;
	fn confirm_counterfeit() -> Weight;
	fn destroy_units(n: u32, ) -> Weight;
	fn dispense_unit() -> Weight;
}

/// Weights for `pallet_provenance` with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_product() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(4, 2))
	}
	fn deregister_product() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads_writes(4, 2))
	}
	fn create_batch() -> Weight {
		Weight::from_parts(80_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(7, 5))
	}
	fn recall_batch() -> Weight {
		Weight::from_parts(45_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(4, 1))
	}
	fn remove_batch() -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(6, 5))
	}
	fn commission_units(n: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 5_000)
			.saturating_add(Weight::from_parts(15_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 1))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn purge_units(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 5_000)
			.saturating_add(Weight::from_parts(40_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn pack(n: u32, ) -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(Weight::from_parts(17_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(5, 2))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn pack_containers(n: u32, ) -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(Weight::from_parts(18_000_000, 2_700).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(5, 2))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn unpack(n: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 5_000)
			.saturating_add(Weight::from_parts(16_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 1))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn unpack_containers(n: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 5_000)
			.saturating_add(Weight::from_parts(17_000_000, 2_700).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 1))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn remove_container() -> Weight {
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(4, 2))
	}
	fn ship(i: u32, _u: u32, ) -> Weight {
		Weight::from_parts(90_000_000, 6_000)
			.saturating_add(Weight::from_parts(18_000_000, 2_700).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads_writes(8, 4))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(i.into())))
	}
	fn receive(i: u32, _u: u32, ) -> Weight {
		Weight::from_parts(90_000_000, 6_000)
			.saturating_add(Weight::from_parts(16_000_000, 2_700).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads_writes(7, 4))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(i.into())))
	}
	fn cancel_shipment(i: u32, ) -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(Weight::from_parts(16_000_000, 2_700).saturating_mul(i.into()))
			.saturating_add(T::DbWeight::get().reads_writes(5, 3))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(i.into())))
	}
	fn place_order() -> Weight {
		Weight::from_parts(75_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(8, 3))
	}
	fn decline_order() -> Weight {
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 2))
	}
	fn cancel_order() -> Weight {
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 2))
	}
	fn report_suspect() -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 3))
	}
	fn clear_suspect() -> Weight {
		Weight::from_parts(65_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 3))
	}
	fn confirm_counterfeit() -> Weight {
		Weight::from_parts(65_000_000, 5_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 3))
	}
	fn destroy_units(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 5_000)
			.saturating_add(Weight::from_parts(45_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn dispense_unit() -> Weight {
		Weight::from_parts(60_000_000, 9_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 3))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn register_product() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}
	fn deregister_product() -> Weight {
		Weight::from_parts(60_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}
	fn create_batch() -> Weight {
		Weight::from_parts(80_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(7, 5))
	}
	fn recall_batch() -> Weight {
		Weight::from_parts(45_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 1))
	}
	fn remove_batch() -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 5))
	}
	fn commission_units(n: u32, ) -> Weight {
		Weight::from_parts(45_000_000, 5_000)
			.saturating_add(Weight::from_parts(15_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(4, 1))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn purge_units(n: u32, ) -> Weight {
		Weight::from_parts(30_000_000, 5_000)
			.saturating_add(Weight::from_parts(40_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn pack(n: u32, ) -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(Weight::from_parts(17_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(5, 2))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn pack_containers(n: u32, ) -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(Weight::from_parts(18_000_000, 2_700).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(5, 2))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn unpack(n: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 5_000)
			.saturating_add(Weight::from_parts(16_000_000, 2_600).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(4, 1))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn unpack_containers(n: u32, ) -> Weight {
		Weight::from_parts(50_000_000, 5_000)
			.saturating_add(Weight::from_parts(17_000_000, 2_700).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(4, 1))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(n.into())))
	}
	fn remove_container() -> Weight {
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}
	fn ship(i: u32, _u: u32, ) -> Weight {
		Weight::from_parts(90_000_000, 6_000)
			.saturating_add(Weight::from_parts(18_000_000, 2_700).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(8, 4))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(i.into())))
	}
	fn receive(i: u32, _u: u32, ) -> Weight {
		Weight::from_parts(90_000_000, 6_000)
			.saturating_add(Weight::from_parts(16_000_000, 2_700).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(7, 4))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(i.into())))
	}
	fn cancel_shipment(i: u32, ) -> Weight {
		Weight::from_parts(70_000_000, 6_000)
			.saturating_add(Weight::from_parts(16_000_000, 2_700).saturating_mul(i.into()))
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(i.into())))
			.saturating_add(RocksDbWeight::get().writes((1_u64).saturating_mul(i.into())))
	}
	fn place_order() -> Weight {
		Weight::from_parts(75_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(8, 3))
	}
	fn decline_order() -> Weight {
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 2))
	}
	fn cancel_order() -> Weight {
		Weight::from_parts(60_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 2))
	}
	fn report_suspect() -> Weight {
		Weight::from_parts(70_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
	}
	fn clear_suspect() -> Weight {
		Weight::from_parts(65_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
	}
	fn confirm_counterfeit() -> Weight {
		Weight::from_parts(65_000_000, 5_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
	}
	fn destroy_units(n: u32, ) -> Weight {
		Weight::from_parts(40_000_000, 5_000)
			.saturating_add(Weight::from_parts(45_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes((3_u64).saturating_mul(n.into())))
	}
	fn dispense_unit() -> Weight {
		Weight::from_parts(60_000_000, 9_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
	}
}
