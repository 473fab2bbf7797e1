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

impl InstitutionKind {
	/// Every kind, in declaration order.
	pub const ALL: [InstitutionKind; 8] = [
		InstitutionKind::Hospital,
		InstitutionKind::Clinic,
		InstitutionKind::Laboratory,
		InstitutionKind::Pharmacy,
		InstitutionKind::Manufacturer,
		InstitutionKind::Distributor,
		InstitutionKind::TrialSponsor,
		InstitutionKind::Insurer,
	];
}

/// The number of institution kinds: bounds every list of kinds.
pub const MAX_INSTITUTION_KINDS: u32 = InstitutionKind::ALL.len() as u32;

/// An ISO 3166-1 alpha-2 country code (`*b"DE"`, `*b"KE"`): where an authority licenses, where a
/// licence is valid and where an institution operates. Oversight follows it: an authority acts
/// on the credentials, institutions, medicines and trials of its own jurisdiction only.
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
pub struct Jurisdiction(pub [u8; 2]);

impl Jurisdiction {
	/// Two upper-case ASCII letters, as ISO 3166-1 alpha-2 writes every country code.
	pub fn is_well_formed(&self) -> bool {
		self.0.iter().all(u8::is_ascii_uppercase)
	}
}

impl InstitutionKind {
	/// The roles whose live credential lets an affiliated account act for an institution of this
	/// kind: a hospital acts through its clinicians, pharmacists and laboratory staff, a pharmacy
	/// through its pharmacists (or the pharmacy's own licence), a manufacturer, distributor,
	/// sponsor or insurer through the licence of its trade. The order is the order they are
	/// checked in.
	pub fn acting_roles(self) -> &'static [Role] {
		match self {
			InstitutionKind::Hospital | InstitutionKind::Clinic => {
				&[Role::Physician, Role::Nurse, Role::Pharmacist, Role::Laboratory]
			},
			InstitutionKind::Laboratory => &[Role::Laboratory],
			InstitutionKind::Pharmacy => &[Role::Pharmacist, Role::Pharmacy],
			InstitutionKind::Manufacturer => &[Role::Manufacturer],
			InstitutionKind::Distributor => &[Role::Distributor],
			InstitutionKind::TrialSponsor => &[Role::TrialSponsor],
			InstitutionKind::Insurer => &[Role::Insurer],
		}
	}
}

/// A live credential as other pallets see it: what it licenses, where, and who issued it (the
/// authority told when its holder is found to have abused it).
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
pub struct LiveCredential<AccountId> {
	/// The role it licenses.
	pub role: Role,
	/// Where it is valid.
	pub jurisdiction: Jurisdiction,
	/// The authority that issued it.
	pub issuer: AccountId,
}

/// A verified institution as other pallets see it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct VerifiedInstitution {
	/// What it is.
	pub kind: InstitutionKind,
	/// Where it operates.
	pub jurisdiction: Jurisdiction,
}

/// What other pallets may ask about credentials. Answers are judged at the moment of the call:
/// an expired, suspended or revoked credential gives no role, and ends at once every standing
/// that rests on it (acting for an institution, writing and reading records, opening
/// emergency access, dispensing, enrolling, overseeing).
///
/// **Standing, in one place.** An account acts as a role only while it holds a live credential
/// for it. It acts *for an institution* only while the institution is verified, the account is
/// affiliated to it, and it holds a live credential of a role that fits the institution's kind
/// ([`InstitutionKind::acting_roles`]). An institution's admin account administers the
/// registration (its details, who is affiliated, deregistration) and nothing more by itself: to
/// ship, receive, recall, report or read for the institution, the admin too must be affiliated
/// and credentialed. An accredited authority oversees only the roles and institution kinds its
/// scope names, in its own jurisdiction ([`Self::oversees_role`]).
pub trait CredentialsInspect<AccountId> {
	/// The live credential `who` holds for `role` now, if any.
	fn live_credential(who: &AccountId, role: Role) -> Option<LiveCredential<AccountId>>;

	/// The live credential `who` holds for the first of `roles` that has one, if any.
	fn first_live_credential(who: &AccountId, roles: &[Role]) -> Option<LiveCredential<AccountId>> {
		roles.iter().find_map(|role| Self::live_credential(who, *role))
	}

	/// Whether `who` holds a live credential for `role` now.
	fn has_role(who: &AccountId, role: Role) -> bool {
		Self::live_credential(who, role).is_some()
	}

