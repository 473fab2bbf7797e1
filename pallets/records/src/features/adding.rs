//! Adding records: a patient's own, and a provider's under the patient's consent.

use crate::*;
use healthchain_primitives::{consent::AccessLogging, ids};
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{fungible::MutateHold, Get, Time},
	},
	sp_runtime::{DispatchError, DispatchResult},
};

impl<T: Config> Pallet<T> {
	/// Adds version 1 of a record to the patient's own records, the patient holding the
	/// deposit. The patient names no purpose, so the access log is not asked.
	pub(crate) fn do_add_record(
		patient: T::AccountId,
		category: Category,
		content_hash: [u8; 32],
		pointer: PointerOf<T>,
	) -> DispatchResult {
		Self::ensure_well_formed(&category, &pointer)?;
		Self::insert_original(patient.clone(), patient, category, content_hash, pointer)?;
		Ok(())
	}

	/// Adds version 1 of a record to `patient`'s records after the consent check for writing,
	/// the author holding the deposit; logs the access.
	pub(crate) fn do_add_record_for(
		author: T::AccountId,
		patient: T::AccountId,
		category: Category,
		content_hash: [u8; 32],
		pointer: PointerOf<T>,
		purpose: Purpose,
		on_behalf_of: Option<InstitutionId>,
	) -> DispatchResult {
		Self::ensure_well_formed(&category, &pointer)?;
		let request = AccessRequest {
			actor: author.clone(),
			on_behalf_of,
			target: AccessTarget {
				patient: patient.clone(),
				record: None,
				category: category.clone(),
			},
			action: Action::Write,
			purpose,
		};
		let basis = Self::authorize(&request)?;
		let record = Self::insert_original(patient, author, category, content_hash, pointer)?;
		T::Access::log_access(&request, record, AccessOutcome::Allowed(basis))?;
		Ok(())
	}

	/// Refuses a malformed category or pointer.
	pub(crate) fn ensure_well_formed(category: &Category, pointer: &[u8]) -> DispatchResult {
		ensure!(category.is_well_formed(), Error::<T>::MalformedCategory);
		ensure!(is_well_formed_pointer(pointer), Error::<T>::MalformedPointer);
		Ok(())
	}

	/// Stores version 1 of a record, holding the deposit from its author, and events it.
	fn insert_original(
		patient: T::AccountId,
		author: T::AccountId,
		category: Category,
		content_hash: [u8; 32],
		pointer: PointerOf<T>,
	) -> Result<RecordId, DispatchError> {
		let record = Self::insert_record(Record {
			patient: patient.clone(),
			author: author.clone(),
			category: category.clone(),
			content_hash,
			pointer,
			created_at: T::Time::now(),
			version: 1,
			supersedes: None,
			superseded_by: None,
			amendment_reason: None,
			status: RecordStatus::Current,
			deposit: T::RecordDeposit::get(),
		})?;
		Self::deposit_event(Event::RecordAdded { record, patient, author, category });
		Ok(record)
	}

	/// Stores a new record under the next id and indexes it under its patient, holding its
	/// deposit from its author; returns its id.
	pub(crate) fn insert_record(entry: RecordOf<T>) -> Result<RecordId, DispatchError> {
		let record = ids::next_id::<NextRecordId<T>, _>().ok_or(Error::<T>::NoIdsLeft)?;
		T::Currency::hold(&HoldReason::RecordDeposit.into(), &entry.author, entry.deposit)?;
		PatientRecords::<T>::insert(&entry.patient, record, ());
		RecordsById::<T>::insert(record, entry);
		Ok(record)
	}
}
