//! Payment in the runtime's payment asset: each insurer keeps a funded payer account the pallet
//! pays providers from; the insurer withdraws to its admin account; anyone pays a member's open
//! share to the provider.

use crate::*;
use healthchain_primitives::credentials::CredentialsInspect;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungibles::{Inspect, Mutate},
			tokens::{Fortitude, Preservation},
			Get,
		},
	},
	sp_runtime::{
		traits::{AccountIdConversion, Zero},
		DispatchError, DispatchResult, Saturating,
	},
};

impl<T: Config> Pallet<T> {
	/// The account an insurer's claims are paid from, which only this pallet moves funds out of.
	pub fn payer_account(insurer: InstitutionId) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(insurer)
	}

	/// Pays into an insurer's payer account.
	pub(crate) fn do_fund_payer(
		who: T::AccountId,
		insurer: InstitutionId,
		amount: AmountOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		ensure!(
			T::Credentials::verified_institution_kind(insurer) == Some(InstitutionKind::Insurer),
			Error::<T>::NotAnInsurer
		);
		T::Assets::transfer(
			T::PaymentAsset::get(),
			&who,
			&Self::payer_account(insurer),
			amount,
			Preservation::Preserve,
		)?;
		PayerLedgers::<T>::mutate(insurer, |ledger| {
			ledger.funded = ledger.funded.saturating_add(amount)
		});
		Self::deposit_event(Event::PayerFunded { insurer, from: who, amount });
		Ok(())
	}

	/// Moves funds out of an insurer's payer account to its admin account.
	pub(crate) fn do_withdraw_payer_funds(
		who: T::AccountId,
		insurer: InstitutionId,
		amount: AmountOf<T>,
	) -> DispatchResult {
		Self::ensure_insurer_staff(&who, insurer)?;
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let admin = T::Credentials::institution_admin(insurer).ok_or(Error::<T>::NoPayee)?;
		Self::pay_out(insurer, &admin, amount)?;
		PayerLedgers::<T>::mutate(insurer, |ledger| {
			ledger.withdrawn = ledger.withdrawn.saturating_add(amount)
		});
		Self::deposit_event(Event::PayerFundsWithdrawn { insurer, amount });
		Ok(())
	}

	/// Pays toward a member's open share of an adjudicated claim, to the provider.
	pub(crate) fn do_pay_member_share(
		who: T::AccountId,
		claim: ClaimId,
		amount: AmountOf<T>,
	) -> DispatchResult {
		ensure!(!amount.is_zero(), Error::<T>::ZeroAmount);
		let entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		let mut adjudication = Adjudications::<T>::get(claim).ok_or(Error::<T>::NotAdjudicated)?;
		let open = adjudication.member_share.saturating_sub(adjudication.member_paid);
		ensure!(!open.is_zero(), Error::<T>::NothingOwed);
		ensure!(amount <= open, Error::<T>::Overpayment);
		let payee = T::Credentials::institution_admin(entry.provider).ok_or(Error::<T>::NoPayee)?;
		T::Assets::transfer(T::PaymentAsset::get(), &who, &payee, amount, Preservation::Preserve)?;
		adjudication.member_paid = adjudication.member_paid.saturating_add(amount);
		Adjudications::<T>::insert(claim, adjudication);
		Self::deposit_event(Event::MemberSharePaid { claim, payer: who, amount });
		Ok(())
	}

	/// Pays a provider's admin account `amount` from the insurer's payer account, and books it.
	pub(crate) fn pay_provider(
		insurer: InstitutionId,
		provider: InstitutionId,
		amount: AmountOf<T>,
	) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		let payee = T::Credentials::institution_admin(provider).ok_or(Error::<T>::NoPayee)?;
		Self::pay_out(insurer, &payee, amount)?;
		PayerLedgers::<T>::mutate(insurer, |ledger| {
			ledger.paid = ledger.paid.saturating_add(amount)
		});
		Ok(())
	}

	/// Moves `amount` out of the insurer's payer account, or fails with
	/// [`Error::InsufficientFunds`].
	fn pay_out(
		insurer: InstitutionId,
		to: &T::AccountId,
		amount: AmountOf<T>,
	) -> Result<(), DispatchError> {
		let asset = T::PaymentAsset::get();
		let payer = Self::payer_account(insurer);
		let available = T::Assets::reducible_balance(
			asset.clone(),
			&payer,
			Preservation::Expendable,
			Fortitude::Polite,
		);
		ensure!(amount <= available, Error::<T>::InsufficientFunds);
		T::Assets::transfer(asset, &payer, to, amount, Preservation::Expendable)?;
		Ok(())
	}
}
