//! The pallet's logic, one file per concern.

mod adjudication;
mod appeals;
mod claims;
mod clocks;
mod common;
mod contracts;
mod coverage;
mod metrics;
mod payment;
mod plans;
mod prior_auth;
