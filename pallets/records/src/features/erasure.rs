//! Erasure: the patient (or a guardian) has a document crypto-shredded; the index entry and its
//! hash stay.

use crate::*;
use healthchain_primitives::consent::{AccessLogging, ConsentInspect};
use polkadot_sdk::{frame_support::ensure, sp_runtime::DispatchResult};

impl<T: Config> Pallet<T> {
	/// Erases `record` for its patient or a live guardian of theirs: the status becomes erased
	/// and the pointer is cleared. A guardian's erasure is logged as their write, for care
	/// management.
	pub(crate) fn do_erase_record(who: T::AccountId, record: RecordId) -> DispatchResult {
		let mut entry = RecordsById::<T>::get(record).ok_or(Error::<T>::UnknownRecord)?;
		let patient = entry.patient.clone();
		let basis = if who == patient {
			AccessBasis::Patient
		} else {
			ensure!(T::Access::is_guardian(&patient, &who), Error::<T>::NotPatientOrGuardian);
			AccessBasis::Guardian
		};
		ensure!(entry.status != RecordStatus::Erased, Error::<T>::AlreadyErased);
		let request = Self::request_on_record(
			who.clone(),
			None,
			record,
			&entry,
			Action::Write,
			Purpose::CareManagement,
		);
		entry.status = RecordStatus::Erased;
		entry.pointer = Default::default();
		RecordsById::<T>::insert(record, entry);
		Self::deposit_event(Event::RecordErased { record, patient, by: who });
		T::Access::log_access(&request, record, AccessOutcome::Allowed(basis))?;
		Ok(())
	}
}
