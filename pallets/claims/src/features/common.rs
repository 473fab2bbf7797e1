//! What every concern checks the same way: who acts for which side, ids, deposits, codes.

use crate::*;
use healthchain_primitives::{
	consent::ConsentInspect, credentials::CredentialsInspect, deposits, ids,
};
use polkadot_sdk::{
	frame_support::{ensure, storage::StorageValue, traits::fungible::MutateHold},
	sp_runtime::{
		traits::{CheckedAdd, One},
		DispatchError, DispatchResult,
	},
};

impl<T: Config> Pallet<T> {
	/// `who` acts now for `insurer`, a verified insurer.
	pub(crate) fn ensure_insurer_staff(
		who: &T::AccountId,
		insurer: InstitutionId,
	) -> DispatchResult {
		ensure!(
			T::Credentials::verified_institution_kind(insurer) == Some(InstitutionKind::Insurer)
				&& T::Credentials::acts_for(who, insurer),
			Error::<T>::NotInsurerStaff
		);
		Ok(())
	}

	/// `who` acts now for `provider`, a verified hospital, clinic, laboratory or pharmacy.
	pub(crate) fn ensure_provider_staff(
		who: &T::AccountId,
		provider: InstitutionId,
	) -> DispatchResult {
		ensure!(
			T::Credentials::verified_institution_kind(provider)
				.is_some_and(|kind| PROVIDER_KINDS.contains(&kind))
				&& T::Credentials::acts_for(who, provider),
			Error::<T>::NotProviderStaff
		);
		Ok(())
	}

	/// Whether `who` is `member`, or a live guardian of theirs.
	pub(crate) fn speaks_for_member(who: &T::AccountId, member: &T::AccountId) -> bool {
		who == member || T::Consent::is_guardian(member, who)
	}

	/// `member` holds a live consent to disclose their data to `insurer` for payment.
	pub(crate) fn ensure_payment_consent(
		member: &T::AccountId,
		insurer: InstitutionId,
	) -> DispatchResult {
		ensure!(
			T::Consent::has_live_grant(member, &Grantee::Institution(insurer), Purpose::Payment),
			Error::<T>::NoPaymentConsent
		);
		Ok(())
	}

	/// Hands out the next id of a counter, or fails if its space is exhausted.
	pub(crate) fn next_id<Counter, Id>() -> Result<Id, DispatchError>
	where
		Counter: StorageValue<Id, Query = Id>,
		Id: codec::FullCodec + CheckedAdd + One + Copy,
	{
		ids::next_id::<Counter, Id>().ok_or_else(|| Error::<T>::NoIdsLeft.into())
	}

	/// Holds a deposit from `who`.
	pub(crate) fn hold_deposit(who: &T::AccountId, deposit: DepositOf<T>) -> DispatchResult {
		T::Currency::hold(&HoldReason::ClaimsDeposit.into(), who, deposit)
	}

	/// Returns a deposit held from `who`.
	pub(crate) fn release_deposit(who: &T::AccountId, deposit: DepositOf<T>) -> DispatchResult {
		deposits::release::<_, T::Currency>(&HoldReason::ClaimsDeposit.into(), who, deposit)
	}

	/// Every code is well formed.
	pub(crate) fn ensure_service_codes<'a>(
		codes: impl IntoIterator<Item = &'a ServiceCode>,
	) -> DispatchResult {
		ensure!(
			codes.into_iter().all(ServiceCode::is_well_formed),
			Error::<T>::MalformedServiceCode
		);
		Ok(())
	}

	/// The keys are strictly increasing: sorted, none twice (so lookups can binary-search).
	pub(crate) fn ensure_strictly_sorted<Key: Ord>(
		keys: impl IntoIterator<Item = Key>,
	) -> DispatchResult {
		let mut previous: Option<Key> = None;
		for key in keys {
			ensure!(previous.as_ref().is_none_or(|p| *p < key), Error::<T>::NotSortedOrDuplicate);
			previous = Some(key);
		}
		Ok(())
	}

	/// A well-formed reason code.
	pub(crate) fn ensure_reason(reason: &ReasonCode) -> DispatchResult {
		ensure!(reason.is_well_formed(), Error::<T>::MalformedReasonCode);
		Ok(())
	}
}
