//! Builds the runtime's WASM blob, which the node embeds as `WASM_BINARY`.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	watch_runtime_source();
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(healthchain_token::SYMBOL, healthchain_token::DECIMALS)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	watch_runtime_source();
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Rebuilds the WASM when the runtime's source changes. The WASM builder watches each
/// package's own directory, and `healthchain-runtime-next` (runtime/next) builds this
/// directory's `src/` from one level down, so it is named here for both packages.
#[cfg(feature = "std")]
fn watch_runtime_source() {
	let package = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
	let runtime = if package.join("src/lib.rs").exists() { package } else { package.join("..") };
	println!("cargo:rerun-if-changed={}", runtime.join("src").display());
	println!("cargo:rerun-if-changed={}", runtime.join("build.rs").display());
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
