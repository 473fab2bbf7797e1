//! Collators and consensus: Aura block authoring, sessions, and collator selection.

use polkadot_sdk::{staging_xcm as xcm, *};

use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, ConstU64, EitherOfDiverse},
	PalletId,
};
use frame_system::EnsureRoot;
use pallet_xcm::{EnsureXcm, IsVoiceOfBody};
use xcm::latest::prelude::BodyId;

use super::xcm::RelayLocation;
use crate::{
	AccountId, Aura, AuraId, Balance, Balances, BlockNumber, CollatorSelection, Runtime,
	RuntimeEvent, Session, SessionKeys, HOURS, SLOT_DURATION,
};

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = (CollatorSelection,);
}

parameter_types! {
	/// Sessions (and collator-set changes) every six hours.
	pub const Period: BlockNumber = 6 * HOURS;
	pub const Offset: BlockNumber = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	// Collators are their own validator ids.
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = CollatorSelection;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = crate::weights::pallet_session::WeightInfo<Runtime>;
	type Currency = Balances;
	// Keys are state like any other: a deposit, returned when they are purged.
	type KeyDeposit = SessionKeyDeposit;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<100_000>;
	// Asynchronous backing may put several parachain blocks into one relay-chain slot.
	type AllowMultipleBlocksPerSlot = ConstBool<true>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

parameter_types! {
	pub const PotId: PalletId = PalletId(*b"PotStake");
	pub const StakingAdminBodyId: BodyId = BodyId::Defense;
	/// What a collator candidate bonds: a thousand HCU, thousands of times any per-item
	/// deposit. Candidate places are few (`MaxCandidates`), so filling them all to keep
	/// institutions out would lock 100,000 HCU, and a higher bond takes a place anyway.
	pub const CandidacyBond: Balance = 1_000 * crate::UNIT;
	/// Registering session keys keeps two items (`NextKeys` by account and `KeyOwner` by key),
	/// each with a key of about 80 bytes and a 32-byte value; priced like every other item.
	pub const SessionKeyDeposit: Balance = crate::currency::deposit(2, 2 * (80 + 32));
}

/// Root, or the relay chain's staking administration, may change the collator set.
pub type CollatorSelectionUpdateOrigin = EitherOfDiverse<
	EnsureRoot<AccountId>,
	EnsureXcm<IsVoiceOfBody<RelayLocation, StakingAdminBodyId>>,
>;

impl pallet_collator_selection::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Currency = Balances;
	type UpdateOrigin = CollatorSelectionUpdateOrigin;
	type PotId = PotId;
	type MaxCandidates = ConstU32<100>;
	type MinEligibleCollators = ConstU32<4>;
	type MaxInvulnerables = ConstU32<20>;
	// A candidate that authored no block for a whole session is kicked.
	type KickThreshold = Period;
	type ValidatorId = <Self as frame_system::Config>::AccountId;
	type ValidatorIdOf = pallet_collator_selection::IdentityCollator;
	type ValidatorRegistration = Session;
	type WeightInfo = crate::weights::pallet_collator_selection::WeightInfo<Runtime>;
}
