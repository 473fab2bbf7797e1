//! The gateway's rules, attacked through its HTTP API with a stand-in chain: each test performs
//! what a stranger, a fired employee, a curious clinician or a replaying eavesdropper would try,
//! and fails if the rule that stops them is removed. (The same scenarios run against a real
//! node, on SQLite and PostgreSQL, in `e2e/tests/gateway.test.mjs`.)

use std::{
	collections::HashMap,
	path::PathBuf,
	sync::{Arc, Mutex},
};

use async_trait::async_trait;
use axum::{
	body::Body,
	http::{HeaderMap, Method, Request, StatusCode},
	Router,
};
use healthchain_gateway::{
	auth::address,
	chain::{
		AccessDecision, AccessEntry, BlockRef, ChainCredential, ChainError, ChainFill, ChainGrant,
		ChainGrantee, ChainInstitution, ChainPrescription, ChainRecord, ChainTrial, Registry,
	},
	config::{AllowedOrigins, Cli, Config},
	db::Database,
	metrics::Metrics,
	store::DocumentStore,
	Gateway,
};
use healthchain_primitives::{
	consent::{AccessBasis, AccessDenied, AccessOutcome, AccessRequest, Action, Purpose},
	credentials::{InstitutionId, InstitutionKind, Jurisdiction, Role},
	provenance::Gtin,
	records::{Category, CodeSystem, RecordId},
	AccountId, Hash,
};
use http_body_util::BodyExt;
use pallet_clinical_trials::{Participation, Phase, RegistryId, TrialId, TrialStatus};
use pallet_credentials::{CredentialId, CredentialStatus, InstitutionStatus};
use pallet_prescriptions::{PrescriptionId, PrescriptionStatus};
use pallet_records::RecordStatus;
use polkadot_sdk::sp_core::{sr25519, Pair};
use sha2::{Digest, Sha256};
use tower::ServiceExt;

/// What the stand-in chain holds at its finalized block; tests change it and finalize again.
#[derive(Default)]
struct ChainState {
	block: Option<BlockRef>,
	records: HashMap<RecordId, ChainRecord>,
	decisions:
		HashMap<(AccountId, Option<InstitutionId>, RecordId), Result<AccessBasis, AccessDenied>>,
	accesses: Vec<(AccountId, AccountId, AccessEntry)>,
	keys: HashMap<AccountId, [u8; 32]>,
	/// Consent decisions on data that is no record: (actor, patient, FHIR resource type).
	patient_data: HashMap<(AccountId, AccountId, Vec<u8>), Result<AccessBasis, AccessDenied>>,
	credentials: Vec<(CredentialId, ChainCredential)>,
	institutions: HashMap<InstitutionId, ChainInstitution>,
	affiliations: HashMap<InstitutionId, Vec<AccountId>>,
	prescriptions: std::collections::BTreeMap<PrescriptionId, (ChainPrescription, Vec<ChainFill>)>,
	trials: HashMap<TrialId, ChainTrial>,
	enrolments: HashMap<(TrialId, AccountId), Participation>,
}

#[derive(Default)]
struct FakeChain(Mutex<ChainState>);

impl FakeChain {
	fn with<R>(&self, f: impl FnOnce(&mut ChainState) -> R) -> R {
		f(&mut self.0.lock().unwrap())
	}

	/// Finalizes a new block: the gateway's cached answers no longer apply.
	fn finalize(&self) {
		self.with(|state| {
			let number = state.block.map(|b| b.number + 1).unwrap_or(1);
			state.block = Some(BlockRef { number, hash: Hash::repeat_byte(number as u8) });
		})
	}
}

