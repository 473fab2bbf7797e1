//! The pallet's logic, one file per concern.

mod dispensing;
mod prescribing;
