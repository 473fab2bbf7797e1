//! Encryption keys: each account publishes the X25519 key that documents' data keys are wrapped
//! to for it.

use crate::*;
use healthchain_primitives::deposits;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Publishes or replaces `who`'s key, holding the deposit the first time.
	pub(crate) fn do_publish_encryption_key(who: T::AccountId, key: [u8; 32]) -> DispatchResult {
		ensure!(is_usable_encryption_key(&key), Error::<T>::UnusableEncryptionKey);
		let deposit = match EncryptionKeys::<T>::get(&who) {
			Some(published) => published.deposit,
			None => {
				let deposit = T::EncryptionKeyDeposit::get();
				T::Currency::hold(&HoldReason::EncryptionKeyDeposit.into(), &who, deposit)?;
				deposit
			},
		};
		EncryptionKeys::<T>::insert(
			&who,
			EncryptionKey { key, published_at: T::Time::now(), deposit },
		);
		Self::deposit_event(Event::EncryptionKeyPublished { who, key });
		Ok(())
	}

	/// Removes `who`'s key and releases its deposit.
	pub(crate) fn do_remove_encryption_key(who: T::AccountId) -> DispatchResult {
		let published = EncryptionKeys::<T>::take(&who).ok_or(Error::<T>::NoEncryptionKey)?;
		deposits::release::<_, T::Currency>(
			&HoldReason::EncryptionKeyDeposit.into(),
			&who,
			published.deposit,
		)?;
		Self::deposit_event(Event::EncryptionKeyRemoved { who });
		Ok(())
	}
}
