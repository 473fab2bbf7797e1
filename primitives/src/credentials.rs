//! Roles and the question every pallet asks the credentials pallet: "does this account act as a
//! physician (pharmacist, manufacturer, ...) right now?".

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A professional or organisational role an accredited authority can license
/// (FHIR PractitionerRole.code and Organization.type, coarsened to what the chain checks).
#[derive(
	Clone,
	Copy,
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
pub enum Role {
	/// A licensed physician: prescribes, writes records, investigates in trials.
	Physician,
	/// A licensed nurse: writes records.
	Nurse,
	/// A licensed pharmacist: dispenses prescriptions.
	Pharmacist,
	/// A licensed laboratory (or its operator): writes results.
	Laboratory,
	/// A licensed pharmacy: holds and dispenses medicines.
	Pharmacy,
	/// A licensed medicines manufacturer: registers products and commissions units.
	Manufacturer,
	/// A licensed wholesale distributor: ships and receives medicines.
	Distributor,
	/// A clinical-trial sponsor: registers trials.
	TrialSponsor,
	/// A health insurer: holds coverage and adjudicates claims.
	Insurer,
	/// A regulator's officer: inspects, recalls and clears.
	Regulator,
}

impl Role {
	/// Every role, in declaration order.
	pub const ALL: [Role; 10] = [
		Role::Physician,
		Role::Nurse,
		Role::Pharmacist,
		Role::Laboratory,
		Role::Pharmacy,
		Role::Manufacturer,
		Role::Distributor,
		Role::TrialSponsor,
		Role::Insurer,
		Role::Regulator,
	];
}

/// The number of roles: bounds every list of roles.
pub const MAX_ROLES: u32 = Role::ALL.len() as u32;

/// Identifies a registered institution (hospital, pharmacy, manufacturer, ...).
pub type InstitutionId = u32;

/// The kinds of institution that register on the chain (FHIR Organization.type, coarsened).
#[derive(
	Clone,
	Copy,
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
pub enum InstitutionKind {
	/// An inpatient hospital.
	Hospital,
	/// An outpatient clinic or practice.
	Clinic,
	/// A medical laboratory.
	Laboratory,
	/// A pharmacy.
	Pharmacy,
	/// A medicines manufacturer.
	Manufacturer,
	/// A wholesale distributor of medicines.
	Distributor,
	/// A clinical-trial sponsor.
	TrialSponsor,
	/// A health insurer.
	Insurer,
}

/// The number of institution kinds: bounds every list of kinds.
pub const MAX_INSTITUTION_KINDS: u32 = 8;

/// What other pallets may ask about credentials. Answers are judged at the moment of the call:
/// an expired, suspended or revoked credential gives no role.
pub trait CredentialsInspect<AccountId> {
	/// Whether `who` holds a live credential for `role` now.
	fn has_role(who: &AccountId, role: Role) -> bool;

	/// Whether `who` holds a live credential for any of `roles` now.
	fn has_any_role(who: &AccountId, roles: &[Role]) -> bool {
		roles.iter().any(|role| Self::has_role(who, *role))
	}

	/// Whether `practitioner` is affiliated to `institution`, and the institution is verified.
	fn is_affiliated(practitioner: &AccountId, institution: InstitutionId) -> bool;

	/// Whether `institution` is registered and verified.
	fn is_verified_institution(institution: InstitutionId) -> bool {
		Self::verified_institution_kind(institution).is_some()
	}

	/// The kind of `institution`, if it is registered and verified.
	fn verified_institution_kind(institution: InstitutionId) -> Option<InstitutionKind>;

	/// Whether `who` may act for `institution`: it is verified and `who` is its admin or an
	/// affiliated practitioner.
	fn acts_for(who: &AccountId, institution: InstitutionId) -> bool;

	/// Whether `who` is an accredited authority (a medical board, a medicines agency, ...).
	fn is_authority(who: &AccountId) -> bool;

	/// Gives `who` a live credential for `role`, for other pallets' benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn grant_role_for_benchmarks(who: &AccountId, role: Role);

	/// Makes a verified institution with `practitioner` affiliated, for other pallets' benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn affiliate_for_benchmarks(practitioner: &AccountId) -> InstitutionId;

	/// Registers a verified institution of `kind` with `admin` as its admin, for other pallets'
	/// benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn institution_for_benchmarks(kind: InstitutionKind, admin: &AccountId) -> InstitutionId;

	/// Makes `who` an accredited authority, for other pallets' benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn accredit_for_benchmarks(who: &AccountId);
}
