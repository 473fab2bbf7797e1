//! Runtime API of the provenance pallet, for pharmacists' scanners, patients' apps, regulators'
//! dashboards and supply-chain systems: verify a pack, and read products, batches, containers,
//! shipments in transit, open orders and suspect reports.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::Codec;
pub use pallet_provenance::{
	Batch, BatchId, CompanyPrefix, Container, Custody, Gtin, InstitutionId, Item, Lot, Order,
	OrderId, PrefixAssignment, Product, Serial, Sgtin, ShipmentId, Sscc, SuspectReport, UnitState,
	UnitView,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Is this pack genuine, and where has it been?
	///
	/// `Shipment` is the runtime's shipment type (`pallet_provenance::ShipmentOf<Runtime>`).
	pub trait ProvenanceApi<AccountId, Balance, Shipment>
	where
		AccountId: Codec,
		Balance: Codec,
		Shipment: Codec,
	{
		/// Verifies a pack by its GTIN and serial: `None` if no such unit was ever commissioned
		/// (not genuine); else its batch, lot, expiry, state (active, in transit, recalled,
		/// suspect, dispensed, destroyed or counterfeit), custodian (none in transit), direct
		/// container and custody hops.
		fn verify(gtin: Gtin, serial: Serial) -> Option<UnitView>;

		/// A registered product.
		fn product(gtin: Gtin) -> Option<Product<AccountId, Balance>>;

		/// The assigned GS1 Company Prefix a GTIN falls under, and its holder: the only
		/// institution that may register it. `None` if no prefix covers it.
		fn company_prefix_of(
			gtin: Gtin,
		) -> Option<(CompanyPrefix, PrefixAssignment<AccountId, Balance>)>;

		/// A batch.
		fn batch(id: BatchId) -> Option<Batch<AccountId, Balance>>;

		/// The batch of a product's lot.
		fn batch_of_lot(gtin: Gtin, lot: Lot) -> Option<BatchId>;

		/// A container (case, pallet) with its derived custody.
		fn container(sscc: Sscc) -> Option<(Container<AccountId, Balance>, Custody)>;

		/// A shipment in transit (received and cancelled ones leave storage; events keep them).
		fn shipment(id: ShipmentId) -> Option<Shipment>;

		/// An open purchase order (fulfilled, declined and cancelled ones leave storage).
		fn order(id: OrderId) -> Option<Order<AccountId, Balance>>;

		/// The open report on a suspect unit.
		fn suspect_report(unit: Sgtin) -> Option<SuspectReport<AccountId, Balance>>;
	}
}
