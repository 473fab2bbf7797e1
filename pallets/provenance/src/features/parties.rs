//! Parties: who acts for which institution, of which kind, may ship to whom; who is a
//! regulator; and the deposits they hold.

use crate::*;
use healthchain_primitives::{
	credentials::{CredentialsInspect, VerifiedInstitution},
	deposits, ListFault,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible::MutateHold,
			tokens::{Fortitude, Precision, Restriction},
		},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Checks, now, that `party` is a verified institution and that `who` acts for it:
	/// affiliated, with a live credential of a role that fits its kind (an admin without one
	/// does not); returns its kind and jurisdiction.
	pub(crate) fn ensure_acts_for(
		who: &T::AccountId,
		party: InstitutionId,
	) -> Result<VerifiedInstitution, DispatchError> {
		let verified =
			T::Credentials::verified_institution(party).ok_or(Error::<T>::PartyNotVerified)?;
		ensure!(T::Credentials::acts_for(who, party), Error::<T>::NotActingForParty);
		Ok(verified)
	}

	/// Checks, now, that `who` acts for `party`, a verified institution of one of `kinds`;
	/// returns its kind.
	pub(crate) fn ensure_party(
		who: &T::AccountId,
		party: InstitutionId,
		kinds: &[InstitutionKind],
	) -> Result<InstitutionKind, DispatchError> {
		let kind = Self::ensure_acts_for(who, party)?.kind;
		ensure!(kinds.contains(&kind), Error::<T>::WrongPartyKind);
		Ok(kind)
	}

	/// Whether `who` holds a live regulator credential for `jurisdiction`: a regulator acts on
	/// the medicines made, held or reported in its own country only.
	pub(crate) fn is_regulator_of(who: &T::AccountId, jurisdiction: Jurisdiction) -> bool {
		T::Credentials::live_credential(who, Role::Regulator)
			.is_some_and(|credential| credential.jurisdiction == jurisdiction)
	}

	/// Checks, now, that `who` holds a live regulator credential for `jurisdiction`.
	pub(crate) fn ensure_regulator_of(
		who: &T::AccountId,
		jurisdiction: Jurisdiction,
	) -> DispatchResult {
		ensure!(Self::is_regulator_of(who, jurisdiction), Error::<T>::NotRegulator);
		Ok(())
	}

	/// Whether a party of kind `from` may ship to (and take orders from) a party of kind `to`:
	/// manufacturers and distributors supply distributors, pharmacies and hospitals.
	pub fn route_allowed(from: InstitutionKind, to: InstitutionKind) -> bool {
		SHIPPER_KINDS.contains(&from) && RECEIVER_KINDS.contains(&to)
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

	/// Whether `party` handles `unit`: it holds it (loose or in a container), made it, or sends
	/// or receives the shipment carrying it.
	pub(crate) fn handles(unit: &Unit, party: InstitutionId) -> Result<bool, DispatchError> {
		let custody = Self::trace(&unit.location, unit.hops, unit.packed_at)?.custody;
		if custody.custodian == Some(party) {
			return Ok(true);
		}
		if let Some(shipment) = custody.in_transit_shipment {
			if Shipments::<T>::get(shipment)
				.is_some_and(|sent| sent.from == party || sent.to == party)
			{
				return Ok(true);
			}
		}
		Ok(Batches::<T>::get(unit.batch).is_some_and(|batch| batch.manufacturer == party))
	}

	/// Pays `amount` held from `who` for `reason` to `to`, or burns it if there is nobody to
	/// pay: either way `who` loses it.
	pub(crate) fn forfeit(
		reason: HoldReason,
		who: &T::AccountId,
		to: Option<&T::AccountId>,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		match to {
			Some(to) => T::Currency::transfer_on_hold(
				&reason.into(),
				who,
				to,
				amount,
				Precision::BestEffort,
				Restriction::Free,
				Fortitude::Force,
			)
			.map(|_| ()),
			None => T::Currency::burn_held(
				&reason.into(),
				who,
				amount,
				Precision::BestEffort,
				Fortitude::Force,
			)
			.map(|_| ()),
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
		deposits::release::<_, T::Currency>(&reason.into(), who, amount)
	}
}

/// A list of items, units or serials that names nothing, or one twice.
impl<T> From<ListFault> for Error<T> {
	fn from(fault: ListFault) -> Self {
		match fault {
			ListFault::Empty => Error::NoItems,
			ListFault::Duplicate => Error::DuplicateItem,
		}
	}
}
