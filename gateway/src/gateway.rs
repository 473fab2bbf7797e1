//! The enforcement point: every operation the HTTP API offers, with the chain's decision at
//! the finalized block, the store, the database and the audit trail. Nothing here knows HTTP
//! beyond status codes, so the rules can be tested against a stand-in chain.

use std::{
	collections::{BTreeMap, HashMap},
	net::IpAddr,
	sync::{Arc, Mutex},
	time::{Duration, Instant, SystemTime, UNIX_EPOCH},
};

use axum::http::StatusCode;
use bytes::Bytes;
use futures_util::Stream;
use healthchain_primitives::{
	consent::{
		AccessBasis, AccessDenied, AccessOutcome, AccessRequest, AccessTarget, Action, Purpose,
	},
	credentials::InstitutionId,
	records::{Category, CodeSystem, RecordId},
	AccountId, Hash,
};
use pallet_records::RecordStatus;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{
	auth::{self, AuthError, ChallengeRequest, Credentials, Operation, Scope},
	chain::{AccessDecision, AccessEntry, BlockRef, ChainRecord, Registry},
	config::Config,
	db::{AuditRecord, Database, Document, KeyEnvelope, Session},
	error::ApiError,
	metrics::Metrics,
	store::DocumentStore,
};

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
	SystemTime::now()
		.duration_since(UNIX_EPOCH)
		.map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
		.unwrap_or(0)
}

/// The smallest sealed box of a 32-byte data key (ephemeral key, tag, key); larger envelopes
/// carry other key-wrapping schemes, up to [`MAX_ENVELOPE_BYTES`].
pub const MIN_ENVELOPE_BYTES: usize = 48;
/// The largest key envelope accepted.
pub const MAX_ENVELOPE_BYTES: usize = 1024;

/// An authenticated requester and what they said they act for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requester {
	/// The account.
	pub account: AccountId,
	/// Its SS58 address.
	pub address: String,
	/// The purpose of use they gave.
	pub purpose: Option<Purpose>,
	/// The institution they act for.
	pub on_behalf_of: Option<InstitutionId>,
}

/// A new challenge, to be signed.
#[derive(Clone, Debug, Serialize)]
pub struct IssuedChallenge {
	/// The nonce to send back with the signature.
	pub nonce: String,
	/// The exact text to sign.
	pub message: String,
	/// When it stops being accepted (Unix ms).
	pub expires_at: i64,
}

/// A new session.
#[derive(Clone, Debug, Serialize)]
pub struct IssuedSession {
	/// The bearer token.
	pub token: String,
	/// When it ends (Unix ms).
	pub expires_at: i64,
	/// The purpose of use it carries.
	pub purpose: String,
	/// The institution it acts for.
	pub on_behalf_of: Option<InstitutionId>,
}

/// A stored upload.
#[derive(Clone, Debug, Serialize)]
pub struct Stored {
	/// The record.
	pub record: RecordId,
	/// Size in bytes.
	pub size: u64,
	/// SHA-256 of the bytes (hex).
	pub content_hash: String,
	/// Whether the bytes were already stored.
	pub already_stored: bool,
}

/// A document on its way out.
#[derive(Clone, Debug)]
pub struct Download {
	/// The encrypted bytes, re-hashed.
	pub bytes: Bytes,
	/// Their SHA-256.
	pub content_hash: [u8; 32],
	/// The requester's own sealed data key, if one was stored.
	pub envelope: Option<KeyEnvelope>,
	/// The block the decision was taken at.
	pub block: BlockRef,
	/// The record as the chain holds it.
	pub record: ChainRecord,
}

/// What an erasure removed.
#[derive(Clone, Debug, Serialize)]
pub struct Erased {
	/// The record.
	pub record: RecordId,
	/// Whether bytes were deleted.
	pub bytes_deleted: bool,
	/// How many wrapped keys were deleted.
	pub keys_deleted: i64,
}

/// The audit entry of the request under way, filled in as facts become known.
#[derive(Clone, Debug, Default)]
pub struct Audit(pub AuditRecord);

impl Audit {
	/// A new entry for `operation` from `client`.
	pub fn new(operation: &str, client: Option<IpAddr>) -> Self {
		Self(AuditRecord {
			operation: operation.into(),
			client_address: client.map(|ip| ip.to_string()),
			..Default::default()
		})
	}

	fn requester(&mut self, requester: &Requester) {
		self.0.requester = Some(requester.address.clone());
		self.0.purpose = requester.purpose.map(|p| auth::purpose_name(p).to_string());
		self.0.on_behalf_of = requester.on_behalf_of.map(i64::from);
	}

