//! # Provenance
//!
//! Medicines are tracked from the maker to the patient, so that counterfeits are caught (GS1
//! identifiers and EPCIS event kinds; US DSCSA; EU FMD).
//!
//! - **Company prefixes**: an authority that verifies institutions of a party's kind in its
//!   jurisdiction assigns it GS1 Company Prefixes (6 to 12 digits; no assigned prefix begins
//!   with another). A GTIN is registered, and a new container's SSCC used, only under a prefix
//!   of the party doing it, so nobody squats another company's identifiers.
//! - **Products and batches**: a manufacturer registers a product under its GTIN-14 (check digit
//!   verified) and creates batches of it: lot number (GS1 AI 10), expiry (AI 17) and the
//!   quantity of units it declares. The batch's deposit is proportional to that quantity and
//!   pays for the units' storage.
//! - **Commissioning**: the manufacturer commissions serialized units (GTIN + serial, SGTIN)
//!   into a batch, naming each serial; the batch's quantity bounds them (EPCIS commissioning).
//! - **Aggregation**: a party packs units into cases and cases into pallets, each a logistic
//!   unit under its SSCC-18 (check digit verified), at most [`Config::MaxNesting`] deep
//!   (EPCIS packing / unpacking). What is packed moves with its container.
//! - **Custody**: a manufacturer ships to distributors, pharmacies and hospitals; a distributor
//!   to other distributors, pharmacies and hospitals; pharmacies and hospitals do not ship
//!   (returns are left out). A shipment names its containers and loose units; the addressee
//!   receives it, taking custody and counting a hop (EPCIS shipping / receiving). A shipment
//!   may fulfil a purchase order the buyer placed with the supplier.
//! - **Status**: a unit is active, in transit, dispensed, recalled, suspect, destroyed or
//!   counterfeit. The manufacturer or a regulator recalls a batch; any party reports a suspect
//!   unit, which is quarantined until a regulator clears it or confirms it counterfeit; the
//!   custodian destroys damaged or expired stock; the prescriptions pallet dispenses through
//!   [`MedicineUnits`](healthchain_primitives::provenance::MedicineUnits) (EPCIS
//!   decommissioning).
//! - **Verification**: anyone asks the runtime API whether a GTIN + serial is genuine, and its
//!   batch, expiry, state, custodian and hops.
//!
//! ## Parties and regulators
//! Every call made for a party names it (`as_party`): a verified institution the caller acts
//! for (its admin or an affiliated practitioner) of the kinds the call needs, both checked at
//! the moment of use. Regulators are accounts holding a live [`Role::Regulator`] credential:
//! they recall batches, clear suspect units and confirm counterfeits.
//!
//! ## Scale
//! No call reads or writes a unit it does not name. A unit stores its batch, its own status
//! and its location: a party, a shipment, or the container it is packed in. A container
//! stores the same, with counts of what it holds. A packed unit's custodian, transit and
//! hops are derived by following its containers upward, at most [`Config::MaxNesting`] reads.
//! Shipping and receiving touch only the named items; recall touches only the batch (a unit
//! reads recalled through its batch); so a pallet of 100,000 units is shipped and received in
//! calls whose weight does not grow with its contents.
//!
//! Hops: every received shipment adds one to each item it names. A packed unit or container
//! `x` in container `p` stores its own hops when packed (`hops`) and `p`'s derived hops at that
//! moment (`packed_at`); its derived hops are `H(x) = hops(x) + H(p) − packed_at(x)`, and
//! `H(x) = hops(x)` at the top. Packing and unpacking leave `H` unchanged (unpacking writes it
//! into `hops`), receiving adds one to `H` of everything inside, so `H` never decreases.
//!
//! Custody of what a pharmacy holds in a case is the pharmacy's: it dispenses straight from
//! the case, which detaches the unit; [`Pallet::unpack`] is there for those who split
//! pallets and cases. Only loose items at rest are packed, shipped or unpacked from, so a
//! container's contents never change while it is inside another or in transit, except for
//! units leaving it (dispensed, destroyed, purged), which update the counts of the few
//! containers above them.
//!
//! ## Storage and deposits
//! A unit stores a key of 63 bytes plus its serial's length (the pallet's and map's prefixes,
//! 32; a Blake2-128 hash, 16; the SGTIN, 14 + 1 + serial): 75 bytes for a 12-character serial,
//! 83 at most; and a value of 18 bytes loose, 32 packed. So 107 bytes a packed unit with a
//! 12-character serial, 115 at most, plus its share of its case (165 bytes for the case).
//! A unit holds no deposit of its own: a batch holds [`Config::BatchDeposit`] plus
//! [`Config::UnitDeposit`] for each unit it declares, returned when the batch is removed —
//! when it has no units stored, either none commissioned or all purged after expiry and
//! retention. Products, containers, shipments, orders and suspect reports each hold their own
//! deposit, returned when they leave storage.
//!
//! The `do_*` functions with their checks and events live in `features/`, one file per concern;
//! the data in `types.rs`; the derivations, `MedicineUnits`, the queries and the invariants
//! in `impls.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(any(feature = "runtime-benchmarks", test))]
mod fixtures;
mod impls;
mod invariants;
#[cfg(test)]
mod mock;
pub mod policy;
#[cfg(test)]
mod tests;
pub mod types;
pub mod views;
pub mod weights;

