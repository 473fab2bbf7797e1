//! # Prescriptions
//!
//! A prescription can only be filled with genuine, unexpired, unrecalled packs that the pharmacy
//! really holds.
//!
//! - **Issuing** (FHIR MedicationRequest): a physician with a live credential prescribes a
//!   product (a GS1 GTIN with a correct check digit) to a patient: so many packs per fill, a
//!   number of repeats after the first fill, a validity period of at most
//!   [`Config::MaxValidity`], a minimum interval between fills (dispenseRequest), and the hash
//!   of the off-chain instructions. The prescriber holds a deposit for the prescription and for
//!   every fill it allows.
//! - **Dispensing** (FHIR MedicationDispense): a pharmacist with a live credential, affiliated
//!   to a verified pharmacy (or hospital), names the serialized packs (SGTINs) handed over. Each
//!   must be genuine, active, unexpired, neither recalled nor suspect, of the prescribed
//!   product and in that pharmacy's custody: [`Config::Units`] (the provenance pallet in the
//!   runtime) checks it and decommissions it. The packs and the fill go together or not at all:
//!   the call runs in its own storage layer, so a refused pack undoes the packs before it. No
//!   fill beyond the repeats, before the interval, outside the validity period or after
//!   cancellation.
//! - **Cancelling**: the prescriber cancels an active prescription, with immediate effect, even
//!   after their own credential has lapsed.
//! - **Closing**: once a prescription is finished (completed, cancelled or expired), anyone
//!   removes it with its fills and its deposit goes back to the prescriber. The events remain
//!   the complete trail.
//!
//! No personal health data comes on chain: accounts, the product's GTIN, the packs' SGTINs,
//! times, and the hash of the instructions.
//!
//! The `do_*` functions with their checks and events live in `features/`, one file per concern;
//! the data in `types.rs`; the queries behind the runtime API and the storage invariants in
//! `impls.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impls;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
use healthchain_primitives::{consent::ConsentFixtures, credentials::CredentialFixtures};
use polkadot_sdk::{
	frame_support::{traits::fungible::Inspect, BoundedVec},
	frame_system,
};

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A prescription as this runtime stores it.
pub type PrescriptionOf<T> = Prescription<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// The packs one fill names, as this runtime bounds them.
pub type UnitsOf<T> = BoundedVec<Sgtin, <T as Config>::MaxUnitsPerFill>;
/// A fill as this runtime stores it.
pub type FillOf<T> = Fill<<T as frame_system::Config>::AccountId, UnitsOf<T>>;

/// What the benchmarks need from the runtime: credentials and affiliations as the credentials
/// pallet keeps them and the patient's consent along the access decision's longest path (the
/// shared fixtures), and packs the provenance pallet vouches for.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId>:
	CredentialFixtures<AccountId> + ConsentFixtures<AccountId>
{
	/// Commissions the pack `index` of `product` into `pharmacy`'s custody, ready to dispense,
	/// nested as deep as packs go (in the runtime, the provenance pallet's
	/// `dispensable_unit_for_benchmarks`), so that dispensing it takes the deepest path the
	/// checks on a pack take.
	fn dispensable_unit(product: &Gtin, pharmacy: InstitutionId, index: u32) -> Sgtin;
}

