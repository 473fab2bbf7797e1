//! Builds the runtime's WASM blob, which the node embeds as `WASM_BINARY`.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(healthchain_token::SYMBOL, healthchain_token::DECIMALS)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// The WASM is built by the `std` build only; the WASM build itself has nothing to do here.
#[cfg(not(feature = "std"))]
fn main() {}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
mod healthchain_token {
	// Kept equal to `healthchain_primitives::currency` (a build script cannot use the crate it builds).
	pub const SYMBOL: &str = "HCU";
	pub const DECIMALS: u8 = 12;
}
