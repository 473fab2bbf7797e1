//! The chain as the gateway sees it: the document registry and the access-decision point.
//!
//! Every question is asked at one finalized block, through the node's `state_call` with the
//! pallets' own SCALE types, so a decision can never rest on a block that may be reverted, and a
//! revocation is in force from the first finalized block that holds it.

use std::{
	sync::{
		atomic::{AtomicBool, AtomicU32, Ordering},
		Arc, RwLock,
	},
	time::Duration,
};

use async_trait::async_trait;
use codec::{Decode, Encode};
use healthchain_primitives::{
	consent::{AccessBasis, AccessDenied, AccessRequest, Action, Purpose},
	credentials::InstitutionId,
	provenance::Sgtin,
	records::RecordId,
	AccountId, Balance, Hash,
};
use jsonrpsee::{
	core::client::{ClientT, SubscriptionClientT},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use pallet_clinical_trials::{Participation, RegistryId, TrialId};
use pallet_credentials::CredentialId;
use pallet_prescriptions::PrescriptionId;
use polkadot_sdk::{frame_support::storage::storage_prefix, sp_core::Bytes};
use tokio::sync::watch;

use crate::metrics::Metrics;

/// A record as the chain holds it. The pointer is read as plain bytes: its SCALE form is the
/// same as the runtime's bounded vector.
pub type ChainRecord = pallet_records::Record<AccountId, Balance, Vec<u8>>;
/// A patient's consent grant. The scope's list is read with the widest bound: its SCALE form is
/// the runtime's bounded vector.
pub type ChainGrant = pallet_consent::Grant<
	Balance,
	pallet_consent::GrantScope<polkadot_sdk::sp_core::ConstU32<{ u32::MAX }>>,
>;
/// Whom a grant admits.
pub type ChainGrantee = healthchain_primitives::consent::Grantee<AccountId>;
/// One entry of a patient's on-chain access log.
pub type AccessEntry = pallet_consent::AccessEntry<AccountId>;
/// The chain's answer to "may this actor do this to this record": `None` if there is no such
/// record.
pub type AccessDecision = Option<Result<AccessBasis, AccessDenied>>;
/// A practitioner's licence (FHIR Practitioner.qualification).
pub type ChainCredential = pallet_credentials::Credential<AccountId, Balance>;
/// A registered institution (FHIR Organization).
pub type ChainInstitution = pallet_credentials::Institution<AccountId, Balance>;
/// A prescription (FHIR MedicationRequest).
pub type ChainPrescription = pallet_prescriptions::Prescription<AccountId, Balance>;
/// One dispensed fill of a prescription (FHIR MedicationDispense); its packs are read as a
/// plain list, the SCALE form of the runtime's bounded one.
pub type ChainFill = pallet_prescriptions::Fill<AccountId, Vec<Sgtin>>;
/// A registered clinical trial (FHIR ResearchStudy); its sites are read as a plain list.
pub type ChainTrial = pallet_clinical_trials::Trial<AccountId, Balance, Vec<InstitutionId>>;

/// A finalized block: where every decision is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockRef {
	/// Its number.
	pub number: u32,
	/// Its hash.
	pub hash: Hash,
}

/// Why the chain could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	/// Not connected to the node, or no block finalized yet.
	#[error("the chain is unavailable: {0}")]
	Unavailable(String),
	/// The node answered with an error.
	#[error("the node refused the query: {0}")]
	Rpc(String),
	/// The answer did not decode as the runtime's type (a runtime this gateway does not know).
	#[error("the node's answer did not decode: {0}")]
	Decode(String),
}

