//! The access log (IHE ATNA, FHIR AuditEvent): every access attempt by someone other than the
//! patient, allowed or refused, evented and kept in the accessor's own ring of the patient's
//! log, which the accessor pays for and takes back only after the retention period.

use crate::*;
use healthchain_primitives::{consent::AccessLogged, deposits};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Logs an access attempt in the accessor's ring of the patient's log, holding the
	/// accessor's deposit when the ring is new, and events it. Overwrites only the accessor's
	/// own oldest entry, so nobody can flush anyone else's.
	pub(crate) fn do_log_access(
		request: &AccessRequest<T::AccountId>,
		record: RecordId,
		outcome: AccessOutcome,
	) -> Result<AccessLogged, DispatchError> {
		let AccessRequest { actor, on_behalf_of, target, action, purpose } = request;
		let patient = &target.patient;
		let now = T::Time::now();
		let (mut share, logged) = match AccessLogShares::<T>::get(patient, actor) {
			Some(share) => (share, AccessLogged::InRing),
			None => {
				let deposit = T::AccessLogDeposit::get();
				T::Currency::hold(&HoldReason::AccessLogDeposit.into(), actor, deposit)?;
				(AccessLogShare { logged: 0, last_at: now, deposit }, AccessLogged::InNewRing)
			},
		};
		let number = AccessCount::<T>::get(patient);
		AccessLog::<T>::insert(
			(patient, actor, Self::log_slot(share.logged)),
			AccessEntry {
				number,
				accessor: actor.clone(),
				on_behalf_of: *on_behalf_of,
				record,
				action: *action,
				purpose: *purpose,
				outcome,
				at: now,
			},
		);
		share.logged = share.logged.saturating_add(1);
		share.last_at = now;
		AccessLogShares::<T>::insert(patient, actor, share);
		AccessCount::<T>::insert(patient, number.saturating_add(1));
		Self::deposit_event(Event::RecordAccessed {
			patient: patient.clone(),
			record,
			accessor: actor.clone(),
			on_behalf_of: *on_behalf_of,
			action: *action,
			purpose: *purpose,
			outcome,
		});
		Ok(logged)
	}

	/// Removes the accessor's ring from the patient's log once the retention period has
	/// passed since their latest access, returning their deposit.
	pub(crate) fn do_release_access_log(
		accessor: T::AccountId,
		patient: T::AccountId,
	) -> DispatchResult {
		let share =
			AccessLogShares::<T>::get(&patient, &accessor).ok_or(Error::<T>::NoAccessLogEntries)?;
		ensure!(
			T::Time::now() >= share.last_at.saturating_add(T::AccessLogRetention::get()),
			Error::<T>::AccessLogRetained
		);
		deposits::release::<_, T::Currency>(
			&HoldReason::AccessLogDeposit.into(),
			&accessor,
			share.deposit,
		)?;
		for slot in 0..Self::ring_length() {
			AccessLog::<T>::remove((&patient, &accessor, slot));
		}
		AccessLogShares::<T>::remove(&patient, &accessor);
		Self::deposit_event(Event::AccessLogReleased { patient, accessor });
		Ok(())
	}

	/// The slots of each accessor's ring (at least one).
	pub(crate) fn ring_length() -> u32 {
		T::AccessLogPerAccessor::get().max(1)
	}

	/// The ring slot of an accessor's access numbered `logged`.
	pub(crate) fn log_slot(logged: u64) -> u32 {
		// The remainder is below the ring's length, itself a `u32`.
		u32::try_from(logged % u64::from(Self::ring_length())).unwrap_or_default()
	}
}
