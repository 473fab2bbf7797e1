//! The pallet's logic, one file per concern. Calls in `lib.rs` check the origin and delegate here.

mod access;
mod adding;
mod erasure;
mod keys;
mod versions;
