//! The data the provenance pallet keeps: products (GS1 GTIN), batches (lot, expiry), serialized
//! units (SGTIN), logistic units (SSCC) that aggregate them, shipments between parties, purchase
//! orders and suspect reports.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	credentials::{InstitutionId, InstitutionKind, Jurisdiction, Role},
	provenance::{
		gs1_check_digit, is_valid_serial, Gtin, Serial, Sgtin, Sscc, UnitRefusal, MAX_SERIAL_LEN,
	},
	Moment,
};

/// Identifies a batch (a lot of one product).
pub type BatchId = u32;
/// Identifies a shipment.
pub type ShipmentId = u64;
/// Identifies a purchase order.
pub type OrderId = u64;

/// The longest GS1 batch or lot number (AI 10): up to 20 characters.
pub const MAX_LOT_LEN: u32 = 20;

/// A GS1 batch or lot number (AI 10): 1 to 20 characters of GS1's encodable set 82.
pub type Lot = BoundedVec<u8, ConstU32<MAX_LOT_LEN>>;

/// The shortest GS1 Company Prefix.
pub const MIN_COMPANY_PREFIX_LEN: u32 = 6;
/// The longest GS1 Company Prefix: a 12-digit prefix leaves one GTIN-13 to its company.
pub const MAX_COMPANY_PREFIX_LEN: u32 = 12;

/// A GS1 Company Prefix: 6 to 12 ASCII digits licensed to one company. Every GTIN and SSCC the
/// company allocates carries it right after the first digit (the GTIN-14's indicator, the
/// SSCC's extension digit); a UPC company prefix is written with its leading `0`, as in
/// GTIN-13.
pub type CompanyPrefix = BoundedVec<u8, ConstU32<MAX_COMPANY_PREFIX_LEN>>;

/// Whether `prefix` is 6 to 12 ASCII digits.
pub fn is_company_prefix(prefix: &[u8]) -> bool {
	(MIN_COMPANY_PREFIX_LEN as usize..=MAX_COMPANY_PREFIX_LEN as usize).contains(&prefix.len())
		&& prefix.iter().all(u8::is_ascii_digit)
}

/// The company prefixes a GS1 key (the digits of a GTIN-14 or an SSCC-18) could fall under,
/// shortest first: its digits after the first, 6 to 12 of them.
pub fn company_prefixes_of(key: &[u8]) -> impl Iterator<Item = &[u8]> {
	(MIN_COMPANY_PREFIX_LEN as usize..=MAX_COMPANY_PREFIX_LEN as usize)
		.filter_map(move |len| key.get(1..len.saturating_add(1)))
}

/// The stems of `prefix`, the shorter prefixes it begins with, shortest first: `400638` for
/// `4006381`. No assigned prefix may begin with another, so that a GTIN falls under one only.
pub fn stems_of(prefix: &[u8]) -> impl Iterator<Item = &[u8]> {
	(MIN_COMPANY_PREFIX_LEN as usize..prefix.len()).filter_map(move |len| prefix.get(..len))
}

/// A GS1 Company Prefix an authority assigned to an institution: the products it registers
/// must have GTINs under it, and the logistic units it creates SSCCs under it, so that nobody
/// takes another company's identifiers first.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct PrefixAssignment<AccountId, Balance> {
	/// The institution the prefix is licensed to.
	pub holder: InstitutionId,
	/// The holder's kind and jurisdiction when it was assigned: the authorities that verify
	/// such institutions there may withdraw it.
	pub kind: InstitutionKind,
	/// See `kind`.
	pub jurisdiction: Jurisdiction,
	/// The authority that assigned it, and paid the deposit.
	pub assigned_by: AccountId,
	/// When it was assigned.
	pub assigned_at: Moment,
	/// How many registered products have a GTIN under it; it is withdrawn only at none.
	pub products: u32,
	/// The deposit held from `assigned_by` while it is assigned.
	pub deposit: Balance,
}

