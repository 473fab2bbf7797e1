//! Counts kept per key (grants or guardians per patient, enrolments per trial, pending
//! emergency accesses per clinician), which bound what one account may add.

use codec::{EncodeLike, FullCodec};
use polkadot_sdk::frame_support::storage::StorageMap;

/// Lowers the count under `key` by one, removing the entry at zero so that an empty count takes
/// no storage; a missing count stays missing.
pub fn decrement<Counts, Key, KeyArg>(key: KeyArg)
where
	Counts: StorageMap<Key, u32, Query = u32>,
	Key: FullCodec,
	KeyArg: EncodeLike<Key>,
{
	Counts::mutate_exists(key, |count| {
		*count = count.map(|count| count.saturating_sub(1)).filter(|count| *count > 0)
	});
}