	fn record(&mut self, id: RecordId, record: Option<&ChainRecord>) {
		self.0.record_id = i64::try_from(id).ok();
		if let Some(record) = record {
			self.0.patient = Some(auth::address(&record.patient));
		}
	}

	/// Notes the block the decision is taken at.
	pub fn block_at(&mut self, block: BlockRef) {
		self.0.block_number = Some(block.number.into());
		self.0.block_hash = Some(format!("{:?}", block.hash));
	}
}

/// Per-account token buckets.
struct RateLimiter {
	per_second: f64,
	burst: f64,
	buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
	/// Whether `key` may make one more request now.
	fn allow(&self, key: &str) -> bool {
		let now = Instant::now();
		let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		if buckets.len() > 100_000 {
			// Forget buckets that have refilled: they carry no state worth keeping.
			let (per_second, burst) = (self.per_second, self.burst);
			buckets.retain(|_, (tokens, at)| {
				*tokens + now.duration_since(*at).as_secs_f64() * per_second < burst
			});
		}
		let (tokens, at) = buckets.entry(key.to_string()).or_insert((self.burst, now));
		*tokens =
			(*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
		*at = now;
		if *tokens >= 1.0 {
			*tokens -= 1.0;
			true
		} else {
			false
		}
	}
}

/// Answers the chain gave at one finalized block. Everything is dropped when the block
/// changes, so a cached answer is never older than the decision block.
#[derive(Default)]
struct DecisionCache {
	block: Option<Hash>,
	records: BTreeMap<RecordId, Option<ChainRecord>>,
	decisions:
		BTreeMap<(AccountId, Option<InstitutionId>, RecordId, Action, Purpose), AccessDecision>,
	accesses: BTreeMap<(AccountId, AccountId), Vec<AccessEntry>>,
	time: Option<u64>,
}

const MAX_CACHED: usize = 50_000;

impl DecisionCache {
	fn at(&mut self, block: &BlockRef) -> &mut Self {
		let full = self.records.len() + self.decisions.len() + self.accesses.len() > MAX_CACHED;
		if self.block != Some(block.hash) || full {
			*self = DecisionCache { block: Some(block.hash), ..Default::default() };
		}
		self
	}
}

/// The gateway: configuration, chain, database, store and metrics.
pub struct Gateway {
	/// Its configuration.
	pub config: Config,
	/// The chain.
	pub chain: Arc<dyn Registry>,
	/// The SQL database.
	pub db: Database,
	/// The document store.
	pub store: DocumentStore,
	/// Its metrics.
	pub metrics: Metrics,
	limiter: RateLimiter,
	cache: Mutex<DecisionCache>,
	memo: Mutex<Memo>,
}

/// Sessions, stored documents and key envelopes kept in memory after their first read or
/// write. Sessions and documents are immutable once written; an envelope is replaced only by
/// another wrapping of the same data key, which this gateway writes through. A document and
/// its envelopes leave only with the record's erasure, which the chain check refuses before
/// either is looked up, and which purges them here too. What is not found is not remembered,
/// so another gateway on the same database is seen as soon as it writes.
#[derive(Default)]
struct Memo {
	sessions: HashMap<String, Session>,
	documents: HashMap<i64, Document>,
	envelopes: HashMap<(i64, String), KeyEnvelope>,
}

impl Memo {
	fn len(&self) -> usize {
		self.sessions.len() + self.documents.len() + self.envelopes.len()
	}
}

/// Entries kept in memory before the memo starts afresh.
const MAX_MEMO: usize = 100_000;

/// 404 for a record the chain does not hold.
fn unknown_record(id: RecordId) -> ApiError {
	ApiError::new(StatusCode::NOT_FOUND, "UnknownRecord", format!("no record {id} on chain"))
}

fn record_key(id: RecordId) -> Result<i64, ApiError> {
	i64::try_from(id).map_err(|_| ApiError::bad_request(format!("record id {id} is out of range")))
}

impl Gateway {
	/// A gateway over these parts.
	pub fn new(
		config: Config,
		chain: Arc<dyn Registry>,
		db: Database,
		store: DocumentStore,
		metrics: Metrics,
	) -> Arc<Self> {
		let limiter = RateLimiter {
			per_second: f64::from(config.rate_limit_per_second),
			burst: f64::from(config.rate_limit_burst),
			buckets: Mutex::new(HashMap::new()),
		};
		Arc::new(Self {
			config,
			chain,
			db,
			store,
			metrics,
			limiter,
			cache: Default::default(),
			memo: Default::default(),
		})
	}

	/// The finalized block to decide at; no block, no decision.
	pub fn decision_block(&self) -> Result<BlockRef, ApiError> {
		self.chain.finalized().ok_or_else(|| {
			ApiError::new(
				StatusCode::SERVICE_UNAVAILABLE,
				"ChainUnavailable",
				"the gateway has no finalized block to decide at yet",
			)
		})
	}