#[async_trait]
impl Registry for FakeChain {
	fn finalized(&self) -> Option<BlockRef> {
		self.with(|state| state.block)
	}
	fn connected(&self) -> bool {
		true
	}
	async fn record(&self, _: BlockRef, id: RecordId) -> Result<Option<ChainRecord>, ChainError> {
		Ok(self.with(|state| state.records.get(&id).cloned()))
	}
	async fn may_access_record(
		&self,
		_: BlockRef,
		actor: &AccountId,
		on_behalf_of: Option<InstitutionId>,
		record: RecordId,
		_: Action,
		_: Purpose,
	) -> Result<AccessDecision, ChainError> {
		Ok(self.with(|state| {
			let found = state.records.get(&record)?;
			if &found.patient == actor {
				return Some(Ok(AccessBasis::Patient));
			}
			Some(
				state
					.decisions
					.get(&(actor.clone(), on_behalf_of, record))
					.copied()
					.unwrap_or(Err(AccessDenied::NoGrant)),
			)
		}))
	}
	async fn accesses_by(
		&self,
		_: BlockRef,
		patient: &AccountId,
		accessor: &AccountId,
	) -> Result<Vec<AccessEntry>, ChainError> {
		Ok(self.with(|state| {
			state
				.accesses
				.iter()
				.filter(|(p, a, _)| p == patient && a == accessor)
				.map(|(_, _, entry)| entry.clone())
				.collect()
		}))
	}
	async fn encryption_key(
		&self,
		_: BlockRef,
		who: &AccountId,
	) -> Result<Option<[u8; 32]>, ChainError> {
		Ok(self.with(|state| state.keys.get(who).copied()))
	}
	async fn chain_time(&self, _: BlockRef) -> Result<u64, ChainError> {
		Ok(now_ms())
	}
	async fn records_of(
		&self,
		_: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(RecordId, ChainRecord)>, ChainError> {
		Ok(self.with(|state| {
			let mut records: Vec<_> = state
				.records
				.iter()
				.filter(|(_, r)| &r.patient == patient)
				.map(|(id, r)| (*id, r.clone()))
				.collect();
			records.sort_by_key(|(id, _)| *id);
			records
		}))
	}
	async fn grants_of(
		&self,
		_: BlockRef,
		_: &AccountId,
	) -> Result<Vec<(ChainGrantee, Purpose, ChainGrant)>, ChainError> {
		Ok(Vec::new())
	}
	async fn access_log(
		&self,
		_: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<AccessEntry>, ChainError> {
		Ok(self.with(|state| {
			state
				.accesses
				.iter()
				.filter(|(p, _, _)| p == patient)
				.map(|(_, _, e)| e.clone())
				.collect()
		}))
	}
	async fn check_access(
		&self,
		_: BlockRef,
		request: AccessRequest<AccountId>,
	) -> Result<Result<AccessBasis, AccessDenied>, ChainError> {
		if request.actor == request.target.patient {
			return Ok(Ok(AccessBasis::Patient));
		}
		let key = (request.actor, request.target.patient, request.target.category.code.to_vec());
		Ok(self
			.with(|state| state.patient_data.get(&key).copied())
			.unwrap_or(Err(AccessDenied::NoGrant)))
	}
	async fn credentials_of(
		&self,
		_: BlockRef,
		who: &AccountId,
	) -> Result<Vec<(CredentialId, ChainCredential)>, ChainError> {
		Ok(self.with(|state| {
			state.credentials.iter().filter(|(_, c)| &c.holder == who).cloned().collect()
		}))
	}
	async fn institution(
		&self,
		_: BlockRef,
		id: InstitutionId,
	) -> Result<Option<ChainInstitution>, ChainError> {
		Ok(self.with(|state| state.institutions.get(&id).cloned()))
	}
	async fn practitioners_of(
		&self,
		_: BlockRef,
		id: InstitutionId,
	) -> Result<Vec<AccountId>, ChainError> {
		Ok(self.with(|state| state.affiliations.get(&id).cloned().unwrap_or_default()))
	}
	async fn prescription(
		&self,
		_: BlockRef,
		id: PrescriptionId,
	) -> Result<Option<(ChainPrescription, Vec<ChainFill>)>, ChainError> {
		Ok(self.with(|state| state.prescriptions.get(&id).cloned()))
	}
	async fn prescriptions_of(
		&self,
		_: BlockRef,
		patient: &AccountId,
	) -> Result<Vec<(PrescriptionId, ChainPrescription)>, ChainError> {
		Ok(self.with(|state| {
			state
				.prescriptions
				.iter()
				.filter(|(_, (p, _))| &p.patient == patient)
				.map(|(id, (p, _))| (*id, p.clone()))
				.collect()
		}))
	}
	async fn trial(&self, _: BlockRef, id: TrialId) -> Result<Option<ChainTrial>, ChainError> {
		Ok(self.with(|state| state.trials.get(&id).cloned()))
	}
	async fn trial_by_registry_id(
		&self,
		_: BlockRef,
		registry_id: RegistryId,
	) -> Result<Option<TrialId>, ChainError> {
		Ok(self.with(|state| {
			state
				.trials
				.iter()
				.find(|(_, t)| t.registry_id == registry_id)
				.map(|(id, _)| *id)
		}))
	}
	async fn participation(
		&self,
		_: BlockRef,
		id: TrialId,
		participant: &AccountId,
	) -> Result<Participation, ChainError> {
		Ok(self.with(|state| {
			state
				.enrolments
				.get(&(id, participant.clone()))
				.copied()
				.unwrap_or(Participation::NotEnrolled)
		}))
	}
}

fn pair(name: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(&format!("//{name}"), None).unwrap()
}

fn account(name: &str) -> AccountId {
	AccountId::from(pair(name).public())
}

const CIPHERTEXT: &[u8] = b"an encrypted discharge summary";

fn now_ms() -> u64 {
	healthchain_gateway::gateway::now_ms() as u64
}

struct Harness {
	gateway: Arc<Gateway>,
	router: Router,
	chain: Arc<FakeChain>,
	dir: PathBuf,
}

impl Drop for Harness {
	fn drop(&mut self) {
		let _ = std::fs::remove_dir_all(&self.dir);
	}
}

/// A gateway on SQLite in a temporary directory, over a chain where Alice (patient) has record
/// 1, written by Bob (her physician), holding [`CIPHERTEXT`].
async fn harness_with(configure: impl FnOnce(&mut Config)) -> Harness {
	let dir = std::env::temp_dir().join(format!(
		"gw-enforcement-{}-{}",
		std::process::id(),
		rand::random::<u64>()
	));
	let mut config = Config::resolve(
		Cli {
			data_dir: Some(dir.clone()),
			rate_limit: Some(1_000),
			rate_burst: Some(1_000),
			..Default::default()
		},
		|_| None,
	)
	.unwrap();
	configure(&mut config);
	let db = Database::connect(&config.database_url).await.unwrap();
	let store = DocumentStore::open(&config.object_store).unwrap();
	let chain = Arc::new(FakeChain::default());
	chain.with(|state| {
		state.records.insert(1, record(CIPHERTEXT, RecordStatus::Current));
		state.keys.insert(account("Bob"), [2; 32]);
		state.keys.insert(account("Charlie"), [3; 32]);
	});
	chain.finalize();
	let gateway = Gateway::new(config, chain.clone(), db, store, Metrics::new());
	let router = healthchain_gateway::http::router(gateway.clone());
	Harness { gateway, router, chain, dir }
}

async fn harness() -> Harness {
	harness_with(|_| {}).await
}

fn record(bytes: &[u8], status: RecordStatus) -> ChainRecord {
	ChainRecord {
		patient: account("Alice"),
		author: account("Bob"),
		category: Category::new(CodeSystem::FhirResourceType, b"DocumentReference").unwrap(),
		content_hash: Sha256::digest(bytes).into(),
		pointer: b"https://gateway.example/records/1".to_vec(),
		created_at: 0,
		version: 1,
		supersedes: None,
		superseded_by: None,
		amendment_reason: None,
		status,
		deposit: 0,
	}
}

struct Reply {
	status: StatusCode,
	headers: HeaderMap,
	body: Vec<u8>,
}

impl Reply {
	/// The ids of a FHIR search's matches.
	fn ids(&self) -> Vec<String> {
		self.json()["entry"]
			.as_array()
			.map(|entries| {
				entries
					.iter()
					.map(|e| e["resource"]["id"].as_str().unwrap().to_string())
					.collect()
			})
			.unwrap_or_default()
	}
	/// The reason code of a FHIR `OperationOutcome`.
	fn outcome(&self) -> String {
		self.json()["issue"][0]["details"]["coding"][0]["code"]
			.as_str()
			.unwrap_or_default()
			.into()
	}
	fn json(&self) -> serde_json::Value {
		serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
	}
	/// The reason code of an error reply.
	fn reason(&self) -> String {
		self.json()["error"].as_str().unwrap_or_default().to_string()
	}
}

impl Harness {
	async fn call(&self, method: Method, uri: &str, auth: Option<&str>, body: Vec<u8>) -> Reply {
		let mut request = Request::builder().method(method).uri(uri);
		if let Some(auth) = auth {
			request = request.header("authorization", auth);
		}
		let response = self
			.router
			.clone()
			.oneshot(request.body(Body::from(body)).unwrap())
			.await
			.unwrap();
		let status = response.status();
		let headers = response.headers().clone();
		let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
		Reply { status, headers, body }
	}

	/// Asks for a challenge and returns the Authorization header that answers it.
	async fn signed(&self, who: &str, request: serde_json::Value) -> String {
		let mut request = request;
		request["account"] = address(&account(who)).into();
		let reply = self
			.call(Method::POST, "/auth/challenge", None, serde_json::to_vec(&request).unwrap())
			.await;
		assert_eq!(reply.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&reply.body));
		let challenge = reply.json();
		let message = challenge["message"].as_str().unwrap();
		let signature = pair(who).sign(message.as_bytes());
		format!(
			"HealthChain {}.0x{}",
			challenge["nonce"].as_str().unwrap(),
			hex::encode(signature.0)
		)
	}

	async fn read_auth(&self, who: &str, record: u64) -> String {
		self.signed(
			who,
			serde_json::json!({ "operation": "read", "record": record, "purpose": "Treatment" }),
		)
		.await
	}

	async fn upload_as(&self, who: &str, bytes: &[u8]) -> Reply {
		let auth = self
			.signed(who, serde_json::json!({ "operation": "upload", "record": 1 }))
			.await;
		self.call(Method::PUT, "/records/1/content", Some(&auth), bytes.to_vec()).await
	}

	async fn download_as(&self, who: &str) -> Reply {
		let auth = self.read_auth(who, 1).await;
		self.call(Method::GET, "/records/1/content", Some(&auth), Vec::new()).await
	}

	/// Charlie (a physician) holds a live grant to read Alice's record 1 for treatment.
	fn grant_charlie(&self) {
		self.chain.with(|state| {
			state.decisions.insert((account("Charlie"), None, 1), Ok(AccessBasis::Grant(1)));
		});
		self.chain.finalize();
	}

	/// The chain logs Charlie's access to record 1 at `at_ms` with this purpose and outcome.
	fn log_charlie(&self, at_ms: u64, purpose: Purpose, outcome: AccessOutcome) {
		self.chain.with(|state| {
			let number = state.accesses.len() as u64;
			state.accesses.push((
				account("Alice"),
				account("Charlie"),
				AccessEntry {
					number,
					accessor: account("Charlie"),
					on_behalf_of: None,
					record: 1,
					action: Action::Read,
					purpose,
					outcome,
					at: at_ms,
				},
			));
		});
		self.chain.finalize();
	}

	/// A FHIR session for `who`, for treatment.
	async fn session(&self, who: &str) -> String {
		let auth = self
			.signed(who, serde_json::json!({ "operation": "session", "purpose": "Treatment" }))
			.await;
		let reply = self.call(Method::POST, "/auth/session", Some(&auth), vec![]).await;
		format!("Bearer {}", reply.json()["token"].as_str().unwrap())
	}

	/// A FHIR read with a session.
	async fn fhir(&self, session: &str, uri: &str) -> Reply {
		self.call(Method::GET, uri, Some(session), vec![]).await
	}

	async fn audit_trail(&self) -> Vec<healthchain_gateway::db::AuditRecord> {
		self.gateway.db.audit_events(None, None, 0, 1000).await.unwrap()
	}
}

#[tokio::test]
async fn only_the_author_or_patient_uploads_and_only_the_bytes_the_chain_hashed() {
	let h = harness().await;
	// A stranger cannot fill the record's slot.
	let reply = h.upload_as("Eve", CIPHERTEXT).await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::FORBIDDEN, "NotAuthorOrPatient")
	);
	// Tampered bytes: 409, with the two hashes named.
	let reply = h.upload_as("Bob", b"an encrypted discharge summarY").await;
	assert_eq!((reply.status, reply.reason().as_str()), (StatusCode::CONFLICT, "HashMismatch"));
	assert!(reply.json()["message"]
		.as_str()
		.unwrap()
		.contains(&hex::encode(Sha256::digest(CIPHERTEXT))));
	// The author's exact bytes are stored; uploading them again changes nothing.
	let reply = h.upload_as("Bob", CIPHERTEXT).await;
	assert_eq!(reply.status, StatusCode::CREATED, "{}", String::from_utf8_lossy(&reply.body));
	assert_eq!(reply.json()["size"], CIPHERTEXT.len());
	assert_eq!(h.upload_as("Alice", CIPHERTEXT).await.status, StatusCode::OK);
	// A record the chain does not hold.
	let auth = h.signed("Bob", serde_json::json!({ "operation": "upload", "record": 9 })).await;
	let reply = h
		.call(Method::PUT, "/records/9/content", Some(&auth), CIPHERTEXT.to_vec())
		.await;
	assert_eq!((reply.status, reply.reason().as_str()), (StatusCode::NOT_FOUND, "UnknownRecord"));
}