pub use pallet::*;
pub use policy::*;
pub use types::*;
pub use views::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
use healthchain_primitives::credentials::CredentialFixtures;
use polkadot_sdk::{
	frame_support::{traits::fungible::Inspect, weights::Weight, BoundedVec},
	frame_system,
};

/// The number of units inside each named container in the benchmarks of shipping and
/// receiving: the component shows their cost does not grow with it; weights are taken at the
/// top of that range.
pub const CONTENTS_BENCHMARKED: u32 = 10_000;

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A company prefix assignment as this runtime stores it.
pub type CompanyPrefixOf<T> =
	PrefixAssignment<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A product as this runtime stores it.
pub type ProductOf<T> = Product<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A batch as this runtime stores it.
pub type BatchOf<T> = Batch<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A container as this runtime stores it.
pub type ContainerOf<T> = Container<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A shipment's items as this runtime bounds them.
pub type ShipItemsOf<T> = BoundedVec<Item, <T as Config>::MaxItemsPerShipment>;
/// A shipment as this runtime stores it.
pub type ShipmentOf<T> =
	Shipment<<T as frame_system::Config>::AccountId, BalanceOf<T>, ShipItemsOf<T>>;
/// A purchase order as this runtime stores it.
pub type OrderOf<T> = Order<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// A suspect report as this runtime stores it.
pub type SuspectReportOf<T> = SuspectReport<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// Serials a call names, as this runtime bounds them.
pub type SerialsOf<T> = BoundedVec<Serial, <T as Config>::MaxUnitsPerCall>;
/// Units a call names, as this runtime bounds them.
pub type UnitsOf<T> = BoundedVec<Sgtin, <T as Config>::MaxUnitsPerCall>;
/// Units and containers a packing call names, as this runtime bounds them.
pub type PackItemsOf<T> = BoundedVec<Item, <T as Config>::MaxUnitsPerCall>;

/// How many of `items` are units and how many containers.
fn item_counts(items: &[Item]) -> (u32, u32) {
	let units = items.iter().filter(|item| matches!(item, Item::Unit(_))).count();
	let containers = items.len().saturating_sub(units);
	(u32::try_from(units).unwrap_or(u32::MAX), u32::try_from(containers).unwrap_or(u32::MAX))
}

/// The length of a bounded list, as a benchmark component.
fn count(len: usize) -> u32 {
	u32::try_from(len).unwrap_or(u32::MAX)
}

/// The weight of packing `items`: units and containers each at their own benchmarked cost.
fn pack_weight<T: Config>(items: &[Item]) -> Weight {
	let (units, containers) = item_counts(items);
	T::WeightInfo::pack(units).saturating_add(T::WeightInfo::pack_containers(containers))
}