/// The questions the gateway asks the chain, all at a given finalized block.
#[async_trait]
pub trait Registry: Send + Sync + 'static {
	/// The latest finalized block, if the gateway follows the chain.
	fn finalized(&self) -> Option<BlockRef>;
	/// Whether the gateway is connected to its node.
	fn connected(&self) -> bool;
	/// The record with this id.
	async fn record(&self, at: BlockRef, id: RecordId) -> Result<Option<ChainRecord>, ChainError>;
	/// Whether `actor` (for `on_behalf_of`) may do `action` on the record for `purpose`.
	async fn may_access_record(
		&self,
		at: BlockRef,
		actor: &AccountId,
		on_behalf_of: Option<InstitutionId>,
		record: RecordId,
		action: Action,
		purpose: Purpose,
	) -> Result<AccessDecision, ChainError>;
	/// `accessor`'s latest logged accesses to `patient`'s records, oldest first.
	async fn accesses_by(
		&self,
		at: BlockRef,
		patient: &AccountId,
		accessor: &AccountId,
	) -> Result<Vec<AccessEntry>, ChainError>;
	/// The X25519 key-agreement key `who` published, if any.
	async fn encryption_key(
		&self,
		at: BlockRef,
		who: &AccountId,
	) -> Result<Option<[u8; 32]>, ChainError>;
	/// The chain's time at the block (`pallet_timestamp::Now`, Unix ms): what "recent" is
	/// measured against, since a chain's clock need not be the gateway's.
	async fn chain_time(&self, at: BlockRef) -> Result<u64, ChainError>;
	/// The patient's records, every version.
	async fn records_of(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(RecordId, ChainRecord)>, ChainError>;
	/// The patient's stored grants: live, yet to start, revoked or expired.
	async fn grants_of(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(ChainGrantee, Purpose, ChainGrant)>, ChainError>;
	/// The patient's on-chain access log, oldest first.
	async fn access_log(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<AccessEntry>, ChainError>;
	/// The consent decision on an access to a patient's data of one category, record or not:
	/// what gates the data that is not a record (prescriptions, trial participation).
	async fn check_access(
		&self,
		at: BlockRef,
		request: AccessRequest<AccountId>,
	) -> Result<Result<AccessBasis, AccessDenied>, ChainError>;
	/// Every licence issued to `who`, live or not.
	async fn credentials_of(
		&self,
		at: BlockRef,
		who: &AccountId,
	) -> Result<Vec<(CredentialId, ChainCredential)>, ChainError>;
	/// The institution with this id.
	async fn institution(
		&self,
		at: BlockRef,
		id: InstitutionId,
	) -> Result<Option<ChainInstitution>, ChainError>;
	/// The practitioners affiliated to the institution.
	async fn practitioners_of(
		&self,
		at: BlockRef,
		id: InstitutionId,
	) -> Result<Vec<AccountId>, ChainError>;
	/// The prescription with this id and its dispensed fills.
	async fn prescription(
		&self,
		at: BlockRef,
		id: PrescriptionId,
	) -> Result<Option<(ChainPrescription, Vec<ChainFill>)>, ChainError>;
	/// The patient's prescriptions.
	async fn prescriptions_of(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(PrescriptionId, ChainPrescription)>, ChainError>;
	/// The trial with this id.
	async fn trial(&self, at: BlockRef, id: TrialId) -> Result<Option<ChainTrial>, ChainError>;
	/// The trial registered under this primary-registry id.
	async fn trial_by_registry_id(
		&self,
		at: BlockRef,
		registry_id: RegistryId,
	) -> Result<Option<TrialId>, ChainError>;
	/// Whether `participant` is enrolled in the trial, and under a live research consent.
	async fn participation(
		&self,
		at: BlockRef,
		id: TrialId,
		participant: &AccountId,
	) -> Result<Participation, ChainError>;
}

/// The registry behind a node's JSON-RPC over WebSocket, following its finalized head.
pub struct RpcRegistry {
	url: String,
	client: RwLock<Option<Arc<WsClient>>>,
	finalized: watch::Sender<Option<BlockRef>>,
	connected: AtomicBool,
	best: AtomicU32,
	metrics: Metrics,
}

impl RpcRegistry {
	/// A registry for the node at `url`; [`RpcRegistry::follow`] connects and keeps it current.
	pub fn new(url: String, metrics: Metrics) -> Arc<Self> {
		Arc::new(Self {
			url,
			client: RwLock::new(None),
			finalized: watch::channel(None).0,
			connected: AtomicBool::new(false),
			best: AtomicU32::new(0),
			metrics,
		})
	}

	/// A receiver that sees every new finalized block.
	pub fn subscribe_finalized(&self) -> watch::Receiver<Option<BlockRef>> {
		self.finalized.subscribe()
	}

	/// Connects, follows the finalized and best heads, and reconnects whenever the node goes
	/// away: 1 s after a connection that worked, doubling to 5 s while attempts keep failing.
	/// Runs until the task is dropped.
	pub async fn follow(self: Arc<Self>) {
		let mut backoff = Duration::from_secs(1);
		loop {
			match self.follow_once().await {
				Ok(()) => tracing::warn!(node = %self.url, "the node closed its subscriptions"),
				Err(e) => tracing::warn!(node = %self.url, error = %e, "lost the node"),
			}
			// A connection that was up earns the next attempt the shortest wait.
			if self.connected.swap(false, Ordering::SeqCst) {
				backoff = Duration::from_secs(1);
			}
			*self.client.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
			self.metrics.chain_connected.set(0);
			tokio::time::sleep(backoff).await;
			backoff = (backoff * 2).min(Duration::from_secs(5));
		}
	}

	async fn follow_once(&self) -> Result<(), ChainError> {
		let client = Arc::new(
			WsClientBuilder::default()
				.request_timeout(Duration::from_secs(30))
				.max_response_size(64 * 1024 * 1024)
				.build(&self.url)
				.await
				.map_err(|e| ChainError::Unavailable(e.to_string()))?,
		);
		let mut finalized = client
			.subscribe::<serde_json::Value, _>(
				"chain_subscribeFinalizedHeads",
				rpc_params![],
				"chain_unsubscribeFinalizedHeads",
			)
			.await
			.map_err(|e| ChainError::Rpc(e.to_string()))?;
		let mut best = client
			.subscribe::<serde_json::Value, _>(
				"chain_subscribeNewHeads",
				rpc_params![],
				"chain_unsubscribeNewHeads",
			)
			.await
			.map_err(|e| ChainError::Rpc(e.to_string()))?;
		*self.client.write().unwrap_or_else(|poisoned| poisoned.into_inner()) =
			Some(client.clone());
		self.connected.store(true, Ordering::SeqCst);
		self.metrics.chain_connected.set(1);
		tracing::info!(node = %self.url, "following the node's finalized head");
		loop {
			tokio::select! {
				header = finalized.next() => {
					let Some(header) = header else { return Ok(()) };
					let header = header.map_err(|e| ChainError::Rpc(e.to_string()))?;
					let number = header_number(&header)?;
					// The canonical hash at a finalized height is the finalized block's hash.
					let hash: Option<Hash> = client
						.request("chain_getBlockHash", rpc_params![number])
						.await
						.map_err(|e| ChainError::Rpc(e.to_string()))?;
					let Some(hash) = hash else { continue };
					let block = BlockRef { number, hash };
					self.metrics.finalized_number.set(number.into());
					self.update_lag();
					tracing::debug!(number, %hash, "finalized");
					self.finalized.send_replace(Some(block));
				},
				header = best.next() => {
					let Some(header) = header else { return Ok(()) };
					let header = header.map_err(|e| ChainError::Rpc(e.to_string()))?;
					let number = header_number(&header)?;
					self.best.store(number, Ordering::SeqCst);
					self.metrics.best_number.set(number.into());
					self.update_lag();
				},
			}
		}
	}

	fn update_lag(&self) {
		let finalized = self.finalized.borrow().map(|block| block.number).unwrap_or(0);
		let best = self.best.load(Ordering::SeqCst);
		self.metrics.chain_lag_blocks.set(best.saturating_sub(finalized).into());
	}

	fn client(&self) -> Result<Arc<WsClient>, ChainError> {
		self.client
			.read()
			.unwrap_or_else(|poisoned| poisoned.into_inner())
			.clone()
			.ok_or_else(|| ChainError::Unavailable("not connected to the node".into()))
	}

	/// Calls the runtime API `method` with SCALE-encoded `args` at `at` and decodes the answer.
	async fn call<R: Decode>(
		&self,
		at: BlockRef,
		method: &str,
		args: impl Encode,
	) -> Result<R, ChainError> {
		let client = self.client()?;
		let started = std::time::Instant::now();
		let answer: Bytes = client
			.request("state_call", rpc_params![method, Bytes(args.encode()), at.hash])
			.await
			.map_err(|e| ChainError::Rpc(e.to_string()))?;
		self.metrics
			.chain_call_seconds
			.with_label_values(&[method])
			.observe(started.elapsed().as_secs_f64());
		R::decode(&mut &answer[..]).map_err(|e| ChainError::Decode(format!("{method}: {e}")))
	}
}

/// The block number of a JSON header (`"number": "0x1a"`).
fn header_number(header: &serde_json::Value) -> Result<u32, ChainError> {
	header
		.get("number")
		.and_then(|n| n.as_str())
		.and_then(|n| u32::from_str_radix(n.trim_start_matches("0x"), 16).ok())
		.ok_or_else(|| ChainError::Decode(format!("a header without a block number: {header}")))
}

#[async_trait]
impl Registry for RpcRegistry {
	fn finalized(&self) -> Option<BlockRef> {
		*self.finalized.borrow()
	}

	fn connected(&self) -> bool {
		self.connected.load(Ordering::SeqCst)
	}

	async fn record(&self, at: BlockRef, id: RecordId) -> Result<Option<ChainRecord>, ChainError> {
		self.call(at, "RecordsApi_record", id).await
	}

	async fn may_access_record(
		&self,
		at: BlockRef,
		actor: &AccountId,
		on_behalf_of: Option<InstitutionId>,
		record: RecordId,
		action: Action,
		purpose: Purpose,
	) -> Result<AccessDecision, ChainError> {
		self.call(
			at,
			"ConsentApi_may_access_record",
			(actor, on_behalf_of, record, action, purpose),
		)
		.await
	}

	async fn accesses_by(
		&self,
		at: BlockRef,
		patient: &AccountId,
		accessor: &AccountId,
	) -> Result<Vec<AccessEntry>, ChainError> {
		self.call(at, "ConsentApi_accesses_by", (patient, accessor)).await
	}

	async fn encryption_key(
		&self,
		at: BlockRef,
		who: &AccountId,
	) -> Result<Option<[u8; 32]>, ChainError> {
		self.call(at, "RecordsApi_encryption_key", who).await
	}

	async fn chain_time(&self, at: BlockRef) -> Result<u64, ChainError> {
		let client = self.client()?;
		let key = storage_prefix(b"Timestamp", b"Now").to_vec();
		let value: Option<Bytes> = client
			.request("state_getStorage", rpc_params![Bytes(key), at.hash])
			.await
			.map_err(|e| ChainError::Rpc(e.to_string()))?;
		let value =
			value.ok_or_else(|| ChainError::Decode("no Timestamp::Now at the block".into()))?;
		u64::decode(&mut &value[..]).map_err(|e| ChainError::Decode(format!("Timestamp::Now: {e}")))
	}

	async fn records_of(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(RecordId, ChainRecord)>, ChainError> {
		self.call(at, "RecordsApi_records_of", patient).await
	}

	async fn grants_of(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(ChainGrantee, Purpose, ChainGrant)>, ChainError> {
		self.call(at, "ConsentApi_grants_of", patient).await
	}

	async fn access_log(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<AccessEntry>, ChainError> {
		self.call(at, "ConsentApi_access_log", patient).await
	}

	async fn check_access(
		&self,
		at: BlockRef,
		request: AccessRequest<AccountId>,
	) -> Result<Result<AccessBasis, AccessDenied>, ChainError> {
		self.call(at, "ConsentApi_check_access", request).await
	}

	async fn credentials_of(
		&self,
		at: BlockRef,
		who: &AccountId,
	) -> Result<Vec<(CredentialId, ChainCredential)>, ChainError> {
		self.call(at, "CredentialsApi_credentials_of", who).await
	}

	async fn institution(
		&self,
		at: BlockRef,
		id: InstitutionId,
	) -> Result<Option<ChainInstitution>, ChainError> {
		self.call(at, "CredentialsApi_institution", id).await
	}

	async fn practitioners_of(
		&self,
		at: BlockRef,
		id: InstitutionId,
	) -> Result<Vec<AccountId>, ChainError> {
		self.call(at, "CredentialsApi_practitioners_of", id).await
	}

	async fn prescription(
		&self,
		at: BlockRef,
		id: PrescriptionId,
	) -> Result<Option<(ChainPrescription, Vec<ChainFill>)>, ChainError> {
		self.call(at, "PrescriptionsApi_prescription", id).await
	}

	async fn prescriptions_of(
		&self,
		at: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(PrescriptionId, ChainPrescription)>, ChainError> {
		self.call(at, "PrescriptionsApi_prescriptions_of", patient).await
	}

	async fn trial(&self, at: BlockRef, id: TrialId) -> Result<Option<ChainTrial>, ChainError> {
		self.call(at, "ClinicalTrialsApi_trial", id).await
	}

	async fn trial_by_registry_id(
		&self,
		at: BlockRef,
		registry_id: RegistryId,
	) -> Result<Option<TrialId>, ChainError> {
		self.call(at, "ClinicalTrialsApi_trial_by_registry_id", registry_id).await
	}

	async fn participation(
		&self,
		at: BlockRef,
		id: TrialId,
		participant: &AccountId,
	) -> Result<Participation, ChainError> {
		self.call(at, "ClinicalTrialsApi_participation", (id, participant)).await
	}
}
