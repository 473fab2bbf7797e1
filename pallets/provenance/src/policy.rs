//! Who may do what in the supply chain, by the kind of institution they act for.

use crate::InstitutionKind;

/// The institution kinds that make medicines: they register products, create batches and
/// commission units.
pub const MAKER_KINDS: [InstitutionKind; 1] = [InstitutionKind::Manufacturer];
/// The institution kinds that ship medicines onward.
pub const SHIPPER_KINDS: [InstitutionKind; 2] =
	[InstitutionKind::Manufacturer, InstitutionKind::Distributor];
/// The institution kinds that receive shipments and place purchase orders.
pub const RECEIVER_KINDS: [InstitutionKind; 3] =
	[InstitutionKind::Distributor, InstitutionKind::Pharmacy, InstitutionKind::Hospital];
/// The institution kinds that hold medicines in the supply chain: they pack, unpack and destroy.
pub const HOLDER_KINDS: [InstitutionKind; 4] = [
	InstitutionKind::Manufacturer,
	InstitutionKind::Distributor,
	InstitutionKind::Pharmacy,
	InstitutionKind::Hospital,
];
