//! The pallet's logic, one file per concern.

mod amendments;
mod enrolment;
mod registration;
mod results;
mod safety;
mod status;