#[tokio::test]
async fn an_upload_larger_than_the_limit_is_refused() {
	let h = harness_with(|config| config.max_document_bytes = 8).await;
	let reply = h.upload_as("Bob", CIPHERTEXT).await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::PAYLOAD_TOO_LARGE, "DocumentTooLarge")
	);
}

#[tokio::test]
async fn a_download_needs_consent_and_a_logged_access_and_stops_at_revocation() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);

	// No grant: refused in the chain's words.
	let reply = h.download_as("Charlie").await;
	assert_eq!((reply.status, reply.reason().as_str()), (StatusCode::FORBIDDEN, "NoGrant"));
	// A grant, but no logged access: logging is not voluntary.
	h.grant_charlie();
	let reply = h.download_as("Charlie").await;
	assert_eq!((reply.status, reply.reason().as_str()), (StatusCode::FORBIDDEN, "NotLogged"));
	// A logged access for another purpose, or a refused one, does not count.
	h.log_charlie(now_ms(), Purpose::Research, AccessOutcome::Allowed(AccessBasis::Grant(1)));
	h.log_charlie(now_ms(), Purpose::Treatment, AccessOutcome::Denied(AccessDenied::NoGrant));
	assert_eq!(h.download_as("Charlie").await.reason(), "NotLogged");
	// With the logged access, the exact bytes come back, with the decision block.
	h.log_charlie(now_ms(), Purpose::Treatment, AccessOutcome::Allowed(AccessBasis::Grant(1)));
	let reply = h.download_as("Charlie").await;
	assert_eq!(reply.status, StatusCode::OK);
	assert_eq!(reply.body, CIPHERTEXT);
	assert!(reply.headers.contains_key("x-healthchain-decision-block"));
	// The patient revokes: from the next finalized block on, refused.
	h.chain.with(|state| {
		state
			.decisions
			.insert((account("Charlie"), None, 1), Err(AccessDenied::GrantRevoked));
	});
	h.chain.finalize();
	let reply = h.download_as("Charlie").await;
	assert_eq!((reply.status, reply.reason().as_str()), (StatusCode::FORBIDDEN, "GrantRevoked"));
}

