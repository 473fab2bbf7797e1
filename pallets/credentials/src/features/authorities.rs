//! Accrediting and withdrawing authorities, and checking what an authority covers.

use crate::*;
use healthchain_primitives::has_duplicates;
use polkadot_sdk::{
	frame_support::ensure,
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Accredits `authority` with `scope`, after checking the scope is well-formed.
	pub(crate) fn do_accredit_authority(
		authority: T::AccountId,
		scope: AuthorityScope,
	) -> DispatchResult {
		ensure!(!Authorities::<T>::contains_key(&authority), Error::<T>::AlreadyAuthority);
		ensure!(scope.jurisdiction.is_well_formed(), Error::<T>::MalformedJurisdiction);
		ensure!(
			!scope.roles.is_empty() || !scope.institution_kinds.is_empty(),
			Error::<T>::EmptyScope
		);
		ensure!(
			!has_duplicates(&scope.roles) && !has_duplicates(&scope.institution_kinds),
			Error::<T>::DuplicateInScope
		);
		Authorities::<T>::insert(&authority, &scope);
		Self::deposit_event(Event::AuthorityAccredited { authority, scope });
		Ok(())
	}

	/// Withdraws `authority`'s accreditation.
	pub(crate) fn do_withdraw_authority(authority: T::AccountId) -> DispatchResult {
		ensure!(Authorities::<T>::take(&authority).is_some(), Error::<T>::NotAuthority);
		Self::deposit_event(Event::AuthorityWithdrawn { authority });
		Ok(())
	}

	/// The scope of `who`, if it is an accredited authority.
	pub(crate) fn ensure_authority(who: &T::AccountId) -> Result<AuthorityScope, DispatchError> {
		Authorities::<T>::get(who).ok_or_else(|| Error::<T>::NotAuthority.into())
	}

	/// Checks that `who` is an authority licensing `role` in `jurisdiction`.
	pub(crate) fn ensure_covers_role(
		who: &T::AccountId,
		role: Role,
		jurisdiction: Jurisdiction,
	) -> DispatchResult {
		let scope = Self::ensure_authority(who)?;
		ensure!(scope.jurisdiction == jurisdiction, Error::<T>::JurisdictionOutOfScope);
		ensure!(scope.roles.contains(&role), Error::<T>::RoleOutOfScope);
		Ok(())
	}

	/// Checks that `who` is an authority verifying institutions of `kind` in `jurisdiction`.
	pub(crate) fn ensure_covers_institution(
		who: &T::AccountId,
		kind: InstitutionKind,
		jurisdiction: Jurisdiction,
	) -> DispatchResult {
		let scope = Self::ensure_authority(who)?;
		ensure!(scope.jurisdiction == jurisdiction, Error::<T>::JurisdictionOutOfScope);
		ensure!(scope.institution_kinds.contains(&kind), Error::<T>::InstitutionOutOfScope);
		Ok(())
	}
}
