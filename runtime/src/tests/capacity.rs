//! What the benchmarked weights allow: how many of each hot healthcare call fit in a block at
//! the runtime's limits (normal class, compute and proof size), and so per second, for one
//! relay-chain core and for the cores the runtime is configured for.
//!
//! `cargo test -p healthchain-runtime capacity -- --nocapture` prints the table the README
//! keeps; the assertions hold the hot paths to what they cost now, so a change that makes one
//! dearer shows here first.

use polkadot_sdk::*;

use frame_support::traits::Get;
use frame_support::{
	dispatch::{DispatchClass, GetDispatchInfo},
	weights::Weight,
};
use healthchain_primitives::{
	consent::{Grantee, Purpose},
	provenance::{Gtin, Sgtin},
	records::{Category, CodeSystem},
};
use pallet_prescriptions::WeightInfo as _;
use pallet_provenance::WeightInfo as _;
use pallet_records::WeightInfo as _;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{BoundedVec, MultiAddress};

use crate::{
	configs::system::RuntimeBlockWeights, weights::ExtrinsicBaseWeight, Runtime, RuntimeCall,
	BLOCK_PROCESSING_VELOCITY, RELAY_CHAIN_SLOT_DURATION_MILLIS, UNIT,
};

/// One hot call kind: its name and the weight a block is charged for it, as a signed
/// transaction: the call, the transaction extensions (nonce, fee, weight checks) and the base
/// extrinsic weight.
struct HotCall {
	name: &'static str,
	/// The weight the block builder checks before dispatch.
	declared: Weight,
	/// The weight left charged after dispatch, for the typical case the load tool sends
	/// (equal to `declared` unless the call returns its actual weight).
	charged: Weight,
}

impl HotCall {
	fn declared(name: &'static str, call: RuntimeCall) -> Self {
		let declared = transaction_weight(&call, call.get_dispatch_info().call_weight);
		Self { name, declared, charged: declared }
	}

	/// The same call charged `actual` after dispatch.
	fn charged(self, call: &RuntimeCall, actual: Weight) -> Self {
		Self { charged: transaction_weight(call, actual), ..self }
	}
}

/// What a signed transaction carrying `call`, charged `call_weight` for it, costs a block: the
/// runtime's transaction extensions, as a wallet sends them, and the base extrinsic weight on top.
fn transaction_weight(call: &RuntimeCall, call_weight: Weight) -> Weight {
	use sp_runtime::traits::TransactionExtension;
	let extension = crate::tx_extension(0, 0);
	call_weight
		.saturating_add(extension.weight(call))
		.saturating_add(ExtrinsicBaseWeight::get())
}

/// The calls a national health system makes most, as the load tool (`scripts/load.sh`) sends
/// them: transfers as the baseline, consents, logged record accesses, records written by a
/// clinician, prescriptions issued, single-pack dispenses, and shipments of one case received.
fn hot_calls() -> Vec<HotCall> {
	let bob = Sr25519Keyring::Bob.to_account_id();
	let hospital = Some(0);
	let discharge_summary = Category::new(CodeSystem::Loinc, b"18842-5").expect("short code");
	let product = Gtin(*b"04012345000016");
	let pack = Sgtin { gtin: product, serial: BoundedVec::truncate_from(b"A1B2C3D4E5F6".to_vec()) };
	let received = <Runtime as pallet_provenance::Config>::WeightInfo::receive(
		1,
		pallet_provenance::CONTENTS_BENCHMARKED,
	);
	let accessed_again = <Runtime as pallet_records::Config>::WeightInfo::access_record_again(
		pallet_records::RECORDS_BENCHMARKED,
	);
	// What a pack inside `depth` cases leaves unused of the deepest pack's weight.
	let shallower = |depth| {
		let deepest = <Runtime as pallet_provenance::Config>::MaxNesting::get();
		<Runtime as pallet_provenance::Config>::WeightInfo::dispense_unit(deepest).saturating_sub(
			<Runtime as pallet_provenance::Config>::WeightInfo::dispense_unit(depth),
		)
	};
	let dispensed = <Runtime as pallet_prescriptions::Config>::WeightInfo::dispense(1);
	let dispense = RuntimeCall::Prescriptions(pallet_prescriptions::Call::dispense {
		prescription: 0,
		pharmacy: 1,
		units: BoundedVec::truncate_from(vec![pack]),
	});
	let access = RuntimeCall::Records(pallet_records::Call::access_record {
		record: 0,
		purpose: Purpose::Treatment,
		on_behalf_of: hospital,
	});
	let receive =
		RuntimeCall::Provenance(pallet_provenance::Call::receive { as_party: 1, shipment: 0 });
	vec![
		HotCall::declared(
			"balances.transfer_keep_alive",
			RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
				dest: MultiAddress::Id(bob.clone()),
				value: UNIT,
			}),
		),
		HotCall::declared(
			"consent.grant_consent",
			RuntimeCall::Consent(pallet_consent::Call::grant_consent {
				grantee: Grantee::Institution(0),
				purpose: Purpose::Treatment,
				scope: pallet_consent::GrantScope::AllRecords,
				actions: pallet_consent::GrantedActions { read: true, write: true },
				valid_from: None,
				valid_until: None,
			}),
		),
		HotCall::declared("records.access_record (first by the reader)", access.clone()),
		HotCall::declared("records.access_record (again)", access.clone())
			.charged(&access, accessed_again),
		HotCall::declared(
			"records.add_record_for",
			RuntimeCall::Records(pallet_records::Call::add_record_for {
				patient: bob.clone(),
				category: discharge_summary,
				content_hash: [7; 32],
				pointer: BoundedVec::truncate_from(b"hcg://hospital-0/documents/1".to_vec()),
				purpose: Purpose::Treatment,
				on_behalf_of: hospital,
			}),
		),
		HotCall::declared(
			"prescriptions.issue_prescription",
			RuntimeCall::Prescriptions(pallet_prescriptions::Call::issue_prescription {
				patient: bob,
				product,
				quantity_per_fill: 1,
				repeats_allowed: 0,
				valid_from: None,
				valid_until: u64::MAX,
				min_interval: 0,
				instructions_hash: [3; 32],
				purpose: Purpose::Treatment,
				on_behalf_of: hospital,
			}),
		),
		HotCall::declared("prescriptions.dispense (one pack, in a case)", dispense.clone())
			.charged(&dispense, dispensed.saturating_sub(shallower(1))),
		HotCall::declared("prescriptions.dispense (one loose pack)", dispense.clone())
			.charged(&dispense, dispensed.saturating_sub(shallower(0))),
		HotCall::declared("provenance.receive (one case)", receive.clone())
			.charged(&receive, received),
	]
}