#[tokio::test]
async fn a_logged_access_older_than_the_window_does_not_open_the_bytes() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	h.grant_charlie();
	let window_ms = h.gateway.config.access_window.as_millis() as u64;
	h.log_charlie(
		now_ms() - window_ms - 60_000,
		Purpose::Treatment,
		AccessOutcome::Allowed(AccessBasis::Grant(1)),
	);
	let reply = h.download_as("Charlie").await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::FORBIDDEN, "LoggedAccessTooOld")
	);
}

#[tokio::test]
async fn challenges_are_single_use_bound_to_their_request_and_short_lived() {
	let h = harness_with(|config| config.challenge_ttl = std::time::Duration::from_secs(1)).await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	// Replay: the second use of the same answered challenge is refused.
	let auth = h.read_auth("Alice", 1).await;
	// (The first use is answered on its merits: no data key is wrapped for Alice here.)
	assert_eq!(
		h.call(Method::GET, "/records/1/key", Some(&auth), vec![]).await.reason(),
		"NoKeyForRequester"
	);
	let reply = h.call(Method::GET, "/records/1/content", Some(&auth), vec![]).await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::UNAUTHORIZED, "ChallengeReplayed")
	);
	// A challenge for another record does not open this one.
	let auth = h.read_auth("Alice", 2).await;
	let reply = h.call(Method::GET, "/records/1/content", Some(&auth), vec![]).await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::FORBIDDEN, "ChallengeScopeMismatch")
	);
	// Someone else's signature over Alice's challenge.
	let request = serde_json::json!({
		"account": address(&account("Alice")), "operation": "read", "record": 1, "purpose": "Treatment"
	});
	let reply = h
		.call(Method::POST, "/auth/challenge", None, serde_json::to_vec(&request).unwrap())
		.await;
	let challenge = reply.json();
	let forged = pair("Eve").sign(challenge["message"].as_str().unwrap().as_bytes());
	let auth =
		format!("HealthChain {}.0x{}", challenge["nonce"].as_str().unwrap(), hex::encode(forged.0));
	let reply = h.call(Method::GET, "/records/1/content", Some(&auth), vec![]).await;
	assert_eq!((reply.status, reply.reason().as_str()), (StatusCode::UNAUTHORIZED, "BadSignature"));
	// Expiry: an answer after the challenge's time is refused.
	let auth = h.read_auth("Alice", 1).await;
	tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
	let reply = h.call(Method::GET, "/records/1/content", Some(&auth), vec![]).await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::UNAUTHORIZED, "ChallengeExpired")
	);
	// No credentials at all, or an invented nonce.
	let reply = h.call(Method::GET, "/records/1/content", None, vec![]).await;
	assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
	assert!(reply.headers.contains_key("www-authenticate"));
	let auth = format!("HealthChain {}.0x{}", "00".repeat(32), "11".repeat(64));
	assert_eq!(
		h.call(Method::GET, "/records/1/content", Some(&auth), vec![]).await.reason(),
		"UnknownChallenge"
	);
}

#[tokio::test]
async fn wrapped_keys_are_stored_by_key_holders_and_served_only_to_their_recipient() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	let envelope = vec![9u8; 80];
	let wrap = |who: &'static str, recipient: &'static str, body: Vec<u8>| {
		let h = &h;
		async move {
			let auth = h
				.signed(
					who,
					serde_json::json!({
						"operation": "wrap-key", "record": 1, "recipient": address(&account(recipient))
					}),
				)
				.await;
			let uri = format!("/records/1/keys/{}", address(&account(recipient)));
			h.call(Method::PUT, &uri, Some(&auth), body).await
		}
	};
	// A stranger cannot plant a key; a recipient without a published key cannot get one; an
	// envelope must have the size of a sealed key.
	assert_eq!(wrap("Eve", "Charlie", envelope.clone()).await.reason(), "NotAuthorOrPatient");
	assert_eq!(wrap("Alice", "Dave", envelope.clone()).await.reason(), "NoPublishedKey");
	assert_eq!(wrap("Alice", "Charlie", vec![1; 10]).await.reason(), "BadRequest");
	// The patient wraps the key for Charlie.
	assert_eq!(wrap("Alice", "Charlie", envelope.clone()).await.status, StatusCode::CREATED);

	// Charlie, granted and logged, receives his envelope with the bytes and on its own.
	h.grant_charlie();
	h.log_charlie(now_ms(), Purpose::Treatment, AccessOutcome::Allowed(AccessBasis::Grant(1)));
	let reply = h.download_as("Charlie").await;
	let header = reply
		.headers
		.get("x-healthchain-wrapped-key")
		.unwrap()
		.to_str()
		.unwrap()
		.to_string();
	assert_eq!(
		base64::Engine::decode(&base64::engine::general_purpose::STANDARD, header).unwrap(),
		envelope
	);
	let auth = h.read_auth("Charlie", 1).await;
	let reply = h.call(Method::GET, "/records/1/key", Some(&auth), vec![]).await;
	assert_eq!(reply.status, StatusCode::OK);
	assert_eq!(reply.json()["recipient_key"], format!("0x{}", hex::encode([3u8; 32])));
	// A stranger gets neither the bytes nor any key.
	assert_eq!(h.download_as("Eve").await.reason(), "NoGrant");
	let auth = h.read_auth("Eve", 1).await;
	assert_eq!(
		h.call(Method::GET, "/records/1/key", Some(&auth), vec![]).await.status,
		StatusCode::FORBIDDEN
	);
}

#[tokio::test]
async fn erasure_follows_the_chain_and_shreds_bytes_and_keys() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	h.gateway
		.db
		.put_envelope(&healthchain_gateway::db::KeyEnvelope {
			record_id: 1,
			recipient: address(&account("Charlie")),
			recipient_key: [3; 32],
			envelope: vec![9; 80],
			added_by: address(&account("Alice")),
			added_at: 0,
		})
		.await
		.unwrap();
	let erase = || async {
		let auth = h
			.signed("Alice", serde_json::json!({ "operation": "erase", "record": 1 }))
			.await;
		h.call(Method::DELETE, "/records/1", Some(&auth), vec![]).await
	};
	// Not before the chain records the erasure: the chain keeps the proof.
	let reply = erase().await;
	assert_eq!((reply.status, reply.reason().as_str()), (StatusCode::CONFLICT, "NotErasedOnChain"));
	h.chain
		.with(|state| state.records.insert(1, record(CIPHERTEXT, RecordStatus::Erased)));
	h.chain.finalize();
	let reply = erase().await;
	assert_eq!(reply.status, StatusCode::OK);
	assert_eq!(reply.json()["bytes_deleted"], true);
	assert_eq!(reply.json()["keys_deleted"], 1);
	let hash: [u8; 32] = Sha256::digest(CIPHERTEXT).into();
	assert!(!h.gateway.store.contains(&hash).await.unwrap());
	assert_eq!(h.gateway.db.document(1).await.unwrap(), None);
	assert_eq!(h.gateway.db.envelope_count(1).await.unwrap(), 0);
	// Afterwards the record is gone for everyone, the patient included.
	assert_eq!(h.download_as("Alice").await.status, StatusCode::GONE);
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::GONE);
}

