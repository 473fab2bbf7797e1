//! Benchmarks of every call at its worst case: trials with the most sites (laboratories, the
//! kind checked last) and the most primary and secondary outcomes, the longest pointers, the
//! investigator at the last site listed, amendments that switch outcomes after recruitment, and
//! results reporting the most outcomes, each found only in the locked version.

use super::*;
use alloc::vec::Vec;
use healthchain_primitives::consent::OnConsentRevoked;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	frame_system::RawOrigin,
	sp_runtime::Saturating,
};

const PROTOCOL_HASH: Hash32 = [7; 32];
const REASON_HASH: Hash32 = [8; 32];
const REPORT_HASH: Hash32 = [9; 32];

/// The NCT number `NCT` followed by the eight digits of `index`.
fn registry_id(index: u32) -> RegistryId {
	let mut digits = [b'0'; 8];
	let mut rest = index;
	for digit in digits.iter_mut().rev() {
		*digit = b'0'.saturating_add((rest % 10) as u8);
		rest /= 10;
	}
	RegistryId::Nct(digits)
}

/// A funded sponsor with a live credential, able to hold every deposit of one trial.
fn sponsor<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("sponsor", 0, 0);
	T::BenchmarkHelper::grant_role(&who, Role::TrialSponsor);
	let amount = T::TrialDeposit::get()
		.saturating_add(T::AmendmentDeposit::get().saturating_mul(T::MaxAmendments::get().into()))
		.saturating_add(T::ResultsDeposit::get().saturating_mul(T::MaxResultPostings::get().into()))
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(2u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// The longest well-formed pointer: a CID and a path, every byte of it checked.
fn pointer<T: Config>() -> PointerOf<T> {
	let len = T::MaxPointerLen::get() as usize;
	PointerOf::<T>::truncate_from(healthchain_primitives::pointer::ipfs_pointer_of_len(
		&[7; 32], len,
	))
}

/// The most outcomes, their hashes starting with `tag`.
fn outcomes<T: Config>(tag: u8, kind: u8) -> OutcomesOf<T> {
	let list: Vec<Hash32> = (0..T::MaxOutcomes::get())
		.map(|index| {
			let mut hash = [tag; 32];
			hash[1] = kind;
			hash[2..6].copy_from_slice(&index.to_le_bytes());
			hash
		})
		.collect();
	OutcomesOf::<T>::truncate_from(list)
}

/// The most sites, each a verified laboratory; the last one has `investigator` affiliated.
fn sites<T: Config>(investigator: &T::AccountId) -> SitesOf<T> {
	let mut list: Vec<InstitutionId> = (1..T::MaxSites::get())
		.map(|index| {
			let admin: T::AccountId = account("site admin", index, 0);
			T::BenchmarkHelper::register_institution(InstitutionKind::Laboratory, &admin)
		})
		.collect();
	T::BenchmarkHelper::grant_role(investigator, Role::Physician);
	list.push(T::BenchmarkHelper::affiliate(investigator));
	SitesOf::<T>::truncate_from(list)
}

/// A physician with a live credential and funds for enrolment and adverse-event deposits.
fn investigator<T: Config>() -> T::AccountId {
	let who: T::AccountId = account("investigator", 0, 0);
	let amount = T::EnrolmentDeposit::get()
		.saturating_add(T::AdverseEventDeposit::get().saturating_mul(100u32.into()))
		.saturating_add(T::Currency::minimum_balance())
		.saturating_mul(2u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// A registered trial with the most sites and outcomes; returns it, its sponsor, its
/// investigator (at its last site) and that site.
fn registered<T: Config>() -> (TrialId, T::AccountId, T::AccountId, InstitutionId) {
	let sponsor = sponsor::<T>();
	let investigator = investigator::<T>();
	let sites = sites::<T>(&investigator);
	let site = sites.last().copied().unwrap_or_default();
	let trial = NextTrialId::<T>::get();
	Pallet::<T>::do_register_trial(
		sponsor.clone(),
		registry_id(trial),
		Phase::Phase3,
		PROTOCOL_HASH,
		pointer::<T>(),
		sites,
		T::MaxParticipants::get(),
		outcomes::<T>(1, 1),
		outcomes::<T>(1, 2),
	)
	.expect("a funded, licensed sponsor and a well-formed registration");
	(trial, sponsor, investigator, site)
}

/// A registered trial that is recruiting.
fn recruiting<T: Config>() -> (TrialId, T::AccountId, T::AccountId, InstitutionId) {
	let (trial, sponsor, investigator, site) = registered::<T>();
	confirm::<T>(trial);
	Pallet::<T>::do_start_recruitment(sponsor.clone(), trial).expect("a registered trial");
	(trial, sponsor, investigator, site)
}

/// An overseeing authority confirms the trial's registry id.
fn confirm<T: Config>(trial: TrialId) {
	let authority: T::AccountId = account("registry authority", 0, 0);
	T::BenchmarkHelper::accredit(&authority);
	Pallet::<T>::do_confirm_registry_id(authority, trial).expect("an overseeing authority");
}

/// A recruiting trial with a participant enrolled under a live research consent.
fn enrolled<T: Config>() -> (TrialId, T::AccountId, T::AccountId, InstitutionId, T::AccountId) {
	let (trial, sponsor, investigator, site) = recruiting::<T>();
	let participant: T::AccountId = account("participant", 0, 0);
	T::BenchmarkHelper::grant_research_consent(&participant, trial);
	Pallet::<T>::do_enrol(investigator.clone(), trial, site, participant.clone())
		.expect("a consenting participant and an investigator at a site");
	(trial, sponsor, investigator, site, participant)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_trial() {
		let sponsor = sponsor::<T>();
		let investigator = investigator::<T>();
		let sites = sites::<T>(&investigator);
		let trial = NextTrialId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(sponsor),
			registry_id(trial),
			Phase::Phase3,
			PROTOCOL_HASH,
			pointer::<T>(),
			sites,
			T::MaxParticipants::get(),
			outcomes::<T>(1, 1),
			outcomes::<T>(1, 2),
		);

		assert!(Trials::<T>::contains_key(trial));
	}

	/// A confirmed registration (its registry id checked) starts recruiting.
	#[benchmark]
	fn start_recruitment() {
		let (trial, sponsor, _, _) = registered::<T>();
		confirm::<T>(trial);

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), trial);

		assert_eq!(
			Trials::<T>::get(trial).map(|entry| entry.status),
			Some(TrialStatus::Recruiting)
		);
	}

	/// An overseeing authority confirms a provisional registration's registry id.
	#[benchmark]
	fn confirm_registry_id() {
		let (trial, _, _, _) = registered::<T>();
		let authority: T::AccountId = account("authority", 0, 0);
		T::BenchmarkHelper::accredit(&authority);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority.clone()), trial);

		assert_eq!(
			Trials::<T>::get(trial).and_then(|entry| entry.registry_confirmed_by),
			Some(authority)
		);
	}

	/// An overseeing authority rejects a squatted registry id: the trial ends and the id is
	/// freed.
	#[benchmark]
	fn reject_registry_id() {
		let (trial, _, _, _) = registered::<T>();
		let authority: T::AccountId = account("authority", 0, 0);
		T::BenchmarkHelper::accredit(&authority);
		let registry_id = Trials::<T>::get(trial).map(|entry| entry.registry_id);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), trial, [5; 32]);

		assert!(registry_id.is_some_and(|id| !TrialByRegistryId::<T>::contains_key(id)));
	}

	#[benchmark]
	fn close_recruitment() {
		let (trial, sponsor, _, _) = recruiting::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), trial);

		assert_eq!(Trials::<T>::get(trial).map(|entry| entry.status), Some(TrialStatus::Active));
	}

	#[benchmark]
	fn complete_trial() {
		let (trial, sponsor, _, _) = recruiting::<T>();
		Pallet::<T>::do_close_recruitment(sponsor.clone(), trial).expect("a recruiting trial");

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), trial);

		assert!(ResultsDue::<T>::contains_key(trial));
	}

	#[benchmark]
	fn suspend_trial() {
		let (trial, _, _, _) = recruiting::<T>();
		let authority: T::AccountId = account("authority", 0, 0);
		T::BenchmarkHelper::accredit(&authority);

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), trial);

		assert!(matches!(
			Trials::<T>::get(trial).map(|entry| entry.status),
			Some(TrialStatus::Suspended { .. })
		));
	}

	#[benchmark]
	fn resume_trial() {
		let (trial, _, _, _) = recruiting::<T>();
		let authority: T::AccountId = account("authority", 0, 0);
		T::BenchmarkHelper::accredit(&authority);
		Pallet::<T>::do_suspend_trial(authority.clone(), trial).expect("an authority suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(authority), trial);

		assert_eq!(
			Trials::<T>::get(trial).map(|entry| entry.status),
			Some(TrialStatus::Recruiting)
		);
	}

	/// The sponsor (the authority check comes first and fails) terminates a recruiting trial:
	/// results become due.
	#[benchmark]
	fn terminate_trial() {
		let (trial, sponsor, _, _) = recruiting::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), trial);

		assert!(ResultsDue::<T>::contains_key(trial));
	}

	/// An amendment after recruitment began that replaces every outcome: an outcome switch.
	#[benchmark]
	fn amend_protocol() {
		let (trial, sponsor, _, _) = recruiting::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(sponsor),
			trial,
			PROTOCOL_HASH,
			pointer::<T>(),
			outcomes::<T>(2, 1),
			outcomes::<T>(2, 2),
			REASON_HASH,
		);

		assert!(SwitchedTrials::<T>::contains_key(trial));
	}

	#[benchmark]
	fn enrol() {
		let (trial, _, investigator, site) = recruiting::<T>();
		let participant: T::AccountId = account("participant", 0, 0);
		T::BenchmarkHelper::grant_research_consent(&participant, trial);

		#[extrinsic_call]
		_(RawOrigin::Signed(investigator), trial, site, participant.clone());

		assert!(Enrolments::<T>::contains_key(trial, &participant));
	}

	#[benchmark]
	fn withdraw() {
		let (trial, _, _, _, participant) = enrolled::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(participant.clone()), trial);

		assert!(!Enrolments::<T>::contains_key(trial, &participant));
	}

	/// The consent pallet's revocation hook withdrawing an enrolled participant: what
	/// `revoke_consent` adds to its own weight.
	#[benchmark]
	fn withdraw_on_revocation() {
		let (trial, _, _, _, participant) = enrolled::<T>();

		#[block]
		{
			<Pallet<T> as OnConsentRevoked<T::AccountId>>::on_revoked(
				&participant,
				&Grantee::Study(trial),
				Purpose::Research,
			);
		}

		assert!(!Enrolments::<T>::contains_key(trial, &participant));
	}

	#[benchmark]
	fn report_adverse_event() {
		let (trial, _, investigator, site, participant) = enrolled::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(investigator),
			trial,
			site,
			participant,
			Severity::LifeThreatening,
			true,
			REPORT_HASH,
		);

		assert_eq!(AdverseEventCount::<T>::get(trial), 1);
	}

	/// Results of a completed trial whose outcomes were switched, reporting the most outcomes,
	/// each one of the locked version's and so found only after scanning the current version.
	#[benchmark]
	fn post_results() {
		let (trial, sponsor, _, _) = recruiting::<T>();
		Pallet::<T>::do_amend_protocol(
			sponsor.clone(),
			trial,
			PROTOCOL_HASH,
			pointer::<T>(),
			outcomes::<T>(2, 1),
			outcomes::<T>(2, 2),
			REASON_HASH,
		)
		.expect("the sponsor amends a recruiting trial");
		Pallet::<T>::do_close_recruitment(sponsor.clone(), trial).expect("a recruiting trial");
		Pallet::<T>::do_complete_trial(sponsor.clone(), trial).expect("an active trial");
		let locked: Vec<Hash32> =
			outcomes::<T>(1, 1).into_iter().chain(outcomes::<T>(1, 2)).collect();
		let reported = ReportedOf::<T>::truncate_from(locked);

		#[extrinsic_call]
		_(RawOrigin::Signed(sponsor), trial, REPORT_HASH, pointer::<T>(), reported);

		assert!(!ResultsDue::<T>::contains_key(trial));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
