//! Products and batches: registration, batch creation, recall and removal.

use crate::*;
use healthchain_primitives::{credentials::CredentialsInspect, ids};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{DispatchResult, Saturating},
};

impl<T: Config> Pallet<T> {
	/// Registers a product for a manufacturer whose company prefix the GTIN falls under,
	/// holding the deposit.
	pub(crate) fn do_register_product(
		who: T::AccountId,
		as_party: InstitutionId,
		gtin: Gtin,
		details_hash: [u8; 32],
	) -> DispatchResult {
		ensure!(gtin.is_valid(), Error::<T>::BadGtin);
		Self::ensure_party(&who, as_party, &MAKER_KINDS)?;
		let (prefix, mut assignment) = Self::ensure_prefix_holder(&gtin.0, as_party)?;
		ensure!(!Products::<T>::contains_key(gtin), Error::<T>::ProductExists);
		assignment.products = assignment.products.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::ProductDeposit::get();
		Self::hold(HoldReason::ProductDeposit, &who, deposit)?;
		CompanyPrefixes::<T>::insert(prefix, assignment);
		Products::<T>::insert(
			gtin,
			Product {
				manufacturer: as_party,
				details_hash,
				batches: 0,
				registered_at: T::Time::now(),
				depositor: who,
				deposit,
			},
		);
		Self::deposit_event(Event::ProductRegistered {
			gtin,
			manufacturer: as_party,
			details_hash,
		});
		Ok(())
	}

	/// Deregisters a manufacturer's product with no batches stored, releasing the deposit.
	pub(crate) fn do_deregister_product(
		who: T::AccountId,
		as_party: InstitutionId,
		gtin: Gtin,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &MAKER_KINDS)?;
		let product = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?;
		ensure!(product.manufacturer == as_party, Error::<T>::NotProductOwner);
		ensure!(product.batches == 0, Error::<T>::ProductHasBatches);
		Self::release(HoldReason::ProductDeposit, &product.depositor, product.deposit)?;
		if let Some((prefix, mut assignment)) = Self::company_prefix_of(&gtin.0) {
			assignment.products.saturating_dec();
			CompanyPrefixes::<T>::insert(prefix, assignment);
		}
		Products::<T>::remove(gtin);
		Self::deposit_event(Event::ProductDeregistered { gtin, manufacturer: as_party });
		Ok(())
	}

	/// Creates a batch of a manufacturer's product after checking lot, expiry and quantity,
	/// holding a deposit proportional to the quantity.
	pub(crate) fn do_create_batch(
		who: T::AccountId,
		as_party: InstitutionId,
		gtin: Gtin,
		lot: Lot,
		expiry: Moment,
		quantity: u32,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &MAKER_KINDS)?;
		let mut product = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?;
		ensure!(product.manufacturer == as_party, Error::<T>::NotProductOwner);
		ensure!(is_valid_serial(&lot), Error::<T>::BadLot);
		ensure!(expiry > T::Time::now(), Error::<T>::ExpiryInPast);
		ensure!(quantity > 0 && quantity <= T::MaxBatchQuantity::get(), Error::<T>::BadQuantity);
		ensure!(!BatchOfLot::<T>::contains_key(gtin, &lot), Error::<T>::BatchExists);
		product.batches = product.batches.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let batch = ids::next_id::<NextBatchId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::BatchDeposit::get()
			.saturating_add(T::UnitDeposit::get().saturating_mul(quantity.into()));
		Self::hold(HoldReason::BatchDeposit, &who, deposit)?;
		Batches::<T>::insert(
			batch,
			Batch {
				gtin,
				lot: lot.clone(),
				expiry,
				retained_until: expiry.saturating_add(T::RetentionPeriod::get()),
				quantity,
				commissioned: 0,
				purged: 0,
				manufacturer: as_party,
				status: BatchStatus::Active,
				depositor: who,
				deposit,
			},
		);
		BatchOfLot::<T>::insert(gtin, &lot, batch);
		Products::<T>::insert(gtin, product);
		Self::deposit_event(Event::BatchCreated {
			batch,
			gtin,
			lot,
			expiry,
			quantity,
			manufacturer: as_party,
		});
		Ok(())
	}

	/// Recalls a batch for its manufacturer or a regulator of the manufacturer's jurisdiction.
	/// One write, whatever the number of units: units read recalled through their batch.
	pub(crate) fn do_recall_batch(
		who: T::AccountId,
		batch: BatchId,
		reason_hash: [u8; 32],
	) -> DispatchResult {
		let mut entry = Batches::<T>::get(batch).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(
			T::Credentials::acts_for(&who, entry.manufacturer)
				|| T::Credentials::verified_institution(entry.manufacturer)
					.is_some_and(|maker| Self::is_regulator_of(&who, maker.jurisdiction)),
			Error::<T>::NotRecaller
		);
		ensure!(!entry.is_recalled(), Error::<T>::AlreadyRecalled);
		entry.status = BatchStatus::Recalled { by: who.clone(), at: T::Time::now() };
		let (gtin, lot) = (entry.gtin, entry.lot.clone());
		Batches::<T>::insert(batch, entry);
		Self::deposit_event(Event::BatchRecalled { batch, gtin, lot, by: who, reason_hash });
		Ok(())
	}

	/// Removes a manufacturer's batch with no units stored, releasing its deposit.
	pub(crate) fn do_remove_batch(
		who: T::AccountId,
		as_party: InstitutionId,
		batch: BatchId,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &MAKER_KINDS)?;
		let entry = Batches::<T>::get(batch).ok_or(Error::<T>::UnknownBatch)?;
		ensure!(entry.manufacturer == as_party, Error::<T>::NotBatchOwner);
		ensure!(entry.stored() == 0, Error::<T>::BatchHasUnits);
		Self::release(HoldReason::BatchDeposit, &entry.depositor, entry.deposit)?;
		Batches::<T>::remove(batch);
		BatchOfLot::<T>::remove(entry.gtin, &entry.lot);
		Products::<T>::mutate(entry.gtin, |product| {
			if let Some(product) = product {
				product.batches.saturating_dec();
			}
		});
		Self::deposit_event(Event::BatchRemoved { batch, gtin: entry.gtin, lot: entry.lot });
		Ok(())
	}
}
