//! Credentials: issuing, renewing, suspending, reinstating, revoking and purging licences.

use crate::*;
use healthchain_primitives::ids;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Issues a credential after checking the issuer's scope, the period and duplicates.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_issue_credential(
		issuer: T::AccountId,
		holder: T::AccountId,
		role: Role,
		jurisdiction: Jurisdiction,
		licence_hash: [u8; 32],
		valid_from: Moment,
		valid_until: Moment,
	) -> DispatchResult {
		ensure!(jurisdiction.is_well_formed(), Error::<T>::MalformedJurisdiction);
		Self::ensure_covers_role(&issuer, role, jurisdiction)?;
		ensure!(valid_from < valid_until, Error::<T>::InvalidValidityPeriod);
		ensure!(valid_until > T::Time::now(), Error::<T>::ValidityEndsInThePast);
		ensure!(
			!HeldRoles::<T>::get(&holder).iter().any(|held| held.role == role),
			Error::<T>::DuplicateCredential
		);

		let credential = ids::next_id::<NextCredentialId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::CredentialDeposit::get();
		T::Currency::hold(&HoldReason::CredentialDeposit.into(), &issuer, deposit)?;
		let record = Credential {
			holder: holder.clone(),
			role,
			jurisdiction,
			licence_hash,
			valid_from,
			valid_until,
			issuer: issuer.clone(),
			status: CredentialStatus::Active,
			deposit,
		};
		Self::index_role(&holder, credential, Some(&record))?;
		IssuedCredentials::<T>::insert(credential, record);
		Self::deposit_event(Event::CredentialIssued {
			credential,
			holder,
			role,
			jurisdiction,
			issuer,
			valid_from,
			valid_until,
		});
		Ok(())
	}

	/// Moves an unrevoked credential's end of validity.
	pub(crate) fn do_renew_credential(
		authority: T::AccountId,
		credential: CredentialId,
		valid_until: Moment,
	) -> DispatchResult {
		Self::mutate_credential(&authority, credential, |record| {
			ensure!(record.status != CredentialStatus::Revoked, Error::<T>::CredentialRevoked);
			ensure!(record.valid_from < valid_until, Error::<T>::InvalidValidityPeriod);
			ensure!(valid_until > T::Time::now(), Error::<T>::ValidityEndsInThePast);
			record.valid_until = valid_until;
			Ok(())
		})?;
		Self::deposit_event(Event::CredentialRenewed { credential, authority, valid_until });
		Ok(())
	}

	/// Suspends an active credential.
	pub(crate) fn do_suspend_credential(
		authority: T::AccountId,
		credential: CredentialId,
	) -> DispatchResult {
		Self::mutate_credential(&authority, credential, |record| {
			ensure!(record.status == CredentialStatus::Active, Error::<T>::CredentialNotActive);
			record.status = CredentialStatus::Suspended;
			Ok(())
		})?;
		Self::deposit_event(Event::CredentialSuspended { credential, authority });
		Ok(())
	}

	/// Lifts a credential's suspension.
	pub(crate) fn do_reinstate_credential(
		authority: T::AccountId,
		credential: CredentialId,
	) -> DispatchResult {
		Self::mutate_credential(&authority, credential, |record| {
			ensure!(
				record.status == CredentialStatus::Suspended,
				Error::<T>::CredentialNotSuspended
			);
			record.status = CredentialStatus::Active;
			Ok(())
		})?;
		Self::deposit_event(Event::CredentialReinstated { credential, authority });
		Ok(())
	}

	/// Revokes a credential for good and frees its role for a new credential.
	pub(crate) fn do_revoke_credential(
		authority: T::AccountId,
		credential: CredentialId,
	) -> DispatchResult {
		Self::mutate_credential(&authority, credential, |record| {
			ensure!(record.status != CredentialStatus::Revoked, Error::<T>::CredentialRevoked);
			record.status = CredentialStatus::Revoked;
			Ok(())
		})?;
		Self::deposit_event(Event::CredentialRevoked { credential, authority });
		Ok(())
	}

	/// Removes a revoked or expired credential and returns the issuer's deposit.
	pub(crate) fn do_purge_credential(
		who: T::AccountId,
		credential: CredentialId,
	) -> DispatchResult {
		let record =
			IssuedCredentials::<T>::get(credential).ok_or(Error::<T>::UnknownCredential)?;
		if who != record.issuer {
			Self::ensure_covers_role(&who, record.role, record.jurisdiction)?;
		}
		ensure!(
			record.status == CredentialStatus::Revoked || record.has_expired_at(T::Time::now()),
			Error::<T>::CredentialStillInForce
		);
		Self::release(HoldReason::CredentialDeposit, &record.issuer, record.deposit)?;
		IssuedCredentials::<T>::remove(credential);
		Self::index_role(&record.holder, credential, None)?;
		Self::deposit_event(Event::CredentialPurged { credential });
		Ok(())
	}

	/// Applies `change` to a credential after checking that `authority` covers its role and
	/// jurisdiction, and brings its holder's role index in step.
	fn mutate_credential(
		authority: &T::AccountId,
		credential: CredentialId,
		change: impl FnOnce(&mut CredentialOf<T>) -> DispatchResult,
	) -> DispatchResult {
		IssuedCredentials::<T>::try_mutate(credential, |entry| {
			let record = entry.as_mut().ok_or(Error::<T>::UnknownCredential)?;
			Self::ensure_covers_role(authority, record.role, record.jurisdiction)?;
			change(record)?;
			Self::index_role(&record.holder, credential, Some(record))
		})
	}

	/// Keeps `holder`'s role index in step with their credential `id`: its standing while it is
	/// unrevoked, nothing once it is revoked or purged (`None`), freeing the role for a new
	/// credential.
	pub(crate) fn index_role(
		holder: &T::AccountId,
		id: CredentialId,
		credential: Option<&CredentialOf<T>>,
	) -> DispatchResult {
		HeldRoles::<T>::try_mutate_exists(holder, |entry| {
			let mut held = entry.take().unwrap_or_default();
			held.retain(|standing| standing.credential != id);
			if let Some(credential) =
				credential.filter(|credential| credential.status != CredentialStatus::Revoked)
			{
				// One unrevoked credential per role, so a full index holds every role.
				ensure!(
					held.iter().all(|standing| standing.role != credential.role),
					Error::<T>::DuplicateCredential
				);
				held.try_push(credential.standing(id))
					.map_err(|_| Error::<T>::DuplicateCredential)?;
			}
			*entry = (!held.is_empty()).then_some(held);
			Ok(())
		})
	}
}