	/// Runs a request's `work` with a fresh audit entry for `operation`, and appends the entry
	/// to the audit trail whatever the outcome (`ok` is the status of an answered request).
	pub async fn audited<T>(
		&self,
		operation: &str,
		client: Option<IpAddr>,
		ok: StatusCode,
		work: impl AsyncFnOnce(&mut Audit) -> Result<T, ApiError>,
	) -> Result<T, ApiError> {
		let mut audit = Audit::new(operation, client);
		let result = work(&mut audit).await;
		self.finish(audit, result.as_ref().err(), ok).await;
		result
	}

	/// Appends the request's entry to the audit trail: answered `ok`, or refused or failed
	/// with `error`.
	pub async fn finish(&self, mut audit: Audit, error: Option<&ApiError>, ok: StatusCode) {
		let (status, outcome, reason) = match error {
			None => (ok, "success", None),
			Some(e) => {
				(e.status, if e.is_refusal() { "denied" } else { "error" }, Some(e.reason.clone()))
			},
		};
		// A request refused before the record was read (bad credentials, a replay) is still
		// shown to the record's patient.
		if let (None, Some(id), Some(at)) =
			(&audit.0.patient, audit.0.record_id, self.chain.finalized())
		{
			if let Ok(Some(record)) = self.record_at(at, id.unsigned_abs()).await {
				audit.0.patient = Some(auth::address(&record.patient));
			}
		}
		audit.0.recorded_at = now_ms();
		audit.0.http_status = i64::from(status.as_u16());
		audit.0.outcome = outcome.into();
		audit.0.reason = reason;
		let operation = audit.0.operation.clone();
		self.metrics
			.decisions
			.with_label_values(&[&operation, audit.0.reason.as_deref().unwrap_or("allowed")])
			.inc();
		if let Err(e) = self.db.audit(audit.0).await {
			tracing::error!(error = %e, operation, "audit entry lost");
		}
	}

	fn rate_limit(&self, key: &str) -> Result<(), ApiError> {
		if self.limiter.allow(key) {
			Ok(())
		} else {
			Err(ApiError::new(
				StatusCode::TOO_MANY_REQUESTS,
				"RateLimited",
				format!(
					"more than {} requests a second (burst {}) from this account",
					self.config.rate_limit_per_second, self.config.rate_limit_burst
				),
			))
		}
	}

	// ---- authentication ----

	/// Issues a challenge for `request`.
	pub async fn issue_challenge(
		&self,
		request: ChallengeRequest,
		client: Option<IpAddr>,
		audit: &mut Audit,
	) -> Result<IssuedChallenge, ApiError> {
		if let Some(ip) = client {
			self.rate_limit(&format!("ip:{ip}"))?;
		}
		let (account, scope) = request.validate()?;
		audit.0.requester = Some(auth::address(&account));
		audit.0.purpose = scope.purpose.map(|p| auth::purpose_name(p).to_string());
		audit.0.on_behalf_of = scope.on_behalf_of.map(i64::from);
		audit.0.record_id = scope.record.and_then(|r| i64::try_from(r).ok());
		self.rate_limit(&auth::address(&account))?;
		let nonce = hex::encode(rand::random::<[u8; 32]>());
		let expires_at = now_ms().saturating_add(
			i64::try_from(self.config.challenge_ttl.as_millis()).unwrap_or(i64::MAX),
		);
		let message =
			auth::challenge_text(&self.config.gateway_id, &account, &scope, &nonce, expires_at);
		self.db
			.insert_challenge(&nonce, &auth::address(&account), &message, expires_at)
			.await?;
		Ok(IssuedChallenge { nonce, message, expires_at })
	}

