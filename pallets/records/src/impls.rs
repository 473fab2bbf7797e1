//! What clients ask through the runtime API: a record, a patient's records, a record's version
//! chain; and the pallet's storage invariants.

use crate::*;
use alloc::vec::Vec;
use polkadot_sdk::frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// A record by id, whatever its status.
	pub fn record(id: RecordId) -> Option<RecordOf<T>> {
		RecordsById::<T>::get(id)
	}

	/// The encryption key `who` published, if any: what a writer seals a document's key to.
	pub fn encryption_key(who: &T::AccountId) -> Option<[u8; 32]> {
		EncryptionKeys::<T>::get(who).map(|published| published.key)
	}

	/// The decision the calls would take on `actor` doing `action` on `record` for `purpose`
	/// now (`None`: no such record): a preview for clients, nothing logged.
	pub fn access_decision(
		actor: T::AccountId,
		on_behalf_of: Option<InstitutionId>,
		record: RecordId,
		action: Action,
		purpose: Purpose,
	) -> Option<Result<AccessBasis, AccessDenied>> {
		let entry = RecordsById::<T>::get(record)?;
		let request = Self::request_on_record(actor, on_behalf_of, record, &entry, action, purpose);
		Some(Self::decide(&request))
	}

	/// The ids of every record about `patient`, every version included, in ascending id order
	/// (oldest first). Iterates the patient's index entries: for the runtime API, not for calls.
	pub fn records_of(patient: &T::AccountId) -> Vec<RecordId> {
		let mut ids: Vec<RecordId> = PatientRecords::<T>::iter_key_prefix(patient).collect();
		// `Twox64Concat` keys do not iterate in id order.
		ids.sort_unstable();
		ids
	}

	/// The versions of the record `id` belongs to, oldest (the original) first and current (or
	/// entered-in-error) last; empty if there is no such record. Each walk, back along
	/// `supersedes` and forward along `superseded_by`, takes at most [`Config::MaxVersions`]
	/// steps.
	pub fn version_chain(id: RecordId) -> Vec<RecordId> {
		let Some(record) = RecordsById::<T>::get(id) else { return Vec::new() };
		let bound = T::MaxVersions::get();
		let mut chain = Vec::new();
		let mut older = record.supersedes;
		for _ in 0..bound {
			let Some(previous) = older else { break };
			let Some(entry) = RecordsById::<T>::get(previous) else { break };
			chain.push(previous);
			older = entry.supersedes;
		}
		chain.reverse();
		chain.push(id);
		let mut newer = record.superseded_by;
		for _ in 0..bound {
			let Some(next) = newer else { break };
			let Some(entry) = RecordsById::<T>::get(next) else { break };
			chain.push(next);
			newer = entry.superseded_by;
		}
		chain
	}

	/// The records with the given ids, each with its id; ids without a record are skipped.
	/// Turns [`Self::records_of`] and [`Self::version_chain`] into the runtime API's answers.
	pub fn with_records(ids: impl IntoIterator<Item = RecordId>) -> Vec<(RecordId, RecordOf<T>)> {
		ids.into_iter()
			.filter_map(|id| RecordsById::<T>::get(id).map(|record| (id, record)))
			.collect()
	}

	/// Checks the pallet's storage invariants.
	// Always compiled: the runtime fuzzer (`fuzz/`) checks it after every block without the
	// `try-runtime` feature, which would change the node's one build.
	pub fn do_try_state() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use healthchain_primitives::deposits;
		use polkadot_sdk::frame_support::{ensure, traits::fungible::InspectHold};

		let next = NextRecordId::<T>::get();
		let max_versions = T::MaxVersions::get();
		let mut record_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut key_deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, record) in RecordsById::<T>::iter() {
			ensure!(id < next, "record id not yet handed out");
			ensure!(
				PatientRecords::<T>::contains_key(&record.patient, id),
				"record missing from its patient's index"
			);
			ensure!(record.category.is_well_formed(), "record with a malformed category");
			if record.status == RecordStatus::Erased {
				ensure!(record.pointer.is_empty(), "erased record that still points somewhere");
			} else {
				ensure!(is_well_formed_pointer(&record.pointer), "record with a malformed pointer");
			}
			ensure!(
				(1..=max_versions).contains(&record.version),
				"record version outside 1..=MaxVersions"
			);
			// An erased record keeps its place in its version chain, whatever it was before.
			ensure!(
				record.status == RecordStatus::Erased
					|| (record.status == RecordStatus::Superseded)
						== record.superseded_by.is_some(),
				"superseded status and successor disagree"
			);
			ensure!(
				record.supersedes.is_some() == record.amendment_reason.is_some(),
				"amendment reason without a predecessor, or the reverse"
			);
			match record.supersedes {
				None => ensure!(record.version == 1, "original with a version other than 1"),
				Some(previous) => {
					let older = RecordsById::<T>::get(previous)
						.ok_or("record superseding a missing record")?;
					ensure!(older.superseded_by == Some(id), "supersedes link not mutual");
					ensure!(
						older.version.checked_add(1) == Some(record.version),
						"version not one more than its predecessor's"
					);
					ensure!(
						older.patient == record.patient && older.category == record.category,
						"amendment of another patient's or category's record"
					);
				},
			}
			if let Some(successor) = record.superseded_by {
				let newer = RecordsById::<T>::get(successor)
					.ok_or("record superseded by a missing record")?;
				ensure!(newer.supersedes == Some(id), "superseded_by link not mutual");
			}
			deposits::add(&mut record_deposits, &record.author, record.deposit);
		}
		for (patient, id, ()) in PatientRecords::<T>::iter() {
			let record = RecordsById::<T>::get(id).ok_or("index entry of a missing record")?;
			ensure!(record.patient == patient, "index entry under another patient");
		}
		for (who, published) in EncryptionKeys::<T>::iter() {
			ensure!(is_usable_encryption_key(&published.key), "unusable encryption key published");
			deposits::add(&mut key_deposits, &who, published.deposit);
		}
		// Every account, not only the depositors: a hold nothing stored justifies shows too.
		ensure!(
			deposits::holds_match(
				frame_system::Account::<T>::iter_keys(),
				[
					(HoldReason::RecordDeposit, record_deposits),
					(HoldReason::EncryptionKeyDeposit, key_deposits),
				],
				|reason, who| T::Currency::balance_on_hold(&(*reason).into(), who),
			),
			"held deposits differ from the stored deposits"
		);
		Ok(())
	}
}
