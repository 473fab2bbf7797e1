//! Incidents: suspect reports by the parties that handle a unit, a regulator's findings on
//! them (an unfounded report costs the reporter its deposit), and destruction of stock.

use crate::*;
use healthchain_primitives::{credentials::CredentialsInspect, ensure_distinct};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Marks an active unit suspect on the report of a party that handles it (its maker, its
	/// holder, or either end of the shipment carrying it), holding the reporter's deposit. The
	/// party's jurisdiction is kept with the report: its regulators resolve it.
	pub(crate) fn do_report_suspect(
		who: T::AccountId,
		as_party: InstitutionId,
		unit: Sgtin,
		evidence_hash: [u8; 32],
	) -> DispatchResult {
		let party = Self::ensure_acts_for(&who, as_party)?;
		let mut entry = Units::<T>::get(&unit).ok_or(Error::<T>::UnknownUnit)?;
		ensure!(entry.status != UnitStatus::Suspect, Error::<T>::AlreadySuspect);
		Self::ensure_unit_active(entry.status)?;
		ensure!(Self::handles(&entry, as_party)?, Error::<T>::NotHandlingUnit);
		let deposit = T::SuspectReportDeposit::get();
		Self::hold(HoldReason::SuspectReportDeposit, &who, deposit)?;
		SuspectReports::<T>::insert(
			&unit,
			SuspectReport {
				party: as_party,
				jurisdiction: party.jurisdiction,
				evidence_hash,
				reported_at: T::Time::now(),
				depositor: who.clone(),
				deposit,
			},
		);
		entry.status = UnitStatus::Suspect;
		Units::<T>::insert(&unit, entry);
		Self::deposit_event(Event::SuspectReported {
			unit,
			party: as_party,
			reporter: who,
			evidence_hash,
		});
		Ok(())
	}

	/// Closes the report on a suspect unit with the finding of a regulator of the reporting
	/// party's jurisdiction, giving the unit its new status. A confirmed report returns the
	/// reporter's deposit; an unfounded one (the unit cleared) pays it to the admin of the
	/// party holding the unit, whose stock was quarantined for nothing.
	fn resolve_suspect(who: &T::AccountId, unit: &Sgtin, finding: UnitStatus) -> DispatchResult {
		ensure!(T::Credentials::has_role(who, Role::Regulator), Error::<T>::NotRegulator);
		let mut entry = Units::<T>::get(unit).ok_or(Error::<T>::UnknownUnit)?;
		ensure!(entry.status == UnitStatus::Suspect, Error::<T>::NotSuspect);
		let report = SuspectReports::<T>::take(unit).ok_or(Error::<T>::NotSuspect)?;
		Self::ensure_regulator_of(who, report.jurisdiction)?;
		if finding == UnitStatus::Active {
			let holder = Self::trace(&entry.location, entry.hops, entry.packed_at)?
				.custody
				.custodian
				.and_then(T::Credentials::institution_admin);
			Self::forfeit(
				HoldReason::SuspectReportDeposit,
				&report.depositor,
				holder.as_ref(),
				report.deposit,
			)?;
		} else {
			Self::release(HoldReason::SuspectReportDeposit, &report.depositor, report.deposit)?;
		}
		entry.status = finding;
		Units::<T>::insert(unit, entry);
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
		ensure_distinct(&units).map_err(Error::<T>::from)?;
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
