//! What the runtime API answers with: derived on reading, never stored.

use crate::*;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// Where a unit or container is, derived by following its containers upward.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Custody {
	/// The party holding it; `None` while in transit.
	pub custodian: Option<InstitutionId>,
	/// The shipment carrying it, while in transit.
	pub in_transit_shipment: Option<ShipmentId>,
	/// The container it is packed in directly, if any.
	pub container: Option<Sscc>,
	/// How many shipments carrying it were received since it was commissioned (or created).
	pub hops: u32,
}

/// A unit's state as a verifier sees it, derived from the unit, its batch and its containers.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum UnitState {
	/// In the supply chain, at rest.
	Active,
	/// In the supply chain, in transit.
	InTransit,
	/// Its batch is recalled.
	Recalled,
	/// Reported suspect, quarantined.
	Suspect,
	/// Dispensed to a patient.
	Dispensed,
	/// Destroyed.
	Destroyed,
	/// Confirmed counterfeit by a regulator.
	Counterfeit,
}

/// What verifying a pack (GTIN + serial) answers.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct UnitView {
	/// The batch.
	pub batch: BatchId,
	/// Its lot number.
	pub lot: Lot,
	/// Its expiry (milliseconds since the Unix epoch).
	pub expiry: Moment,
	/// Whether it has expired now.
	pub expired: bool,
	/// The manufacturer.
	pub manufacturer: InstitutionId,
	/// The unit's status now, derived: decommissioned (dispensed, destroyed, counterfeit),
	/// suspect, recalled, in transit or active, in that order of precedence.
	pub status: UnitState,
	/// The party holding it (the last one, once decommissioned); `None` while in transit.
	pub custodian: Option<InstitutionId>,
	/// The shipment carrying it, while in transit.
	pub in_transit_shipment: Option<ShipmentId>,
	/// The container it is packed in directly, if any.
	pub container: Option<Sscc>,
	/// How many shipments carrying it were received since it was commissioned.
	pub hops: u32,
}
