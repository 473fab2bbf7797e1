//! Consent: patients' grants, the access log and audited emergency access.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32};
use healthchain_primitives::{
	time::{DAY, HOUR},
	Moment,
};
use pallet_consent::{
	AccessEntryOf, AccessLogShareOf, BreakGlassOf, GrantOf, GuardianshipOf, GRANTS_BENCHMARKED,
};

use crate::{
	currency::deposit, Balance, Balances, ClinicalTrials, Credentials, Runtime, RuntimeCall,
	RuntimeHoldReason, Timestamp,
};

/// How many of one accessor's latest accesses to one patient's records stay in storage.
const ACCESS_LOG_PER_ACCESSOR: u32 = 8;

parameter_types! {
	/// One storage item of a grant's size, with its 130-byte key (patient, grantee, purpose).
	pub GrantDeposit: Balance =
		deposit(1, GrantOf::<Runtime>::max_encoded_len() as u32 + 130);
	/// Two storage items: the emergency access and the clinician's index entry (the pending
	/// count is the clinician's, charged with their first case).
	pub BreakGlassDeposit: Balance =
		deposit(2, BreakGlassOf::<Runtime>::max_encoded_len() as u32 + 8);
	/// Emergency access admits emergency treatment for a day: long enough for an emergency
	/// admission, short enough that a review follows soon.
	pub const BreakGlassDuration: Moment = 24 * HOUR;
	/// An accessor's ring in a patient's access log: its entries, each with its 108-byte key
	/// (patient, accessor, slot), and the accessor's share with its 96-byte key.
	pub AccessLogDeposit: Balance = deposit(
		ACCESS_LOG_PER_ACCESSOR + 1,
		ACCESS_LOG_PER_ACCESSOR * (AccessEntryOf::<Runtime>::max_encoded_len() as u32 + 108)
			+ AccessLogShareOf::<Runtime>::max_encoded_len() as u32 + 96,
	);
	/// A guardianship, with its 96-byte key (patient, guardian), and the patient's count.
	pub GuardianDeposit: Balance =
		deposit(2, GuardianshipOf::<Runtime>::max_encoded_len() as u32 + 96 + 52);
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
}

/// Grants `grantee` read access to all of `patient`'s records for `purpose` through the consent
/// pallet's own call, as the patient would, funding the grant's deposit first: the consent
/// other pallets' benchmarks need (a trial's research consent, an insurer's payment consent).
#[cfg(feature = "runtime-benchmarks")]
pub fn grant_for_benchmarks(
	patient: &crate::AccountId,
	grantee: pallet_consent::GranteeOf<Runtime>,
	purpose: pallet_consent::Purpose,
) {
	use frame_support::traits::fungible::Mutate;
	use pallet_consent::{GrantScope, GrantedActions};
	let _ = Balances::mint_into(patient, GrantDeposit::get() * 10);
	crate::Consent::grant_consent(
		frame_system::RawOrigin::Signed(patient.clone()).into(),
		grantee,
		purpose,
		GrantScope::AllRecords,
		GrantedActions { read: true, write: false },
		None,
		None,
	)
	.expect("a funded patient's first grant to this grantee for this purpose");
}
