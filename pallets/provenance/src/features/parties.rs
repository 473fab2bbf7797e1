//! Parties: who acts for which institution, of which kind, may ship to whom; who is a
//! regulator; and the deposits they hold.

use crate::*;
use healthchain_primitives::{credentials::CredentialsInspect, has_duplicates};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, tokens::Precision},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Checks, now, that `party` is a verified institution and that `who` acts for it (its
	/// admin or an affiliated practitioner); returns its kind.
	pub(crate) fn ensure_acts_for(
		who: &T::AccountId,
		party: InstitutionId,
	) -> Result<InstitutionKind, DispatchError> {
		let kind =
			T::Credentials::verified_institution_kind(party).ok_or(Error::<T>::PartyNotVerified)?;
		ensure!(T::Credentials::acts_for(who, party), Error::<T>::NotActingForParty);
		Ok(kind)
	}

	/// Checks, now, that `who` acts for `party`, a verified institution of one of `kinds`;
	/// returns its kind.
	pub(crate) fn ensure_party(
		who: &T::AccountId,
		party: InstitutionId,
		kinds: &[InstitutionKind],
	) -> Result<InstitutionKind, DispatchError> {
		let kind = Self::ensure_acts_for(who, party)?;
		ensure!(kinds.contains(&kind), Error::<T>::WrongPartyKind);
		Ok(kind)
	}

	/// Checks, now, that `who` holds a live regulator credential.
	pub(crate) fn ensure_regulator(who: &T::AccountId) -> DispatchResult {
		ensure!(T::Credentials::has_role(who, Role::Regulator), Error::<T>::NotRegulator);
		Ok(())
	}

	/// Whether a party of kind `from` may ship to (and take orders from) a party of kind `to`:
	/// manufacturers and distributors supply distributors, pharmacies and hospitals.
	pub fn route_allowed(from: InstitutionKind, to: InstitutionKind) -> bool {
		SHIPPER_KINDS.contains(&from) && RECEIVER_KINDS.contains(&to)
	}

	/// A non-empty list with no item twice.
	pub(crate) fn ensure_distinct<Entry: Ord>(entries: &[Entry]) -> DispatchResult {
		ensure!(!entries.is_empty(), Error::<T>::NoItems);
		ensure!(!has_duplicates(entries), Error::<T>::DuplicateItem);
		Ok(())
	}

	/// Checks that an item at `location` is held loose (not packed) and at rest by `party`.
	pub(crate) fn ensure_held_loose(location: &Location, party: InstitutionId) -> DispatchResult {
		match location {
			Location::At(holder) if *holder == party => Ok(()),
			Location::At(_) => Err(Error::<T>::NotCustodian.into()),
			Location::InTransit(_) => Err(Error::<T>::InTransit.into()),
			Location::In(_) => Err(Error::<T>::PackedInContainer.into()),
		}
	}

	/// Checks that a unit is neither suspect nor decommissioned.
	pub(crate) fn ensure_unit_active(status: UnitStatus) -> DispatchResult {
		match status {
			UnitStatus::Active => Ok(()),
			UnitStatus::Suspect => Err(Error::<T>::UnitSuspect.into()),
			UnitStatus::Dispensed | UnitStatus::Destroyed | UnitStatus::Counterfeit => {
				Err(Error::<T>::UnitDecommissioned.into())
			},
		}
	}

	/// Holds `amount` from `who` for `reason`.
	pub(crate) fn hold(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::hold(&reason.into(), who, amount)
	}

	/// Releases `amount` held from `who` for `reason`.
	pub(crate) fn release(
		reason: HoldReason,
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::release(&reason.into(), who, amount, Precision::BestEffort).map(|_| ())
	}
}
