//! Credentials: accredited authorities, institutions, practitioners and their licences.

use polkadot_sdk::*;

use frame_support::{parameter_types, traits::ConstU32};
use pallet_credentials::{AffiliationOf, CredentialOf, HeldRole, InstitutionOf};

use super::{
	governance::EnsureRootOrTwoThirdsCouncil,
	storage_size::{blake2_128_concat, entry, max_len, ACCOUNT, U32, U64},
};
use crate::{currency::deposit, Balance, Balances, Runtime, RuntimeHoldReason, Timestamp};

parameter_types! {
	/// One storage item: the institution (`Institutions`, by its id).
	pub InstitutionDeposit: Balance =
		deposit(1, entry(blake2_128_concat(U32), max_len::<InstitutionOf<Runtime>>()));
	/// One storage item: the affiliation (`Affiliations`, by institution and practitioner).
	pub AffiliationDeposit: Balance = deposit(
		1,
		entry(blake2_128_concat(U32) + blake2_128_concat(ACCOUNT), max_len::<AffiliationOf<Runtime>>()),
	);
	/// Two storage items: the credential (`IssuedCredentials`, by its id) and its place in the
	/// holder's role index (`HeldRoles`, by account: one `HeldRole` in the list, and the list's
	/// key, as the holder's first credential creates it).
	pub CredentialDeposit: Balance = deposit(
		2,
		entry(blake2_128_concat(U64), max_len::<CredentialOf<Runtime>>())
			+ entry(blake2_128_concat(ACCOUNT), max_len::<HeldRole<crate::AccountId>>()),
	);
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
