//! The size of a storage entry, in the words of its declaration, for sizing deposits.
//!
//! An entry's bytes are its key and its value. A key is the storage prefix followed by each
//! key part as its hasher writes it; a value is at most its type's `max_encoded_len`. A deposit
//! then reads as the entries it pays for:
//! `entry(blake2_128_concat(ACCOUNT) + twox64_concat(U64), max_len::<Value>())` is one entry of
//! a double map keyed by an account and a `u64`.

use codec::MaxEncodedLen;

/// The storage prefix every entry's key begins with: the twox128 hashes of the pallet's name
/// and of the item's.
pub const PREFIX: u32 = 16 + 16;

/// An account id (`AccountId32`).
pub const ACCOUNT: u32 = 32;
/// A 32-byte hash.
pub const HASH: u32 = 32;
/// A `u32`: most ids, numbers and counts.
pub const U32: u32 = 4;
/// A `u64`: the larger ids, and times (`Moment`).
pub const U64: u32 = 8;

/// A key part under `Blake2_128Concat`: the 16-byte hash, then the part itself.
pub const fn blake2_128_concat(part: u32) -> u32 {
	16 + part
}

/// A key part under `Twox64Concat`: the 8-byte hash, then the part itself.
pub const fn twox64_concat(part: u32) -> u32 {
	8 + part
}

/// A key part under `Identity`: the part itself.
pub const fn identity(part: u32) -> u32 {
	part
}

/// One storage entry: the prefix, its hashed key parts (`key`, their sum) and its value.
pub const fn entry(key: u32, value: u32) -> u32 {
	PREFIX + key + value
}

/// The most bytes a `T` encodes to, as the `u32` deposits count in (saturating, never
/// truncating).
pub fn max_len<T: MaxEncodedLen>() -> u32 {
	u32::try_from(T::max_encoded_len()).unwrap_or(u32::MAX)
}
