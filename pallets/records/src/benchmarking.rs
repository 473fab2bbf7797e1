//! Benchmarks of every call at its worst case: the longest pointer, the longest category code,
//! a provider (not the patient) passing the consent check along its longest path (as the
//! consent pallet's `grant_path_for_benchmarks` sets it up: every earlier role read and found
//! lapsed, acting for an institution, a stale emergency access read, then the grant), logging
//! their first access to the patient's records (which holds their deposit), and for the calls
//! with a component, a patient who already holds up to [`RECORDS_BENCHMARKED`] records.

use super::*;
use healthchain_primitives::records::FHIR_R4_RESOURCE_TYPES;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	frame_system::RawOrigin,
	sp_runtime::Saturating,
};

/// The purpose the provider acts for. The consent pallet looks for an open emergency access
/// before it reads the grant when the purpose is emergency treatment, so this is the costliest
/// purpose a grant answers.
const PURPOSE: Purpose = Purpose::EmergencyTreatment;
const CONTENT_HASH: [u8; 32] = [7; 32];

/// An account holding a thousand times `deposits` plus one record deposits on top of the
/// existential deposit: room for the records and for what the consent pallet holds for the
/// account's place in the patient's access log.
fn funded<T: Config>(name: &'static str, deposits: u32) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let amount = T::RecordDeposit::get()
		.saturating_mul(deposits.saturating_add(1).into())
		.saturating_mul(1_000u32.into())
		.saturating_add(T::Currency::minimum_balance());
	T::Currency::set_balance(&who, amount);
	who
}

/// The FHIR resource type with the longest name, the longest code a category may have.
fn category() -> Category {
	let code = FHIR_R4_RESOURCE_TYPES
		.iter()
		.max_by_key(|name| name.len())
		.copied()
		.unwrap_or("");
	Category::new(CodeSystem::FhirResourceType, code.as_bytes()).expect("a code within the bound")
}

/// A well-formed pointer of the longest length a record may have: a CID and a path, every byte
/// of it checked.
fn pointer<T: Config>() -> PointerOf<T> {
	let len = T::MaxPointerLen::get() as usize;
	PointerOf::<T>::truncate_from(healthchain_primitives::pointer::ipfs_pointer_of_len(
		&[7; 32], len,
	))
}

/// Gives `patient` `count` records (of the longest size) straight in storage.
fn seed<T: Config>(patient: &T::AccountId, count: u32) {
	for _ in 0..count {
		let id = NextRecordId::<T>::get();
		RecordsById::<T>::insert(
			id,
			Record {
				patient: patient.clone(),
				author: patient.clone(),
				category: category(),
				content_hash: CONTENT_HASH,
				pointer: pointer::<T>(),
				created_at: 0,
				version: 1,
				supersedes: None,
				superseded_by: None,
				amendment_reason: None,
				status: RecordStatus::Current,
				deposit: T::RecordDeposit::get(),
			},
		);
		PatientRecords::<T>::insert(patient, id, ());
		NextRecordId::<T>::put(id.saturating_add(1));
	}
}

