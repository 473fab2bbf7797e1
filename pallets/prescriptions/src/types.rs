//! The data the prescriptions pallet keeps: prescriptions (FHIR MedicationRequest with its
//! dispenseRequest) and their fills (FHIR MedicationDispense).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

pub use healthchain_primitives::{
	consent::{AccessBasis, AccessDenied, AccessRequest, AccessTarget, Action, Purpose},
	credentials::{InstitutionId, InstitutionKind, Role},
	provenance::{Gtin, Serial, Sgtin, UnitRefusal},
	records::{Category, CodeSystem},
	Moment,
};

/// Identifies a prescription.
pub type PrescriptionId = u64;

/// The FHIR resource type a prescription is, as the patient's consent scopes it.
pub const PRESCRIPTION_RESOURCE_TYPE: &[u8] = b"MedicationRequest";

/// What a prescriber orders (FHIR MedicationRequest with its dispenseRequest), as issuing
/// takes it.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct DispenseRequest {
	/// The product, as a GS1 GTIN-14.
	pub product: Gtin,
	/// How many packs each fill hands over.
	pub quantity_per_fill: u32,
	/// How many fills may follow the first.
	pub repeats_allowed: u32,
	/// When it may first be dispensed; now if `None`.
	pub valid_from: Option<Moment>,
	/// When it may no longer be dispensed (exclusive).
	pub valid_until: Moment,
	/// The least time between two fills, in milliseconds.
	pub min_interval: Moment,
	/// Hash of the off-chain instructions.
	pub instructions_hash: [u8; 32],
}

/// The kinds of verified institution that hold and dispense medicines: pharmacies, and
/// hospitals through their own pharmacy.
pub const DISPENSING_KINDS: [InstitutionKind; 2] =
	[InstitutionKind::Pharmacy, InstitutionKind::Hospital];

/// Where a prescription stands (FHIR MedicationRequest.status, coarsened). Expiry is not a
/// status: a prescription past its validity period is judged expired at the moment of use.
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
pub enum PrescriptionStatus {
	/// May be dispensed within its validity period, while fills remain.
	Active,
	/// Cancelled by its prescriber; no fill from this moment.
	Cancelled {
		/// When.
		at: Moment,
	},
	/// Every fill allowed (the first and each repeat) has been dispensed.
	Completed,
}

/// Why a prescription may not be dispensed now, as far as the prescription itself goes (the
/// pharmacist's credential, the pharmacy and the units are judged apart).
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
pub enum DispenseRefusal {
	/// The prescriber cancelled it.
	Cancelled,
	/// Its validity period has not begun.
	NotYetValid,
	/// Its validity period has ended.
	Expired,
	/// Every fill allowed has been dispensed.
	NoRepeatsLeft,
	/// The minimum interval since the last fill has not passed.
	TooEarly,
	/// The prescriber no longer holds a live physician credential (suspended, revoked or
	/// expired): nothing they prescribed is dispensed until it is live again.
	PrescriberNotCredentialed,
}

/// A prescription: a physician's order that a patient be dispensed a product, so many packs
/// at a time, once and then up to so many repeats, within a validity period and no more often
/// than a minimum interval (FHIR MedicationRequest.dispenseRequest). The instructions (dosage,
/// indication) stay off chain; only their hash is kept.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Prescription<AccountId, Balance> {
	/// The physician who issued it (FHIR MedicationRequest.requester).
	pub prescriber: AccountId,
	/// Whom it is for (FHIR MedicationRequest.subject).
	pub patient: AccountId,
	/// The product prescribed, as a GS1 GTIN-14 (FHIR MedicationRequest.medication).
	pub product: Gtin,
	/// How many packs (serialized units) each fill hands over (dispenseRequest.quantity).
	pub quantity_per_fill: u32,
	/// How many fills may follow the first (dispenseRequest.numberOfRepeatsAllowed).
	pub repeats_allowed: u32,
	/// When it may first be dispensed (dispenseRequest.validityPeriod.start).
	pub valid_from: Moment,
	/// When it may no longer be dispensed (dispenseRequest.validityPeriod.end, exclusive).
	pub valid_until: Moment,
	/// The least time between two fills, in milliseconds (dispenseRequest.dispenseInterval).
	pub min_interval: Moment,
	/// Hash of the off-chain instructions (FHIR MedicationRequest.dosageInstruction).
	pub instructions_hash: [u8; 32],
	/// When it was issued (FHIR MedicationRequest.authoredOn).
	pub issued_at: Moment,
	/// How many fills have been dispensed.
	pub fills_used: u32,
	/// When the latest fill was dispensed, if any.
	pub last_fill_at: Option<Moment>,
	/// Where it stands.
	pub status: PrescriptionStatus,
	/// The pharmacy (or hospital) the patient or their guardian authorised to dispense the
	/// next fill, if any: a fill needs it, and uses it up.
	pub authorised_pharmacy: Option<InstitutionId>,
	/// The deposit held from the prescriber until it is closed.
	pub deposit: Balance,
}

impl<AccountId, Balance> Prescription<AccountId, Balance> {
	/// How many fills it allows in all: the first and each repeat.
	pub fn fills_allowed(&self) -> u32 {
		self.repeats_allowed.saturating_add(1)
	}

	/// Why it may not be dispensed at `now`, if it may not.
	pub fn dispensable_at(&self, now: Moment) -> Result<(), DispenseRefusal> {
		match self.status {
			PrescriptionStatus::Active => {},
			PrescriptionStatus::Cancelled { .. } => return Err(DispenseRefusal::Cancelled),
			PrescriptionStatus::Completed => return Err(DispenseRefusal::NoRepeatsLeft),
		}
		if now < self.valid_from {
			return Err(DispenseRefusal::NotYetValid);
		}
		if now >= self.valid_until {
			return Err(DispenseRefusal::Expired);
		}
		if self.fills_used >= self.fills_allowed() {
			return Err(DispenseRefusal::NoRepeatsLeft);
		}
		if self
			.last_fill_at
			.is_some_and(|last| now < last.saturating_add(self.min_interval))
		{
			return Err(DispenseRefusal::TooEarly);
		}
		Ok(())
	}

	/// How many fills may still be dispensed, now or later: none once it is cancelled,
	/// completed or expired at `now`.
	pub fn remaining_fills_at(&self, now: Moment) -> u32 {
		if self.is_finished_at(now) {
			0
		} else {
			self.fills_allowed().saturating_sub(self.fills_used)
		}
	}

	/// Whether it can never be dispensed again (cancelled, completed, or expired at `now`), so
	/// that it may be closed.
	pub fn is_finished_at(&self, now: Moment) -> bool {
		self.status != PrescriptionStatus::Active || now >= self.valid_until
	}
}

/// One fill of a prescription: which pharmacist at which pharmacy handed over which packs, and
/// when (FHIR MedicationDispense). The packs were decommissioned as dispensed.
///
/// `Units` is the bounded list of packs, `BoundedVec<Sgtin, MaxUnitsPerFill>` (see
/// `crate::UnitsOf`): being generic over the whole vector rather than its bound keeps the
/// derived traits free of bounds on the bound.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct Fill<AccountId, Units> {
	/// The pharmacist who dispensed (FHIR MedicationDispense.performer).
	pub pharmacist: AccountId,
	/// The pharmacy (or hospital) that held the packs (MedicationDispense.location).
	pub pharmacy: InstitutionId,
	/// When (MedicationDispense.whenHandedOver).
	pub at: Moment,
	/// The serialized packs handed over, in the order named.
	pub units: Units,
}