	/// Authenticates a request for `operation` (on `record`, for `recipient`): an answered
	/// challenge issued for exactly that, or — for reads and audit reads — a live session.
	pub async fn authenticate(
		&self,
		authorization: Option<&str>,
		operation: Operation,
		record: Option<RecordId>,
		recipient: Option<&AccountId>,
		audit: &mut Audit,
	) -> Result<Requester, ApiError> {
		let requester = match auth::parse_authorization(authorization)? {
			Credentials::Bearer(token) => {
				if !matches!(operation, Operation::Read | Operation::Audit) {
					return Err(AuthError::WrongScope(
						"reads only: this operation needs its own signed challenge".into(),
					)
					.into());
				}
				let token_hash = hex::encode(Sha256::digest(token.as_bytes()));
				let session = self.session(&token_hash).await?.ok_or(AuthError::UnknownSession)?;
				let account = auth::parse_account(&session.account)?;
				Requester {
					address: session.account.clone(),
					account,
					purpose: Some(auth::parse_purpose(&session.purpose)?),
					on_behalf_of: session
						.on_behalf_of
						.map(|i| InstitutionId::try_from(i).map_err(|_| AuthError::UnknownSession))
						.transpose()?,
				}
			},
			Credentials::Challenge { nonce, signature } => {
				let (address, message, expires_at, used_at) =
					self.db.challenge(&nonce).await?.ok_or(AuthError::UnknownChallenge)?;
				audit.0.requester = Some(address.clone());
				if used_at.is_some() {
					return Err(AuthError::Replayed.into());
				}
				if expires_at <= now_ms() {
					return Err(AuthError::Expired.into());
				}
				let (account, scope) = auth::scope_of_text(&message)?;
				if !auth::verify_signature(&account, message.as_bytes(), &signature) {
					return Err(AuthError::BadSignature.into());
				}
				let wanted = Scope {
					operation,
					record,
					purpose: scope.purpose,
					on_behalf_of: scope.on_behalf_of,
					recipient: recipient.cloned(),
				};
				if scope != wanted {
					return Err(AuthError::WrongScope(format!(
						"{} of record {:?}",
						scope.operation.as_str(),
						scope.record
					))
					.into());
				}
				// Only now is the challenge spent; of two racing requests one wins.
				if !self.db.consume_challenge(&nonce, now_ms()).await? {
					return Err(AuthError::Replayed.into());
				}
				Requester {
					address,
					account,
					purpose: scope.purpose,
					on_behalf_of: scope.on_behalf_of,
				}
			},
		};
		audit.requester(&requester);
		self.rate_limit(&requester.address)?;
		Ok(requester)
	}

	/// Opens a session for an authenticated `session` challenge.
	pub async fn open_session(&self, requester: &Requester) -> Result<IssuedSession, ApiError> {
		let purpose = requester
			.purpose
			.ok_or_else(|| ApiError::bad_request("a session needs a purpose of use"))?;
		let token = base64::Engine::encode(
			&base64::engine::general_purpose::URL_SAFE_NO_PAD,
			rand::random::<[u8; 32]>(),
		);
		let expires_at = now_ms()
			.saturating_add(i64::try_from(self.config.session_ttl.as_millis()).unwrap_or(i64::MAX));
		let session = Session {
			account: requester.address.clone(),
			purpose: auth::purpose_name(purpose).into(),
			on_behalf_of: requester.on_behalf_of.map(i64::from),
			expires_at,
		};
		let token_hash = hex::encode(Sha256::digest(token.as_bytes()));
		self.db.insert_session(&token_hash, &session).await?;
		self.memo().sessions.insert(token_hash, session.clone());
		Ok(IssuedSession {
			token,
			expires_at,
			purpose: session.purpose,
			on_behalf_of: requester.on_behalf_of,
		})
	}

	// ---- sessions, documents and key envelopes, remembered ----

	fn memo(&self) -> std::sync::MutexGuard<'_, Memo> {
		let mut memo = self.memo.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		if memo.len() > MAX_MEMO {
			*memo = Memo::default();
		}
		memo
	}

	/// The live session with this token hash.
	async fn session(&self, token_hash: &str) -> Result<Option<Session>, ApiError> {
		let now = now_ms();
		if let Some(session) = self.memo().sessions.get(token_hash).filter(|s| s.expires_at > now) {
			return Ok(Some(session.clone()));
		}
		let session = self.db.session(token_hash, now).await?;
		if let Some(session) = &session {
			self.memo().sessions.insert(token_hash.to_string(), session.clone());
		}
		Ok(session)
	}

	/// The document stored for a record.
	async fn document(&self, key: i64) -> Result<Option<Document>, ApiError> {
		if let Some(document) = self.memo().documents.get(&key) {
			return Ok(Some(document.clone()));
		}
		let document = self.db.document(key).await?;
		if let Some(document) = &document {
			self.memo().documents.insert(key, document.clone());
		}
		Ok(document)
	}

	/// `recipient`'s wrapped data key of a record.
	async fn envelope(&self, key: i64, recipient: &str) -> Result<Option<KeyEnvelope>, ApiError> {
		let memo_key = (key, recipient.to_string());
		if let Some(envelope) = self.memo().envelopes.get(&memo_key) {
			return Ok(Some(envelope.clone()));
		}
		let envelope = self.db.envelope(key, recipient).await?;
		if let Some(envelope) = &envelope {
			self.memo().envelopes.insert(memo_key, envelope.clone());
		}
		Ok(envelope)
	}

	// ---- chain questions, cached per finalized block ----

