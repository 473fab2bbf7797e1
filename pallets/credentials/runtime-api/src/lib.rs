//! Runtime API of the credentials pallet, for wallets, dashboards and other chains' clients.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
pub use pallet_credentials::{
	AuthorityScope, Credential, CredentialId, Institution, InstitutionId, Role,
};

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Who holds which credentials and roles, and which institutions have which practitioners.
	pub trait CredentialsApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The roles `who` holds a live credential for now.
		fn live_roles(who: AccountId) -> Vec<Role>;

		/// Whether `who` holds a live credential for `role` now.
		fn has_role(who: AccountId, role: Role) -> bool;

		/// The unrevoked credentials `who` holds (live, suspended or expired), with their ids.
		fn credentials_of(who: AccountId) -> Vec<(CredentialId, Credential<AccountId, Balance>)>;

		/// A credential by id, revoked ones included until purged.
		fn credential(id: CredentialId) -> Option<Credential<AccountId, Balance>>;

		/// What an authority may license, if it is accredited.
		fn authority(who: AccountId) -> Option<AuthorityScope>;

		/// An institution by id.
		fn institution(id: InstitutionId) -> Option<Institution<AccountId, Balance>>;

		/// The practitioners affiliated to an institution.
		fn practitioners_of(id: InstitutionId) -> Vec<AccountId>;
	}
}
