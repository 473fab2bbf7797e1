//! The pallet's logic, one file per concern.

mod aggregation;
mod custody;
mod incidents;
mod orders;
mod parties;
mod prefixes;
mod products;
mod units;
