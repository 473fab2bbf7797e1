//! The runtime APIs: what the node, wallets and other clients ask the runtime.
//!
//! Besides the standard set (block building, transaction pool, metadata, fees, nonces, genesis
//! presets, benchmarks), this is where every HealthChain pallet's query API is implemented.

use alloc::vec::Vec;

use polkadot_sdk::{staging_xcm as xcm, *};

use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_aura::Authorities;
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, Get, OpaqueMetadata};
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

use healthchain_primitives::{
	consent::AccessPolicy,
	credentials::{CredentialsInspect, InstitutionId, Role},
};
use pallet_claims::{
	AmountOf, BenefitExplanationOf, ClaimId, ContractId, ContractTermsOf, CoverageId, CoverageOf,
	Eligibility, PayerMetrics, PlanId, PlanOf, PriorAuthId, PriorAuthOf, PriorAuthStanding,
	ServiceCode,
};
use pallet_clinical_trials::{
	AdverseEventOf, AmendmentOf, Hash32, Participation, RegistryId, ResultsOf, TrialId, TrialOf,
};
use pallet_consent::{
	AccessBasis, AccessDenied, AccessEntryOf, AccessRequest, Action, BreakGlassId, BreakGlassOf,
	GrantOf, Grantee, Purpose,
};
use pallet_credentials::{AuthorityScope, CredentialId, CredentialOf, InstitutionOf};
use pallet_prescriptions::{DispenseRefusal, FillOf, PrescriptionId, PrescriptionOf};
use pallet_provenance::{
	BatchId, BatchOf, ContainerOf, Custody, Gtin, Lot, OrderId, OrderOf, ProductOf, Serial, Sgtin,
	ShipmentId, ShipmentOf, Sscc, SuspectReportOf, UnitView,
};
use pallet_records::{RecordId, RecordOf};

use crate::{
	configs::xcm::XcmRouter, AccountId, Balance, Block, Claims, ClinicalTrials, ConsensusHook,
	Consent, Credentials, Executive, InherentDataExt, Nonce, OriginCaller, ParachainInfo,
	ParachainSystem, PolkadotXcm, Prescriptions, Provenance, Records, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeGenesisConfig, SessionKeys, System, TransactionPayment, VERSION,
};
use crate::{AuraId, SLOT_DURATION};

