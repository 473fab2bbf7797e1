//! The node and its workers print the same version (`SUBSTRATE_CLI_COMMIT_HASH` in
//! `--full-version`). The node's check of its workers compares polkadot-cli's version, which
//! both take from the same crate, so no rebuild per commit is needed (unlike healthchain-node).

fn main() {
	substrate_build_script_utils::generate_cargo_keys();
}