	async fn record_at(&self, at: BlockRef, id: RecordId) -> Result<Option<ChainRecord>, ApiError> {
		if let Some(found) =
			self.cache.lock().unwrap_or_else(|p| p.into_inner()).at(&at).records.get(&id)
		{
			return Ok(found.clone());
		}
		let found = self.chain.record(at, id).await?;
		self.cache
			.lock()
			.unwrap_or_else(|p| p.into_inner())
			.at(&at)
			.records
			.insert(id, found.clone());
		Ok(found)
	}

	async fn decision_at(
		&self,
		at: BlockRef,
		requester: &Requester,
		id: RecordId,
		action: Action,
		purpose: Purpose,
	) -> Result<AccessDecision, ApiError> {
		let key = (requester.account.clone(), requester.on_behalf_of, id, action, purpose);
		if let Some(found) =
			self.cache.lock().unwrap_or_else(|p| p.into_inner()).at(&at).decisions.get(&key)
		{
			return Ok(*found);
		}
		let found = self
			.chain
			.may_access_record(at, &requester.account, requester.on_behalf_of, id, action, purpose)
			.await?;
		self.cache
			.lock()
			.unwrap_or_else(|p| p.into_inner())
			.at(&at)
			.decisions
			.insert(key, found);
		Ok(found)
	}

	async fn accesses_at(
		&self,
		at: BlockRef,
		patient: &AccountId,
		accessor: &AccountId,
	) -> Result<Vec<AccessEntry>, ApiError> {
		let key = (patient.clone(), accessor.clone());
		if let Some(found) =
			self.cache.lock().unwrap_or_else(|p| p.into_inner()).at(&at).accesses.get(&key)
		{
			return Ok(found.clone());
		}
		let found = self.chain.accesses_by(at, patient, accessor).await?;
		self.cache
			.lock()
			.unwrap_or_else(|p| p.into_inner())
			.at(&at)
			.accesses
			.insert(key, found.clone());
		Ok(found)
	}

	async fn chain_time_at(&self, at: BlockRef) -> Result<u64, ApiError> {
		if let Some(time) = self.cache.lock().unwrap_or_else(|p| p.into_inner()).at(&at).time {
			return Ok(time);
		}
		let time = self.chain.chain_time(at).await?;
		self.cache.lock().unwrap_or_else(|p| p.into_inner()).at(&at).time = Some(time);
		Ok(time)
	}

	/// The record at `at`, refusing unknown and erased ones (purging an erased one's bytes).
	async fn live_record(
		&self,
		at: BlockRef,
		id: RecordId,
		audit: &mut Audit,
	) -> Result<ChainRecord, ApiError> {
		let record = self.record_at(at, id).await?.ok_or_else(|| unknown_record(id))?;
		audit.record(id, Some(&record));
		if record.status == RecordStatus::Erased {
			self.purge(id, &record.content_hash).await?;
			return Err(ApiError::new(
				StatusCode::GONE,
				"RecordErased",
				format!("record {id} was erased at the patient's request; its bytes and keys are deleted"),
			));
		}
		Ok(record)
	}

	/// The read decision: the chain allows `requester` to read record `id` for their purpose
	/// (on behalf of their institution) at `at`, **and** holds their allowed, logged access to
	/// that record for that purpose, no older than the access window. The patient reading their
	/// own record is the one access the chain does not log, so it needs no log entry.
	async fn authorize_read(
		&self,
		at: BlockRef,
		requester: &Requester,
		id: RecordId,
		audit: &mut Audit,
	) -> Result<ChainRecord, ApiError> {
		let purpose = requester
			.purpose
			.ok_or_else(|| ApiError::bad_request("a read needs a purpose of use"))?;
		let (record, basis) = self.readable_record(at, requester, id, audit).await?;
		if basis == AccessBasis::Patient {
			return Ok(record);
		}
		let accesses = self.accesses_at(at, &record.patient, &requester.account).await?;
		let logged = accesses.iter().rev().find(|entry| {
			entry.record == id
				&& entry.action == Action::Read
				&& entry.purpose == purpose
				&& entry.on_behalf_of == requester.on_behalf_of
				&& matches!(entry.outcome, AccessOutcome::Allowed(_))
		});
		// Measured on the chain's clock at the decision block, which stamped the entry.
		let chain_now = self.chain_time_at(at).await?;
		let window = u64::try_from(self.config.access_window.as_millis()).unwrap_or(u64::MAX);
		match logged {
			None => Err(ApiError::new(
				StatusCode::FORBIDDEN,
				"NotLogged",
				format!(
					"no logged access to record {id} for {} by this requester{} at finalized block \
					 {}: call records.access_record first and wait for it to be finalized",
					auth::purpose_name(purpose),
					requester.on_behalf_of.map(|i| format!(" for institution {i}")).unwrap_or_default(),
					at.number
				),
			)),
			Some(entry) if chain_now.saturating_sub(entry.at) > window => Err(ApiError::new(
				StatusCode::FORBIDDEN,
				"LoggedAccessTooOld",
				format!(
					"the latest logged access is older than {} s: log the access again",
					self.config.access_window.as_secs()
				),
			)),
			Some(_) => Ok(record),
		}
	}