	/// Whether `who` holds a live credential for any of `roles` now.
	fn has_any_role(who: &AccountId, roles: &[Role]) -> bool {
		roles.iter().any(|role| Self::has_role(who, *role))
	}

	/// Whether `practitioner` is affiliated to `institution`, and the institution is verified.
	/// Says nothing of the practitioner's credentials: [`Self::acts_for`] does.
	fn is_affiliated(practitioner: &AccountId, institution: InstitutionId) -> bool;

	/// The kind and jurisdiction of `institution`, if it is registered and verified.
	fn verified_institution(institution: InstitutionId) -> Option<VerifiedInstitution>;

	/// Whether `institution` is registered and verified.
	fn is_verified_institution(institution: InstitutionId) -> bool {
		Self::verified_institution(institution).is_some()
	}

	/// The kind of `institution`, if it is registered and verified.
	fn verified_institution_kind(institution: InstitutionId) -> Option<InstitutionKind> {
		Self::verified_institution(institution).map(|verified| verified.kind)
	}

	/// The account that administers `institution`, if it is registered: where what is due to
	/// the institution (a forfeited deposit) is paid.
	fn institution_admin(institution: InstitutionId) -> Option<AccountId>;

	/// Whether `who` may act for `institution` now: it is verified, `who` is affiliated to it,
	/// and `who` holds a live credential of one of the roles that fit its kind
	/// ([`InstitutionKind::acting_roles`]). Being its admin is not enough.
	fn acts_for(who: &AccountId, institution: InstitutionId) -> bool {
		Self::verified_institution(institution).is_some_and(|verified| {
			Self::is_affiliated(who, institution)
				&& Self::has_any_role(who, verified.kind.acting_roles())
		})
	}

	/// Whether `who` is an accredited authority whose scope licenses `role` in `jurisdiction`:
	/// the authority that oversees holders of such credentials (reviews their emergency
	/// accesses, clears their bans), and, for [`Role::TrialSponsor`] and [`Role::Regulator`],
	/// the trials and medicines of that jurisdiction.
	fn oversees_role(who: &AccountId, role: Role, jurisdiction: Jurisdiction) -> bool;

	/// Whether `who` is an accredited authority whose scope verifies institutions of `kind` in
	/// `jurisdiction`: the authority that licenses such institutions' GS1 Company Prefixes.
	fn oversees_institution_kind(
		who: &AccountId,
		kind: InstitutionKind,
		jurisdiction: Jurisdiction,
	) -> bool;

	/// Whether `who` is an accredited authority of any scope.
	fn is_authority(who: &AccountId) -> bool;
}

/// The jurisdiction the benchmark helpers put everything in.
#[cfg(feature = "runtime-benchmarks")]
pub const BENCHMARK_JURISDICTION: Jurisdiction = Jurisdiction(*b"ZZ");

/// Credentials, institutions and authorities as the credentials pallet keeps them, made in
/// [`BENCHMARK_JURISDICTION`]: what the benchmarks of every pallet that asks
/// [`CredentialsInspect`] set their callers up with. Benchmarks only, so that no production
/// trait carries them: each pallet reaches them through its `Config::BenchmarkHelper`, which
/// the runtime implements with the credentials pallet's fixtures and the mocks with their stub.
#[cfg(feature = "runtime-benchmarks")]
pub trait CredentialFixtures<AccountId> {
	/// Gives `who` a live credential for `role`: what a call that checks the role needs.
	fn grant_role(who: &AccountId, role: Role);

	/// Gives `who` a suspended credential for each of `roles`, so that a check of those roles
	/// reads every credential and finds none live: the worst case of a role check.
	fn lapse_roles(who: &AccountId, roles: &[Role]);

	/// Makes a verified hospital with `practitioner` affiliated, and returns it, for calls made
	/// on an institution's behalf. Gives no credential, so that the caller picks the role (or
	/// the lapsed ones) the path it measures needs.
	fn affiliate(practitioner: &AccountId) -> InstitutionId;

	/// Registers a verified institution of `kind` with `member` as its admin, affiliated, and
	/// holding a live credential for the last of the kind's acting roles (the one
	/// [`CredentialsInspect::acts_for`] finds last, its worst case), and returns it.
	fn register_institution(kind: InstitutionKind, member: &AccountId) -> InstitutionId;

	/// Makes `who` an accredited authority licensing every role and verifying every kind, for
	/// the calls only an authority makes.
	fn accredit(who: &AccountId);
}
