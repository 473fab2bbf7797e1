//! Unit tests of the runtime's own configuration (each pallet tests itself).

use polkadot_sdk::*;

use frame_support::{
	traits::{EnsureOrigin, InstanceFilter},
	weights::{Weight, WeightToFee as _},
};
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;

use crate::{
	configs::accounts::ProxyType, genesis_config_presets, weights::ExtrinsicBaseWeight, AccountId,
	Balances, ParachainInfo, Runtime, RuntimeCall, RuntimeOrigin, WeightToFee, UNIT, VERSION,
};

/// Builds the genesis state of a named preset, as the node does for `--dev` and `--chain local`.
fn preset_externalities(name: &str) -> sp_io::TestExternalities {
	genesis_config_presets::preset_storage(&name.into())
		.expect("the preset builds")
		.into()
}

/// The development chain at block 1 (so that events are kept).
fn dev_chain() -> sp_io::TestExternalities {
	let mut ext = preset_externalities(DEV_RUNTIME_PRESET);
	ext.execute_with(|| crate::System::set_block_number(1));
	ext
}

#[test]
fn presets_are_listed_and_build_a_working_genesis() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(
		names,
		vec![
			PresetId::from(DEV_RUNTIME_PRESET),
			PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET),
			PresetId::from(genesis_config_presets::PRODUCTION_PRESET),
		]
	);
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());

	for name in [DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET] {
		preset_externalities(name).execute_with(|| {
			let alice = Sr25519Keyring::Alice.to_account_id();
			let bob = Sr25519Keyring::Bob.to_account_id();
			assert_eq!(
				pallet_sudo::Key::<Runtime>::get(),
				Some(alice.clone()),
				"{name}: Alice is sudo"
			);
			assert_eq!(
				Balances::free_balance(Sr25519Keyring::Ferdie.to_account_id()),
				genesis_config_presets::DEV_ENDOWMENT,
				"{name}: dev accounts are endowed"
			);
			let mut collators = vec![alice, bob];
			collators.sort();
			assert_eq!(
				pallet_collator_selection::Invulnerables::<Runtime>::get().into_inner(),
				collators,
				"{name}: Alice and Bob collate"
			);
			assert_eq!(
				u32::from(ParachainInfo::parachain_id()),
				genesis_config_presets::PARACHAIN_ID
			);
		});
	}
}

#[test]
fn the_weight_not_the_length_sets_a_health_care_calls_fee() {
	use pallet_records::WeightInfo as _;
	let fee = |weight: Weight| WeightToFee::weight_to_fee(&weight);
	assert_eq!(fee(ExtrinsicBaseWeight::get()), crate::FEE_PER_BASE_EXTRINSIC_WEIGHT);
	// A patient's record: its benchmarked weight plus the base, against 300 bytes (a signed
	// `add_record` with its pointer is about 250).
	let add_record = <Runtime as pallet_records::Config>::WeightInfo::add_record(0);
	let weight_fee = fee(add_record + ExtrinsicBaseWeight::get());
	let length_fee = 300 * crate::configs::monetary::TransactionByteFee::get();
	assert!(weight_fee > length_fee, "weight {weight_fee} vs length {length_fee}");
	// A whole block of normal transactions stays below a unit per second of compute.
	assert!(fee(Weight::from_parts(1_000_000_000_000, 0)) < UNIT);
}

#[test]
fn an_account_is_priced_like_any_other_storage_item() {
	use crate::{configs::consensus, currency::deposit, EXISTENTIAL_DEPOSIT};
	assert_eq!(EXISTENTIAL_DEPOSIT, deposit(1, crate::currency::ACCOUNT_STORAGE_BYTES));
	// The collator bond dwarfs the deposits a candidate's keys and account hold.
	assert!(consensus::CandidacyBond::get() > 1_000 * consensus::SessionKeyDeposit::get());
	assert!(consensus::SessionKeyDeposit::get() > EXISTENTIAL_DEPOSIT);
}

#[test]
fn the_production_preset_has_no_sudo_and_no_dev_accounts() {
	let production = genesis_config_presets::PRODUCTION_PRESET;
	let patch: serde_json::Value =
		serde_json::from_slice(&genesis_config_presets::get_preset(&production.into()).unwrap())
			.unwrap();
	assert_eq!(patch["sudo"]["key"], serde_json::Value::Null);
	assert!(patch.get("balances").is_none(), "no endowed accounts");

	preset_externalities(production).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(Balances::total_issuance(), 0);
		for key in Sr25519Keyring::iter() {
			assert_eq!(frame_system::Account::<Runtime>::get(key.to_account_id()).providers, 0);
		}
		assert!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get().is_empty()
		);
		// Sudo answers every call with "no sudo key".
		let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert!(crate::Sudo::sudo(
			RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
			Box::new(remark)
		)
		.is_err());
	});
}

