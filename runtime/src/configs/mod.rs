//! The runtime's pallet configurations, one file per concern.

pub mod accounts;
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_fixtures;
pub mod claims;
pub mod clinical_trials;
pub mod consensus;
pub mod consent;
pub mod credentials;
pub mod emergency;
pub mod governance;
pub mod monetary;
pub mod prescriptions;
pub mod provenance;
pub mod records;
pub mod storage_size;
pub mod system;
pub mod xcm;

pub use system::RuntimeBlockWeights;
