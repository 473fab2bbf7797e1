//! Spans of chain time: `pallet-timestamp` counts milliseconds ([`crate::Moment`]), and so do
//! every validity, retention and review period the pallets are configured with.

use crate::Moment;

/// A minute, in milliseconds.
pub const MINUTE: Moment = 60 * 1_000;
/// An hour, in milliseconds.
pub const HOUR: Moment = 60 * MINUTE;
/// A day, in milliseconds.
pub const DAY: Moment = 24 * HOUR;