#[test]
fn an_operator_patch_names_the_collators_and_the_bodies() {
	let institution_a = Sr25519Keyring::One.to_account_id();
	let institution_b = Sr25519Keyring::Two.to_account_id();
	let aura = |k: Sr25519Keyring| serde_json::json!(k.public().to_string());
	let patch = serde_json::json!({
		"balances": { "balances": [[institution_a.to_string(), 10_000 * UNIT], [institution_b.to_string(), 10_000 * UNIT]] },
		"collatorSelection": { "invulnerables": [institution_a.to_string(), institution_b.to_string()] },
		"session": { "keys": [
			[institution_a.to_string(), institution_a.to_string(), { "aura": aura(Sr25519Keyring::One) }],
			[institution_b.to_string(), institution_b.to_string(), { "aura": aura(Sr25519Keyring::Two) }],
		] },
		"councilMembership": { "members": [institution_a.to_string()] },
		"technicalMembership": { "members": [institution_b.to_string()] },
		"parachainInfo": { "parachainId": 3000 },
	});
	let storage = genesis_config_presets::preset_storage_with(
		&genesis_config_presets::PRODUCTION_PRESET.into(),
		patch,
	)
	.expect("the patched production preset builds");
	sp_io::TestExternalities::from(storage).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(u32::from(ParachainInfo::parachain_id()), 3000);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 2);
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			vec![institution_a.clone()]
		);
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance2>::get(),
			vec![institution_b.clone()]
		);
		assert_eq!(Balances::total_issuance(), 20_000 * UNIT);
	});
}

#[test]
fn non_transfer_proxies_cannot_move_funds() {
	let bob = Sr25519Keyring::Bob.to_account_id();
	let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: bob.into(),
		value: UNIT,
	});
	let remark = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
	assert!(ProxyType::Any.filter(&transfer));
	assert!(!ProxyType::NonTransfer.filter(&transfer));
	assert!(ProxyType::NonTransfer.filter(&remark));
	assert!(!ProxyType::CancelProxy.filter(&remark));
	assert!(ProxyType::Any.is_superset(&ProxyType::NonTransfer));
	assert!(ProxyType::NonTransfer.is_superset(&ProxyType::CancelProxy));
	assert!(!ProxyType::CancelProxy.is_superset(&ProxyType::NonTransfer));
}

#[test]
fn root_or_two_thirds_of_the_council_accredit_authorities() {
	type CouncilOrigin = pallet_collective::RawOrigin<AccountId, pallet_collective::Instance1>;
	let accredits = |origin: RuntimeOrigin| {
		<<Runtime as pallet_credentials::Config>::AuthorityOrigin as EnsureOrigin<
			RuntimeOrigin,
		>>::try_origin(origin)
		.is_ok()
	};
	let alice = Sr25519Keyring::Alice.to_account_id();
	assert!(accredits(RuntimeOrigin::root()));
	assert!(accredits(RuntimeOrigin::from(CouncilOrigin::Members(2, 3))));
	assert!(!accredits(RuntimeOrigin::from(CouncilOrigin::Members(1, 3))));
	assert!(!accredits(RuntimeOrigin::from(CouncilOrigin::Member(alice.clone()))));
	assert!(!accredits(RuntimeOrigin::signed(alice)));
}

#[test]
fn version_names_the_chain() {
	assert_eq!(VERSION.spec_name, "healthchain");
}

