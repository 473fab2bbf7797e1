//! The pallet's logic, one file per concern.

mod aggregation;
mod custody;
mod incidents;
mod moves;
mod orders;
mod parties;
mod prefixes;
mod products;
mod tracing;
mod units;
