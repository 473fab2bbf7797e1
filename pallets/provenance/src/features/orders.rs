//! Purchase orders: a buyer orders units of a product from a supplier; shipments referring to
//! the order fulfil it as they are received.

use crate::*;
use healthchain_primitives::{credentials::CredentialsInspect, ids};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Places an order from a buyer with a supplier that may ship to it, holding the deposit.
	pub(crate) fn do_place_order(
		who: T::AccountId,
		as_party: InstitutionId,
		supplier: InstitutionId,
		gtin: Gtin,
		quantity: u32,
	) -> DispatchResult {
		let buyer_kind = Self::ensure_party(&who, as_party, &RECEIVER_KINDS)?;
		ensure!(gtin.is_valid(), Error::<T>::BadGtin);
		ensure!(Products::<T>::contains_key(gtin), Error::<T>::UnknownProduct);
		ensure!(quantity > 0, Error::<T>::ZeroQuantity);
		let supplier_kind = T::Credentials::verified_institution_kind(supplier)
			.ok_or(Error::<T>::CounterpartyNotVerified)?;
		ensure!(
			supplier != as_party && Self::route_allowed(supplier_kind, buyer_kind),
			Error::<T>::RouteNotAllowed
		);
		let order = ids::next_id::<NextOrderId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::OrderDeposit::get();
		Self::hold(HoldReason::OrderDeposit, &who, deposit)?;
		Orders::<T>::insert(
			order,
			Order {
				buyer: as_party,
				supplier,
				gtin,
				quantity,
				fulfilled: 0,
				placed_at: T::Time::now(),
				depositor: who,
				deposit,
			},
		);
		Self::deposit_event(Event::OrderPlaced {
			order,
			buyer: as_party,
			supplier,
			gtin,
			quantity,
		});
		Ok(())
	}

	/// Closes an open order declined by its supplier, returning the buyer's deposit.
	pub(crate) fn do_decline_order(
		who: T::AccountId,
		as_party: InstitutionId,
		order: OrderId,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &SHIPPER_KINDS)?;
		let entry = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(entry.supplier == as_party, Error::<T>::NotSupplier);
		Self::close_order(order, &entry)?;
		Self::deposit_event(Event::OrderDeclined { order });
		Ok(())
	}

	/// Closes an open order cancelled by its buyer, returning the deposit.
	pub(crate) fn do_cancel_order(
		who: T::AccountId,
		as_party: InstitutionId,
		order: OrderId,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &RECEIVER_KINDS)?;
		let entry = Orders::<T>::get(order).ok_or(Error::<T>::UnknownOrder)?;
		ensure!(entry.buyer == as_party, Error::<T>::NotBuyer);
		Self::close_order(order, &entry)?;
		Self::deposit_event(Event::OrderCancelled { order });
		Ok(())
	}

	/// Counts `units` received towards an order, closing it when its quantity is reached. An
	/// order closed meanwhile (declined, cancelled, fulfilled) counts nothing more.
	pub(crate) fn credit_order(order: OrderId, units: u32) -> DispatchResult {
		let Some(mut record) = Orders::<T>::get(order) else { return Ok(()) };
		record.fulfilled = record.fulfilled.saturating_add(units);
		if record.fulfilled >= record.quantity {
			Self::close_order(order, &record)?;
			Self::deposit_event(Event::OrderFulfilled { order, fulfilled: record.fulfilled });
		} else {
			Orders::<T>::insert(order, record);
		}
		Ok(())
	}

	/// Removes an order and returns its deposit.
	fn close_order(order: OrderId, record: &OrderOf<T>) -> DispatchResult {
		Self::release(HoldReason::OrderDeposit, &record.depositor, record.deposit)?;
		Orders::<T>::remove(order);
		Ok(())
	}
}