// `issue_prescription` takes the dispense request's fields one by one, as clients send them; the
// call enum's generated constructor has no place for the allowance on the call itself.
#[allow(clippy::too_many_arguments)]
#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use healthchain_primitives::{
		consent::AccessPolicy, credentials::CredentialsInspect, provenance::MedicineUnits,
	};
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
		/// Holds the prescription deposits.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch), against which validity
		/// periods and dispense intervals are judged.
		type Time: Time<Moment = Moment>;

		/// Who holds which live credential, who is affiliated where, which institutions are
		/// verified and of what kind (the credentials pallet in the runtime).
		type Credentials: CredentialsInspect<Self::AccountId>;

		/// Checks and decommissions the serialized packs a pharmacy dispenses (the provenance
		/// pallet in the runtime).
		type Units: MedicineUnits;

		/// The patient's consent: prescribing needs the patient's live treatment grant to the
		/// prescriber (or open break-glass), as writing a record does; a guardian authorises
		/// fills for the patient (the consent pallet in the runtime).
		type Access: AccessPolicy<Self::AccountId>;

		/// Deposit the prescriber holds for each prescription, returned when it is closed.
		#[pallet::constant]
		type PrescriptionDeposit: Get<BalanceOf<Self>>;

		/// Further deposit the prescriber holds for each fill a prescription allows (the first
		/// and each repeat), returned when it is closed: it pays for the fills' storage.
		#[pallet::constant]
		type FillDeposit: Get<BalanceOf<Self>>;

		/// The most packs one fill may hand over: bounds the quantity per fill and the packs
		/// named in one dispense.
		#[pallet::constant]
		type MaxUnitsPerFill: Get<u32>;

		/// The most repeats a prescription may allow after its first fill; a prescription
		/// stores at most one more fill than this.
		#[pallet::constant]
		type MaxRepeats: Get<u32>;

		/// The longest validity period of a prescription, in milliseconds.
		#[pallet::constant]
		type MaxValidity: Get<Moment>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up credentials, consent and packs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A prescription on chain, with the fills it allows.
		PrescriptionDeposit,
	}

	/// Every prescription not yet closed: active, cancelled, completed or expired.
	#[pallet::storage]
	pub type IssuedPrescriptions<T: Config> =
		StorageMap<_, Twox64Concat, PrescriptionId, PrescriptionOf<T>>;

	/// The id the next prescription gets.
	#[pallet::storage]
	pub type NextPrescriptionId<T> = StorageValue<_, PrescriptionId, ValueQuery>;

	/// The prescriptions of each patient: the listing index. Issuing inserts one key, so it
	/// costs the same however many prescriptions the patient has.
	#[pallet::storage]
	pub type PatientPrescriptions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, T::AccountId, Twox64Concat, PrescriptionId, ()>;

	/// The fills of each prescription, by fill number: 1 for the first, up to one more than
	/// the repeats it allows.
	#[pallet::storage]
	pub type Fills<T: Config> =
		StorageDoubleMap<_, Twox64Concat, PrescriptionId, Twox64Concat, u32, FillOf<T>>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A physician issued a prescription to a patient.
		PrescriptionIssued {
			prescription: PrescriptionId,
			prescriber: T::AccountId,
			patient: T::AccountId,
			product: Gtin,
			quantity_per_fill: u32,
			repeats_allowed: u32,
			valid_from: Moment,
			valid_until: Moment,
			min_interval: Moment,
			instructions_hash: [u8; 32],
		},
		/// A pharmacist dispensed a fill of a prescription, handing over these packs, which are
		/// now decommissioned.
		PrescriptionDispensed {
			prescription: PrescriptionId,
			fill: u32,
			patient: T::AccountId,
			pharmacist: T::AccountId,
			pharmacy: InstitutionId,
			units: UnitsOf<T>,
		},
		/// The last fill a prescription allows was dispensed.
		PrescriptionCompleted { prescription: PrescriptionId, patient: T::AccountId },
		/// The prescriber cancelled a prescription; it admits no fill from now on.
		PrescriptionCancelled {
			prescription: PrescriptionId,
			patient: T::AccountId,
			prescriber: T::AccountId,
		},
		/// The patient (or their guardian, `by`) authorised a pharmacy to dispense the next
		/// fill, or withdrew the authorisation (`pharmacy` is `None`).
		FillAuthorised {
			prescription: PrescriptionId,
			patient: T::AccountId,
			pharmacy: Option<InstitutionId>,
			by: T::AccountId,
		},
		/// A finished prescription was removed with its fills, and its deposit returned to the
		/// prescriber.
		PrescriptionClosed {
			prescription: PrescriptionId,
			patient: T::AccountId,
			prescriber: T::AccountId,
			closed_by: T::AccountId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// Only a physician with a live credential may prescribe.
		NotAPrescriber,
		/// A physician may not prescribe to themselves.
		SelfPrescription,
		/// Prescribing is for treatment or emergency treatment.
		PurposeNotForPrescribing,
		/// The patient has not consented: prescribing needs their live grant to the prescriber
		/// (or to the institution named) for the purpose, allowing writing, or open
		/// break-glass for emergency treatment (`consentApi.checkAccess` says why not).
		NoPatientConsent,
		/// Only the patient or their live guardian authorises a fill.
		NotPatientOrGuardian,
		/// The patient (or guardian) has not authorised this pharmacy to dispense the next
		/// fill.
		FillNotAuthorised,
		/// The product is not a GTIN-14 of digits with a correct GS1 check digit.
		InvalidGtin,
		/// A fill must hand over at least one pack.
		ZeroQuantity,
		/// A fill may hand over at most [`Config::MaxUnitsPerFill`] packs.
		QuantityTooLarge,
		/// A prescription may allow at most [`Config::MaxRepeats`] repeats.
		TooManyRepeats,
		/// The validity period must end after it starts, and after now.
		InvalidPeriod,
		/// The validity period may last at most [`Config::MaxValidity`], counted from its start
		/// or from now, whichever is earlier.
		ValidityTooLong,
		/// With repeats allowed, the minimum interval between fills must be shorter than the
		/// validity period, or no repeat could ever be dispensed.
		IntervalTooLong,
		/// Every id of this kind has been handed out.
		NoIdsLeft,
		/// No prescription has this id (or it was closed).
		UnknownPrescription,
		/// Only a pharmacist with a live credential may dispense.
		NotAPharmacist,
		/// The prescriber no longer holds a live physician credential: their prescriptions are
		/// not dispensed while it is suspended, revoked or expired.
		PrescriberNotCredentialed,
		/// The institution is not a verified pharmacy or hospital.
		NotALicensedPharmacy,
		/// The pharmacist is not affiliated to this pharmacy.
		NotAffiliated,
		/// The prescriber cancelled this prescription.
		Cancelled,
		/// The prescription's validity period has not begun.
		NotYetValid,
		/// The prescription's validity period has ended.
		PrescriptionExpired,
		/// Every fill the prescription allows has been dispensed.
		NoRepeatsLeft,
		/// The minimum interval since the last fill has not passed.
		TooEarly,
		/// The packs named are not as many as the prescription's quantity per fill.
		WrongQuantity,
		/// A pack is named twice.
		DuplicateUnit,
		/// A pack was never commissioned: it is not genuine.
		NotGenuine,
		/// A pack is of another product than the one prescribed.
		WrongProduct,
		/// A pack is not in this pharmacy's custody (it is elsewhere, or in transit).
		NotInCustody,
		/// A pack's batch has expired.
		PackExpired,
		/// A pack's batch is recalled.
		Recalled,
		/// A pack is reported suspect and quarantined.
		Suspect,
		/// A pack was already dispensed or destroyed.
		Decommissioned,
		/// Only the prescriber may cancel a prescription: it is not the caller's.
		NotTheirPrescription,
		/// Only an active prescription may be cancelled.
		NotActive,
		/// The prescription may still be dispensed; it can be closed once it is completed,
		/// cancelled or expired.
		StillActive,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(
			_: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Prescribe `product` to `patient`: `quantity_per_fill` packs at each fill, the first
		/// and up to `repeats_allowed` repeats, from `valid_from` (now if `None`) until
		/// `valid_until`, at least `min_interval` milliseconds apart. `instructions_hash` is the
		/// hash of the off-chain instructions. The caller must be a physician with a live
		/// credential and the patient's consent for `purpose` (treatment, or emergency
		/// treatment under break-glass), to them or to `on_behalf_of`, the institution they act
		/// for; they hold [`Config::PrescriptionDeposit`] plus [`Config::FillDeposit`] for each
		/// fill allowed until the prescription is closed.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::issue_prescription())]
		pub fn issue_prescription(
			origin: OriginFor<T>,
			patient: T::AccountId,
			product: Gtin,
			quantity_per_fill: u32,
			repeats_allowed: u32,
			valid_from: Option<Moment>,
			valid_until: Moment,
			min_interval: Moment,
			instructions_hash: [u8; 32],
			purpose: Purpose,
			on_behalf_of: Option<InstitutionId>,
		) -> DispatchResult {
			let prescriber = ensure_signed(origin)?;
			Self::do_issue_prescription(
				prescriber,
				patient,
				DispenseRequest {
					product,
					quantity_per_fill,
					repeats_allowed,
					valid_from,
					valid_until,
					min_interval,
					instructions_hash,
				},
				purpose,
				on_behalf_of,
			)
		}

		/// Dispense one fill of `prescription` at `pharmacy`, handing over `units`: exactly the
		/// prescribed quantity of distinct packs of the prescribed product, each genuine, active,
		/// unexpired, neither recalled nor suspect, and in `pharmacy`'s custody. The packs are
		/// decommissioned and the fill recorded together, or nothing happens. The caller must be
		/// a pharmacist with a live credential, affiliated to `pharmacy`, a verified pharmacy or
		/// hospital that the patient (or guardian) authorised for this fill; the prescriber's
		/// credential must still be live.
		///
		/// Charged beforehand as if every pack were nested in cases as deep as they go; packs
		/// held loose (or in fewer cases) are refunded what they did not cost.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::dispense(Pallet::<T>::unit_count(units)))]
		pub fn dispense(
			origin: OriginFor<T>,
			prescription: PrescriptionId,
			pharmacy: InstitutionId,
			units: UnitsOf<T>,
		) -> DispatchResultWithPostInfo {
			let pharmacist = ensure_signed(origin)?;
			let charged = T::WeightInfo::dispense(Self::unit_count(&units));
			let unused = Self::do_dispense(pharmacist, prescription, pharmacy, units)?;
			Ok(Some(charged.saturating_sub(unused)).into())
		}

		/// Authorise `pharmacy` to dispense the next fill of `prescription`, or withdraw the
		/// authorisation with `None`: the patient, or their live guardian. The fill uses it up,
		/// so each fill is the patient's decision, and no pharmacist can consume another
		/// patient's fills by naming their prescription.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::authorise_fill())]
		pub fn authorise_fill(
			origin: OriginFor<T>,
			prescription: PrescriptionId,
			pharmacy: Option<InstitutionId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_authorise_fill(who, prescription, pharmacy)
		}

		/// Cancel an active prescription, with immediate effect. Only its prescriber, whose
		/// credential need not be live any more. The deposit stays held until it is closed.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::cancel_prescription())]
		pub fn cancel_prescription(
			origin: OriginFor<T>,
			prescription: PrescriptionId,
		) -> DispatchResult {
			let prescriber = ensure_signed(origin)?;
			Self::do_cancel_prescription(prescriber, prescription)
		}

		/// Remove a finished prescription (completed, cancelled, or past its validity period)
		/// with its fills, and return its deposit to the prescriber. Anyone may call it.
		///
		/// Weighed for the most fills a prescription can have; the fills actually removed are
		/// charged.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_prescription(T::MaxRepeats::get().saturating_add(1)))]
		pub fn close_prescription(
			origin: OriginFor<T>,
			prescription: PrescriptionId,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let fills = Self::do_close_prescription(who, prescription)?;
			Ok(Some(T::WeightInfo::close_prescription(fills)).into())
		}
	}
}