impl_runtime_apis! {
	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(SLOT_DURATION)
		}

		fn authorities() -> Vec<AuraId> {
			Authorities::<Runtime>::get().into_inner()
		}
	}

	impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
		fn can_build_upon(
			included_hash: <Block as BlockT>::Hash,
			slot: cumulus_primitives_aura::Slot,
		) -> bool {
			ConsensusHook::can_build_upon(included_hash, slot)
		}
	}

	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block)
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
		fn collect_collation_info(
			header: &<Block as BlockT>::Header,
		) -> cumulus_primitives_core::CollationInfo {
			ParachainSystem::collect_collation_info(header)
		}
	}

	impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
		fn parachain_id() -> cumulus_primitives_core::ParaId {
			ParachainInfo::parachain_id()
		}
	}

	impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
		fn relay_parent_offset() -> u32 {
			<Runtime as cumulus_pallet_parachain_system::Config>::RelayParentOffset::get()
		}

		fn max_claim_queue_offset() -> u8 {
			ParachainSystem::max_claim_queue_offset()
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failed upgrade check must stop it loudly.
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select).unwrap()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};
			use cumulus_pallet_session_benchmarking::Pallet as SessionBench;
			use crate::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use codec::Encode;
			use frame_benchmarking::{BenchmarkBatch, BenchmarkError};
			use frame_support::traits::WhitelistedStorageKeys;
			use frame_system_benchmarking::{
				extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
			};
			use cumulus_pallet_session_benchmarking::Pallet as SessionBench;
			use crate::*;

			impl frame_system_benchmarking::Config for Runtime {
				fn setup_set_code_requirements(code: &Vec<u8>) -> Result<(), BenchmarkError> {
					ParachainSystem::initialize_for_set_code_benchmark(code.len() as u32);
					Ok(())
				}

				fn verify_set_code() {
					System::assert_last_event(
						cumulus_pallet_parachain_system::Event::<Runtime>::ValidationFunctionStored.into(),
					);
				}
			}

			impl pallet_transaction_payment::BenchmarkConfig for Runtime {}

			impl cumulus_pallet_session_benchmarking::Config for Runtime {
				fn generate_session_keys_and_proof(owner: AccountId) -> (SessionKeys, Vec<u8>) {
					let generated = SessionKeys::generate(&owner.encode(), None);
					(generated.keys, generated.proof.encode())
				}
			}

			let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);

			if batches.is_empty() {
				return Err("Benchmark not found for this pallet.".into());
			}
			Ok(batches)
		}
	}

	impl pallet_credentials_runtime_api::CredentialsApi<Block, AccountId, Balance> for Runtime {
		fn live_roles(who: AccountId) -> Vec<Role> {
			Credentials::live_roles(&who)
		}

		fn has_role(who: AccountId, role: Role) -> bool {
			<Credentials as CredentialsInspect<AccountId>>::has_role(&who, role)
		}

		fn credentials_of(who: AccountId) -> Vec<(CredentialId, CredentialOf<Runtime>)> {
			Credentials::credentials_of(&who)
		}

		fn credential(id: CredentialId) -> Option<CredentialOf<Runtime>> {
			Credentials::credential(id)
		}

		fn authority(who: AccountId) -> Option<AuthorityScope> {
			Credentials::authority_scope(&who)
		}

		fn institution(id: InstitutionId) -> Option<InstitutionOf<Runtime>> {
			Credentials::institution(id)
		}

		fn practitioners_of(id: InstitutionId) -> Vec<AccountId> {
			Credentials::practitioners_of(id)
		}
	}

	impl pallet_records_runtime_api::RecordsApi<Block, AccountId, RecordOf<Runtime>> for Runtime {
		fn record(id: RecordId) -> Option<RecordOf<Runtime>> {
			Records::record(id)
		}

		fn encryption_key(who: AccountId) -> Option<[u8; 32]> {
			Records::encryption_key(&who)
		}

		fn records_of(patient: AccountId) -> Vec<(RecordId, RecordOf<Runtime>)> {
			Records::with_records(Records::records_of(&patient))
		}

		fn version_chain(id: RecordId) -> Vec<(RecordId, RecordOf<Runtime>)> {
			Records::with_records(Records::version_chain(id))
		}
	}

	impl pallet_consent_runtime_api::ConsentApi<Block, AccountId, Balance, GrantOf<Runtime>> for Runtime {
		fn grants_of(patient: AccountId) -> Vec<(Grantee<AccountId>, Purpose, GrantOf<Runtime>)> {
			Consent::grants_of(&patient)
		}

		fn grant(
			patient: AccountId,
			grantee: Grantee<AccountId>,
			purpose: Purpose,
		) -> Option<GrantOf<Runtime>> {
			Consent::grant(&patient, grantee, purpose)
		}

		fn access_log(patient: AccountId) -> Vec<AccessEntryOf<Runtime>> {
			Consent::access_log(&patient)
		}

		fn accesses_by(patient: AccountId, accessor: AccountId) -> Vec<AccessEntryOf<Runtime>> {
			Consent::accesses_by(&patient, &accessor)
		}

		fn pending_break_glass(patient: AccountId) -> Vec<(BreakGlassId, BreakGlassOf<Runtime>)> {
			Consent::break_glass_of(&patient)
		}

		fn abuse_findings(clinician: AccountId) -> u32 {
			Consent::abuse_findings(&clinician)
		}

		fn break_glass_ban(clinician: AccountId) -> Option<pallet_consent::BreakGlassBanOf<Runtime>> {
			Consent::break_glass_ban(&clinician)
		}

		fn check_access(request: AccessRequest<AccountId>) -> Result<AccessBasis, AccessDenied> {
			<Consent as AccessPolicy<AccountId>>::check(&request)
		}

		fn may_access_record(
			actor: AccountId,
			on_behalf_of: Option<InstitutionId>,
			record: RecordId,
			action: Action,
			purpose: Purpose,
		) -> Option<Result<AccessBasis, AccessDenied>> {
			Records::access_decision(actor, on_behalf_of, record, action, purpose)
		}
	}

	impl pallet_provenance_runtime_api::ProvenanceApi<Block, AccountId, Balance, ShipmentOf<Runtime>> for Runtime {
		fn verify(gtin: Gtin, serial: Serial) -> Option<UnitView> {
			Provenance::verify(gtin, serial)
		}

		fn product(gtin: Gtin) -> Option<ProductOf<Runtime>> {
			Provenance::product(gtin)
		}

		fn company_prefix_of(
			gtin: Gtin,
		) -> Option<(pallet_provenance::CompanyPrefix, pallet_provenance::CompanyPrefixOf<Runtime>)> {
			Provenance::company_prefix_of(&gtin.0)
		}

		fn batch(id: BatchId) -> Option<BatchOf<Runtime>> {
			Provenance::batch(id)
		}

		fn batch_of_lot(gtin: Gtin, lot: Lot) -> Option<BatchId> {
			Provenance::batch_of_lot(gtin, lot)
		}

		fn container(sscc: Sscc) -> Option<(ContainerOf<Runtime>, Custody)> {
			Provenance::container_custody(sscc)
		}

		fn shipment(id: ShipmentId) -> Option<ShipmentOf<Runtime>> {
			Provenance::shipment(id)
		}

		fn order(id: OrderId) -> Option<OrderOf<Runtime>> {
			Provenance::order(id)
		}

		fn suspect_report(unit: Sgtin) -> Option<SuspectReportOf<Runtime>> {
			Provenance::suspect_report(unit)
		}
	}

	impl pallet_prescriptions_runtime_api::PrescriptionsApi<Block, AccountId, PrescriptionOf<Runtime>, FillOf<Runtime>> for Runtime {
		fn prescription(id: PrescriptionId) -> Option<(PrescriptionOf<Runtime>, Vec<FillOf<Runtime>>)> {
			Prescriptions::prescription(id)
		}

		fn prescriptions_of(patient: AccountId) -> Vec<(PrescriptionId, PrescriptionOf<Runtime>)> {
			Prescriptions::prescriptions_of(&patient)
		}

		fn remaining_fills(id: PrescriptionId) -> Option<u32> {
			Prescriptions::remaining_fills(id)
		}

		fn dispensable(id: PrescriptionId) -> Option<Result<(), DispenseRefusal>> {
			Prescriptions::dispensable(id)
		}
	}

	impl pallet_clinical_trials_runtime_api::ClinicalTrialsApi<Block, AccountId, TrialOf<Runtime>, AmendmentOf<Runtime>, AdverseEventOf<Runtime>, ResultsOf<Runtime>> for Runtime {
		fn trial(id: TrialId) -> Option<TrialOf<Runtime>> {
			ClinicalTrials::trial(id)
		}

		fn trial_by_registry_id(registry_id: RegistryId) -> Option<TrialId> {
			ClinicalTrials::trial_by_registry_id(registry_id)
		}

		fn amendments(id: TrialId) -> Vec<(u32, AmendmentOf<Runtime>)> {
			ClinicalTrials::amendments(id)
		}

		fn enrolment_count(id: TrialId) -> u32 {
			ClinicalTrials::enrolment_count(id)
		}

		fn participation(id: TrialId, participant: AccountId) -> Participation {
			ClinicalTrials::participation(id, &participant)
		}

		fn overdue_results() -> Vec<(TrialId, pallet_clinical_trials::Moment)> {
			ClinicalTrials::overdue_results()
		}

		fn switched_outcomes() -> Vec<TrialId> {
			ClinicalTrials::switched_outcomes()
		}

		fn unreported_outcomes(id: TrialId) -> Vec<Hash32> {
			ClinicalTrials::unreported_outcomes(id)
		}

		fn adverse_events(id: TrialId) -> Vec<(u32, AdverseEventOf<Runtime>)> {
			ClinicalTrials::adverse_events(id)
		}

		fn results(id: TrialId) -> Vec<(u32, ResultsOf<Runtime>)> {
			ClinicalTrials::results(id)
		}
	}

	impl pallet_claims_runtime_api::ClaimsApi<Block, AccountId, AmountOf<Runtime>, PlanOf<Runtime>, CoverageOf<Runtime>, ContractTermsOf<Runtime>, PriorAuthOf<Runtime>, BenefitExplanationOf<Runtime>> for Runtime {
		fn plan(id: PlanId) -> Option<PlanOf<Runtime>> {
			Claims::plan(id)
		}

		fn coverage(id: CoverageId) -> Option<CoverageOf<Runtime>> {
			Claims::coverage(id)
		}

		fn member_coverages(member: AccountId) -> Vec<(CoverageId, CoverageOf<Runtime>)> {
			Claims::member_coverages(&member)
		}

		fn eligibility(
			member: AccountId,
			plan: PlanId,
			code: ServiceCode,
			date: pallet_claims::Moment,
		) -> Eligibility<AmountOf<Runtime>> {
			Claims::eligibility(&member, plan, code, date)
		}

		fn network_terms(
			insurer: InstitutionId,
			provider: InstitutionId,
			date: pallet_claims::Moment,
		) -> Option<(ContractId, u32, ContractTermsOf<Runtime>)> {
			Claims::network_terms(insurer, provider, date)
		}

		fn prior_auth(id: PriorAuthId) -> Option<(PriorAuthOf<Runtime>, PriorAuthStanding)> {
			Claims::prior_auth(id)
		}

		fn claim(id: ClaimId) -> Option<BenefitExplanationOf<Runtime>> {
			Claims::claim(id)
		}

		fn explanation_of_benefits(
			member: AccountId,
			from: pallet_claims::Moment,
			to: pallet_claims::Moment,
		) -> Vec<BenefitExplanationOf<Runtime>> {
			Claims::explanation_of_benefits(&member, from, to)
		}

		fn payer_metrics(insurer: InstitutionId) -> PayerMetrics {
			Claims::payer_metrics(insurer)
		}

		fn payer_funds(insurer: InstitutionId) -> (AccountId, AmountOf<Runtime>) {
			Claims::payer_funds(insurer)
		}
	}

	/// What an XCM message or a call that sends one would do, without doing it: wallets and
	/// bridges check transfers with it, and the e2e suite shows the relay chain's token minting
	/// nothing here.
	impl xcm_runtime_apis::dry_run::DryRunApi<Block, RuntimeCall, RuntimeEvent, OriginCaller> for Runtime {
		fn dry_run_call(
			origin: OriginCaller,
			call: RuntimeCall,
			result_xcms_version: xcm::prelude::XcmVersion,
		) -> Result<
			xcm_runtime_apis::dry_run::CallDryRunEffects<RuntimeEvent>,
			xcm_runtime_apis::dry_run::Error,
		> {
			PolkadotXcm::dry_run_call::<Runtime, XcmRouter, OriginCaller, RuntimeCall>(
				origin,
				call,
				result_xcms_version,
			)
		}

		fn dry_run_xcm(
			origin_location: xcm::VersionedLocation,
			xcm: xcm::VersionedXcm<RuntimeCall>,
		) -> Result<
			xcm_runtime_apis::dry_run::XcmDryRunEffects<RuntimeEvent>,
			xcm_runtime_apis::dry_run::Error,
		> {
			PolkadotXcm::dry_run_xcm::<XcmRouter>(origin_location, xcm)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
