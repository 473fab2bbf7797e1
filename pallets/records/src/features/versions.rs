//! Versions: amending a record into a new version, and marking one entered in error.

use crate::*;
use healthchain_primitives::consent::AccessLogging;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{Get, Time},
	},
	sp_runtime::DispatchResult,
};

impl<T: Config> Pallet<T> {
	/// Replaces the current version of a record with a new one written by `author` after the
	/// consent check for writing; the old version is marked superseded. Logs the access on the
	/// new version.
	pub(crate) fn do_amend_record(
		author: T::AccountId,
		record: RecordId,
		content_hash: [u8; 32],
		pointer: PointerOf<T>,
		reason: AmendmentReason,
		purpose: Purpose,
		on_behalf_of: Option<InstitutionId>,
	) -> DispatchResult {
		ensure!(is_well_formed_pointer(&pointer), Error::<T>::MalformedPointer);
		let mut old = RecordsById::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		let request = Self::request_on_record(
			author.clone(),
			on_behalf_of,
			record,
			&old,
			Action::Write,
			purpose,
		);
		let basis = Self::authorize(&request)?;
		ensure!(old.status == RecordStatus::Current, Error::<T>::NotCurrent);
		let version = old
			.version
			.checked_add(1)
			.filter(|version| *version <= T::MaxVersions::get())
			.ok_or(Error::<T>::TooManyVersions)?;

		let patient = old.patient.clone();
		let amended = Self::insert_record(Record {
			patient: patient.clone(),
			author: author.clone(),
			category: old.category.clone(),
			content_hash,
			pointer,
			created_at: T::Time::now(),
			version,
			supersedes: Some(record),
			superseded_by: None,
			amendment_reason: Some(reason),
			status: RecordStatus::Current,
			deposit: T::RecordDeposit::get(),
		})?;
		old.status = RecordStatus::Superseded;
		old.superseded_by = Some(amended);
		RecordsById::<T>::insert(record, old);
		Self::deposit_event(Event::RecordAmended {
			record: amended,
			supersedes: record,
			patient,
			author,
			reason,
		});
		T::Access::log_access(&request, amended, AccessOutcome::Allowed(basis))?;
		Ok(())
	}

	/// Marks the current version of a record entered in error after the consent check for
	/// writing; logs the access. The record stays, and so does its deposit.
	pub(crate) fn do_mark_entered_in_error(
		who: T::AccountId,
		record: RecordId,
		purpose: Purpose,
		on_behalf_of: Option<InstitutionId>,
	) -> DispatchResult {
		let mut entry = RecordsById::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		let request = Self::request_on_record(
			who.clone(),
			on_behalf_of,
			record,
			&entry,
			Action::Write,
			purpose,
		);
		let basis = Self::authorize(&request)?;
		ensure!(entry.status == RecordStatus::Current, Error::<T>::NotCurrent);
		entry.status = RecordStatus::EnteredInError;
		let patient = entry.patient.clone();
		RecordsById::<T>::insert(record, entry);
		Self::deposit_event(Event::RecordEnteredInError { record, patient, by: who });
		T::Access::log_access(&request, record, AccessOutcome::Allowed(basis))?;
		Ok(())
	}
}
