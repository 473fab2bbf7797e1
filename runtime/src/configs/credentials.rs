//! Credentials: accredited authorities, institutions, practitioners and their licences.

use polkadot_sdk::*;

use codec::MaxEncodedLen;
use frame_support::{parameter_types, traits::ConstU32};
use pallet_credentials::{AffiliationOf, CredentialOf, InstitutionOf};

use super::governance::EnsureRootOrTwoThirdsCouncil;
use crate::{currency::deposit, Balance, Balances, Runtime, RuntimeHoldReason, Timestamp};

parameter_types! {
	/// One storage item of an institution's size.
	pub InstitutionDeposit: Balance =
		deposit(1, InstitutionOf::<Runtime>::max_encoded_len() as u32);
	/// One storage item of an affiliation's size.
	pub AffiliationDeposit: Balance =
		deposit(1, AffiliationOf::<Runtime>::max_encoded_len() as u32);
	/// Two storage items: the credential and its role index entry.
	pub CredentialDeposit: Balance =
		deposit(2, CredentialOf::<Runtime>::max_encoded_len() as u32 + 8);
}

impl pallet_credentials::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Time = Timestamp;
	type AuthorityOrigin = EnsureRootOrTwoThirdsCouncil;
	type InstitutionDeposit = InstitutionDeposit;
	type AffiliationDeposit = AffiliationDeposit;
	type CredentialDeposit = CredentialDeposit;
	// A large hospital group's staff.
	type MaxPractitionersPerInstitution = ConstU32<10_000>;
	type WeightInfo = pallet_credentials::weights::SubstrateWeight<Runtime>;
}