/// The weight of unpacking `items`: units and containers each at their own benchmarked cost.
fn unpack_weight<T: Config>(items: &[Item]) -> Weight {
	let (units, containers) = item_counts(items);
	T::WeightInfo::unpack(units).saturating_add(T::WeightInfo::unpack_containers(containers))
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use healthchain_primitives::credentials::CredentialsInspect;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{
				fungible::{Mutate, MutateHold},
				Time,
			},
		},
		frame_system::pallet_prelude::*,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// Holds the deposits for products, batches, containers, shipments, orders and suspect
		/// reports.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch), against which expiry is
		/// judged.
		type Time: Time<Moment = Moment>;

		/// Which institutions are verified and of which kind, who acts for them, who holds a
		/// live regulator credential.
		type Credentials: CredentialsInspect<Self::AccountId>;

		/// Deposit for assigning a GS1 Company Prefix, held from the authority and returned when
		/// the prefix is withdrawn.
		#[pallet::constant]
		type CompanyPrefixDeposit: Get<BalanceOf<Self>>;

		/// Deposit for registering a product, returned when it is deregistered.
		#[pallet::constant]
		type ProductDeposit: Get<BalanceOf<Self>>;

		/// Base deposit for a batch, returned with the per-unit deposits when it is removed.
		#[pallet::constant]
		type BatchDeposit: Get<BalanceOf<Self>>;

		/// Deposit per unit a batch declares, paying for the unit's storage; held with the
		/// batch.
		#[pallet::constant]
		type UnitDeposit: Get<BalanceOf<Self>>;

		/// Deposit for a container, returned when it is removed empty.
		#[pallet::constant]
		type ContainerDeposit: Get<BalanceOf<Self>>;

		/// Deposit for a shipment, returned when it is received or cancelled.
		#[pallet::constant]
		type ShipmentDeposit: Get<BalanceOf<Self>>;

		/// Deposit for a purchase order, returned when it is fulfilled, declined or cancelled.
		#[pallet::constant]
		type OrderDeposit: Get<BalanceOf<Self>>;

		/// Deposit for a suspect report, returned when a regulator resolves it.
		#[pallet::constant]
		type SuspectReportDeposit: Get<BalanceOf<Self>>;

		/// How long after its expiry a batch's units stay verifiable before anyone may purge
		/// them, in milliseconds (EU FMD: one year after expiry).
		#[pallet::constant]
		type RetentionPeriod: Get<Moment>;

		/// The most units a batch may declare.
		#[pallet::constant]
		type MaxBatchQuantity: Get<u32>;

		/// The most units (or containers) one call may name for commissioning, packing,
		/// unpacking, destroying or purging.
		#[pallet::constant]
		type MaxUnitsPerCall: Get<u32>;

		/// The most containers and loose units one shipment may name.
		#[pallet::constant]
		type MaxItemsPerShipment: Get<u32>;

		/// The most containers above a unit (unit → case → pallet is 2).
		#[pallet::constant]
		type MaxNesting: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Makes the credentials, institutions and authorities the benchmarks (and the fixtures
		/// in `fixtures.rs`) rest on, as the credentials pallet keeps them.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: CredentialFixtures<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An assigned GS1 Company Prefix.
		CompanyPrefixDeposit,
		/// A registered product.
		ProductDeposit,
		/// A stored batch and the storage of its units.
		BatchDeposit,
		/// A stored container.
		ContainerDeposit,
		/// A shipment in transit.
		ShipmentDeposit,
		/// An open purchase order.
		OrderDeposit,
		/// A suspect report awaiting a regulator.
		SuspectReportDeposit,
	}

	/// The GS1 Company Prefixes authorities assigned, by prefix. A product's GTIN must fall
	/// under one its manufacturer holds; no assigned prefix begins with another.
	#[pallet::storage]
	pub type CompanyPrefixes<T: Config> =
		StorageMap<_, Blake2_128Concat, CompanyPrefix, CompanyPrefixOf<T>>;

	/// For each stem (6 to 11 digits), how many assigned prefixes are longer and begin with it:
	/// a prefix that an assigned one would begin with is refused in one read.
	#[pallet::storage]
	pub type LongerPrefixes<T: Config> =
		StorageMap<_, Blake2_128Concat, CompanyPrefix, u32, ValueQuery>;

	/// Registered products, by GTIN.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Blake2_128Concat, Gtin, ProductOf<T>>;

	/// Batches, by id.
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Twox64Concat, BatchId, BatchOf<T>>;

	/// The batch of each product's lot: a lot number is unique per product.
	#[pallet::storage]
	pub type BatchOfLot<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Gtin, Blake2_128Concat, Lot, BatchId>;

	/// The id the next batch gets.
	#[pallet::storage]
	pub type NextBatchId<T> = StorageValue<_, BatchId, ValueQuery>;

	/// Serialized units, by GTIN and serial (SGTIN). There is no list of a batch's units.
	#[pallet::storage]
	pub type Units<T: Config> = StorageMap<_, Blake2_128Concat, Sgtin, Unit>;

	/// Logistic units (cases, pallets), by SSCC. There is no list of a container's contents.
	#[pallet::storage]
	pub type Containers<T: Config> = StorageMap<_, Blake2_128Concat, Sscc, ContainerOf<T>>;

	/// Shipments in transit, by id; removed when received or cancelled.
	#[pallet::storage]
	pub type Shipments<T: Config> = StorageMap<_, Twox64Concat, ShipmentId, ShipmentOf<T>>;

	/// The id the next shipment gets.
	#[pallet::storage]
	pub type NextShipmentId<T> = StorageValue<_, ShipmentId, ValueQuery>;

	/// Open purchase orders, by id.
	#[pallet::storage]
	pub type Orders<T: Config> = StorageMap<_, Twox64Concat, OrderId, OrderOf<T>>;

	/// The id the next purchase order gets.
	#[pallet::storage]
	pub type NextOrderId<T> = StorageValue<_, OrderId, ValueQuery>;

	/// The open report on each suspect unit.
	#[pallet::storage]
	pub type SuspectReports<T: Config> = StorageMap<_, Blake2_128Concat, Sgtin, SuspectReportOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An authority assigned a GS1 Company Prefix to an institution: its GTINs and SSCCs.
		CompanyPrefixAssigned { prefix: CompanyPrefix, holder: InstitutionId, by: T::AccountId },
		/// An authority withdrew a GS1 Company Prefix no product used; the deposit went back to
		/// the authority that assigned it.
		CompanyPrefixWithdrawn { prefix: CompanyPrefix, holder: InstitutionId, by: T::AccountId },
		/// A manufacturer registered a product.
		ProductRegistered { gtin: Gtin, manufacturer: InstitutionId, details_hash: [u8; 32] },
		/// A product with no batches left was deregistered and its deposit returned.
		ProductDeregistered { gtin: Gtin, manufacturer: InstitutionId },
		/// A manufacturer created a batch.
		BatchCreated {
			batch: BatchId,
			gtin: Gtin,
			lot: Lot,
			expiry: Moment,
			quantity: u32,
			manufacturer: InstitutionId,
		},
		/// A batch was recalled: none of its units may be dispensed.
		BatchRecalled {
			batch: BatchId,
			gtin: Gtin,
			lot: Lot,
			by: T::AccountId,
			reason_hash: [u8; 32],
		},
		/// A batch with no units stored was removed and its deposit returned.
		BatchRemoved { batch: BatchId, gtin: Gtin, lot: Lot },
		/// Units were commissioned into a batch, at the manufacturer (EPCIS commissioning).
		UnitsCommissioned {
			batch: BatchId,
			gtin: Gtin,
			serials: SerialsOf<T>,
			manufacturer: InstitutionId,
		},
		/// Units of a batch were purged from storage after expiry and retention.
		UnitsPurged { batch: BatchId, serials: SerialsOf<T> },
		/// A party created a container (logistic unit).
		ContainerCreated { container: Sscc, party: InstitutionId },
		/// A party packed units and containers into a container (EPCIS packing, aggregation).
		Packed { container: Sscc, party: InstitutionId, items: PackItemsOf<T> },
		/// A party unpacked units and containers from a container (EPCIS unpacking).
		Unpacked { container: Sscc, party: InstitutionId, items: PackItemsOf<T> },
		/// An empty container was removed and its deposit returned.
		ContainerRemoved { container: Sscc, party: InstitutionId },
		/// A party shipped containers and loose units to another (EPCIS shipping).
		Shipped {
			shipment: ShipmentId,
			from: InstitutionId,
			to: InstitutionId,
			items: ShipItemsOf<T>,
			order: Option<OrderId>,
		},
		/// The addressee received a shipment and took custody of all it carried, `units`
		/// units in all (EPCIS receiving).
		Received {
			shipment: ShipmentId,
			from: InstitutionId,
			to: InstitutionId,
			units: u32,
			order: Option<OrderId>,
		},
		/// The shipper cancelled a shipment before it was received; its items are back with
		/// the shipper.
		ShipmentCancelled { shipment: ShipmentId, from: InstitutionId, to: InstitutionId },
		/// A pharmacy dispensed a unit to a patient (EPCIS decommissioning, dispensing).
		UnitDispensed { unit: Sgtin, batch: BatchId, pharmacy: InstitutionId },
		/// A custodian destroyed units (EPCIS decommissioning, destroying).
		UnitsDestroyed { party: InstitutionId, units: UnitsOf<T> },
		/// A party reported a unit suspect; it is quarantined.
		SuspectReported {
			unit: Sgtin,
			party: InstitutionId,
			reporter: T::AccountId,
			evidence_hash: [u8; 32],
		},
		/// A regulator cleared a suspect unit; it is active again.
		SuspectCleared { unit: Sgtin, regulator: T::AccountId },
		/// A regulator confirmed a suspect unit counterfeit; it is decommissioned.
		CounterfeitConfirmed { unit: Sgtin, regulator: T::AccountId },
		/// A buyer placed a purchase order with a supplier.
		OrderPlaced {
			order: OrderId,
			buyer: InstitutionId,
			supplier: InstitutionId,
			gtin: Gtin,
			quantity: u32,
		},
		/// Received shipments delivered an order's quantity; it is closed.
		OrderFulfilled { order: OrderId, fulfilled: u32 },
		/// The supplier declined an open order; it is closed.
		OrderDeclined { order: OrderId },
		/// The buyer cancelled an open order; it is closed.
		OrderCancelled { order: OrderId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The party is not a registered and verified institution.
		PartyNotVerified,
		/// The caller does not act for the party: it is not affiliated to it, or holds no live
		/// credential of a role that fits the party's kind (being its admin is not enough).
		NotActingForParty,
		/// The party is not of a kind that may do this.
		WrongPartyKind,
		/// The GTIN's check digit (or a character) is wrong.
		BadGtin,
		/// The SSCC's check digit (or a character) is wrong.
		BadSscc,
		/// A serial number must be 1 to 20 characters of GS1's set 82.
		BadSerial,
		/// A lot number must be 1 to 20 characters of GS1's set 82.
		BadLot,
		/// A GS1 Company Prefix is 6 to 12 digits.
		BadCompanyPrefix,
		/// Only an authority that verifies institutions of the holder's kind in its jurisdiction
		/// assigns or withdraws its company prefixes.
		NotPrefixAuthority,
		/// The company prefix is already assigned.
		PrefixAssigned,
		/// The company prefix begins with an assigned one, or an assigned one begins with it.
		PrefixOverlaps,
		/// No company prefix is assigned under this value.
		UnknownCompanyPrefix,
		/// Products are registered under the company prefix; they must be deregistered first.
		PrefixInUse,
		/// The GTIN or SSCC falls under no assigned company prefix.
		UnassignedCompanyPrefix,
		/// The GTIN or SSCC falls under a company prefix assigned to another institution.
		PrefixOfAnotherCompany,
		/// A product with this GTIN is already registered.
		ProductExists,
		/// No product with this GTIN is registered.
		UnknownProduct,
		/// The product belongs to another manufacturer.
		NotProductOwner,
		/// The product still has batches stored.
		ProductHasBatches,
		/// This product already has a batch with this lot number.
		BatchExists,
		/// No batch with this id.
		UnknownBatch,
		/// The batch belongs to another manufacturer.
		NotBatchOwner,
		/// The expiry must be after now.
		ExpiryInPast,
		/// A batch must declare between one unit and the most a batch may declare.
		BadQuantity,
		/// The batch has expired.
		BatchExpired,
		/// The batch is recalled.
		BatchRecalled,
		/// Commissioning these units would exceed the batch's declared quantity.
		BatchFull,
		/// The batch still has units stored.
		BatchHasUnits,
		/// Only the manufacturer, or a regulator of the manufacturer's jurisdiction, may recall
		/// a batch.
		NotRecaller,
		/// The batch's units stay stored until its retention period after expiry has passed.
		RetentionNotOver,
		/// A unit with this GTIN and serial was already commissioned.
		UnitExists,
		/// No unit with this GTIN and serial.
		UnknownUnit,
		/// The unit belongs to another batch.
		WrongBatch,
		/// The unit is reported suspect and quarantined.
		UnitSuspect,
		/// The unit was dispensed, destroyed or confirmed counterfeit.
		UnitDecommissioned,
		/// No container with this SSCC.
		UnknownContainer,
		/// The item is held by another party.
		NotCustodian,
		/// The item is in transit.
		InTransit,
		/// The item is packed inside a container: name the outermost container, or unpack it.
		PackedInContainer,
		/// The item is not packed in this container.
		NotInContainer,
		/// A container cannot be packed into itself.
		PackIntoItself,
		/// Packing this would put units more containers deep than allowed.
		NestingTooDeep,
		/// The container still holds units or containers.
		ContainerNotEmpty,
		/// A call must name at least one item.
		NoItems,
		/// An item is named twice.
		DuplicateItem,
		/// The addressee or supplier is not a registered and verified institution.
		CounterpartyNotVerified,
		/// Shipments go from a manufacturer or distributor to a distributor, pharmacy or
		/// hospital, and not to the shipper itself.
		RouteNotAllowed,
		/// No shipment in transit with this id.
		UnknownShipment,
		/// Only the addressee may receive a shipment.
		NotAddressee,
		/// Only the shipper may cancel a shipment.
		NotShipper,
		/// No open purchase order with this id.
		UnknownOrder,
		/// The order is not from this shipment's addressee to its shipper.
		OrderMismatch,
		/// An item holds units of another product than the order's, or of several products.
		WrongProductForOrder,
		/// An order must be for at least one unit.
		ZeroQuantity,
		/// Only the order's buyer may cancel it.
		NotBuyer,
		/// Only the order's supplier may decline it.
		NotSupplier,
		/// The unit is already reported suspect.
		AlreadySuspect,
		/// The unit is not reported suspect.
		NotSuspect,
		/// The batch is already recalled.
		AlreadyRecalled,
		/// Only an account holding a live regulator credential for the jurisdiction concerned may
		/// do this.
		NotRegulator,
		/// Only a party that handles the unit (its maker, its holder, or either end of the
		/// shipment carrying it) may report it suspect.
		NotHandlingUnit,
		/// A count would overflow.
		Overflow,
		/// Every id of this kind has been handed out.
		NoIdsLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a product under its GTIN-14 for `as_party`, a manufacturer the caller acts
		/// for, the GTIN falling under a company prefix assigned to it. `details_hash` is the hash of the off-chain product master data. Holds
		/// [`Config::ProductDeposit`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_product())]
		pub fn register_product(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			gtin: Gtin,
			details_hash: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_product(who, as_party, gtin, details_hash)
		}

		/// Deregisters a product of `as_party` that has no batches stored, and returns its
		/// deposit.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::deregister_product())]
		pub fn deregister_product(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			gtin: Gtin,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deregister_product(who, as_party, gtin)
		}

		/// Creates a batch of `as_party`'s product `gtin`: its `lot` number (GS1 AI 10, unique
		/// for the product), its `expiry` (milliseconds since the Unix epoch, after now) and
		/// the `quantity` of units it may hold. Holds [`Config::BatchDeposit`] plus
		/// [`Config::UnitDeposit`] per declared unit.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::create_batch())]
		pub fn create_batch(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			gtin: Gtin,
			lot: Lot,
			expiry: Moment,
			quantity: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_batch(who, as_party, gtin, lot, expiry, quantity)
		}

		/// Commissions serialized units of `batch` at `as_party`, its manufacturer: one for
		/// each serial named, all distinct and new, within the batch's declared quantity. The
		/// batch must be active and unexpired. Costs grow with the serials named only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::commission_units(count(serials.len())))]
		pub fn commission_units(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			batch: BatchId,
			serials: SerialsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_commission_units(who, as_party, batch, serials)
		}

		/// Recalls `batch`: none of its units may be dispensed from now on, wherever they are.
		/// The caller acts for the batch's manufacturer or holds a live regulator credential;
		/// `reason_hash` is the hash of the off-chain recall notice. Final.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::recall_batch())]
		pub fn recall_batch(
			origin: OriginFor<T>,
			batch: BatchId,
			reason_hash: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_recall_batch(who, batch, reason_hash)
		}

		/// Removes a batch of `as_party` with no units stored (none commissioned, or all
		/// purged) and returns its deposit.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::remove_batch())]
		pub fn remove_batch(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			batch: BatchId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_batch(who, as_party, batch)
		}

		/// Purges the named units of `batch` from storage once its expiry plus the retention
		/// period ([`Config::RetentionPeriod`] when the batch was created) has passed. Anyone may purge; units in transit or
		/// suspect stay.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::purge_units(count(serials.len())))]
		pub fn purge_units(
			origin: OriginFor<T>,
			batch: BatchId,
			serials: SerialsOf<T>,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_purge_units(batch, serials)
		}

		/// Packs the named units and containers, all held loose by `as_party`, into
		/// `container`, which `as_party` holds at rest and unpacked, or which is created (with
		/// [`Config::ContainerDeposit`]) if the SSCC is new. Costs grow with the items named
		/// only.
		#[pallet::call_index(7)]
		#[pallet::weight(pack_weight::<T>(items))]
		pub fn pack(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			container: Sscc,
			items: PackItemsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_pack(who, as_party, container, items)
		}

		/// Unpacks the named units and containers from `container`, which `as_party` holds at
		/// rest and unpacked; they become loose at `as_party`.
		#[pallet::call_index(8)]
		#[pallet::weight(unpack_weight::<T>(items))]
		pub fn unpack(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			container: Sscc,
			items: PackItemsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unpack(who, as_party, container, items)
		}

		/// Removes an empty `container` that `as_party` holds at rest and unpacked, and returns
		/// its deposit to whoever paid it.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::remove_container())]
		pub fn remove_container(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			container: Sscc,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_remove_container(who, as_party, container)
		}

		/// Ships the named containers and loose units, all held by `as_party` (a manufacturer
		/// or distributor) at rest and unpacked, to `to` (a distributor, pharmacy or hospital),
		/// optionally fulfilling `order`. Everything inside the containers goes with them
		/// untouched. Holds [`Config::ShipmentDeposit`]. The weight is taken with
		/// [`CONTENTS_BENCHMARKED`] units in each container: the component shows cost does
		/// not grow with case contents.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::ship(count(items.len()), CONTENTS_BENCHMARKED))]
		pub fn ship(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			to: InstitutionId,
			items: ShipItemsOf<T>,
			order: Option<OrderId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_ship(who, as_party, to, items, order)
		}

		/// Receives `shipment` at `as_party`, its addressee: custody of everything it carries
		/// passes to `as_party` and counts one hop; its units count towards its order. Returns
		/// the shipper's deposit. The weight is taken with [`CONTENTS_BENCHMARKED`] units in
		/// each container: the component shows cost does not grow with case contents.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::receive(
			T::MaxItemsPerShipment::get(),
			CONTENTS_BENCHMARKED
		))]
		pub fn receive(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			shipment: ShipmentId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let items = Self::do_receive(who, as_party, shipment)?;
			Ok(Some(T::WeightInfo::receive(items, CONTENTS_BENCHMARKED)).into())
		}

		/// Cancels `shipment` before it is received: `as_party`, its shipper, holds its items
		/// again. Returns the deposit.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::cancel_shipment(T::MaxItemsPerShipment::get()))]
		pub fn cancel_shipment(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			shipment: ShipmentId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let items = Self::do_cancel_shipment(who, as_party, shipment)?;
			Ok(Some(T::WeightInfo::cancel_shipment(items)).into())
		}

		/// Places a purchase order from `as_party` (a distributor, pharmacy or hospital) with
		/// `supplier` (a manufacturer or distributor that may ship to it) for `quantity` units
		/// of product `gtin`. Holds [`Config::OrderDeposit`] until it is closed.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::place_order())]
		pub fn place_order(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			supplier: InstitutionId,
			gtin: Gtin,
			quantity: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_place_order(who, as_party, supplier, gtin, quantity)
		}

		/// Declines an open `order` placed with `as_party`; the buyer's deposit is returned.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::decline_order())]
		pub fn decline_order(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			order: OrderId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_decline_order(who, as_party, order)
		}

		/// Cancels an open `order` that `as_party` placed, and returns its deposit.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::cancel_order())]
		pub fn cancel_order(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			order: OrderId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_cancel_order(who, as_party, order)
		}

		/// Reports `unit` suspect for `as_party`, a verified institution the caller acts for
		/// that handles the unit (made it, holds it, or sends or receives the shipment carrying
		/// it); `evidence_hash` is the hash of the off-chain evidence. The unit is quarantined:
		/// it may not be dispensed, packed or shipped loose until a regulator of the party's
		/// jurisdiction resolves the report. Holds [`Config::SuspectReportDeposit`] until then:
		/// returned if the unit is confirmed counterfeit, paid to the holder's admin if it is
		/// cleared.
		#[pallet::call_index(16)]
		#[pallet::weight(T::WeightInfo::report_suspect())]
		pub fn report_suspect(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			unit: Sgtin,
			evidence_hash: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_report_suspect(who, as_party, unit, evidence_hash)
		}

		/// Clears a suspect `unit` (a regulator's finding that it is genuine): it is active
		/// again, and the unfounded report's deposit goes to the admin of the party holding
		/// the unit.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::clear_suspect())]
		pub fn clear_suspect(origin: OriginFor<T>, unit: Sgtin) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_clear_suspect(who, unit)
		}

		/// Confirms a suspect `unit` counterfeit (a regulator's finding): packs bearing its code
		/// are decommissioned for good, and the reporter's deposit is returned.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::confirm_counterfeit())]
		pub fn confirm_counterfeit(origin: OriginFor<T>, unit: Sgtin) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_confirm_counterfeit(who, unit)
		}

		/// Assigns the GS1 Company Prefix `prefix` (6 to 12 digits) to `holder`, for an authority
		/// that verifies institutions of the holder's kind in its jurisdiction (the GS1 member
		/// organisation's licence, on chain). The holder then registers products whose GTINs
		/// fall under it, and nobody else can. Holds [`Config::CompanyPrefixDeposit`] from the
		/// authority.
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::assign_company_prefix())]
		pub fn assign_company_prefix(
			origin: OriginFor<T>,
			prefix: CompanyPrefix,
			holder: InstitutionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_assign_company_prefix(who, prefix, holder)
		}

		/// Withdraws a company prefix no registered product uses, for an authority that
		/// verifies institutions of its holder's kind in its jurisdiction; the deposit returns to
		/// the authority that assigned it.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::withdraw_company_prefix())]
		pub fn withdraw_company_prefix(
			origin: OriginFor<T>,
			prefix: CompanyPrefix,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_company_prefix(who, prefix)
		}

		/// Destroys the named active units that `as_party` holds at rest, loose or in its
		/// containers (damaged, expired or recalled stock): they are decommissioned and leave
		/// their containers.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::destroy_units(count(units.len())))]
		pub fn destroy_units(
			origin: OriginFor<T>,
			as_party: InstitutionId,
			units: UnitsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_destroy_units(who, as_party, units)
		}
	}
}
