//! HealthChain primitives: the chain's base types, shared by the runtime, the node and every pallet.
//!
//! Later capabilities add here the traits through which pallets ask each other questions
//! ("does this account hold a live pharmacist credential?"), so that no pallet depends on another.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use polkadot_sdk::sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};

/// A signature on the chain: sr25519, ed25519 or ecdsa, so any polkadot.js account can sign.
pub type Signature = MultiSignature;

/// An account on the chain: the public key behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// How a call names an account (polkadot.js sends `MultiAddress::Id`).
pub type Address = MultiAddress<AccountId, ()>;

/// An amount of the native token, in its smallest unit (12 decimals).
pub type Balance = u128;

/// A block height. Omni-node's dev mode expects `u32`.
pub type BlockNumber = u32;

/// A transaction counter of an account.
pub type Nonce = u32;

/// A 32-byte hash: block hashes, and the content hashes of off-chain documents.
pub type Hash = polkadot_sdk::sp_core::H256;

/// Milliseconds since the Unix epoch, as `pallet-timestamp` keeps them.
pub type Moment = u64;

/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// An opaque block, as the node sees it without knowing the runtime's types.
pub type OpaqueBlock = generic::Block<Header, polkadot_sdk::sp_runtime::OpaqueExtrinsic>;

/// Units of the native token, HCU, with 12 decimals.
pub mod currency {
	use super::Balance;

	/// Symbol shown by wallets.
	pub const TOKEN_SYMBOL: &str = "HCU";
	/// Decimal places of one token.
	pub const TOKEN_DECIMALS: u8 = 12;
	/// One whole token.
	pub const UNIT: Balance = 1_000_000_000_000;
	/// A thousandth of a token.
	pub const MILLI_UNIT: Balance = UNIT / 1_000;
	/// A millionth of a token.
	pub const MICRO_UNIT: Balance = UNIT / 1_000_000;
	/// Bytes an account keeps in state: its `System::Account` key (two 16-byte prefixes, a
	/// 16-byte hash and the 32-byte id) and its `AccountInfo` (four counters and four balances).
	pub const ACCOUNT_STORAGE_BYTES: u32 = 16 + 16 + 16 + 32 + 4 * 4 + 4 * 16;
	/// The smallest balance an account may hold: an account is a storage item like any other,
	/// so it is priced like one. Creating accounts is no cheaper a way to fill state than
	/// adding records or grants.
	pub const EXISTENTIAL_DEPOSIT: Balance = deposit(1, ACCOUNT_STORAGE_BYTES);

	/// The deposit for keeping `items` storage entries of `bytes` bytes in all.
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		(items as Balance) * 20 * UNIT / 100 + (bytes as Balance) * 100 * MICRO_UNIT
	}
}

pub mod billing;
pub mod consent;
pub mod counts;
pub mod credentials;
pub mod deposits;
pub mod ids;
pub mod lists;
pub mod time;

/// The result of a dispatchable's logic, as the traits in this crate return it.
pub use polkadot_sdk::sp_runtime::{DispatchError, DispatchResult};
pub mod pointer;
pub mod provenance;
pub mod records;

pub use pointer::is_well_formed_pointer;

pub use lists::{ensure_distinct, has_duplicates, ListFault};
