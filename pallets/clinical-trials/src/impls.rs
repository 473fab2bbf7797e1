//! The consent hook that withdraws a participant whose research consent is revoked; the queries
//! behind the runtime API; the pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::consent::{ConsentInspect, OnConsentRevoked};
use polkadot_sdk::frame_support::traits::Time;

impl<T: Config> Pallet<T> {
	/// A trial, if registered.
	pub fn trial(id: TrialId) -> Option<TrialOf<T>> {
		Trials::<T>::get(id)
	}

	/// The trial registered under a primary-registry id, if any.
	pub fn trial_by_registry_id(registry_id: RegistryId) -> Option<TrialId> {
		TrialByRegistryId::<T>::get(registry_id)
	}

	/// Every protocol version of a trial, oldest (the registration, version 0) first: at most
	/// [`Config::MaxAmendments`] and one.
	pub fn amendments(id: TrialId) -> Vec<(u32, AmendmentOf<T>)> {
		let Some(entry) = Trials::<T>::get(id) else { return Vec::new() };
		(0..=entry.version)
			.filter_map(|version| {
				ProtocolVersions::<T>::get(id, version).map(|item| (version, item))
			})
			.collect()
	}

	/// How many participants a trial has enrolled now.
	pub fn enrolment_count(id: TrialId) -> u32 {
		EnrolmentCount::<T>::get(id)
	}

	/// Whether `participant` is enrolled in a trial, and whether their research consent to it
	/// is still live.
	pub fn participation(id: TrialId, participant: &T::AccountId) -> Participation {
		if !Enrolments::<T>::contains_key(id, participant) {
			Participation::NotEnrolled
		} else if T::Consent::has_live_grant(participant, &Grantee::Study(id), Purpose::Research) {
			Participation::Enrolled
		} else {
			Participation::EnrolledConsentLapsed
		}
	}

	/// The finished trials whose results are overdue now (past their due date, none posted),
	/// with the due date, in id order. Scans the open due dates: for the runtime API, not for
	/// calls.
	pub fn overdue_results() -> Vec<(TrialId, Moment)> {
		let now = T::Time::now();
		let mut overdue: Vec<(TrialId, Moment)> =
			ResultsDue::<T>::iter().filter(|(_, due)| now > *due).collect();
		overdue.sort_unstable();
		overdue
	}

	/// The trials whose outcomes were switched after recruitment began, in id order. Scans
	/// the index of switched trials only: for the runtime API, not for calls.
	pub fn switched_outcomes() -> Vec<TrialId> {
		let mut switched: Vec<TrialId> = SwitchedTrials::<T>::iter_keys().collect();
		switched.sort_unstable();
		switched
	}

	/// The outcomes a trial's results must report that no posting has reported yet: those
	/// locked when recruitment began (or, if it never began, those of the version in force)
	/// and those of the version in force, each once.
	pub fn unreported_outcomes(id: TrialId) -> Vec<Hash32> {
		let Some(entry) = Trials::<T>::get(id) else { return Vec::new() };
		let reported: Vec<Hash32> = (0..entry.results_posted)
			.filter_map(|posting| TrialResults::<T>::get(id, posting))
			.flat_map(|results| results.reported.into_inner())
			.collect();
		let mut due: Vec<Hash32> = Vec::new();
		let versions = entry.locked_version.into_iter().chain(core::iter::once(entry.version));
		for version in versions.filter_map(|version| ProtocolVersions::<T>::get(id, version)) {
			for outcome in version.primary.iter().chain(version.secondary.iter()) {
				if !reported.contains(outcome) && !due.contains(outcome) {
					due.push(*outcome);
				}
			}
		}
		due
	}

	/// A trial's adverse events, in the order reported.
	pub fn adverse_events(id: TrialId) -> Vec<(u32, AdverseEventOf<T>)> {
		(0..AdverseEventCount::<T>::get(id))
			.filter_map(|number| AdverseEvents::<T>::get(id, number).map(|item| (number, item)))
			.collect()
	}

