//! Fixtures for benchmarks, this pallet's and other pallets' (through their runtime's benchmark
//! helpers): grants, emergency accesses and guardianships written straight to storage, with
//! the credentials they rest on made through [`Config::BenchmarkHelper`]. Nothing is held.

use crate::*;
use alloc::vec::Vec;
use healthchain_primitives::credentials::BENCHMARK_JURISDICTION;
use polkadot_sdk::frame_support::traits::{Get, Time};

impl<T: Config> Pallet<T> {
	/// Sets up the access decision's longest path ending in a grant: `practitioner` holds a
	/// live credential only for the role the decision finds last (the others suspended, so each
	/// is read), acts for a new verified hospital to which `patient` grants read and write
	/// access to all records for `purpose`, and for emergency treatment has an emergency access
	/// open for that hospital that no longer counts. Returns the institution to name as
	/// `on_behalf_of`, if the path needs one.
	pub fn grant_path_for_benchmarks(
		patient: &T::AccountId,
		practitioner: &T::AccountId,
		purpose: Purpose,
	) -> Option<InstitutionId> {
		// Laboratory is the last of both the reading and the writing roles; every role before
		// it is read and found suspended, the clinician roles again on the break-glass path.
		let earlier: Vec<Role> = READ_ROLES
			.into_iter()
			.chain(WRITE_ROLES)
			.filter(|role| *role != Role::Laboratory)
			.collect();
		T::BenchmarkHelper::lapse_roles(practitioner, &earlier);
		T::BenchmarkHelper::grant_role(practitioner, Role::Laboratory);
		let institution = T::BenchmarkHelper::affiliate(practitioner);
		if purpose == Purpose::EmergencyTreatment {
			let id = NextBreakGlassId::<T>::get();
			NextBreakGlassId::<T>::put(id.saturating_add(1));
			let now = T::Time::now();
			BreakGlasses::<T>::insert(
				patient,
				id,
				BreakGlass {
					clinician: practitioner.clone(),
					on_behalf_of: institution,
					credential: LiveCredential {
						role: Role::Nurse,
						jurisdiction: BENCHMARK_JURISDICTION,
						issuer: practitioner.clone(),
					},
					justification_hash: [0; 32],
					opened_at: now,
					expires_at: now.saturating_add(T::BreakGlassDuration::get().max(1)),
					deposit: Default::default(),
				},
			);
			PendingBreakGlass::<T>::mutate(practitioner, |pending| {
				*pending = pending.saturating_add(1)
			});
			LatestBreakGlass::<T>::insert(patient, practitioner, id);
		}
		let id = NextGrantId::<T>::get();
		NextGrantId::<T>::put(id.saturating_add(1));
		let key = (Grantee::Institution(institution), purpose);
		if !Grants::<T>::contains_key(patient, &key) {
			GrantCount::<T>::mutate(patient, |count| *count = count.saturating_add(1));
		}
		Grants::<T>::insert(
			patient,
			key,
			Grant {
				id,
				scope: GrantScope::AllRecords,
				actions: GrantedActions { read: true, write: true },
				valid_from: 0,
				valid_until: None,
				granted_at: 0,
				status: GrantStatus::Active,
				deposit: Default::default(),
			},
		);
		Some(institution)
	}

	/// Makes `guardian` a live guardian of `patient`, appointed by the patient.
	pub fn guardian_for_benchmarks(patient: &T::AccountId, guardian: &T::AccountId) {
		if !Guardians::<T>::contains_key(patient, guardian) {
			GuardianCount::<T>::mutate(patient, |count| *count = count.saturating_add(1));
		}
		Guardians::<T>::insert(
			patient,
			guardian,
			Guardianship {
				appointed_by: GuardianAppointer::Patient,
				since: 0,
				until: None,
				depositor: patient.clone(),
				deposit: Default::default(),
			},
		);
	}
}