/// A unit or a logistic unit that a call names: what is packed, unpacked or shipped.
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum Item {
	/// A logistic unit (case, pallet) with whatever it contains.
	Container(Sscc),
	/// A serialized unit (one pack).
	Unit(Sgtin),
}

/// Where a unit or a container is. Custody, transit and hops of what is packed are derived by
/// following [`Location::In`] upward, at most [`crate::Config::MaxNesting`] containers.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum Location {
	/// At rest, in this party's custody (loose or as the outermost container).
	At(InstitutionId),
	/// Shipped and not yet received; the shipment names it.
	InTransit(ShipmentId),
	/// Packed inside this container, which carries it wherever it goes.
	In(Sscc),
}

/// A medicine a manufacturer makes, under its GTIN.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Product<AccountId, Balance> {
	/// The manufacturer (marketing authorisation holder) that registered it.
	pub manufacturer: InstitutionId,
	/// Hash of the off-chain product master data (name, strength, form, pack size).
	pub details_hash: [u8; 32],
	/// How many of its batches are stored.
	pub batches: u32,
	/// When it was registered.
	pub registered_at: Moment,
	/// Who paid the deposit.
	pub depositor: AccountId,
	/// The deposit held while it is registered.
	pub deposit: Balance,
}

/// Whether a batch may still be used.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub enum BatchStatus<AccountId> {
	/// In distribution.
	Active,
	/// Recalled: none of its units may be dispensed. Final.
	Recalled {
		/// Who recalled it (for the manufacturer, or a regulator).
		by: AccountId,
		/// When.
		at: Moment,
	},
}

/// A batch (lot) of a product, with its expiry and the number of units it may hold.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Batch<AccountId, Balance> {
	/// The product.
	pub gtin: Gtin,
	/// The lot number (GS1 AI 10).
	pub lot: Lot,
	/// When it expires (GS1 AI 17, as milliseconds since the Unix epoch): its units may not be
	/// dispensed from this moment.
	pub expiry: Moment,
	/// Until when its units stay stored: the expiry plus the retention period in force when
	/// the batch was created. Anyone may purge them after.
	pub retained_until: Moment,
	/// How many units the manufacturer declared: the most that can be commissioned.
	pub quantity: u32,
	/// How many units were commissioned.
	pub commissioned: u32,
	/// How many of those were purged from storage after expiry and retention.
	pub purged: u32,
	/// The manufacturer.
	pub manufacturer: InstitutionId,
	/// Active or recalled.
	pub status: BatchStatus<AccountId>,
	/// Who paid the deposit.
	pub depositor: AccountId,
	/// The deposit held while it is stored: a base plus one per declared unit, which pays for
	/// the units' storage.
	pub deposit: Balance,
}

impl<AccountId, Balance> Batch<AccountId, Balance> {
	/// Whether the batch has expired at `now`.
	pub fn is_expired_at(&self, now: Moment) -> bool {
		self.expiry <= now
	}

	/// Whether the batch is recalled.
	pub fn is_recalled(&self) -> bool {
		matches!(self.status, BatchStatus::Recalled { .. })
	}

	/// How many of its units are stored.
	pub fn stored(&self) -> u32 {
		self.commissioned.saturating_sub(self.purged)
	}
}

/// What happened to a unit itself. Recall (of its batch) and transit (of its container) are
/// derived when read: see [`UnitState`].
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
pub enum UnitStatus {
	/// In the supply chain.
	Active,
	/// Reported suspect and quarantined until a regulator clears it or confirms it counterfeit.
	Suspect,
	/// Dispensed to a patient: decommissioned.
	Dispensed,
	/// Destroyed by its custodian (damaged, expired or recalled stock): decommissioned.
	Destroyed,
	/// A regulator confirmed that packs bearing this code are counterfeit: decommissioned.
	Counterfeit,
}

impl UnitStatus {
	/// Whether the unit left the supply chain for good.
	pub fn is_decommissioned(&self) -> bool {
		matches!(self, UnitStatus::Dispensed | UnitStatus::Destroyed | UnitStatus::Counterfeit)
	}
}

