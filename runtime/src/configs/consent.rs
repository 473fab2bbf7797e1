//! Consent: patients' grants, the access log and audited emergency access.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{
	time::{DAY, HOUR},
	Moment,
};
use pallet_consent::{
	AccessEntryOf, AccessLogShareOf, BreakGlassOf, GrantOf, GranteeOf, GuardianshipOf, Purpose,
	GRANTS_BENCHMARKED,
};

use super::storage_size::{blake2_128_concat, entry, max_len, twox64_concat, ACCOUNT, U32, U64};
use crate::{
	currency::deposit, Balance, Balances, ClinicalTrials, Credentials, Runtime, RuntimeCall,
	RuntimeHoldReason, Timestamp,
};

/// How many of one accessor's latest accesses to one patient's records stay in storage.
const ACCESS_LOG_PER_ACCESSOR: u32 = 8;

parameter_types! {
	/// One storage item: the grant (`Grants`, by patient and grantee with purpose).
	pub GrantDeposit: Balance = deposit(
		1,
		entry(
			blake2_128_concat(ACCOUNT)
				+ blake2_128_concat(max_len::<(GranteeOf<Runtime>, Purpose)>()),
			max_len::<GrantOf<Runtime>>(),
		),
	);
	/// Two storage items: the emergency access (`BreakGlasses`, by patient and id) and the
	/// clinician's latest-access entry (`LatestBreakGlass`, by patient and clinician, an id);
	/// the pending count is the clinician's, charged with their first case.
	pub BreakGlassDeposit: Balance = deposit(
		2,
		entry(blake2_128_concat(ACCOUNT) + twox64_concat(U64), max_len::<BreakGlassOf<Runtime>>())
			+ entry(2 * blake2_128_concat(ACCOUNT), U64),
	);
	/// Emergency access admits emergency treatment for a day: long enough for an emergency
	/// admission, short enough that a review follows soon.
	pub const BreakGlassDuration: Moment = 24 * HOUR;
	/// An accessor's ring in a patient's access log: its entries (`AccessLog`, by patient,
	/// accessor and slot) and the accessor's share (`AccessLogShares`, by patient and accessor).
	pub AccessLogDeposit: Balance = deposit(
		ACCESS_LOG_PER_ACCESSOR + 1,
		ACCESS_LOG_PER_ACCESSOR
			* entry(
				2 * blake2_128_concat(ACCOUNT) + twox64_concat(U32),
				max_len::<AccessEntryOf<Runtime>>(),
			) + entry(2 * blake2_128_concat(ACCOUNT), max_len::<AccessLogShareOf<Runtime>>()),
	);
	/// Two storage items: the guardianship (`Guardians`, by patient and guardian) and the
	/// patient's count (`GuardianCount`, by patient).
	pub GuardianDeposit: Balance = deposit(
		2,
		entry(2 * blake2_128_concat(ACCOUNT), max_len::<GuardianshipOf<Runtime>>())
			+ entry(blake2_128_concat(ACCOUNT), U32),
	);
	/// An accessor's entries stay in storage for 180 days after their latest access (the events
	/// are the complete trail): long enough for a patient to notice and ask.
	pub const AccessLogRetention: Moment = 180 * DAY;
}

impl pallet_consent::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type Credentials = Credentials;
	// Revoking a research consent withdraws the participant from the trial.
	type OnRevoked = ClinicalTrials;
	type GrantDeposit = GrantDeposit;
	type BreakGlassDeposit = BreakGlassDeposit;
	type BreakGlassDuration = BreakGlassDuration;
	// The grant benchmarks' range: weights hold for this many grants per patient.
	type MaxGrantsPerPatient = ConstU32<GRANTS_BENCHMARKED>;
	// Per clinician: emergency access is rare, and reviewed before a clinician opens many more.
	type MaxPendingBreakGlass = ConstU32<8>;
	type MaxScopeItems = ConstU32<32>;
	// Parents, a carer, a court-appointed guardian: a handful.
	type MaxGuardians = ConstU32<4>;
	type GuardianDeposit = GuardianDeposit;
	type AccessLogPerAccessor = ConstU32<ACCESS_LOG_PER_ACCESSOR>;
	type AccessLogRetention = AccessLogRetention;
	type AccessLogDeposit = AccessLogDeposit;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_fixtures::BenchmarkFixtures;
}