/// A funded patient's current record, with `amendments` earlier versions behind it; the
/// patient gave `provider` read and write access to all records for [`PURPOSE`] along the
/// access decision's longest path, acting for the institution returned with them.
fn record_with_history<T: Config>(
	provider: &T::AccountId,
	amendments: u32,
) -> (T::AccountId, RecordId, Option<InstitutionId>) {
	let patient = funded::<T>("patient", amendments.saturating_add(2));
	let on_behalf_of = T::BenchmarkHelper::grant_access(&patient, provider, PURPOSE);
	let mut record = NextRecordId::<T>::get();
	Pallet::<T>::do_add_record(patient.clone(), category(), CONTENT_HASH, pointer::<T>())
		.expect("the patient is funded");
	for _ in 0..amendments {
		Pallet::<T>::do_amend_record(
			patient.clone(),
			record,
			CONTENT_HASH,
			pointer::<T>(),
			AmendmentReason::Update,
			PURPOSE,
			None,
		)
		.expect("the patient amends their own current record");
		record = record.saturating_add(1);
	}
	(patient, record, on_behalf_of)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The patient adds a record; `r` records they already hold.
	#[benchmark]
	fn add_record(r: Linear<0, { RECORDS_BENCHMARKED }>) {
		let patient = funded::<T>("patient", 1);
		seed::<T>(&patient, r);
		#[extrinsic_call]
		_(RawOrigin::Signed(patient.clone()), category(), CONTENT_HASH, pointer::<T>());
		assert!(PatientRecords::<T>::contains_key(&patient, RecordId::from(r)));
	}

	/// A provider adds a record under the patient's consent; `r` records the patient already
	/// holds.
	#[benchmark]
	fn add_record_for(r: Linear<0, { RECORDS_BENCHMARKED }>) {
		let provider = funded::<T>("provider", 1);
		let patient: T::AccountId = account("patient", 0, 0);
		seed::<T>(&patient, r);
		let on_behalf_of = T::BenchmarkHelper::grant_access(&patient, &provider, PURPOSE);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider.clone()),
			patient.clone(),
			category(),
			CONTENT_HASH,
			pointer::<T>(),
			PURPOSE,
			on_behalf_of,
		);
		assert_eq!(
			RecordsById::<T>::get(RecordId::from(r)).map(|record| record.author),
			Some(provider)
		);
		assert!(PatientRecords::<T>::contains_key(&patient, RecordId::from(r)));
	}

	/// A provider amends the record into the last version its chain may have.
	#[benchmark]
	fn amend_record() -> Result<(), BenchmarkError> {
		let amendments = T::MaxVersions::get()
			.checked_sub(2)
			.ok_or(BenchmarkError::Stop("MaxVersions is below 2: no record can be amended"))?;
		let provider = funded::<T>("provider", 1);
		let (_, record, on_behalf_of) = record_with_history::<T>(&provider, amendments);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(provider),
			record,
			CONTENT_HASH,
			pointer::<T>(),
			AmendmentReason::Correction,
			PURPOSE,
			on_behalf_of,
		);
		let amended = record.saturating_add(1);
		assert_eq!(RecordsById::<T>::get(record).and_then(|old| old.superseded_by), Some(amended));
		assert_eq!(
			RecordsById::<T>::get(amended).map(|new| new.version),
			Some(T::MaxVersions::get())
		);
		Ok(())
	}

	/// A provider marks the patient's current record entered in error.
	#[benchmark]
	fn mark_entered_in_error() {
		let provider = funded::<T>("provider", 0);
		let (_, record, on_behalf_of) = record_with_history::<T>(&provider, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), record, PURPOSE, on_behalf_of);
		assert_eq!(
			RecordsById::<T>::get(record).map(|entry| entry.status),
			Some(RecordStatus::EnteredInError)
		);
	}

	/// A provider reads one of the patient's records; `r` other records the patient holds.
	#[benchmark]
	fn access_record(r: Linear<0, { RECORDS_BENCHMARKED }>) {
		let provider = funded::<T>("provider", 0);
		let (patient, record, on_behalf_of) = record_with_history::<T>(&provider, 0);
		seed::<T>(&patient, r);
		#[extrinsic_call]
		_(RawOrigin::Signed(provider), record, PURPOSE, on_behalf_of);
		assert!(RecordsById::<T>::contains_key(record));
	}

	/// [`Self::access_record`] by a provider who has read the patient's records before: their
	/// ring of the patient's log is there, so no deposit is held. What a later access is
	/// charged.
	#[benchmark]
	fn access_record_again(r: Linear<0, { RECORDS_BENCHMARKED }>) {
		let provider = funded::<T>("provider", 0);
		let (patient, record, on_behalf_of) = record_with_history::<T>(&provider, 0);
		seed::<T>(&patient, r);
		Pallet::<T>::do_access_record(provider.clone(), record, PURPOSE, on_behalf_of)
			.expect("the provider is funded");
		#[extrinsic_call]
		access_record(RawOrigin::Signed(provider), record, PURPOSE, on_behalf_of);
		assert!(RecordsById::<T>::contains_key(record));
	}

	/// A guardian erases the patient's record: the guardianship read, and their first entry in
	/// the patient's access log, which holds their deposit (the patient's own erasure logs
	/// nothing).
	#[benchmark]
	fn erase_record() {
		let guardian = funded::<T>("guardian", 0);
		let patient = funded::<T>("patient", 1);
		T::BenchmarkHelper::appoint_guardian(&patient, &guardian);
		let record = NextRecordId::<T>::get();
		Pallet::<T>::do_add_record(patient, category(), CONTENT_HASH, pointer::<T>())
			.expect("the patient is funded");
		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), record);
		assert_eq!(
			RecordsById::<T>::get(record).map(|entry| entry.status),
			Some(RecordStatus::Erased)
		);
	}

	/// A first key: the deposit is held (a replacement holds nothing more).
	#[benchmark]
	fn publish_encryption_key() {
		let who = funded::<T>("patient", 1);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), [9; 32]);
		assert!(EncryptionKeys::<T>::contains_key(&who));
	}

	/// The key is removed and its deposit released.
	#[benchmark]
	fn remove_encryption_key() {
		let who = funded::<T>("patient", 1);
		Pallet::<T>::do_publish_encryption_key(who.clone(), [9; 32]).expect("funded");
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!EncryptionKeys::<T>::contains_key(&who));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