	/// Whether the chain lets `requester` read record `id` for their purpose at `at` (the
	/// consent decision alone: what a `DocumentReference` search shows).
	pub async fn may_read(
		&self,
		at: BlockRef,
		requester: &Requester,
		id: RecordId,
	) -> Result<bool, ApiError> {
		let Some(purpose) = requester.purpose else { return Ok(false) };
		Ok(matches!(self.decision_at(at, requester, id, Action::Read, purpose).await?, Some(Ok(_))))
	}

	/// The grounds on which the chain lets `requester` read `patient`'s data of a FHIR resource
	/// type that is no record (`MedicationRequest`, `ResearchSubject`) for their purpose at
	/// `at`, or the chain's reason for refusing: the same consent rule as a record of that
	/// category, so a patient's grant of `AllRecords`, or of that type, opens it.
	pub async fn may_read_patient_data(
		&self,
		at: BlockRef,
		requester: &Requester,
		patient: &AccountId,
		resource_type: &str,
	) -> Result<Result<AccessBasis, AccessDenied>, ApiError> {
		if &requester.account == patient {
			return Ok(Ok(AccessBasis::Patient));
		}
		let purpose = requester
			.purpose
			.ok_or_else(|| ApiError::bad_request("a read needs a purpose of use"))?;
		let category = Category::new(CodeSystem::FhirResourceType, resource_type.as_bytes())
			.ok_or_else(|| ApiError::bad_request(format!("`{resource_type}` is no category")))?;
		let request = AccessRequest {
			actor: requester.account.clone(),
			on_behalf_of: requester.on_behalf_of,
			target: AccessTarget { patient: patient.clone(), record: None, category },
			action: Action::Read,
			purpose,
		};
		Ok(self.chain.check_access(at, request).await?)
	}

	/// The record and the grounds on which the chain lets `requester` read it for their purpose
	/// at `at`; refused in the chain's words otherwise, and gone (410) once erased.
	pub async fn readable_record(
		&self,
		at: BlockRef,
		requester: &Requester,
		id: RecordId,
		audit: &mut Audit,
	) -> Result<(ChainRecord, AccessBasis), ApiError> {
		let purpose = requester
			.purpose
			.ok_or_else(|| ApiError::bad_request("a read needs a purpose of use"))?;
		let record = self.live_record(at, id, audit).await?;
		match self.decision_at(at, requester, id, Action::Read, purpose).await? {
			None => Err(unknown_record(id)),
			Some(Err(denied)) => Err(ApiError::denied_by_chain(denied)),
			Some(Ok(basis)) => Ok((record, basis)),
		}
	}

	/// Refuses anyone but the record's author and patient: the holders of its data key.
	fn author_or_patient(record: &ChainRecord, requester: &Requester) -> Result<(), ApiError> {
		if requester.account == record.author || requester.account == record.patient {
			Ok(())
		} else {
			Err(ApiError::new(
				StatusCode::FORBIDDEN,
				"NotAuthorOrPatient",
				"only the record's author or its patient may store its bytes or keys",
			))
		}
	}

	// ---- documents ----

	/// Stores a record's encrypted bytes: only its author or patient, only bytes whose SHA-256
	/// is the record's on-chain `content_hash`, at most the configured size.
	pub async fn upload<S, E>(
		&self,
		requester: &Requester,
		id: RecordId,
		body: S,
		audit: &mut Audit,
	) -> Result<Stored, ApiError>
	where
		S: Stream<Item = Result<Bytes, E>> + Unpin,
		E: std::fmt::Display,
	{
		let at = self.decision_block()?;
		audit.block_at(at);
		let key = record_key(id)?;
		let record = self.live_record(at, id, audit).await?;
		Self::author_or_patient(&record, requester)?;
		if let Some(existing) = self.document(key).await? {
			if self.store.contains(&existing.content_hash).await? {
				return Ok(Stored {
					record: id,
					size: u64::try_from(existing.size_bytes).unwrap_or(0),
					content_hash: hex::encode(existing.content_hash),
					already_stored: true,
				});
			}
		}
		let size = self
			.store
			.put_verified(&record.content_hash, self.config.max_document_bytes, body)
			.await?;
		let document = Document {
			record_id: key,
			patient: auth::address(&record.patient),
			content_hash: record.content_hash,
			size_bytes: i64::try_from(size).unwrap_or(i64::MAX),
			uploaded_by: requester.address.clone(),
			uploaded_at: now_ms(),
			uploaded_at_block: at.number.into(),
		};
		self.db.insert_document(&document).await?;
		self.memo().documents.insert(key, document.clone());
		Ok(Stored {
			record: id,
			size,
			content_hash: hex::encode(record.content_hash),
			already_stored: false,
		})
	}

