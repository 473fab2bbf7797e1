//! # Credentials
//!
//! Who may act as a physician, nurse, pharmacist, laboratory, pharmacy, manufacturer,
//! distributor, trial sponsor, insurer or regulator on HealthChain, right now.
//!
//! - **Authorities** (a medical board, a pharmacy board, a medicines agency) are accredited by
//!   governance (the council of health authorities, or root), each for a jurisdiction, a set of
//!   roles it licenses and a set of institution kinds it verifies.
//! - **Institutions** (hospitals, clinics, laboratories, pharmacies, manufacturers, distributors,
//!   trial sponsors, insurers) register with a deposit; an authority covering their kind and
//!   jurisdiction verifies them. Their admins affiliate credentialed practitioners.
//! - **Standing** is a live credential, judged at the moment of use. Acting *for an
//!   institution* (shipping its stock, reading under its grants, dispensing at its counter)
//!   needs three things at once: the institution verified, the account affiliated to it, and a
//!   live credential of a role that fits its kind. The admin account administers the
//!   registration only (details, affiliations, deregistration) and is where what is due to the
//!   institution is paid; it acts for the institution only when it is affiliated and
//!   credentialed like anyone else, so an institution's power never outlives its people's
//!   licences. Suspending, revoking or letting a credential expire ends every standing on it in
//!   the same block.
//! - **Oversight** follows scope and jurisdiction: an authority oversees the holders of the
//!   roles it licenses in its own jurisdiction (reviewing their emergency accesses, lifting
//!   their bans), the trials of sponsors it licenses, and nothing else.
//! - **Credentials** are issued by an authority to an account: role, jurisdiction, hash of the
//!   licence number, validity period. An authority covering the role and jurisdiction renews,
//!   suspends, reinstates or revokes them; revocation is final.
//!
//! Validity is judged at the moment of use against `pallet-timestamp`: an expired or suspended
//! credential gives no role. Other pallets ask through
//! [`healthchain_primitives::credentials::CredentialsInspect`].
//!
//! The `do_*` functions with their checks and events live in `features/`, one file per concern;
//! the data in `types.rs`.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
#[cfg(feature = "runtime-benchmarks")]
mod fixtures;
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

use polkadot_sdk::frame_support::traits::fungible::Inspect;

/// The balance type of the deposit currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;
/// A credential as this runtime stores it.
pub type CredentialOf<T> = Credential<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An institution as this runtime stores it.
pub type InstitutionOf<T> = Institution<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An affiliation as this runtime stores it.
pub type AffiliationOf<T> = Affiliation<<T as frame_system::Config>::AccountId, BalanceOf<T>>;
/// An account's role index as this runtime stores it.
pub type HeldRoleListOf<T> = HeldRoleList<<T as frame_system::Config>::AccountId>;

