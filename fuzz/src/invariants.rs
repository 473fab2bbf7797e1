//! What must hold after every transaction and after every block, whatever the input.

use polkadot_sdk::{
	frame_support::dispatch::{DispatchClass, DispatchInfo},
	frame_system, pallet_assets, pallet_balances,
};

use healthchain_runtime::{Balance, Runtime};

use crate::chain::Applied;

/// The runtime's block limits, read once per chain: `BlockWeights` is built anew on every
/// `get`.
pub struct Limits {
	weights: polkadot_sdk::frame_system::limits::BlockWeights,
	/// The longest a block's normal transactions may be, in bytes.
	length: u32,
}

impl Limits {
	/// The runtime's limits.
	pub fn of_runtime() -> Self {
		let length = *<Runtime as frame_system::Config>::BlockLength::get()
			.max
			.get(DispatchClass::Normal);
		Self { weights: <Runtime as frame_system::Config>::BlockWeights::get(), length }
	}
}

/// The block's weight and length before a transaction, to measure what it added.
pub struct Before {
	weight: polkadot_sdk::frame_support::dispatch::PerDispatchClass<
		polkadot_sdk::frame_support::weights::Weight,
	>,
	length: u32,
}

impl Before {
	/// The block as it stands.
	pub fn now() -> Self {
		Self {
			weight: frame_system::BlockWeight::<Runtime>::get(),
			length: frame_system::Pallet::<Runtime>::block_size(),
		}
	}
}

/// After one transaction: the weight it added to the block is no more than it announced
/// before dispatch (its call and extensions, the base weight of a transaction, and its length
/// as proof size); an invalid one added nothing; the block is within its weight and length
/// limits.
pub fn after_call(
	limits: &Limits,
	before: &Before,
	pre: &DispatchInfo,
	length: usize,
	result: &Applied,
) -> Result<(), String> {
	let after = frame_system::BlockWeight::<Runtime>::get();
	let class = pre.class;
	let added = after.get(class).saturating_sub(*before.weight.get(class));
	let base = limits.weights.get(class).base_extrinsic;
	// A transaction's bytes are part of the block's proof, so its length counts as proof size.
	let announced = pre
		.total_weight()
		.saturating_add(base)
		.saturating_add(polkadot_sdk::frame_support::weights::Weight::from_parts(0, length as u64));
	match result {
		Err(_) if after != before.weight => {
			return Err(format!(
				"an invalid transaction changed the block weight: {:?} → {:?}",
				before.weight, after
			));
		},
		Ok(_) if added.any_gt(announced) => {
			return Err(format!(
				"the transaction added {added:?} to the block, more than the {announced:?} it announced"
			));
		},
		_ => {},
	}
	let max_block = limits.weights.max_block;
	let max_normal = limits.weights.get(DispatchClass::Normal).max_total.unwrap_or(max_block);
	let max_length = limits.length;
	let total = after.total();
	if total.any_gt(max_block) {
		return Err(format!("the block weighs {total:?}, over its limit {max_block:?}"));
	}
	let normal = after.get(DispatchClass::Normal);
	if normal.any_gt(max_normal) {
		return Err(format!(
			"normal transactions weigh {normal:?}, over their limit {max_normal:?}"
		));
	}
	let block_length = frame_system::Pallet::<Runtime>::block_size();
	if block_length > max_length {
		return Err(format!("the block is {block_length} bytes long, over its limit {max_length}"));
	}
	if result.is_ok()
		&& block_length < before.length.saturating_add(u32::try_from(length).unwrap_or(u32::MAX))
	{
		return Err("an applied transaction's length is missing from the block".into());
	}
	Ok(())
}

/// A pallet's storage invariants.
type TryState = fn() -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError>;

/// After a block: every HealthChain pallet's `try_state` (each also checks that its holds are
/// the deposits it stores, account by account), the native token's books and the payment
/// asset's books.
pub fn after_block() -> Result<(), String> {
	let checks: [(&str, TryState); 7] = [
		("Credentials", pallet_credentials::Pallet::<Runtime>::do_try_state),
		("Records", pallet_records::Pallet::<Runtime>::do_try_state),
		("Consent", pallet_consent::Pallet::<Runtime>::do_try_state),
		("Provenance", pallet_provenance::Pallet::<Runtime>::do_try_state),
		("Prescriptions", pallet_prescriptions::Pallet::<Runtime>::do_try_state),
		("ClinicalTrials", pallet_clinical_trials::Pallet::<Runtime>::do_try_state),
		("Claims", pallet_claims::Pallet::<Runtime>::do_try_state),
	];
	for (pallet, check) in checks {
		check().map_err(|e| format!("{pallet}::try_state: {e:?}"))?;
	}
	native_books()?;
	asset_books()
}

/// Total issuance equals the free and reserved balances of all accounts (holds are part of
/// the reserve); no account holds more than it reserves; no account has consumers without a
/// provider.
fn native_books() -> Result<(), String> {
	let mut counted: Balance = 0;
	for (who, account) in frame_system::Account::<Runtime>::iter() {
		counted = counted
			.checked_add(account.data.free)
			.and_then(|sum| sum.checked_add(account.data.reserved))
			.ok_or("the balances overflow")?;
		let held: Balance = pallet_balances::Holds::<Runtime>::get(&who)
			.iter()
			.map(|hold| hold.amount)
			.fold(0, Balance::saturating_add);
		if held > account.data.reserved {
			return Err(format!(
				"{who} holds {held}, more than its reserve {}",
				account.data.reserved
			));
		}
		if account.consumers > 0 && account.providers == 0 && account.sufficients == 0 {
			return Err(format!("{who} has consumers but no provider"));
		}
	}
	let issuance = pallet_balances::TotalIssuance::<Runtime>::get();
	if issuance != counted {
		return Err(format!("total issuance {issuance} differs from the balances' sum {counted}"));
	}
	Ok(())
}

/// Each asset's supply equals what its accounts hold.
fn asset_books() -> Result<(), String> {
	for (asset, details) in pallet_assets::Asset::<Runtime>::iter() {
		let held = pallet_assets::Account::<Runtime>::iter_prefix(asset)
			.map(|(_, account)| account.balance)
			.fold(0, Balance::saturating_add);
		if held != details.supply {
			return Err(format!(
				"asset {asset}: supply {} but accounts hold {held}",
				details.supply
			));
		}
	}
	Ok(())
}