	/// A trial's results postings, oldest first.
	pub fn results(id: TrialId) -> Vec<(u32, ResultsOf<T>)> {
		let posted = Trials::<T>::get(id).map(|entry| entry.results_posted).unwrap_or_default();
		(0..posted)
			.filter_map(|posting| TrialResults::<T>::get(id, posting).map(|item| (posting, item)))
			.collect()
	}

	/// Checks the pallet's storage invariants.
	// Always compiled: the runtime fuzzer (`fuzz/`) checks it after every block without the
	// `try-runtime` feature, which would change the node's one build.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use healthchain_primitives::deposits;
		use polkadot_sdk::{
			frame_support::{
				ensure,
				traits::{fungible::InspectHold, Get},
			},
			sp_runtime::Saturating,
		};

		let next = NextTrialId::<T>::get();
		let mut sponsor_held = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, entry) in Trials::<T>::iter() {
			ensure!(id < next, "trial id not yet handed out");
			ensure!(entry.registry_id.is_well_formed(), "malformed registry id");
			// Only a rejected registration (terminated, its id never confirmed) leaves the index.
			let rejected = entry.registry_confirmed_by.is_none()
				&& matches!(entry.status, TrialStatus::Terminated { .. });
			ensure!(
				rejected || TrialByRegistryId::<T>::get(entry.registry_id) == Some(id),
				"trial missing from the registry-id index"
			);
			if entry.recruitment_started_at.is_some() {
				ensure!(entry.registry_confirmed_by.is_some(), "recruited without a confirmed id");
			}
			ensure!(!entry.sites.is_empty(), "trial without sites");
			ensure!(
				(1..=T::MaxParticipants::get()).contains(&entry.target_enrolment),
				"target enrolment outside 1..=MaxParticipants"
			);
			ensure!(entry.version <= T::MaxAmendments::get(), "more amendments than allowed");
			ensure!(
				ProtocolVersions::<T>::iter_key_prefix(id).count() == entry.version as usize + 1,
				"protocol versions stored differ from the version in force"
			);
			let registration =
				ProtocolVersions::<T>::get(id, 0).ok_or("registration version missing")?;
			ensure!(registration.at == entry.registered_at, "registration time changed");
			ensure!(registration.reason_hash.is_none(), "registration with a reason");
			let mut switches = 0u32;
			for version in 0..=entry.version {
				let item =
					ProtocolVersions::<T>::get(id, version).ok_or("protocol version missing")?;
				ensure!(!item.primary.is_empty(), "protocol version without a primary outcome");
				ensure!(version == 0 || item.reason_hash.is_some(), "amendment without a reason");
				if item.outcome_change {
					switches.saturating_inc();
				}
			}
			ensure!(switches == entry.outcome_switches, "outcome switches miscounted");
			ensure!(
				SwitchedTrials::<T>::get(id) == (switches > 0).then_some(switches),
				"switched-trials index differs from the trial"
			);
			ensure!(
				entry.recruitment_started_at.is_some() == entry.locked_version.is_some(),
				"recruitment start and locked version disagree"
			);
			ensure!(
				entry.locked_version.is_none_or(|locked| locked <= entry.version),
				"locked version not yet stored"
			);
			ensure!(
				(entry.status == TrialStatus::Registered)
					|| entry.recruitment_started_at.is_some()
					|| matches!(
						entry.status,
						TrialStatus::Suspended { from: ResumableStatus::Registered, .. }
							| TrialStatus::Terminated { .. }
					),
				"recruiting or later without a recruitment start"
			);
			let due_expected = match entry.status {
				TrialStatus::Completed { .. } => true,
				TrialStatus::Terminated { .. } => entry.recruitment_started_at.is_some(),
				_ => false,
			};
			ensure!(entry.results_due.is_some() == due_expected, "results due date misplaced");
			ensure!(
				ResultsDue::<T>::get(id) == entry.results_due.filter(|_| entry.results_posted == 0),
				"open due date differs from the trial"
			);
			ensure!(
				entry.results_posted == 0 || entry.status.is_final(),
				"results of an unfinished trial"
			);
			ensure!(entry.results_posted <= T::MaxResultPostings::get(), "too many postings");
			ensure!(
				TrialResults::<T>::iter_key_prefix(id).count() == entry.results_posted as usize,
				"results stored differ from the postings counted"
			);
			let enrolled = Enrolments::<T>::iter_key_prefix(id).count();
			ensure!(EnrolmentCount::<T>::get(id) as usize == enrolled, "enrolments miscounted");
			ensure!(enrolled <= entry.target_enrolment as usize, "enrolment over its target");
			let events = AdverseEventCount::<T>::get(id);
			ensure!(
				AdverseEvents::<T>::iter_key_prefix(id).count() == events as usize,
				"adverse events miscounted"
			);
			deposits::add(&mut sponsor_held, &entry.sponsor, entry.deposit);
		}
		for (registry_id, id) in TrialByRegistryId::<T>::iter() {
			let entry = Trials::<T>::get(id).ok_or("registry id of a missing trial")?;
			ensure!(entry.registry_id == registry_id, "registry-id index under another id");
		}
		for (id, _) in SwitchedTrials::<T>::iter() {
			ensure!(Trials::<T>::contains_key(id), "switched outcomes of a missing trial");
		}
		for (id, _) in ResultsDue::<T>::iter() {
			ensure!(Trials::<T>::contains_key(id), "due date of a missing trial");
		}
		for (id, _) in EnrolmentCount::<T>::iter() {
			ensure!(Trials::<T>::contains_key(id), "enrolment count of a missing trial");
		}
		let mut enrolment_held = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, _, enrolment) in Enrolments::<T>::iter() {
			let entry = Trials::<T>::get(id).ok_or("enrolment in a missing trial")?;
			ensure!(entry.sites.contains(&enrolment.site), "enrolment at a site not the trial's");
			deposits::add(&mut enrolment_held, &enrolment.investigator, enrolment.deposit);
		}
		let mut event_held = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, _, event) in AdverseEvents::<T>::iter() {
			let entry = Trials::<T>::get(id).ok_or("adverse event in a missing trial")?;
			ensure!(entry.sites.contains(&event.site), "adverse event at a site not the trial's");
			deposits::add(&mut event_held, &event.investigator, event.deposit);
		}
		// Every account, not only the depositors: a hold nothing stored justifies shows too.
		ensure!(
			deposits::holds_match(
				frame_system::Account::<T>::iter_keys(),
				[
					(HoldReason::TrialDeposit, sponsor_held),
					(HoldReason::EnrolmentDeposit, enrolment_held),
					(HoldReason::AdverseEventDeposit, event_held),
				],
				|reason, who| T::Currency::balance_on_hold(&(*reason).into(), who),
			),
			"held deposits differ from the stored deposits"
		);
		Ok(())
	}
}

impl<T: Config> OnConsentRevoked<T::AccountId> for Pallet<T> {
	/// A participant who revokes their research consent to a trial is withdrawn from it: one
	/// read, and if enrolled, a removal, a count update and a deposit release.
	fn on_revoked(patient: &T::AccountId, grantee: &GranteeOf<T>, purpose: Purpose) {
		if let (Grantee::Study(trial), Purpose::Research) = (grantee, purpose) {
			if Enrolments::<T>::contains_key(trial, patient) {
				// Cannot fail: the enrolment is there, and the release is best effort.
				let _ =
					Self::do_withdraw(*trial, patient.clone(), WithdrawalReason::ConsentRevoked);
			}
		}
	}

	/// Withdrawing an enrolled participant.
	fn weight() -> polkadot_sdk::sp_runtime::Weight {
		T::WeightInfo::withdraw_on_revocation()
	}
}
