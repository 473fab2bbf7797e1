//! Claims: a provider in network submits a claim under the member's coverage and Payment
//! consent; the same provider, member, service date and lines cannot be claimed twice; an unpaid
//! claim is replaced (frequency code 7) or voided (code 8).

use crate::*;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::{
		traits::{BlakeTwo256, Hash},
		DispatchResult,
	},
};

impl<T: Config> Pallet<T> {
	/// Checks and stores a claim (retiring the claim it replaces), holding the deposit from the
	/// submitter.
	// The call's fields, one by one, as clients send them.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_submit_claim(
		submitter: T::AccountId,
		coverage: CoverageId,
		provider: InstitutionId,
		service_date: Moment,
		lines: LinesOf<T>,
		diagnoses: DiagnosesOf<T>,
		prior_auth: Option<PriorAuthId>,
		records: RecordsOf<T>,
		frequency: Frequency,
	) -> DispatchResult {
		let entry = Coverages::<T>::get(coverage).ok_or(Error::<T>::UnknownCoverage)?;
		Self::ensure_provider_staff(&submitter, provider)?;
		let now = T::Time::now();
		ensure!(service_date <= now, Error::<T>::FutureServiceDate);
		ensure!(entry.covers(service_date), Error::<T>::NotCovered);
		Self::ensure_payment_consent(&entry.member, entry.insurer)?;
		ensure!(
			Self::contract_in_force(entry.insurer, provider, service_date).is_some(),
			Error::<T>::OutOfNetwork
		);
		ensure!(!lines.is_empty() && !diagnoses.is_empty(), Error::<T>::EmptyClaim);
		Self::ensure_service_codes(lines.iter().map(|line| &line.code))?;
		ensure!(lines.iter().all(|line| line.units > 0), Error::<T>::ZeroUnitsBilled);
		ensure!(
			diagnoses.iter().all(DiagnosisCode::is_well_formed),
			Error::<T>::MalformedDiagnosisCode
		);
		if let Some(id) = prior_auth {
			let authorisation = PriorAuths::<T>::get(id).ok_or(Error::<T>::UnknownPriorAuth)?;
			ensure!(
				authorisation.member == entry.member
					&& authorisation.coverage == coverage
					&& authorisation.provider == provider,
				Error::<T>::PriorAuthMismatch
			);
		}
		let replaces = match frequency {
			Frequency::Original => None,
			Frequency::Replacement(old) => {
				let replaced = ClaimEntries::<T>::get(old).ok_or(Error::<T>::UnknownClaim)?;
				ensure!(replaced.provider == provider, Error::<T>::NotClaimsProvider);
				ensure!(replaced.status == ClaimStatus::Submitted, Error::<T>::NotOpen);
				ensure!(
					replaced.member == entry.member && replaced.coverage == coverage,
					Error::<T>::ReplacementMismatch
				);
				Some((old, replaced))
			},
		};
		let fingerprint = BlakeTwo256::hash_of(&(provider, &entry.member, service_date, &lines)).0;
		ensure!(
			ClaimFingerprints::<T>::get(fingerprint)
				.is_none_or(|holder| replaces.as_ref().is_some_and(|(old, _)| *old == holder)),
			Error::<T>::DuplicateClaim
		);

		let claim = Self::next_id::<NextClaimId<T>, _>()?;
		let deposit = T::ClaimDeposit::get();
		Self::hold_deposit(&submitter, deposit)?;
		if let Some((old, mut replaced)) = replaces.clone() {
			Self::close_claim(old, &mut replaced, ClaimStatus::Replaced(claim));
		}
		let due = now.saturating_add(Self::clocks().clean_claim);
		ClaimEntries::<T>::insert(
			claim,
			Claim {
				provider,
				insurer: entry.insurer,
				member: entry.member.clone(),
				coverage,
				submitter,
				service_date,
				lines,
				diagnoses,
				prior_auth,
				records,
				submitted_at: now,
				due,
				replaces: replaces.as_ref().map(|(old, _)| *old),
				status: ClaimStatus::Submitted,
				fingerprint,
				deposit,
			},
		);
		ClaimFingerprints::<T>::insert(fingerprint, claim);
		MemberClaims::<T>::insert(&entry.member, claim, ());
		OpenClaims::<T>::insert(entry.insurer, claim, due);
		Self::deposit_event(Event::ClaimSubmitted {
			claim,
			insurer: entry.insurer,
			provider,
			replaces: replaces.map(|(old, _)| old),
			due,
		});
		Ok(())
	}

	/// The provider voids a claim not yet adjudicated.
	pub(crate) fn do_void_claim(who: T::AccountId, claim: ClaimId) -> DispatchResult {
		let mut entry = ClaimEntries::<T>::get(claim).ok_or(Error::<T>::UnknownClaim)?;
		Self::ensure_provider_staff(&who, entry.provider)?;
		ensure!(entry.status == ClaimStatus::Submitted, Error::<T>::NotOpen);
		Self::close_claim(claim, &mut entry, ClaimStatus::Voided);
		Self::deposit_event(Event::ClaimVoided { claim });
		Ok(())
	}

	/// Takes an unpaid claim out of the open and duplicate indexes, with its final status.
	fn close_claim(claim: ClaimId, entry: &mut ClaimOf<T>, status: ClaimStatus) {
		entry.status = status;
		OpenClaims::<T>::remove(entry.insurer, claim);
		ClaimFingerprints::<T>::remove(entry.fingerprint);
		ClaimEntries::<T>::insert(claim, entry.clone());
	}
}
