//! # HealthChain relay runtime
//!
//! The relay chain of HealthChain's local test network (`scripts/network.sh`) runs Polkadot's
//! test relay runtime, rococo, built from the same SDK release as the parachain. This package
//! exists to build that runtime's WASM (with one-minute sessions) without compiling it natively:
//! `WASM_BINARY` is the compressed blob, and the build writes it to
//! `wbuild/healthchain-relay-runtime/healthchain_relay_runtime.compact.compressed.wasm`, from
//! which the relay chain spec is made.
#![cfg_attr(not(feature = "std"), no_std)]

// The WASM blob, for the host.
#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

// In the WASM build: links the runtime, whose `#[no_mangle]` runtime-API entry points and
// version section become the blob's.
#[cfg(feature = "rococo")]
pub use rococo_runtime;
