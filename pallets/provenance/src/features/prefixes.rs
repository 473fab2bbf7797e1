//! GS1 Company Prefixes: assigned to an institution by an authority that verifies institutions
//! of its kind in its jurisdiction, withdrawn by one once no product uses it, and looked up when
//! a manufacturer registers a GTIN or a party creates a logistic unit under an SSCC.

use crate::*;
use healthchain_primitives::{counts, credentials::CredentialsInspect};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult, Saturating},
};

impl<T: Config> Pallet<T> {
	/// Assigns `prefix` to `holder`, a verified institution the authority `who` verifies
	/// institutions of (kind and jurisdiction), holding the deposit from `who`. Refuses a
	/// prefix that is assigned, that begins with an assigned one, or that one begins with.
	pub(crate) fn do_assign_company_prefix(
		who: T::AccountId,
		prefix: CompanyPrefix,
		holder: InstitutionId,
	) -> DispatchResult {
		ensure!(is_company_prefix(&prefix), Error::<T>::BadCompanyPrefix);
		let institution =
			T::Credentials::verified_institution(holder).ok_or(Error::<T>::PartyNotVerified)?;
		Self::ensure_prefix_authority(&who, institution.kind, institution.jurisdiction)?;
		ensure!(!CompanyPrefixes::<T>::contains_key(&prefix), Error::<T>::PrefixAssigned);
		ensure!(
			!stems_of(&prefix).any(|stem| Self::is_assigned(stem))
				&& Self::longer_prefixes(&prefix) == 0,
			Error::<T>::PrefixOverlaps
		);
		let deposit = T::CompanyPrefixDeposit::get();
		Self::hold(HoldReason::CompanyPrefixDeposit, &who, deposit)?;
		Self::count_under_stems(&prefix);
		CompanyPrefixes::<T>::insert(
			&prefix,
			PrefixAssignment {
				holder,
				kind: institution.kind,
				jurisdiction: institution.jurisdiction,
				assigned_by: who.clone(),
				assigned_at: T::Time::now(),
				products: 0,
				deposit,
			},
		);
		Self::deposit_event(Event::CompanyPrefixAssigned { prefix, holder, by: who });
		Ok(())
	}

	/// Withdraws `prefix`, for an authority that verifies institutions of its holder's kind and
	/// jurisdiction, once no registered product has a GTIN under it; returns the deposit to the
	/// authority that assigned it.
	pub(crate) fn do_withdraw_company_prefix(
		who: T::AccountId,
		prefix: CompanyPrefix,
	) -> DispatchResult {
		let assignment =
			CompanyPrefixes::<T>::get(&prefix).ok_or(Error::<T>::UnknownCompanyPrefix)?;
		Self::ensure_prefix_authority(&who, assignment.kind, assignment.jurisdiction)?;
		ensure!(assignment.products == 0, Error::<T>::PrefixInUse);
		Self::release(
			HoldReason::CompanyPrefixDeposit,
			&assignment.assigned_by,
			assignment.deposit,
		)?;
		for stem in stems_of(&prefix) {
			counts::decrement::<LongerPrefixes<T>, _, _>(CompanyPrefix::truncate_from(
				stem.to_vec(),
			));
		}
		CompanyPrefixes::<T>::remove(&prefix);
		Self::deposit_event(Event::CompanyPrefixWithdrawn {
			prefix,
			holder: assignment.holder,
			by: who,
		});
		Ok(())
	}

	/// The assigned company prefix the GS1 key `key` (a GTIN's or an SSCC's digits) falls under,
	/// with its assignment: at most one, as no assigned prefix begins with another. Reads up to
	/// seven entries, shortest prefix first.
	pub fn company_prefix_of(key: &[u8]) -> Option<(CompanyPrefix, CompanyPrefixOf<T>)> {
		company_prefixes_of(key).find_map(|candidate| {
			let prefix = CompanyPrefix::truncate_from(candidate.to_vec());
			CompanyPrefixes::<T>::get(&prefix).map(|assignment| (prefix, assignment))
		})
	}

	/// Checks that the GS1 key `key` falls under a company prefix assigned to `party`; returns
	/// the prefix and its assignment.
	pub(crate) fn ensure_prefix_holder(
		key: &[u8],
		party: InstitutionId,
	) -> Result<(CompanyPrefix, CompanyPrefixOf<T>), DispatchError> {
		let (prefix, assignment) =
			Self::company_prefix_of(key).ok_or(Error::<T>::UnassignedCompanyPrefix)?;
		ensure!(assignment.holder == party, Error::<T>::PrefixOfAnotherCompany);
		Ok((prefix, assignment))
	}

	/// Checks that `who` is an authority that verifies institutions of `kind` in
	/// `jurisdiction`: the one that licenses their company prefixes.
	fn ensure_prefix_authority(
		who: &T::AccountId,
		kind: InstitutionKind,
		jurisdiction: Jurisdiction,
	) -> DispatchResult {
		ensure!(
			T::Credentials::oversees_institution_kind(who, kind, jurisdiction),
			Error::<T>::NotPrefixAuthority
		);
		Ok(())
	}

	/// Counts a newly assigned `prefix` under each of its stems.
	pub(crate) fn count_under_stems(prefix: &[u8]) {
		for stem in stems_of(prefix) {
			LongerPrefixes::<T>::mutate(CompanyPrefix::truncate_from(stem.to_vec()), |count| {
				count.saturating_inc()
			});
		}
	}

	fn is_assigned(prefix: &[u8]) -> bool {
		CompanyPrefixes::<T>::contains_key(CompanyPrefix::truncate_from(prefix.to_vec()))
	}

	fn longer_prefixes(prefix: &CompanyPrefix) -> u32 {
		LongerPrefixes::<T>::get(prefix)
	}
}