	/// Serves a record's encrypted bytes and the requester's own wrapped key, under the read
	/// decision; the bytes are re-hashed first and never served if they changed.
	pub async fn download(
		&self,
		requester: &Requester,
		id: RecordId,
		audit: &mut Audit,
	) -> Result<Download, ApiError> {
		let at = self.decision_block()?;
		audit.block_at(at);
		let key = record_key(id)?;
		let record = self.authorize_read(at, requester, id, audit).await?;
		let document = self.document(key).await?.ok_or_else(|| not_uploaded(id))?;
		let size = u64::try_from(document.size_bytes).unwrap_or(u64::MAX);
		let bytes = match self.store.get_verified(&record.content_hash, size).await {
			Ok(Some(bytes)) if document.content_hash == record.content_hash => bytes,
			Ok(_) => {
				self.metrics.integrity_failures.inc();
				tracing::error!(record = id, "ALERT: stored bytes are missing or not the record's");
				return Err(integrity_failure(id));
			},
			Err(crate::store::StoreError::HashMismatch { .. }) => {
				self.metrics.integrity_failures.inc();
				tracing::error!(
					record = id,
					"ALERT: stored bytes no longer hash to the record's content hash"
				);
				return Err(integrity_failure(id));
			},
			Err(e) => return Err(e.into()),
		};
		let envelope = self.envelope(key, &requester.address).await?;
		Ok(Download { bytes, content_hash: record.content_hash, envelope, block: at, record })
	}

	/// The requester's own wrapped data key for a record, under the read decision.
	pub async fn key(
		&self,
		requester: &Requester,
		id: RecordId,
		audit: &mut Audit,
	) -> Result<(KeyEnvelope, BlockRef), ApiError> {
		let at = self.decision_block()?;
		audit.block_at(at);
		let key = record_key(id)?;
		self.authorize_read(at, requester, id, audit).await?;
		let envelope = self.envelope(key, &requester.address).await?.ok_or_else(|| {
			ApiError::new(
				StatusCode::NOT_FOUND,
				"NoKeyForRequester",
				format!("no data key of record {id} is wrapped for this requester: ask the patient or author to share it"),
			)
		})?;
		Ok((envelope, at))
	}

	/// Stores `recipient`'s sealed copy of a record's data key: only the author or patient
	/// (who hold the data key), only for a recipient with a published key-agreement key.
	pub async fn wrap_key(
		&self,
		requester: &Requester,
		id: RecordId,
		recipient: &AccountId,
		envelope: Bytes,
		audit: &mut Audit,
	) -> Result<BlockRef, ApiError> {
		let at = self.decision_block()?;
		audit.block_at(at);
		let key = record_key(id)?;
		if !(MIN_ENVELOPE_BYTES..=MAX_ENVELOPE_BYTES).contains(&envelope.len()) {
			return Err(ApiError::bad_request(format!(
				"a key envelope is {MIN_ENVELOPE_BYTES} to {MAX_ENVELOPE_BYTES} bytes (a sealed box of the data key), not {}",
				envelope.len()
			)));
		}
		let record = self.live_record(at, id, audit).await?;
		Self::author_or_patient(&record, requester)?;
		self.document(key).await?.ok_or_else(|| not_uploaded(id))?;
		let recipient_key = self.chain.encryption_key(at, recipient).await?.ok_or_else(|| {
			ApiError::new(
				StatusCode::CONFLICT,
				"NoPublishedKey",
				"the recipient has published no encryption key on chain (records.publish_encryption_key)",
			)
		})?;
		let envelope = KeyEnvelope {
			record_id: key,
			recipient: auth::address(recipient),
			recipient_key,
			envelope: envelope.to_vec(),
			added_by: requester.address.clone(),
			added_at: now_ms(),
		};
		self.db.put_envelope(&envelope).await?;
		self.memo().envelopes.insert((key, envelope.recipient.clone()), envelope);
		Ok(at)
	}

