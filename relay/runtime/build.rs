//! Builds rococo-runtime as WASM, once, through this package: the WASM builder compiles this
//! package for wasm32 with the `rococo` feature, and the package re-exports the runtime crate,
//! whose exported runtime-API functions make up the blob.

#[cfg(feature = "std")]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_feature("rococo")
		.build();
}

#[cfg(not(feature = "std"))]
fn main() {}
