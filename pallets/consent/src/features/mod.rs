//! The pallet's logic, one file per concern.

mod access_log;
mod break_glass;
mod grants;
mod guardians;
