//! Incidents: suspect reports and a regulator's findings on them, and destruction of stock.

use crate::*;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Marks an active unit suspect on a verified party's report, holding the reporter's
	/// deposit.
	pub(crate) fn do_report_suspect(
		who: T::AccountId,
		as_party: InstitutionId,
		unit: Sgtin,
		evidence_hash: [u8; 32],
	) -> DispatchResult {
		Self::ensure_acts_for(&who, as_party)?;
		let mut record = Units::<T>::get(&unit).ok_or(Error::<T>::UnknownUnit)?;
		ensure!(record.status != UnitStatus::Suspect, Error::<T>::AlreadySuspect);
		Self::ensure_unit_active(record.status)?;
		let deposit = T::SuspectReportDeposit::get();
		Self::hold(HoldReason::SuspectReportDeposit, &who, deposit)?;
		SuspectReports::<T>::insert(
			&unit,
			SuspectReport {
				party: as_party,
				evidence_hash,
				reported_at: T::Time::now(),
				depositor: who.clone(),
				deposit,
			},
		);
		record.status = UnitStatus::Suspect;
		Units::<T>::insert(&unit, record);
		Self::deposit_event(Event::SuspectReported {
			unit,
			party: as_party,
			reporter: who,
			evidence_hash,
		});
		Ok(())
	}

	/// Closes the report on a suspect unit with a regulator's finding, giving the unit its new
	/// status and returning the reporter's deposit.
	fn resolve_suspect(who: &T::AccountId, unit: &Sgtin, finding: UnitStatus) -> DispatchResult {
		Self::ensure_regulator(who)?;
		let mut record = Units::<T>::get(unit).ok_or(Error::<T>::UnknownUnit)?;
		ensure!(record.status == UnitStatus::Suspect, Error::<T>::NotSuspect);
		if let Some(report) = SuspectReports::<T>::take(unit) {
			Self::release(HoldReason::SuspectReportDeposit, &report.depositor, report.deposit)?;
		}
		record.status = finding;
		Units::<T>::insert(unit, record);
		Ok(())
	}

	/// Clears a suspect unit: it is active again.
	pub(crate) fn do_clear_suspect(who: T::AccountId, unit: Sgtin) -> DispatchResult {
		Self::resolve_suspect(&who, &unit, UnitStatus::Active)?;
		Self::deposit_event(Event::SuspectCleared { unit, regulator: who });
		Ok(())
	}

	/// Confirms a suspect unit counterfeit: decommissioned for good. It stays where it is (its
	/// container still counts it) so that whoever holds the physical pack hands it over.
	pub(crate) fn do_confirm_counterfeit(who: T::AccountId, unit: Sgtin) -> DispatchResult {
		Self::resolve_suspect(&who, &unit, UnitStatus::Counterfeit)?;
		Self::deposit_event(Event::CounterfeitConfirmed { unit, regulator: who });
		Ok(())
	}

	/// Decommissions the named active units a party holds at rest, loose or in its containers,
	/// as destroyed; they leave their containers.
	pub(crate) fn do_destroy_units(
		who: T::AccountId,
		as_party: InstitutionId,
		units: UnitsOf<T>,
	) -> DispatchResult {
		Self::ensure_party(&who, as_party, &HOLDER_KINDS)?;
		Self::ensure_distinct(&units)?;
		for key in units.iter() {
			let mut unit = Units::<T>::get(key).ok_or(Error::<T>::UnknownUnit)?;
			Self::ensure_unit_active(unit.status)?;
			let trace = Self::trace(&unit.location, unit.hops, unit.packed_at)?;
			match trace.custody.custodian {
				Some(holder) if holder == as_party => (),
				Some(_) => return Err(Error::<T>::NotCustodian.into()),
				None => return Err(Error::<T>::InTransit.into()),
			}
			Self::detach(&mut unit, trace, as_party);
			unit.status = UnitStatus::Destroyed;
			Units::<T>::insert(key, unit);
		}
		Self::deposit_event(Event::UnitsDestroyed { party: as_party, units });
		Ok(())
	}
}