#[test]
fn revoking_research_consent_withdraws_the_participant_and_is_charged_for_it() {
	use frame_support::{assert_ok, dispatch::GetDispatchInfo, traits::fungible::InspectHold};
	use healthchain_primitives::{
		consent::{Grantee, Purpose},
		credentials::{InstitutionKind, Role},
	};
	use pallet_clinical_trials::{Participation, Phase, RegistryId};
	use pallet_consent::{GrantScope, GrantedActions};
	use pallet_credentials::Jurisdiction;
	use sp_runtime::traits::Dispatchable;

	use crate::{ClinicalTrials, Consent, Credentials, RuntimeHoldReason};

	preset_externalities(DEV_RUNTIME_PRESET).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let [board, sponsor, hospital, investigator, participant] = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
			Sr25519Keyring::Eve,
		]
		.map(|key| key.to_account_id());
		let signed = |who: &AccountId| RuntimeOrigin::signed(who.clone());
		let de = Jurisdiction(*b"DE");

		assert_ok!(Credentials::accredit_authority(
			RuntimeOrigin::root(),
			board.clone(),
			de,
			vec![Role::Physician, Role::TrialSponsor].try_into().unwrap(),
			vec![InstitutionKind::Hospital].try_into().unwrap(),
		));
		for (who, role) in [(&sponsor, Role::TrialSponsor), (&investigator, Role::Physician)] {
			assert_ok!(Credentials::issue_credential(
				signed(&board),
				who.clone(),
				role,
				de,
				[1; 32],
				0,
				365 * 24 * 3_600_000,
			));
		}
		let site = pallet_credentials::NextInstitutionId::<Runtime>::get();
		assert_ok!(Credentials::register_institution(
			signed(&hospital),
			InstitutionKind::Hospital,
			de,
			[2; 32]
		));
		assert_ok!(Credentials::verify_institution(signed(&board), site));
		assert_ok!(Credentials::affiliate_practitioner(
			signed(&hospital),
			site,
			investigator.clone()
		));

		let trial = pallet_clinical_trials::NextTrialId::<Runtime>::get();
		assert_ok!(ClinicalTrials::register_trial(
			signed(&sponsor),
			RegistryId::Nct(*b"01234567"),
			Phase::Phase2,
			[3; 32],
			healthchain_primitives::pointer::ipfs_pointer_of_len(&[1; 32], 66).try_into().unwrap(),
			vec![site].try_into().unwrap(),
			10,
			vec![[4; 32]].try_into().unwrap(),
			Default::default(),
		));
		assert_ok!(ClinicalTrials::confirm_registry_id(signed(&board), trial));
		assert_ok!(ClinicalTrials::start_recruitment(signed(&sponsor), trial));
		assert_ok!(Consent::grant_consent(
			signed(&participant),
			Grantee::Study(trial),
			Purpose::Research,
			GrantScope::AllRecords,
			GrantedActions { read: true, write: false },
			None,
			None,
		));
		assert_ok!(ClinicalTrials::enrol(signed(&investigator), trial, site, participant.clone()));
		let enrolment_hold = RuntimeHoldReason::ClinicalTrials(
			pallet_clinical_trials::HoldReason::EnrolmentDeposit,
		);
		assert!(Balances::balance_on_hold(&enrolment_hold, &investigator) > 0);

		let revoke = RuntimeCall::Consent(pallet_consent::Call::revoke_consent {
			grantee: Grantee::Study(trial),
			purpose: Purpose::Research,
		});
		assert_eq!(
			revoke.get_dispatch_info().call_weight,
			<<Runtime as pallet_consent::Config>::WeightInfo as pallet_consent::WeightInfo>::revoke_consent()
				.saturating_add(<<Runtime as pallet_clinical_trials::Config>::WeightInfo as pallet_clinical_trials::WeightInfo>::withdraw_on_revocation())
		);
		assert_ok!(revoke.dispatch(signed(&participant)));

		assert_eq!(ClinicalTrials::enrolment_count(trial), 0);
		assert_eq!(ClinicalTrials::participation(trial, &participant), Participation::NotEnrolled);
		assert_eq!(Balances::balance_on_hold(&enrolment_hold, &investigator), 0);
	});
}

#[test]
fn the_payment_asset_exists_at_genesis_and_only_governance_mints_it() {
	use crate::{
		configs::monetary::{AssetsAdmin, PAYMENT_ASSET, PAYMENT_ASSET_DECIMALS},
		Assets, Claims,
	};
	use frame_support::traits::fungibles::{metadata::Inspect as _, Inspect as _};
	use sp_runtime::traits::Dispatchable;
	preset_externalities(DEV_RUNTIME_PRESET).execute_with(|| {
		let ferdie = Sr25519Keyring::Ferdie.to_account_id();
		assert_eq!(
			Assets::balance(PAYMENT_ASSET, &ferdie),
			genesis_config_presets::DEV_STABLE_ENDOWMENT
		);
		assert_eq!(Assets::decimals(PAYMENT_ASSET), PAYMENT_ASSET_DECIMALS);
		assert_eq!(Assets::symbol(PAYMENT_ASSET), b"hUSD".to_vec());
		// Sufficient: an insurer's payer account needs no HCU to hold it.
		assert_eq!(Assets::minimum_balance(PAYMENT_ASSET), 1);
		let details = pallet_assets::Asset::<Runtime>::get(PAYMENT_ASSET).expect("created");
		assert!(details.is_sufficient);
		assert_eq!(details.owner, AssetsAdmin::get());
		// Nobody but governance creates an asset, so nobody squats the payment asset's id.
		let call = RuntimeCall::Assets(pallet_assets::Call::create {
			id: 2.into(),
			admin: ferdie.clone().into(),
			min_balance: 1,
		});
		assert!(call.dispatch(RuntimeOrigin::signed(ferdie)).is_err());
		assert_eq!(Claims::payer_funds(7).1, 0);
	});
}

mod capacity;
mod governance;
mod storage_size;
mod xcm;