	/// Deletes the bytes and every wrapped key of a record the chain says was erased.
	pub async fn erase(&self, id: RecordId, audit: &mut Audit) -> Result<Erased, ApiError> {
		let at = self.decision_block()?;
		audit.block_at(at);
		let record = self.record_at(at, id).await?.ok_or_else(|| unknown_record(id))?;
		audit.record(id, Some(&record));
		if record.status != RecordStatus::Erased {
			return Err(ApiError::new(
				StatusCode::CONFLICT,
				"NotErasedOnChain",
				format!(
					"record {id} is not erased at finalized block {}: the patient or a guardian \
					 calls records.erase_record first, so the chain keeps the proof",
					at.number
				),
			));
		}
		self.purge(id, &record.content_hash).await
	}

	/// Crypto-shredding: deletes the record's key envelopes and metadata, then its bytes unless
	/// another record names the same bytes.
	pub async fn purge(&self, id: RecordId, content_hash: &[u8; 32]) -> Result<Erased, ApiError> {
		let key = record_key(id)?;
		let keys_deleted = self.db.envelope_count(key).await?;
		let had_document = self.db.document(key).await?.is_some();
		{
			let mut memo = self.memo();
			memo.documents.remove(&key);
			memo.envelopes.retain(|(record, _), _| *record != key);
		}
		if !had_document && keys_deleted == 0 {
			// Purged before (or never stored): nothing is left to shred.
			return Ok(Erased { record: id, bytes_deleted: false, keys_deleted: 0 });
		}
		// The bytes go first and the rows after: a stop in between leaves the rows, so the next
		// request or the sweep purges again, and no bytes outlive the rows that find them.
		let bytes_deleted = had_document && !self.db.bytes_shared(key, content_hash).await?;
		if bytes_deleted {
			self.store.delete(content_hash).await?;
		}
		self.db.erase_document(key).await?;
		if had_document {
			tracing::info!(record = id, keys_deleted, "erased: bytes and wrapped keys deleted");
		}
		Ok(Erased { record: id, bytes_deleted, keys_deleted })
	}

	/// Audit entries about the requester's own data, after entry `after`.
	pub async fn audit_trail(
		&self,
		requester: &Requester,
		after: i64,
		limit: i64,
	) -> Result<Vec<AuditRecord>, ApiError> {
		Ok(self
			.db
			.audit_events(Some(&requester.address), None, after, limit.clamp(1, 1000))
			.await?)
	}

	/// Checks one page of stored documents against the chain and purges those whose record was
	/// erased; returns the cursor for the next page (0 after the last).
	pub async fn sweep_erased(&self, after: i64, page: i64) -> Result<i64, ApiError> {
		let at = self.decision_block()?;
		let documents = self.db.documents_after(after, page).await?;
		let mut next = 0;
		for document in &documents {
			next = document.record_id;
			let Ok(id) = RecordId::try_from(document.record_id) else { continue };
			let erased = match self.record_at(at, id).await? {
				Some(record) => record.status == RecordStatus::Erased,
				None => false,
			};
			if erased {
				let mut audit = Audit::new("erase", None);
				audit.0.record_id = Some(document.record_id);
				audit.0.patient = Some(document.patient.clone());
				audit.block_at(at);
				let result = self.purge(id, &document.content_hash).await;
				self.finish(audit, result.as_ref().err(), StatusCode::OK).await;
			}
		}
		Ok(if (documents.len() as i64) < page { 0 } else { next })
	}
}

fn not_uploaded(id: RecordId) -> ApiError {
	ApiError::new(
		StatusCode::NOT_FOUND,
		"NotUploaded",
		format!("record {id}'s document has not been uploaded to this gateway"),
	)
}

fn integrity_failure(id: RecordId) -> ApiError {
	ApiError::new(
		StatusCode::INTERNAL_SERVER_ERROR,
		"IntegrityFailure",
		format!(
			"the stored bytes of record {id} do not match its on-chain hash; they are not served"
		),
	)
}

/// Runs the background work: the erasure sweep on each finalized block and pruning of expired
/// challenges and sessions every minute.
pub async fn housekeeping(
	gateway: Arc<Gateway>,
	mut finalized: tokio::sync::watch::Receiver<Option<BlockRef>>,
) {
	let mut cursor = 0;
	let mut prune = tokio::time::interval(Duration::from_secs(60));
	loop {
		tokio::select! {
			changed = finalized.changed() => {
				if changed.is_err() { return }
				match gateway.sweep_erased(cursor, 100).await {
					Ok(next) => cursor = next,
					Err(e) => tracing::warn!(reason = %e.reason, "erasure sweep postponed: {}", e.message),
				}
			},
			_ = prune.tick() => {
				match gateway.db.prune_expired(now_ms()).await {
					Ok(0) => {},
					Ok(pruned) => tracing::debug!(pruned, "expired challenges and sessions forgotten"),
					Err(e) => tracing::warn!(error = %e, "could not prune expired challenges"),
				}
			},
		}
	}
}