/// How many transactions charged `weight` a block's normal class holds: by compute, and by the
/// proof size the benchmarks estimate (before the node's storage-weight reclaim gives back what
/// a transaction did not read).
fn per_block(weight: Weight) -> (u64, u64) {
	let limits = RuntimeBlockWeights::get();
	let budget = limits.get(DispatchClass::Normal).max_total.unwrap_or(limits.max_block);
	(budget.ref_time() / weight.ref_time().max(1), budget.proof_size() / weight.proof_size().max(1))
}

#[test]
fn capacity_by_benchmarked_weight() {
	sp_io::TestExternalities::default().execute_with(|| {
		let calls = hot_calls();
		let limits = RuntimeBlockWeights::get();
		let normal = limits.get(DispatchClass::Normal).max_total.unwrap_or(limits.max_block);
		let db = <Runtime as frame_system::Config>::DbWeight::get();
		// One block per relay-chain slot on each core.
		let blocks_per_second = 1_000.0 / RELAY_CHAIN_SLOT_DURATION_MILLIS as f64;
		println!(
			"Normal class per block: {} ms of compute, {} KiB of proof. Extrinsic base {} µs; \
			 database read {} µs, write {} µs. One block per {} ms per core; {} core(s) \
			 configured.\n",
			normal.ref_time() / 1_000_000_000,
			normal.proof_size() / 1024,
			ExtrinsicBaseWeight::get().ref_time() / 1_000_000,
			db.read / 1_000_000,
			db.write / 1_000_000,
			RELAY_CHAIN_SLOT_DURATION_MILLIS,
			BLOCK_PROCESSING_VELOCITY,
		);
		println!(
			"| call | µs per transaction | proof KiB (estimated) | per block by compute | by \
			 estimated proof | per second, one core | per second, {BLOCK_PROCESSING_VELOCITY} \
			 core(s) | weight / transfer's |"
		);
		println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		let transfer = calls[0].charged.ref_time() as f64;
		for call in &calls {
			let (by_compute, by_proof) = per_block(call.charged);
			let declared = if call.declared == call.charged {
				String::new()
			} else {
				format!(" (declares {:.0})", call.declared.ref_time() as f64 / 1e6)
			};
			println!(
				"| {} | {:.0}{declared} | {:.1} | {by_compute} | {by_proof} | {:.0} | {:.0} | \
				 {:.2} |",
				call.name,
				call.charged.ref_time() as f64 / 1e6,
				call.charged.proof_size() as f64 / 1024.0,
				by_compute as f64 * blocks_per_second,
				by_compute as f64 * blocks_per_second * BLOCK_PROCESSING_VELOCITY as f64,
				call.charged.ref_time() as f64 / transfer,
			);
			// A floor for each hot call, so that a change making one dearer shows here.
			assert!(by_compute >= 500, "{} fits only {by_compute} times in a block", call.name);
		}
	});
}
