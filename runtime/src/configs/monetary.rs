//! Monetary: the HCU token's balances and transaction fees, and the assets claims are paid in.

use polkadot_sdk::*;

use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU8, VariantCountOf},
	weights::ConstantMultiplier,
};
use polkadot_runtime_common::SlowAdjustingFeeUpdate;

use frame_support::{traits::AsEnsureOriginWithArg, PalletId};
use frame_system::{EnsureRoot, EnsureRootWithSuccess};
use sp_runtime::traits::AccountIdConversion;

use crate::{
	currency::deposit, AccountId, Balance, Balances, Runtime, RuntimeEvent, RuntimeFreezeReason,
	RuntimeHoldReason, System, WeightToFee, EXISTENTIAL_DEPOSIT, MICRO_UNIT,
};

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
	// Each byte of a transaction costs a micro-unit on top of its weight: enough that size is
	// not free, small enough that the weight, what the call makes collators do, sets the fee.
	pub const TransactionByteFee: Balance = MICRO_UNIT;
}

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = crate::weights::pallet_balances::WeightInfo<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<50>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = pallet_transaction_payment::FungibleAdapter<Balances, ()>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = SlowAdjustingFeeUpdate<Self>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = crate::weights::pallet_transaction_payment::WeightInfo<Runtime>;
}

/// The asset claims are paid in: a dollar stablecoin with 6 decimals. The development chain
/// creates it at genesis as "hUSD"; a production network names the bridged stablecoin it
/// settles in (for example USDC from Asset Hub) under this id.
pub const PAYMENT_ASSET: u32 = 1;
/// Decimal places of the payment asset.
pub const PAYMENT_ASSET_DECIMALS: u8 = 6;

parameter_types! {
	/// Creating an asset holds a large deposit: assets are few and made by governance.
	pub const AssetDeposit: Balance = 100 * crate::UNIT;
	/// Each account holding an asset that is not sufficient: one storage item.
	pub AssetAccountDeposit: Balance = deposit(1, 16 + 32 + 48);
	/// Metadata: one item, plus each byte of name and symbol.
	pub MetadataDepositBase: Balance = deposit(1, 68);
	pub MetadataDepositPerByte: Balance = deposit(0, 1);
	/// An approval to spend: one item.
	pub ApprovalDeposit: Balance = deposit(1, 32 + 32 + 16 + 16);
	/// The account governance creates assets for: it holds their deposits.
	pub AssetsAdmin: AccountId = PalletId(*b"hc/asset").into_account_truncating();
}

/// Assets besides HCU: the payment asset claims are settled in. Only governance (root) creates
/// them, so nobody squats the payment asset's id.
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type RemoveItemsLimit = ConstU32<1000>;
	type AssetId = u32;
	type AssetIdParameter = codec::Compact<u32>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureRootWithSuccess<AccountId, AssetsAdmin>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ApprovalDeposit;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = crate::weights::pallet_assets::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}
