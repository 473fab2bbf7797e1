//! Ids: every pallet numbers what it stores (records, grants, prescriptions, trials, batches…)
//! from a counter in a `StorageValue`, handed out once each.

use codec::FullCodec;
use polkadot_sdk::{
	frame_support::storage::StorageValue,
	sp_runtime::traits::{CheckedAdd, One},
};

/// Hands out the id `Counter` holds and advances it; `None`, changing nothing, once the id
/// space is exhausted (each pallet answers that with its `NoIdsLeft` error).
pub fn next_id<Counter, Id>() -> Option<Id>
where
	Counter: StorageValue<Id, Query = Id>,
	Id: FullCodec + CheckedAdd + One + Copy,
{
	Counter::try_mutate(|next| {
		let id = *next;
		*next = id.checked_add(&Id::one()).ok_or(())?;
		Ok::<Id, ()>(id)
	})
	.ok()
}
