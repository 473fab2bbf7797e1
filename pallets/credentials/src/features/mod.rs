//! The pallet's logic, one file per concern. Calls in `lib.rs` check the origin and delegate here.

mod authorities;
mod credentials;
mod institutions;