/// A serialized unit (one pack), stored under its SGTIN.
///
/// Its hops are derived: `hops + (hops of its container now − packed_at)`, applied up the chain
/// of containers, so that receiving a container counts a hop for everything inside it without
/// touching it.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Unit {
	/// Its batch.
	pub batch: BatchId,
	/// What happened to it.
	pub status: UnitStatus,
	/// Where it is.
	pub location: Location,
	/// The custody hops it had when it was last packed (or, loose, its hops).
	pub hops: u32,
	/// Its container's derived hops when it was packed into it; 0 when loose.
	pub packed_at: u32,
}

/// Which products a container holds.
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
pub enum Contents {
	/// No units.
	Empty,
	/// Units of this product only (a homogeneous logistic unit).
	Product(Gtin),
	/// Units of more than one product.
	Mixed,
}

impl Contents {
	/// What a container holds after adding `other` to `self`.
	pub fn merge(self, other: Contents) -> Contents {
		match (self, other) {
			(Contents::Empty, other) => other,
			(this, Contents::Empty) => this,
			(Contents::Product(this), Contents::Product(other)) if this == other => {
				Contents::Product(this)
			},
			_ => Contents::Mixed,
		}
	}
}

/// A logistic unit (case, pallet) under its SSCC.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Container<AccountId, Balance> {
	/// Where it is.
	pub location: Location,
	/// How many units and containers are packed directly in it.
	pub children: u32,
	/// How many units are inside it, at any depth (dispensed and destroyed units leave it).
	pub units: u32,
	/// Which products those units are.
	pub contents: Contents,
	/// An upper bound on the levels of containers from it down to a unit: 1 for a case of
	/// units, 2 for a pallet of cases.
	pub height: u8,
	/// The custody hops it had when it was last packed (or, at rest or in transit, its hops).
	pub hops: u32,
	/// Its container's derived hops when it was packed into it; 0 when not packed.
	pub packed_at: u32,
	/// Who paid the deposit.
	pub depositor: AccountId,
	/// The deposit held while it is stored.
	pub deposit: Balance,
}

/// A shipment from one party to another, until received or cancelled.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Shipment<AccountId, Balance, Items> {
	/// The shipper.
	pub from: InstitutionId,
	/// The addressee.
	pub to: InstitutionId,
	/// What was shipped: containers and loose units, each with everything inside it.
	pub items: Items,
	/// The purchase order it fulfils, if any.
	pub order: Option<OrderId>,
	/// When it was shipped.
	pub shipped_at: Moment,
	/// Who shipped it and paid the deposit.
	pub depositor: AccountId,
	/// The deposit held until it is received or cancelled.
	pub deposit: Balance,
}

/// An open purchase order from a buyer to a supplier. Orders leave storage when fulfilled,
/// declined or cancelled; the events keep their history.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Order<AccountId, Balance> {
	/// Who orders.
	pub buyer: InstitutionId,
	/// Who is asked to supply.
	pub supplier: InstitutionId,
	/// The product.
	pub gtin: Gtin,
	/// How many units.
	pub quantity: u32,
	/// How many units shipments referring to it have delivered.
	pub fulfilled: u32,
	/// When it was placed.
	pub placed_at: Moment,
	/// Who placed it and paid the deposit.
	pub depositor: AccountId,
	/// The deposit held while it is open.
	pub deposit: Balance,
}

/// A report that a unit is suspect (EU FMD alert, DSCSA suspect product), until a regulator
/// clears the unit or confirms it counterfeit.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct SuspectReport<AccountId, Balance> {
	/// The party that reported it.
	pub party: InstitutionId,
	/// Where that party operates: the regulators of this jurisdiction resolve the report.
	pub jurisdiction: Jurisdiction,
	/// Hash of the off-chain evidence.
	pub evidence_hash: [u8; 32],
	/// When.
	pub reported_at: Moment,
	/// Who reported it and paid the deposit.
	pub depositor: AccountId,
	/// The deposit held until the report is resolved.
	pub deposit: Balance,
}
