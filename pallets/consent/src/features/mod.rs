//! The pallet's logic, one file per concern.

mod break_glass;
mod grants;
