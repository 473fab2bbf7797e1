//! Registration: a sponsor registers a trial with its pre-registered outcomes; the checks that
//! every sponsor action and every protocol version share.

use crate::*;
use healthchain_primitives::{credentials::CredentialsInspect, has_duplicates, ids};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Stores a trial and its version 0 after checking the sponsor, registry id, sites, target
	/// and protocol, holding the registration deposit.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_register_trial(
		sponsor: T::AccountId,
		registry_id: RegistryId,
		phase: Phase,
		protocol_hash: Hash32,
		pointer: PointerOf<T>,
		sites: SitesOf<T>,
		target_enrolment: u32,
		primary: OutcomesOf<T>,
		secondary: OutcomesOf<T>,
	) -> DispatchResult {
		let licence = T::Credentials::live_credential(&sponsor, Role::TrialSponsor)
			.ok_or(Error::<T>::NotASponsor)?;
		ensure!(registry_id.is_well_formed(), Error::<T>::MalformedRegistryId);
		ensure!(!TrialByRegistryId::<T>::contains_key(registry_id), Error::<T>::RegistryIdTaken);
		Self::ensure_sites(&sites)?;
		ensure!(target_enrolment > 0, Error::<T>::ZeroTarget);
		ensure!(target_enrolment <= T::MaxParticipants::get(), Error::<T>::TargetTooLarge);
		Self::ensure_protocol(&pointer, &primary, &secondary)?;

		let trial = ids::next_id::<NextTrialId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		let deposit = T::TrialDeposit::get();
		T::Currency::hold(&HoldReason::TrialDeposit.into(), &sponsor, deposit)?;
		let now = T::Time::now();
		Trials::<T>::insert(
			trial,
			Trial {
				sponsor: sponsor.clone(),
				jurisdiction: licence.jurisdiction,
				registry_id,
				registry_confirmed_by: None,
				phase,
				sites: sites.clone(),
				target_enrolment,
				registered_at: now,
				recruitment_started_at: None,
				locked_version: None,
				version: 0,
				outcome_switches: 0,
				status: TrialStatus::Registered,
				results_due: None,
				results_posted: 0,
				deposit,
			},
		);
		TrialByRegistryId::<T>::insert(registry_id, trial);
		ProtocolVersions::<T>::insert(
			trial,
			0,
			Amendment {
				protocol_hash,
				pointer,
				primary: primary.clone(),
				secondary: secondary.clone(),
				reason_hash: None,
				at: now,
				outcome_change: false,
			},
		);
		Self::deposit_event(Event::TrialRegistered {
			trial,
			sponsor,
			registry_id,
			phase,
			protocol_hash,
			sites,
			target_enrolment,
			primary,
			secondary,
			registered_at: now,
		});
		Ok(())
	}

	/// The trial, if `who` is its sponsor and holds a live sponsor credential now.
	pub(crate) fn sponsored_trial(
		who: &T::AccountId,
		trial: TrialId,
	) -> Result<TrialOf<T>, DispatchError> {
		let entry = Trials::<T>::get(trial).ok_or(Error::<T>::UnknownTrial)?;
		ensure!(entry.sponsor == *who, Error::<T>::NotTrialSponsor);
		ensure!(T::Credentials::has_role(who, Role::TrialSponsor), Error::<T>::NotASponsor);
		Ok(entry)
	}

	/// At least one site, none twice, each a verified hospital, clinic or laboratory.
	fn ensure_sites(sites: &[InstitutionId]) -> DispatchResult {
		ensure!(!sites.is_empty(), Error::<T>::NoSites);
		ensure!(!has_duplicates(sites), Error::<T>::DuplicateSite);
		ensure!(
			sites.iter().all(|site| T::Credentials::verified_institution_kind(*site)
				.is_some_and(|kind| SITE_KINDS.contains(&kind))),
			Error::<T>::InvalidSite
		);
		Ok(())
	}

	/// A well-formed pointer, at least one primary outcome, and no outcome twice in either list
	/// or in both.
	pub(crate) fn ensure_protocol(
		pointer: &[u8],
		primary: &[Hash32],
		secondary: &[Hash32],
	) -> DispatchResult {
		ensure!(is_well_formed_pointer(pointer), Error::<T>::MalformedPointer);
		ensure!(!primary.is_empty(), Error::<T>::NoPrimaryOutcome);
		let all: alloc::vec::Vec<Hash32> = primary.iter().chain(secondary).copied().collect();
		ensure!(!has_duplicates(&all), Error::<T>::DuplicateOutcome);
		Ok(())
	}
}
