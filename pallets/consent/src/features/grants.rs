//! Grants: a patient's consent to a grantee, its revocation and its removal.

use crate::*;
use healthchain_primitives::{
	consent::OnConsentRevoked, counts, credentials::CredentialsInspect, deposits, ensure_distinct,
	ids, ListFault,
};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Stores a grant after checking the grantee, scope, actions and period, replacing a revoked
	/// or expired grant under the same key.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_grant_consent(
		patient: T::AccountId,
		grantee: GranteeOf<T>,
		purpose: Purpose,
		scope: GrantScopeOf<T>,
		actions: GrantedActions,
		valid_from: Option<Moment>,
		valid_until: Option<Moment>,
	) -> DispatchResult {
		ensure!(actions.read || actions.write, Error::<T>::NoActions);
		Self::ensure_scope_well_formed(&scope)?;
		let now = T::Time::now();
		let valid_from = valid_from.unwrap_or(now);
		ensure!(
			valid_until.is_none_or(|until| until > valid_from && until > now),
			Error::<T>::InvalidPeriod
		);
		Self::ensure_grantee_eligible(&patient, &grantee, purpose, actions)?;

		let key = (grantee.clone(), purpose);
		let deposit = match Grants::<T>::get(&patient, &key) {
			Some(previous) => {
				ensure!(!previous.is_pending_or_live_at(now), Error::<T>::GrantExists);
				previous.deposit
			},
			None => {
				let count = GrantCount::<T>::get(&patient);
				ensure!(count < T::MaxGrantsPerPatient::get(), Error::<T>::TooManyGrants);
				let deposit = T::GrantDeposit::get();
				T::Currency::hold(&HoldReason::GrantDeposit.into(), &patient, deposit)?;
				GrantCount::<T>::insert(&patient, count.saturating_add(1));
				deposit
			},
		};
		let grant = ids::next_id::<NextGrantId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		Grants::<T>::insert(
			&patient,
			&key,
			Grant {
				id: grant,
				scope: scope.clone(),
				actions,
				valid_from,
				valid_until,
				granted_at: now,
				status: GrantStatus::Active,
				deposit,
			},
		);
		Self::deposit_event(Event::ConsentGranted {
			grant,
			patient,
			grantee,
			purpose,
			scope,
			actions,
			valid_from,
			valid_until,
		});
		Ok(())
	}

	/// Marks a grant revoked; the access decision refuses it from this moment. Then tells
	/// [`Config::OnRevoked`], so that what the grant allowed is undone (a trial participant is
	/// withdrawn).
	pub(crate) fn do_revoke_consent(
		patient: T::AccountId,
		grantee: GranteeOf<T>,
		purpose: Purpose,
	) -> DispatchResult {
		let key = (grantee, purpose);
		Grants::<T>::try_mutate(&patient, &key, |stored| -> DispatchResult {
			let grant = stored.as_mut().ok_or(Error::<T>::NoGrant)?;
			ensure!(grant.status == GrantStatus::Active, Error::<T>::AlreadyRevoked);
			grant.status = GrantStatus::Revoked { at: T::Time::now() };
			let (grantee, purpose) = key.clone();
			Self::deposit_event(Event::ConsentRevoked {
				grant: grant.id,
				patient: patient.clone(),
				grantee,
				purpose,
			});
			Ok(())
		})?;
		T::OnRevoked::on_revoked(&patient, &key.0, key.1);
		Ok(())
	}

	/// Deletes a revoked or expired grant and releases its deposit.
	pub(crate) fn do_remove_grant(
		patient: T::AccountId,
		grantee: GranteeOf<T>,
		purpose: Purpose,
	) -> DispatchResult {
		let key = (grantee, purpose);
		let grant = Grants::<T>::get(&patient, &key).ok_or(Error::<T>::NoGrant)?;
		ensure!(!grant.is_pending_or_live_at(T::Time::now()), Error::<T>::GrantStillLive);
		deposits::release::<_, T::Currency>(
			&HoldReason::GrantDeposit.into(),
			&patient,
			grant.deposit,
		)?;
		Grants::<T>::remove(&patient, &key);
		counts::decrement::<GrantCount<T>, _, _>(&patient);
		Self::deposit_event(Event::GrantRemoved { grant: grant.id, patient });
		Ok(())
	}

	/// A scope lists at least one item, no item twice, and only well-formed categories.
	fn ensure_scope_well_formed(scope: &GrantScopeOf<T>) -> DispatchResult {
		let listed = match scope {
			GrantScope::AllRecords => return Ok(()),
			GrantScope::Categories(categories) => {
				ensure!(
					categories.iter().all(Category::is_well_formed),
					Error::<T>::MalformedCategory
				);
				ensure_distinct(categories)
			},
			GrantScope::Records(records) => ensure_distinct(records),
		};
		listed.map_err(|fault| Error::<T>::from(fault).into())
	}

	/// A practitioner holds a live credential the actions need; an institution is verified; a
	/// study is granted for research.
	fn ensure_grantee_eligible(
		patient: &T::AccountId,
		grantee: &GranteeOf<T>,
		purpose: Purpose,
		actions: GrantedActions,
	) -> DispatchResult {
		match grantee {
			Grantee::Practitioner(practitioner) => {
				ensure!(practitioner != patient, Error::<T>::SelfGrant);
				ensure!(
					T::Credentials::has_any_role(practitioner, actions.required_roles()),
					Error::<T>::GranteeNotCredentialed
				);
			},
			Grantee::Institution(institution) => ensure!(
				T::Credentials::is_verified_institution(*institution),
				Error::<T>::GranteeNotVerified
			),
			Grantee::Study(_) => {
				ensure!(purpose == Purpose::Research, Error::<T>::StudyGrantNotForResearch)
			},
		}
		Ok(())
	}
}

/// A scope that lists nothing, or an item twice.
impl<T> From<ListFault> for Error<T> {
	fn from(fault: ListFault) -> Self {
		match fault {
			ListFault::Empty => Error::EmptyScope,
			ListFault::Duplicate => Error::DuplicateInScope,
		}
	}
}