#[tokio::test]
async fn the_sweep_shreds_what_the_chain_erased_without_anyone_asking() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	h.chain
		.with(|state| state.records.insert(1, record(CIPHERTEXT, RecordStatus::Erased)));
	h.chain.finalize();
	assert_eq!(h.gateway.sweep_erased(0, 100).await.unwrap(), 0);
	assert_eq!(h.gateway.db.document(1).await.unwrap(), None);
	let trail = h.audit_trail().await;
	assert!(trail
		.iter()
		.any(|e| e.operation == "erase" && e.outcome == "success" && e.requester.is_none()));
}

#[tokio::test]
async fn bytes_changed_at_rest_are_never_served() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	let hex = hex::encode(Sha256::digest(CIPHERTEXT));
	let path = h.dir.join("documents").join("sha256").join(&hex[..2]).join(&hex);
	std::fs::write(path, b"something else entirely").unwrap();
	let reply = h.download_as("Alice").await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::INTERNAL_SERVER_ERROR, "IntegrityFailure")
	);
	assert!(h.gateway.metrics.render().contains("healthchain_gateway_integrity_failures 1"));
}

#[tokio::test]
async fn sessions_serve_reads_only() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	let auth = h
		.signed("Alice", serde_json::json!({ "operation": "session", "purpose": "Treatment" }))
		.await;
	let reply = h.call(Method::POST, "/auth/session", Some(&auth), vec![]).await;
	assert_eq!(reply.status, StatusCode::CREATED);
	let bearer = format!("Bearer {}", reply.json()["token"].as_str().unwrap());
	// The patient reads her own record without a log entry: the chain logs others' reads only.
	for _ in 0..3 {
		let reply = h.call(Method::GET, "/records/1/content", Some(&bearer), vec![]).await;
		assert_eq!(reply.status, StatusCode::OK);
	}
	let reply = h
		.call(Method::PUT, "/records/1/content", Some(&bearer), CIPHERTEXT.to_vec())
		.await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::FORBIDDEN, "ChallengeScopeMismatch")
	);
	let reply = h.call(Method::GET, "/records/1/content", Some("Bearer made-up"), vec![]).await;
	assert_eq!(reply.reason(), "UnknownSession");
}

#[tokio::test]
async fn without_a_finalized_block_nothing_is_decided() {
	let h = harness().await;
	h.chain.with(|state| state.block = None);
	let reply = h.upload_as("Bob", CIPHERTEXT).await;
	assert_eq!(
		(reply.status, reply.reason().as_str()),
		(StatusCode::SERVICE_UNAVAILABLE, "ChainUnavailable")
	);
	assert_eq!(
		h.call(Method::GET, "/healthz", None, vec![]).await.status,
		StatusCode::SERVICE_UNAVAILABLE
	);
}