use polkadot_sdk::frame_system;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
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
		/// Holds the deposits for institutions, affiliations and credentials.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;

		/// The chain's clock (milliseconds since the Unix epoch), against which validity is
		/// judged.
		type Time: Time<Moment = Moment>;

		/// Governance: accredits and withdraws authorities.
		type AuthorityOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Deposit for registering an institution, returned when it is deregistered.
		#[pallet::constant]
		type InstitutionDeposit: Get<BalanceOf<Self>>;

		/// Deposit for affiliating a practitioner, returned when the affiliation ends.
		#[pallet::constant]
		type AffiliationDeposit: Get<BalanceOf<Self>>;

		/// Deposit an authority holds for each credential it issues, returned when the
		/// credential is purged after revocation or expiry.
		#[pallet::constant]
		type CredentialDeposit: Get<BalanceOf<Self>>;

		/// The most practitioners one institution may have affiliated.
		#[pallet::constant]
		type MaxPractitionersPerInstitution: Get<u32>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An institution's registration.
		InstitutionDeposit,
		/// A practitioner's affiliation to an institution.
		AffiliationDeposit,
		/// An issued credential.
		CredentialDeposit,
	}

	/// The accredited authorities and what each may license.
	#[pallet::storage]
	pub type Authorities<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, AuthorityScope>;

	/// The registered institutions.
	#[pallet::storage]
	pub type Institutions<T: Config> =
		StorageMap<_, Blake2_128Concat, InstitutionId, InstitutionOf<T>>;

	/// The id the next registered institution gets.
	#[pallet::storage]
	pub type NextInstitutionId<T> = StorageValue<_, InstitutionId, ValueQuery>;

	/// Practitioners affiliated to each institution.
	#[pallet::storage]
	pub type Affiliations<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		InstitutionId,
		Blake2_128Concat,
		T::AccountId,
		AffiliationOf<T>,
	>;

	/// Every credential issued and not yet purged, revoked ones included (the audit trail).
	#[pallet::storage]
	pub type IssuedCredentials<T: Config> =
		StorageMap<_, Blake2_128Concat, CredentialId, CredentialOf<T>>;

	/// The id the next issued credential gets.
	#[pallet::storage]
	pub type NextCredentialId<T> = StorageValue<_, CredentialId, ValueQuery>;

	/// The unrevoked credentials each account holds, one per role, with what deciding their
	/// liveness needs: one read answers "does this account act in this role now?" for every
	/// role, which every access decision, prescription and dispensing asks.
	#[pallet::storage]
	pub type HeldRoles<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, HeldRoleListOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance accredited an authority.
		AuthorityAccredited { authority: T::AccountId, scope: AuthorityScope },
		/// Governance withdrew an authority's accreditation.
		AuthorityWithdrawn { authority: T::AccountId },
		/// An institution registered and waits for verification.
		InstitutionRegistered {
			institution: InstitutionId,
			kind: InstitutionKind,
			jurisdiction: Jurisdiction,
			admin: T::AccountId,
		},
		/// An authority verified an institution.
		InstitutionVerified { institution: InstitutionId, authority: T::AccountId },
		/// An authority suspended an institution.
		InstitutionSuspended { institution: InstitutionId, authority: T::AccountId },
		/// An institution's details changed; it waits for verification again.
		InstitutionDetailsUpdated { institution: InstitutionId, details_hash: [u8; 32] },
		/// An institution deregistered and its deposit was returned.
		InstitutionDeregistered { institution: InstitutionId },
		/// A practitioner was affiliated to an institution.
		PractitionerAffiliated { institution: InstitutionId, practitioner: T::AccountId },
		/// A practitioner's affiliation ended.
		AffiliationEnded { institution: InstitutionId, practitioner: T::AccountId },
		/// An authority issued a credential.
		CredentialIssued {
			credential: CredentialId,
			holder: T::AccountId,
			role: Role,
			jurisdiction: Jurisdiction,
			issuer: T::AccountId,
			valid_from: Moment,
			valid_until: Moment,
		},
		/// An authority extended a credential's validity.
		CredentialRenewed { credential: CredentialId, authority: T::AccountId, valid_until: Moment },
		/// An authority suspended a credential.
		CredentialSuspended { credential: CredentialId, authority: T::AccountId },
		/// An authority lifted a credential's suspension.
		CredentialReinstated { credential: CredentialId, authority: T::AccountId },
		/// An authority revoked a credential, for good.
		CredentialRevoked { credential: CredentialId, authority: T::AccountId },
		/// A revoked or expired credential was removed and its deposit returned.
		CredentialPurged { credential: CredentialId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already an accredited authority.
		AlreadyAuthority,
		/// The account is not an accredited authority.
		NotAuthority,
		/// A jurisdiction must be an ISO 3166-1 alpha-2 code: two upper-case letters.
		MalformedJurisdiction,
		/// An authority must license at least one role or verify at least one institution kind.
		EmptyScope,
		/// A role or institution kind is listed twice.
		DuplicateInScope,
		/// The authority does not act in this jurisdiction.
		JurisdictionOutOfScope,
		/// The authority does not license this role.
		RoleOutOfScope,
		/// The authority does not verify this kind of institution.
		InstitutionOutOfScope,
		/// No institution has this id.
		UnknownInstitution,
		/// Only the institution's admin may do this.
		NotInstitutionAdmin,
		/// The institution is already verified.
		AlreadyVerified,
		/// The institution is not verified.
		InstitutionNotVerified,
		/// The institution still has affiliated practitioners.
		InstitutionHasPractitioners,
		/// The institution has as many practitioners as it may.
		TooManyPractitioners,
		/// The practitioner is already affiliated to this institution.
		AlreadyAffiliated,
		/// The practitioner is not affiliated to this institution.
		NotAffiliated,
		/// Only the institution's admin or the practitioner may end an affiliation.
		NotAffiliationParty,
		/// Only an account holding a live credential can be affiliated.
		NotCredentialed,
		/// No credential has this id.
		UnknownCredential,
		/// The account already holds an unrevoked credential for this role.
		DuplicateCredential,
		/// A validity period must end after it starts.
		InvalidValidityPeriod,
		/// The validity period would end in the past.
		ValidityEndsInThePast,
		/// The credential is revoked; revocation is final.
		CredentialRevoked,
		/// The credential is not active.
		CredentialNotActive,
		/// The credential is not suspended.
		CredentialNotSuspended,
		/// Only revoked or expired credentials can be purged.
		CredentialStillInForce,
		/// Every id of this kind has been handed out.
		NoIdsLeft,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Accredit `authority` to license `roles` and verify `institution_kinds` in
		/// `jurisdiction`. Governance only.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::accredit_authority())]
		pub fn accredit_authority(
			origin: OriginFor<T>,
			authority: T::AccountId,
			jurisdiction: Jurisdiction,
			roles: RoleList,
			institution_kinds: InstitutionKindList,
		) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_accredit_authority(
				authority,
				AuthorityScope { jurisdiction, roles, institution_kinds },
			)
		}

		/// Withdraw an authority's accreditation. The credentials it issued stay as they are;
		/// other authorities covering them manage them from now on. Governance only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_authority())]
		pub fn withdraw_authority(origin: OriginFor<T>, authority: T::AccountId) -> DispatchResult {
			T::AuthorityOrigin::ensure_origin(origin)?;
			Self::do_withdraw_authority(authority)
		}

		/// Register an institution, with the caller as its admin, holding
		/// [`Config::InstitutionDeposit`]. It waits for an authority to verify it.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::register_institution())]
		pub fn register_institution(
			origin: OriginFor<T>,
			kind: InstitutionKind,
			jurisdiction: Jurisdiction,
			details_hash: [u8; 32],
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			Self::do_register_institution(admin, kind, jurisdiction, details_hash)
		}

		/// Verify an institution (pending or suspended). Authorities covering its kind and
		/// jurisdiction only.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::verify_institution())]
		pub fn verify_institution(
			origin: OriginFor<T>,
			institution: InstitutionId,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_verify_institution(authority, institution)
		}

		/// Suspend an institution: its practitioners' affiliations give no standing until it is
		/// verified again. Authorities covering its kind and jurisdiction only.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::suspend_institution())]
		pub fn suspend_institution(
			origin: OriginFor<T>,
			institution: InstitutionId,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_suspend_institution(authority, institution)
		}

		/// Replace the hash of the institution's off-chain details. The institution then waits
		/// for verification again. Its admin only.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::update_institution_details())]
		pub fn update_institution_details(
			origin: OriginFor<T>,
			institution: InstitutionId,
			details_hash: [u8; 32],
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			Self::do_update_institution_details(admin, institution, details_hash)
		}

		/// Deregister an institution with no affiliated practitioners, returning its deposit.
		/// Its admin only.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::deregister_institution())]
		pub fn deregister_institution(
			origin: OriginFor<T>,
			institution: InstitutionId,
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			Self::do_deregister_institution(admin, institution)
		}

		/// Affiliate a credentialed practitioner to a verified institution, holding
		/// [`Config::AffiliationDeposit`] from the admin. Its admin only.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::affiliate_practitioner())]
		pub fn affiliate_practitioner(
			origin: OriginFor<T>,
			institution: InstitutionId,
			practitioner: T::AccountId,
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			Self::do_affiliate_practitioner(admin, institution, practitioner)
		}

		/// End a practitioner's affiliation, returning the deposit to whoever paid it. The
		/// institution's admin or the practitioner.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::end_affiliation())]
		pub fn end_affiliation(
			origin: OriginFor<T>,
			institution: InstitutionId,
			practitioner: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_end_affiliation(who, institution, practitioner)
		}

		/// Issue `holder` a credential for `role` in `jurisdiction`, valid from `valid_from`
		/// until `valid_until` (milliseconds since the Unix epoch), holding
		/// [`Config::CredentialDeposit`] from the issuer. Authorities covering the role and
		/// jurisdiction only; one unrevoked credential per account and role.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::issue_credential())]
		pub fn issue_credential(
			origin: OriginFor<T>,
			holder: T::AccountId,
			role: Role,
			jurisdiction: Jurisdiction,
			licence_hash: [u8; 32],
			valid_from: Moment,
			valid_until: Moment,
		) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			Self::do_issue_credential(
				issuer,
				holder,
				role,
				jurisdiction,
				licence_hash,
				valid_from,
				valid_until,
			)
		}

		/// Move an unrevoked credential's end of validity to `valid_until`. Authorities covering
		/// its role and jurisdiction only.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::renew_credential())]
		pub fn renew_credential(
			origin: OriginFor<T>,
			credential: CredentialId,
			valid_until: Moment,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_renew_credential(authority, credential, valid_until)
		}

		/// Suspend an active credential: it gives no role until reinstated. Authorities covering
		/// its role and jurisdiction only.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::suspend_credential())]
		pub fn suspend_credential(
			origin: OriginFor<T>,
			credential: CredentialId,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_suspend_credential(authority, credential)
		}

		/// Lift a credential's suspension. Authorities covering its role and jurisdiction only.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::reinstate_credential())]
		pub fn reinstate_credential(
			origin: OriginFor<T>,
			credential: CredentialId,
		) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_reinstate_credential(authority, credential)
		}

		/// Revoke a credential for good. The record stays as the audit trail until purged; the
		/// holder may be issued a new credential for the role. Authorities covering its role and
		/// jurisdiction only.
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::revoke_credential())]
		pub fn revoke_credential(origin: OriginFor<T>, credential: CredentialId) -> DispatchResult {
			let authority = ensure_signed(origin)?;
			Self::do_revoke_credential(authority, credential)
		}

		/// Remove a revoked or expired credential and return its deposit to the issuer. The
		/// issuer, or an authority covering its role and jurisdiction.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::purge_credential())]
		pub fn purge_credential(origin: OriginFor<T>, credential: CredentialId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_purge_credential(who, credential)
		}
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
}