#[tokio::test]
async fn one_account_cannot_flood_the_gateway() {
	let h = harness_with(|config| {
		config.rate_limit_per_second = 1;
		config.rate_limit_burst = 3;
	})
	.await;
	let request = serde_json::json!({
		"account": address(&account("Eve")), "operation": "read", "record": 1, "purpose": "Treatment"
	});
	let mut statuses = Vec::new();
	for _ in 0..5 {
		let reply = h
			.call(Method::POST, "/auth/challenge", None, serde_json::to_vec(&request).unwrap())
			.await;
		statuses.push(reply.status);
	}
	assert_eq!(&statuses[..3], &[StatusCode::CREATED; 3]);
	assert_eq!(statuses[4], StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn every_request_is_in_the_audit_trail_and_patients_read_their_own() {
	let h = harness().await;
	h.upload_as("Bob", CIPHERTEXT).await;
	h.download_as("Eve").await;
	h.call(Method::GET, "/records/1/content", None, vec![]).await;
	let trail = h.audit_trail().await;
	let summary: Vec<(String, String, Option<String>)> = trail
		.iter()
		.map(|e| (e.operation.clone(), e.outcome.clone(), e.reason.clone()))
		.collect();
	for expected in [
		("upload", "success", None),
		("read", "denied", Some("NoGrant")),
		("read", "denied", Some("AuthenticationRequired")),
	] {
		let expected =
			(expected.0.to_string(), expected.1.to_string(), expected.2.map(str::to_string));
		assert!(summary.contains(&expected), "{expected:?} missing from {summary:?}");
	}
	let eve_read = trail.iter().find(|e| e.reason.as_deref() == Some("NoGrant")).unwrap();
	assert_eq!(eve_read.requester, Some(address(&account("Eve"))));
	assert_eq!(eve_read.patient, Some(address(&account("Alice"))));
	assert_eq!(eve_read.block_number, Some(1));

	// Alice reads the entries about her data as FHIR AuditEvents; Eve sees none of them.
	let auth = h.signed("Alice", serde_json::json!({ "operation": "audit" })).await;
	let reply = h.call(Method::GET, "/audit", Some(&auth), vec![]).await;
	assert_eq!(reply.status, StatusCode::OK);
	let bundle = reply.json();
	assert_eq!(bundle["resourceType"], "Bundle");
	let events = bundle["entry"].as_array().unwrap();
	assert!(events
		.iter()
		.any(|e| e["resource"]["outcomeDesc"].as_str().unwrap_or("").starts_with("NoGrant")));
	let auth = h.signed("Eve", serde_json::json!({ "operation": "audit" })).await;
	let reply = h.call(Method::GET, "/audit", Some(&auth), vec![]).await;
	assert!(reply.json()["entry"].as_array().is_none_or(|entries| entries
		.iter()
		.all(|e| !e["resource"]["entity"].to_string().contains(&address(&account("Alice"))))));
}

#[tokio::test]
async fn the_fhir_api_shows_only_what_the_chain_lets_the_requester_read() {
	let h = harness().await;
	assert_eq!(h.upload_as("Bob", CIPHERTEXT).await.status, StatusCode::CREATED);
	// A second record of Alice's that Charlie may read, and one he may not.
	h.chain.with(|state| {
		state.records.insert(2, record(b"second", RecordStatus::Current));
		state.records.insert(3, record(b"third", RecordStatus::Current));
		state.decisions.insert((account("Charlie"), None, 2), Ok(AccessBasis::Grant(1)));
	});
	h.chain.finalize();
	let alice = address(&account("Alice"));
	let search = format!("/fhir/DocumentReference?patient={alice}");

	let charlie = h.session("Charlie").await;
	let reply = h.call(Method::GET, &search, Some(&charlie), vec![]).await;
	assert_eq!(reply.status, StatusCode::OK);
	assert_eq!(reply.headers["content-type"], "application/fhir+json");
	assert_eq!(reply.ids(), vec!["2".to_string()]);
	let alice_session = h.session("Alice").await;
	assert_eq!(h.fhir(&alice_session, &search).await.ids(), vec!["1", "2", "3"]);

	// Read by id: the attachment points at Binary, with the chain's hash and the stored size.
	let reply = h
		.call(Method::GET, "/fhir/DocumentReference/1", Some(&alice_session), vec![])
		.await;
	let document = reply.json();
	assert_eq!(document["status"], "current");
	assert_eq!(document["content"][0]["attachment"]["url"], "Binary/1");
	assert_eq!(document["content"][0]["attachment"]["size"], CIPHERTEXT.len());
	// Refusals are OperationOutcomes with the chain's reason.
	let reply = h.call(Method::GET, "/fhir/DocumentReference/3", Some(&charlie), vec![]).await;
	assert_eq!(reply.status, StatusCode::FORBIDDEN);
	assert_eq!(reply.json()["resourceType"], "OperationOutcome");
	assert_eq!(reply.json()["issue"][0]["details"]["coding"][0]["code"], "NoGrant");
	// Binary needs the logged access too (the patient's own reads are never logged on chain).
	let reply = h.call(Method::GET, "/fhir/Binary/2", Some(&charlie), vec![]).await;
	assert_eq!(reply.json()["issue"][0]["details"]["coding"][0]["code"], "NotLogged");
	let reply = h.call(Method::GET, "/fhir/Binary/1", Some(&alice_session), vec![]).await;
	assert_eq!(reply.body, CIPHERTEXT);
	// Consents and the access log are the patient's alone.
	let reply = h
		.call(Method::GET, &format!("/fhir/AuditEvent?patient={alice}"), Some(&charlie), vec![])
		.await;
	assert_eq!(reply.json()["issue"][0]["details"]["coding"][0]["code"], "OnlyThePatient");
	let reply = h
		.call(Method::GET, &format!("/fhir/Consent?patient={alice}"), Some(&alice_session), vec![])
		.await;
	assert_eq!(reply.status, StatusCode::OK);
	let reply = h
		.call(
			Method::GET,
			&format!("/fhir/AuditEvent?patient={alice}"),
			Some(&alice_session),
			vec![],
		)
		.await;
	assert!(reply.json()["entry"].as_array().unwrap().len() >= 3, "the gateway trail about Alice");
	// No credentials: an OperationOutcome asking to log in; the CapabilityStatement is public.
	let reply = h.call(Method::GET, &search, None, vec![]).await;
	assert_eq!(reply.json()["issue"][0]["code"], "login");
	let reply = h.call(Method::GET, "/fhir/metadata", None, vec![]).await;
	assert_eq!(reply.json()["fhirVersion"], "4.0.1");
}

const DAY_MS: u64 = 24 * 3600 * 1000;

/// Bob prescribes Alice prescription 7 (two packs, one repeat); Dave, a pharmacist at pharmacy
/// 5, has handed over the first fill.
fn prescribe(h: &Harness) {
	let now = now_ms();
	let prescription = ChainPrescription {
		prescriber: account("Bob"),
		patient: account("Alice"),
		product: Gtin(*b"04012345678901"),
		quantity_per_fill: 2,
		repeats_allowed: 1,
		valid_from: now - DAY_MS,
		valid_until: now + 30 * DAY_MS,
		min_interval: 7 * DAY_MS,
		instructions_hash: [9; 32],
		issued_at: now - DAY_MS,
		fills_used: 1,
		last_fill_at: Some(now - 1000),
		status: PrescriptionStatus::Active,
		authorised_pharmacy: None,
		deposit: 0,
	};
	let fill =
		ChainFill { pharmacist: account("Dave"), pharmacy: 5, at: now - 1000, units: vec![] };
	h.chain.with(|state| {
		state.prescriptions.insert(7, (prescription, vec![fill]));
	});
	h.chain.finalize();
}

#[tokio::test]
async fn prescriptions_are_served_to_the_patient_their_writers_and_consent_only() {
	let h = harness().await;
	prescribe(&h);
	let alice = address(&account("Alice"));
	let requests = format!("/fhir/MedicationRequest?patient={alice}");
	let dispenses = format!("/fhir/MedicationDispense?patient=Patient/{alice}");
	let [alice_s, bob, charlie, dave] = [
		h.session("Alice").await,
		h.session("Bob").await,
		h.session("Charlie").await,
		h.session("Dave").await,
	];

	// The patient sees both; the prescriber sees what he wrote.
	for who in [&alice_s, &bob] {
		assert_eq!(h.fhir(who, &requests).await.ids(), vec!["7"]);
		assert_eq!(h.fhir(who, &dispenses).await.ids(), vec!["7-1"]);
	}
	let request = h.fhir(&bob, "/fhir/MedicationRequest/7").await.json();
	assert_eq!(request["status"], "active");
	assert_eq!(request["medicationCodeableConcept"]["coding"][0]["code"], "04012345678901");
	assert_eq!(request["dispenseRequest"]["numberOfRepeatsAllowed"], 1);
	assert_eq!(
		request["requester"]["reference"],
		format!("Practitioner/{}", address(&account("Bob")))
	);

	// A curious clinician without consent sees nothing, by search or by id.
	assert!(h.fhir(&charlie, &requests).await.ids().is_empty());
	assert!(h.fhir(&charlie, &dispenses).await.ids().is_empty());
	let refused = h.fhir(&charlie, "/fhir/MedicationRequest/7").await;
	assert_eq!((refused.status, refused.outcome()), (StatusCode::FORBIDDEN, "NoGrant".into()));
	assert_eq!(h.fhir(&charlie, "/fhir/MedicationDispense/7-1").await.outcome(), "NoGrant");

	// The pharmacist sees the fill he handed over, not the prescription (that takes consent).
	assert_eq!(h.fhir(&dave, "/fhir/MedicationDispense/7-1").await.status, StatusCode::OK);
	assert_eq!(h.fhir(&dave, "/fhir/MedicationRequest/7").await.outcome(), "NoGrant");

	// Alice's grant of her prescriptions opens them to Charlie, until she revokes it.
	h.chain.with(|state| {
		let key = (account("Charlie"), account("Alice"), b"MedicationRequest".to_vec());
		state.patient_data.insert(key, Ok(AccessBasis::Grant(4)));
	});
	h.chain.finalize();
	assert_eq!(h.fhir(&charlie, "/fhir/MedicationRequest/7").await.status, StatusCode::OK);
	assert_eq!(h.fhir(&charlie, &requests).await.ids(), vec!["7"]);
	// A grant of prescriptions is not one of their fills.
	assert!(h.fhir(&charlie, &dispenses).await.ids().is_empty());
	h.chain.with(|state| {
		let key = (account("Charlie"), account("Alice"), b"MedicationRequest".to_vec());
		state.patient_data.insert(key, Err(AccessDenied::GrantRevoked));
	});
	h.chain.finalize();
	assert_eq!(h.fhir(&charlie, "/fhir/MedicationRequest/7").await.outcome(), "GrantRevoked");

	// Unknown and malformed ids.
	for (uri, status) in [
		("/fhir/MedicationRequest/8", StatusCode::NOT_FOUND),
		("/fhir/MedicationDispense/7-2", StatusCode::NOT_FOUND),
		("/fhir/MedicationDispense/7-0", StatusCode::NOT_FOUND),
		("/fhir/MedicationDispense/7", StatusCode::BAD_REQUEST),
		("/fhir/MedicationRequest/seven", StatusCode::BAD_REQUEST),
		("/fhir/MedicationRequest", StatusCode::BAD_REQUEST),
	] {
		let reply = h.fhir(&alice_s, uri).await;
		assert_eq!(reply.status, status, "{uri}");
		assert_eq!(reply.json()["resourceType"], "OperationOutcome", "{uri}");
	}
	// Every one of those reads is in the trail, noted against Alice where the chain named her.
	let about_alice = h.gateway.db.audit_events(Some(&alice), None, 0, 1000).await.unwrap();
	assert!(about_alice.iter().any(|e| e.outcome == "denied"
		&& e.requester.as_deref() == Some(address(&account("Charlie")).as_str())));
}

/// Trial 3 (NCT01234567), sponsored by Eve, enrols Alice.
fn register_trial(h: &Harness) {
	let trial = ChainTrial {
		sponsor: account("Eve"),
		jurisdiction: Jurisdiction(*b"DE"),
		registry_id: RegistryId::Nct(*b"01234567"),
		registry_confirmed_by: Some(account("Ferdie")),
		phase: Phase::Phase2,
		sites: vec![5],
		target_enrolment: 100,
		registered_at: now_ms() - DAY_MS,
		recruitment_started_at: Some(now_ms()),
		locked_version: Some(0),
		version: 0,
		outcome_switches: 0,
		status: TrialStatus::Recruiting,
		results_due: None,
		results_posted: 0,
		deposit: 0,
	};
	h.chain.with(|state| {
		state.trials.insert(3, trial);
		state.enrolments.insert((3, account("Alice")), Participation::Enrolled);
	});
	h.chain.finalize();
}

#[tokio::test]
async fn a_trial_is_public_but_who_is_enrolled_is_the_patients_and_refusal_tells_nothing() {
	let h = harness().await;
	register_trial(&h);
	let [alice, charlie, eve] =
		[h.session("Alice").await, h.session("Charlie").await, h.session("Eve").await];
	let subject = |who: &str| {
		format!("/fhir/ResearchSubject?study=ResearchStudy/3&patient={}", address(&account(who)))
	};

	// The study is public: by id and by its registry number, with or without the system.
	let study = h.fhir(&charlie, "/fhir/ResearchStudy/3").await.json();
	assert_eq!(study["status"], "active");
	assert_eq!(study["phase"]["coding"][0]["code"], "phase-2");
	assert_eq!(study["identifier"][1]["value"], "NCT01234567");
	for search in ["NCT01234567", "https://clinicaltrials.gov|NCT01234567"] {
		let reply = h.fhir(&charlie, &format!("/fhir/ResearchStudy?identifier={search}")).await;
		assert_eq!(reply.ids(), vec!["3"]);
	}
	assert!(h
		.fhir(&charlie, "/fhir/ResearchStudy?identifier=NCT07654321")
		.await
		.ids()
		.is_empty());
	assert_eq!(
		h.fhir(&charlie, "/fhir/ResearchStudy?identifier=NCT0123").await.status,
		StatusCode::BAD_REQUEST
	);
	assert_eq!(h.fhir(&charlie, "/fhir/ResearchStudy/4").await.status, StatusCode::NOT_FOUND);

	// The patient and the sponsor see the enrolment.
	for who in [&alice, &eve] {
		let reply = h.fhir(who, &subject("Alice")).await;
		assert_eq!(reply.ids(), vec![format!("3-{}", address(&account("Alice")))]);
		assert_eq!(reply.json()["entry"][0]["resource"]["status"], "on-study");
	}
	// A stranger is refused alike for an enrolled and a not-enrolled patient: the refusal
	// cannot be used to learn who takes part.
	for patient in ["Alice", "Ferdie"] {
		let reply = h.fhir(&charlie, &subject(patient)).await;
		assert_eq!((reply.status, reply.outcome()), (StatusCode::FORBIDDEN, "NoGrant".into()));
		let read = format!("/fhir/ResearchSubject/3-{}", address(&account(patient)));
		assert_eq!(h.fhir(&charlie, &read).await.outcome(), "NoGrant");
	}
	// The sponsor learns a patient is not enrolled (they run the trial) and nothing more.
	assert!(h.fhir(&eve, &subject("Ferdie")).await.ids().is_empty());
	let read = format!("/fhir/ResearchSubject/3-{}", address(&account("Ferdie")));
	assert_eq!(h.fhir(&eve, &read).await.status, StatusCode::NOT_FOUND);

	// A lapsed research consent takes the participant off study.
	h.chain.with(|state| {
		state
			.enrolments
			.insert((3, account("Alice")), Participation::EnrolledConsentLapsed);
	});
	h.chain.finalize();
	let reply = h.fhir(&alice, &subject("Alice")).await;
	assert_eq!(reply.json()["entry"][0]["resource"]["status"], "off-study");
}

fn credential(holder: &str, role: Role, status: CredentialStatus, until: u64) -> ChainCredential {
	ChainCredential {
		holder: account(holder),
		role,
		jurisdiction: Jurisdiction(*b"DE"),
		licence_hash: [1; 32],
		valid_from: 0,
		valid_until: until,
		issuer: account("Ferdie"),
		status,
		deposit: 0,
	}
}

#[tokio::test]
async fn the_directory_serves_live_licences_and_affiliations_only() {
	let h = harness().await;
	let year = now_ms() + 365 * DAY_MS;
	h.chain.with(|state| {
		state.institutions.insert(
			5,
			ChainInstitution {
				kind: InstitutionKind::Pharmacy,
				jurisdiction: Jurisdiction(*b"DE"),
				admin: account("Eve"),
				details_hash: [0; 32],
				status: InstitutionStatus::Verified { by: account("Ferdie"), at: 0 },
				practitioners: 2,
				deposit: 0,
			},
		);
		state.affiliations.insert(5, vec![account("Dave"), account("Bob")]);
		state.credentials = vec![
			(1, credential("Dave", Role::Pharmacist, CredentialStatus::Active, year)),
			(2, credential("Dave", Role::Physician, CredentialStatus::Revoked, year)),
			(3, credential("Bob", Role::Physician, CredentialStatus::Active, now_ms() - 1)),
		];
	});
	h.chain.finalize();
	let s = h.session("Charlie").await;
	let dave = address(&account("Dave"));
	let bob = address(&account("Bob"));

	// A revoked licence is not a qualification; an expired one leaves an inactive practitioner.
	let practitioner = h.fhir(&s, &format!("/fhir/Practitioner/{dave}")).await.json();
	assert_eq!(practitioner["active"], true);
	assert_eq!(practitioner["qualification"].as_array().unwrap().len(), 1);
	assert_eq!(practitioner["qualification"][0]["code"]["coding"][0]["code"], "Pharmacist");
	let practitioner = h.fhir(&s, &format!("/fhir/Practitioner/{bob}")).await.json();
	assert_eq!(
		(practitioner["active"].clone(), practitioner["qualification"].clone()),
		(false.into(), serde_json::Value::Null)
	);
	let never = format!("/fhir/Practitioner/{}", address(&account("Ferdie")));
	assert_eq!(h.fhir(&s, &never).await.status, StatusCode::NOT_FOUND);
	assert_eq!(
		h.fhir(&s, "/fhir/Practitioner/not-an-address").await.status,
		StatusCode::BAD_REQUEST
	);

	let organization = h.fhir(&s, "/fhir/Organization/5").await.json();
	assert_eq!(organization["active"], true);
	assert_eq!(organization["type"][0]["coding"][0]["code"], "prov");
	assert_eq!(organization["address"][0]["country"], "DE");
	assert_eq!(h.fhir(&s, "/fhir/Organization/6").await.status, StatusCode::NOT_FOUND);

	let roles = h.fhir(&s, "/fhir/PractitionerRole?organization=Organization/5").await;
	assert_eq!(roles.ids(), vec![format!("5-{dave}"), format!("5-{bob}")]);
	let role = h.fhir(&s, &format!("/fhir/PractitionerRole/5-{dave}")).await.json();
	assert_eq!(
		(role["active"].clone(), role["code"][0]["coding"][0]["code"].clone()),
		(true.into(), "Pharmacist".into())
	);
	let unaffiliated = format!("/fhir/PractitionerRole/5-{}", address(&account("Charlie")));
	assert_eq!(h.fhir(&s, &unaffiliated).await.status, StatusCode::NOT_FOUND);

	// An authority's suspension of the pharmacy makes every role there inactive at once.
	h.chain.with(|state| {
		state.institutions.get_mut(&5).unwrap().status =
			InstitutionStatus::Suspended { by: account("Ferdie"), at: 1 };
	});
	h.chain.finalize();
	let role = h.fhir(&s, &format!("/fhir/PractitionerRole/5-{dave}")).await.json();
	assert_eq!(role["active"], false);
	assert_eq!(h.fhir(&s, "/fhir/Organization/5").await.json()["active"], false);
}

#[tokio::test]
async fn only_the_named_web_origins_may_read_answers_in_a_browser() {
	let app = "http://127.0.0.1:8090";
	let h = harness_with(|config| {
		config.allowed_origins = AllowedOrigins::List(vec![app.into()]);
	})
	.await;
	let request = |method: Method, origin: &str, preflight: bool| {
		let mut builder = Request::builder().method(method).uri("/records/1/content");
		builder = builder.header("origin", origin);
		if preflight {
			builder = builder
				.header("access-control-request-method", "GET")
				.header("access-control-request-headers", "authorization");
		}
		builder.body(Body::empty()).unwrap()
	};
	// The app's preflight is answered, naming the methods and the Authorization header.
	let reply = h.router.clone().oneshot(request(Method::OPTIONS, app, true)).await.unwrap();
	assert_eq!(reply.status(), StatusCode::NO_CONTENT);
	assert_eq!(reply.headers()["access-control-allow-origin"], app);
	assert!(reply.headers()["access-control-allow-headers"]
		.to_str()
		.unwrap()
		.contains("authorization"));
	// Its answers (a refusal here) carry the origin and expose the wrapped-key header.
	let reply = h.router.clone().oneshot(request(Method::GET, app, false)).await.unwrap();
	assert_eq!(reply.status(), StatusCode::UNAUTHORIZED);
	assert_eq!(reply.headers()["access-control-allow-origin"], app);
	assert!(reply.headers()["access-control-expose-headers"]
		.to_str()
		.unwrap()
		.contains("x-healthchain-wrapped-key"));
	// Another site's page gets no CORS headers: its browser keeps the answer from it, and a
	// preflight answers nothing it could use.
	for preflight in [true, false] {
		let method = if preflight { Method::OPTIONS } else { Method::GET };
		let reply = h
			.router
			.clone()
			.oneshot(request(method, "https://evil.example", preflight))
			.await
			.unwrap();
		assert!(!reply.headers().contains_key("access-control-allow-origin"));
		assert!(!reply.headers().contains_key("access-control-allow-headers"));
	}
	// Without --allowed-origins, not even the app's.
	let closed = harness().await;
	let reply = closed.router.clone().oneshot(request(Method::GET, app, false)).await.unwrap();
	assert!(!reply.headers().contains_key("access-control-allow-origin"));
}
