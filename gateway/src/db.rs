//! The gateway's SQL database: document metadata, key envelopes, challenges, sessions and the
//! audit trail. SQLite is the embedded default, PostgreSQL the production choice; both run the
//! same queries through `sqlx`'s `Any` driver, and each has its own migrations in
//! `migrations/<backend>/`, applied at start.

use std::{borrow::Cow, time::Duration};

use sqlx::{
	any::{AnyPoolOptions, AnyRow},
	error::BoxDynError,
	migrate::{Migration, MigrationSource, MigrationType, Migrator},
	AnyConnection, AnyPool, Row,
};
use tokio::sync::{mpsc, oneshot};

/// Which SQL database the gateway is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
	/// SQLite: one file, nothing else to run.
	Sqlite,
	/// PostgreSQL.
	Postgres,
}

impl Backend {
	/// The backend a database URL names.
	pub fn of(url: &str) -> Option<Self> {
		if url.starts_with("sqlite:") {
			Some(Backend::Sqlite)
		} else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
			Some(Backend::Postgres)
		} else {
			None
		}
	}

	/// The backend's migrations: the files in `migrations/<backend>/`, compiled in.
	fn migrations(self) -> &'static [(i64, &'static str, &'static str)] {
		match self {
			Backend::Sqlite => &[(
				1,
				"documents keys auth audit",
				include_str!("../migrations/sqlite/0001_documents_keys_auth_audit.sql"),
			)],
			Backend::Postgres => &[(
				1,
				"documents keys auth audit",
				include_str!("../migrations/postgres/0001_documents_keys_auth_audit.sql"),
			)],
		}
	}
}

/// The migrations of one backend, as `sqlx`'s migrator reads them.
#[derive(Debug)]
struct Migrations(Backend);

impl MigrationSource<'static> for Migrations {
	fn resolve(
		self,
	) -> futures_util::future::BoxFuture<'static, Result<Vec<Migration>, BoxDynError>> {
		Box::pin(async move {
			Ok(self
				.0
				.migrations()
				.iter()
				.map(|(version, description, sql)| {
					Migration::new(
						*version,
						Cow::Borrowed(*description),
						MigrationType::Simple,
						Cow::Borrowed(*sql),
						false,
					)
				})
				.collect())
		})
	}
}

/// A database error, with the operation that met it.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
	/// The database could not be reached or refused the statement.
	#[error("database: {0}")]
	Sql(#[from] sqlx::Error),
	/// The schema could not be brought up to date.
	#[error("database migration: {0}")]
	Migrate(#[from] sqlx::migrate::MigrateError),
	/// A stored value is not what the gateway wrote.
	#[error("database holds an unexpected value: {0}")]
	Corrupt(String),
	/// An audit entry could not be committed, so the request it records must not proceed.
	#[error("audit trail: {0}")]
	AuditNotWritten(String),
	/// The URL names no supported database.
	#[error("unsupported database URL (use sqlite://PATH or postgres://…)")]
	UnsupportedUrl,
}

/// A stored document's metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
	/// The on-chain record it belongs to.
	pub record_id: i64,
	/// The record's patient (SS58).
	pub patient: String,
	/// SHA-256 of the encrypted bytes: the record's on-chain `content_hash`.
	pub content_hash: [u8; 32],
	/// Size of the encrypted bytes.
	pub size_bytes: i64,
	/// Who uploaded it (SS58).
	pub uploaded_by: String,
	/// When (Unix ms).
	pub uploaded_at: i64,
	/// At which finalized block the upload was allowed.
	pub uploaded_at_block: i64,
}

/// One recipient's sealed copy of a document's data key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEnvelope {
	/// The record.
	pub record_id: i64,
	/// Whom it is sealed to (SS58).
	pub recipient: String,
	/// The recipient's published X25519 key it was sealed to.
	pub recipient_key: [u8; 32],
	/// The sealed data key.
	pub envelope: Vec<u8>,
	/// Who stored it (SS58).
	pub added_by: String,
	/// When (Unix ms).
	pub added_at: i64,
}

/// A live session: who, for what purpose, on whose behalf.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
	/// The authenticated account (SS58).
	pub account: String,
	/// The purpose of use it was opened for.
	pub purpose: String,
	/// The institution it acts for, if any.
	pub on_behalf_of: Option<i64>,
	/// When it ends (Unix ms).
	pub expires_at: i64,
}

/// One entry of the gateway's audit trail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditRecord {
	/// Its place in the trail (0 until stored).
	pub id: i64,
	/// When (Unix ms).
	pub recorded_at: i64,
	/// What was asked: `upload`, `download`, `key`, `wrap-key`, `erase`, `challenge`,
	/// `session`, `audit`.
	pub operation: String,
	/// `success`, `denied` or `error`.
	pub outcome: String,
	/// The HTTP status answered.
	pub http_status: i64,
	/// Why it was refused or failed, in the chain's terms where the chain decided.
	pub reason: Option<String>,
	/// Who asked (SS58), if known.
	pub requester: Option<String>,
	/// The institution they acted for.
	pub on_behalf_of: Option<i64>,
	/// The purpose of use they gave.
	pub purpose: Option<String>,
	/// The record concerned.
	pub record_id: Option<i64>,
	/// Whose data it is (SS58).
	pub patient: Option<String>,
	/// The finalized block the decision was taken at.
	pub block_number: Option<i64>,
	/// Its hash (hex).
	pub block_hash: Option<String>,
	/// The client's network address.
	pub client_address: Option<String>,
}

/// The database, with a writer that commits audit entries in groups.
#[derive(Clone)]
pub struct Database {
	pool: AnyPool,
	backend: Backend,
	audit: mpsc::Sender<(AuditRecord, oneshot::Sender<Result<i64, String>>)>,
}

fn hash_from_hex(text: &str) -> Result<[u8; 32], DbError> {
	let mut out = [0u8; 32];
	hex::decode_to_slice(text, &mut out)
		.map_err(|_| DbError::Corrupt(format!("`{text}` is not a 32-byte hex hash")))?;
	Ok(out)
}

impl Database {
	/// Connects (creating a SQLite file if needed), applies the migrations and starts the audit
	/// writer.
	pub async fn connect(url: &str) -> Result<Self, DbError> {
		sqlx::any::install_default_drivers();
		let backend = Backend::of(url).ok_or(DbError::UnsupportedUrl)?;
		let (url, options) = match backend {
			Backend::Sqlite => {
				// The file's directory is created, so the embedded default needs nothing made
				// by hand.
				let path = url.trim_start_matches("sqlite:").trim_start_matches("//");
				let path = std::path::Path::new(path.split('?').next().unwrap_or_default());
				if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
					std::fs::create_dir_all(dir).map_err(|e| {
						DbError::Corrupt(format!(
							"cannot create the database directory {}: {e}",
							dir.display()
						))
					})?;
				}
				let url =
					if url.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") };
				// One writer at a time is SQLite's rule; WAL (set below, kept in the file) lets
				// readers go on meanwhile. sqlx waits up to 5 s for a busy database.
				// A local file has no connection to lose, so sqlx's liveness ping before each
				// use would be a wasted round trip to the connection's thread.
				let options = AnyPoolOptions::new().max_connections(8).test_before_acquire(false);
				(url, options)
			},
			Backend::Postgres => (url.to_string(), AnyPoolOptions::new().max_connections(16)),
		};
		let pool = options.acquire_timeout(Duration::from_secs(10)).connect(&url).await?;
		if backend == Backend::Sqlite {
			sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
		}
		Migrator::new(Migrations(backend)).await?.run(&pool).await?;
		let (audit, requests) = mpsc::channel(4096);
		tokio::spawn(audit_writer(pool.clone(), requests));
		Ok(Self { pool, backend, audit })
	}

	/// Which backend this is.
	pub fn backend(&self) -> Backend {
		self.backend
	}

	/// Whether the database answers.
	pub async fn ping(&self) -> bool {
		sqlx::query("SELECT 1").fetch_one(&self.pool).await.is_ok()
	}

	// ---- documents ----

	/// Stores a document's metadata; `false` if the record already has a document.
	pub async fn insert_document(&self, document: &Document) -> Result<bool, DbError> {
		let inserted = sqlx::query(
			"INSERT INTO documents (record_id, patient, content_hash, size_bytes, uploaded_by, \
			 uploaded_at, uploaded_at_block) VALUES ($1, $2, $3, $4, $5, $6, $7) \
			 ON CONFLICT (record_id) DO NOTHING",
		)
		.bind(document.record_id)
		.bind(&document.patient)
		.bind(hex::encode(document.content_hash))
		.bind(document.size_bytes)
		.bind(&document.uploaded_by)
		.bind(document.uploaded_at)
		.bind(document.uploaded_at_block)
		.execute(&self.pool)
		.await?;
		Ok(inserted.rows_affected() == 1)
	}

	/// The document stored for a record.
	pub async fn document(&self, record_id: i64) -> Result<Option<Document>, DbError> {
		sqlx::query(
			"SELECT record_id, patient, content_hash, size_bytes, uploaded_by, uploaded_at, \
			 uploaded_at_block FROM documents WHERE record_id = $1",
		)
		.bind(record_id)
		.fetch_optional(&self.pool)
		.await?
		.map(|row| Self::document_of(&row))
		.transpose()
	}

	/// Up to `limit` stored documents with record ids above `after`, in order: the erasure
	/// sweep's pages.
	pub async fn documents_after(&self, after: i64, limit: i64) -> Result<Vec<Document>, DbError> {
		sqlx::query(
			"SELECT record_id, patient, content_hash, size_bytes, uploaded_by, uploaded_at, \
			 uploaded_at_block FROM documents WHERE record_id > $1 ORDER BY record_id LIMIT $2",
		)
		.bind(after)
		.bind(limit)
		.fetch_all(&self.pool)
		.await?
		.iter()
		.map(Self::document_of)
		.collect()
	}

	fn document_of(row: &AnyRow) -> Result<Document, DbError> {
		Ok(Document {
			record_id: row.try_get("record_id")?,
			patient: row.try_get("patient")?,
			content_hash: hash_from_hex(&row.try_get::<String, _>("content_hash")?)?,
			size_bytes: row.try_get("size_bytes")?,
			uploaded_by: row.try_get("uploaded_by")?,
			uploaded_at: row.try_get("uploaded_at")?,
			uploaded_at_block: row.try_get("uploaded_at_block")?,
		})
	}

	/// Whether a record other than `record_id` names the same bytes: then the object stays when
	/// this record is erased.
	pub async fn bytes_shared(
		&self,
		record_id: i64,
		content_hash: &[u8; 32],
	) -> Result<bool, DbError> {
		let others: i64 = sqlx::query(
			"SELECT COUNT(*) AS n FROM documents WHERE content_hash = $1 AND record_id <> $2",
		)
		.bind(hex::encode(content_hash))
		.bind(record_id)
		.fetch_one(&self.pool)
		.await?
		.try_get("n")?;
		Ok(others > 0)
	}

	/// Deletes a record's document and every key envelope for it (crypto-shredding), in one
	/// transaction.
	pub async fn erase_document(&self, record_id: i64) -> Result<(), DbError> {
		let mut tx = self.pool.begin().await?;
		sqlx::query("DELETE FROM key_envelopes WHERE record_id = $1")
			.bind(record_id)
			.execute(&mut *tx)
			.await?;
		sqlx::query("DELETE FROM documents WHERE record_id = $1")
			.bind(record_id)
			.execute(&mut *tx)
			.await?;
		tx.commit().await?;
		Ok(())
	}

	/// How many key envelopes a record has (0 once erased).
	pub async fn envelope_count(&self, record_id: i64) -> Result<i64, DbError> {
		Ok(sqlx::query("SELECT COUNT(*) AS n FROM key_envelopes WHERE record_id = $1")
			.bind(record_id)
			.fetch_one(&self.pool)
			.await?
			.try_get("n")?)
	}

	// ---- key envelopes ----

	/// Stores (or replaces) a recipient's key envelope for a record.
	pub async fn put_envelope(&self, envelope: &KeyEnvelope) -> Result<(), DbError> {
		sqlx::query(
			"INSERT INTO key_envelopes (record_id, recipient, recipient_key, envelope, added_by, \
			 added_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (record_id, recipient) DO \
			 UPDATE SET recipient_key = excluded.recipient_key, envelope = excluded.envelope, \
			 added_by = excluded.added_by, added_at = excluded.added_at",
		)
		.bind(envelope.record_id)
		.bind(&envelope.recipient)
		.bind(hex::encode(envelope.recipient_key))
		.bind(envelope.envelope.clone())
		.bind(&envelope.added_by)
		.bind(envelope.added_at)
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// A recipient's key envelope for a record.
	pub async fn envelope(
		&self,
		record_id: i64,
		recipient: &str,
	) -> Result<Option<KeyEnvelope>, DbError> {
		sqlx::query(
			"SELECT record_id, recipient, recipient_key, envelope, added_by, added_at FROM \
			 key_envelopes WHERE record_id = $1 AND recipient = $2",
		)
		.bind(record_id)
		.bind(recipient)
		.fetch_optional(&self.pool)
		.await?
		.map(|row| {
			Ok(KeyEnvelope {
				record_id: row.try_get("record_id")?,
				recipient: row.try_get("recipient")?,
				recipient_key: hash_from_hex(&row.try_get::<String, _>("recipient_key")?)?,
				envelope: row.try_get("envelope")?,
				added_by: row.try_get("added_by")?,
				added_at: row.try_get("added_at")?,
			})
		})
		.transpose()
	}

	// ---- challenges and sessions ----

	/// Stores a new challenge.
	pub async fn insert_challenge(
		&self,
		nonce: &str,
		account: &str,
		message: &str,
		expires_at: i64,
	) -> Result<(), DbError> {
		sqlx::query(
			"INSERT INTO challenges (nonce, account, message, expires_at) VALUES ($1, $2, $3, $4)",
		)
		.bind(nonce)
		.bind(account)
		.bind(message)
		.bind(expires_at)
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// The challenge with this nonce, whatever its state: (account, message, expires_at,
	/// used_at).
	pub async fn challenge(
		&self,
		nonce: &str,
	) -> Result<Option<(String, String, i64, Option<i64>)>, DbError> {
		sqlx::query("SELECT account, message, expires_at, used_at FROM challenges WHERE nonce = $1")
			.bind(nonce)
			.fetch_optional(&self.pool)
			.await?
			.map(|row| {
				Ok((
					row.try_get("account")?,
					row.try_get("message")?,
					row.try_get("expires_at")?,
					row.try_get("used_at")?,
				))
			})
			.transpose()
	}

	/// Marks a live, unused challenge used. `false` if it was already used or has expired:
	/// only one request can ever win it.
	pub async fn consume_challenge(&self, nonce: &str, now: i64) -> Result<bool, DbError> {
		let done = sqlx::query(
			"UPDATE challenges SET used_at = $1 WHERE nonce = $2 AND used_at IS NULL AND \
			 expires_at > $1",
		)
		.bind(now)
		.bind(nonce)
		.execute(&self.pool)
		.await?;
		Ok(done.rows_affected() == 1)
	}

	/// Stores a session under the hash of its token.
	pub async fn insert_session(&self, token_hash: &str, session: &Session) -> Result<(), DbError> {
		sqlx::query(
			"INSERT INTO sessions (token_hash, account, purpose, on_behalf_of, expires_at) VALUES \
			 ($1, $2, $3, $4, $5)",
		)
		.bind(token_hash)
		.bind(&session.account)
		.bind(&session.purpose)
		.bind(session.on_behalf_of)
		.bind(session.expires_at)
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// The live session with this token hash.
	pub async fn session(&self, token_hash: &str, now: i64) -> Result<Option<Session>, DbError> {
		sqlx::query(
			"SELECT account, purpose, on_behalf_of, expires_at FROM sessions WHERE token_hash = $1 \
			 AND expires_at > $2",
		)
		.bind(token_hash)
		.bind(now)
		.fetch_optional(&self.pool)
		.await?
		.map(|row| {
			Ok(Session {
				account: row.try_get("account")?,
				purpose: row.try_get("purpose")?,
				on_behalf_of: row.try_get("on_behalf_of")?,
				expires_at: row.try_get("expires_at")?,
			})
		})
		.transpose()
	}

	/// Forgets challenges and sessions that have expired; returns how many rows went.
	pub async fn prune_expired(&self, now: i64) -> Result<u64, DbError> {
		let challenges = sqlx::query("DELETE FROM challenges WHERE expires_at <= $1")
			.bind(now)
			.execute(&self.pool)
			.await?;
		let sessions = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
			.bind(now)
			.execute(&self.pool)
			.await?;
		Ok(challenges.rows_affected() + sessions.rows_affected())
	}

	// ---- audit trail ----

	/// Appends an entry to the audit trail and waits until it is committed; returns its id.
	pub async fn audit(&self, record: AuditRecord) -> Result<i64, DbError> {
		let (done, committed) = oneshot::channel();
		self.audit
			.send((record, done))
			.await
			.map_err(|_| DbError::AuditNotWritten("the audit writer has stopped".into()))?;
		committed
			.await
			.map_err(|_| DbError::AuditNotWritten("the audit writer has stopped".into()))?
			.map_err(DbError::AuditNotWritten)
	}

	/// Audit entries, newest last: about one patient's data, or by one requester, or all;
	/// at most `limit`, after entry `after`.
	pub async fn audit_events(
		&self,
		patient: Option<&str>,
		requester: Option<&str>,
		after: i64,
		limit: i64,
	) -> Result<Vec<AuditRecord>, DbError> {
		sqlx::query(
			"SELECT id, recorded_at, operation, outcome, http_status, reason, requester, \
			 on_behalf_of, purpose, record_id, patient, block_number, block_hash, client_address \
			 FROM audit_events WHERE ($1 IS NULL OR patient = $1) AND ($2 IS NULL OR requester = \
			 $2) AND id > $3 ORDER BY id LIMIT $4",
		)
		.bind(patient.map(str::to_string))
		.bind(requester.map(str::to_string))
		.bind(after)
		.bind(limit)
		.fetch_all(&self.pool)
		.await?
		.iter()
		.map(|row| {
			Ok(AuditRecord {
				id: row.try_get("id")?,
				recorded_at: row.try_get("recorded_at")?,
				operation: row.try_get("operation")?,
				outcome: row.try_get("outcome")?,
				http_status: row.try_get("http_status")?,
				reason: row.try_get("reason")?,
				requester: row.try_get("requester")?,
				on_behalf_of: row.try_get("on_behalf_of")?,
				purpose: row.try_get("purpose")?,
				record_id: row.try_get("record_id")?,
				patient: row.try_get("patient")?,
				block_number: row.try_get("block_number")?,
				block_hash: row.try_get("block_hash")?,
				client_address: row.try_get("client_address")?,
			})
		})
		.collect()
	}
}

/// Commits audit entries in groups: whatever is waiting goes into one transaction, and each
/// request hears back only after its entry is durable. Under load this turns hundreds of
/// commits a second into a few. The writer keeps a connection of its own outside the pool
/// (taking one from the pool per group cost more than the insert), and opens a fresh one
/// after a failed write.
async fn audit_writer(
	pool: AnyPool,
	mut requests: mpsc::Receiver<(AuditRecord, oneshot::Sender<Result<i64, String>>)>,
) {
	const MAX_GROUP: usize = 256;
	let mut connection: Option<AnyConnection> = None;
	while let Some(first) = requests.recv().await {
		let mut group = vec![first];
		while group.len() < MAX_GROUP {
			match requests.try_recv() {
				Ok(next) => group.push(next),
				Err(_) => break,
			}
		}
		let records: Vec<&AuditRecord> = group.iter().map(|(record, _)| record).collect();
		let outcome = write_group_on(&pool, &mut connection, &records).await;
		if let Err(e) = &outcome {
			tracing::error!(error = %e, entries = group.len(), "could not write the audit trail");
			connection = None;
		}
		let outcome = outcome.map_err(|e| e.to_string());
		for (index, (_, done)) in group.into_iter().enumerate() {
			let _ = done.send(outcome.as_ref().map(|ids| ids[index]).map_err(Clone::clone));
		}
	}
}

/// Writes a group on the writer's own connection, opening it first if there is none.
async fn write_group_on(
	pool: &AnyPool,
	connection: &mut Option<AnyConnection>,
	records: &[&AuditRecord],
) -> Result<Vec<i64>, sqlx::Error> {
	let connection = match connection {
		Some(connection) => connection,
		None => connection.insert(pool.acquire().await?.detach()),
	};
	write_group(connection, records).await
}

/// The columns of an audit entry, in the order they are bound.
const AUDIT_COLUMNS: [&str; 13] = [
	"recorded_at",
	"operation",
	"outcome",
	"http_status",
	"reason",
	"requester",
	"on_behalf_of",
	"purpose",
	"record_id",
	"patient",
	"block_number",
	"block_hash",
	"client_address",
];

/// `INSERT … VALUES (…), (…), … RETURNING id` for `rows` entries, with numbered placeholders
/// (both databases read `$n`).
fn insert_audit_sql(rows: usize) -> String {
	let mut sql = format!("INSERT INTO audit_events ({}) VALUES ", AUDIT_COLUMNS.join(", "));
	let mut placeholder = 0usize;
	for row in 0..rows {
		sql.push_str(if row == 0 { "(" } else { ", (" });
		for column in 0..AUDIT_COLUMNS.len() {
			placeholder += 1;
			if column > 0 {
				sql.push_str(", ");
			}
			sql.push_str(&format!("${placeholder}"));
		}
		sql.push(')');
	}
	sql.push_str(" RETURNING id");
	sql
}

/// Writes a group of entries as one statement (one round trip, atomic on its own) and returns
/// their ids in the group's order. Both databases number the rows of one statement upwards
/// in the order of its VALUES, but neither promises the order of RETURNING, so the ids are
/// sorted.
async fn write_group(
	connection: &mut AnyConnection,
	records: &[&AuditRecord],
) -> Result<Vec<i64>, sqlx::Error> {
	let sql = insert_audit_sql(records.len());
	let mut query = sqlx::query(&sql);
	for record in records {
		query = query
			.bind(record.recorded_at)
			.bind(record.operation.clone())
			.bind(record.outcome.clone())
			.bind(record.http_status)
			.bind(record.reason.clone())
			.bind(record.requester.clone())
			.bind(record.on_behalf_of)
			.bind(record.purpose.clone())
			.bind(record.record_id)
			.bind(record.patient.clone())
			.bind(record.block_number)
			.bind(record.block_hash.clone())
			.bind(record.client_address.clone());
	}
	let mut ids = query
		.fetch_all(&mut *connection)
		.await?
		.iter()
		.map(|row| row.try_get::<i64, _>("id"))
		.collect::<Result<Vec<_>, _>>()?;
	if ids.len() != records.len() {
		return Err(sqlx::Error::Protocol(format!(
			"{} audit entries written, {} ids returned",
			records.len(),
			ids.len()
		)));
	}
	ids.sort_unstable();
	Ok(ids)
}

#[cfg(test)]
mod tests {
	use super::*;

	/// The databases to test on: SQLite always; PostgreSQL when the test script started one
	/// (`HEALTHCHAIN_TEST_POSTGRES_URL`), which CI always does.
	async fn databases() -> Vec<Database> {
		let dir = std::env::temp_dir().join(format!(
			"gw-db-{}-{}",
			std::process::id(),
			rand::random::<u64>()
		));
		std::fs::create_dir_all(&dir).unwrap();
		let mut out =
			vec![Database::connect(&format!("sqlite://{}", dir.join("g.sqlite").display()))
				.await
				.unwrap()];
		match std::env::var("HEALTHCHAIN_TEST_POSTGRES_URL") {
			Ok(url) => {
				let db = Database::connect(&url).await.unwrap();
				// Each test starts from an empty schema's data.
				for table in
					["documents", "key_envelopes", "challenges", "sessions", "audit_events"]
				{
					sqlx::query(&format!("DELETE FROM {table}")).execute(&db.pool).await.unwrap();
				}
				out.push(db);
			},
			Err(_) => assert!(
				std::env::var("CI").is_err(),
				"CI must run the database tests on PostgreSQL too: set HEALTHCHAIN_TEST_POSTGRES_URL"
			),
		}
		out
	}

	fn document(record_id: i64, hash: u8) -> Document {
		Document {
			record_id,
			patient: "patient".into(),
			content_hash: [hash; 32],
			size_bytes: 10,
			uploaded_by: "author".into(),
			uploaded_at: 1,
			uploaded_at_block: 2,
		}
	}

	// One test walks both backends through every query, so the PostgreSQL tables are never
	// shared between tests running at once.
	#[tokio::test]
	async fn every_query_behaves_the_same_on_sqlite_and_postgres() {
		for db in databases().await {
			let backend = db.backend();
			// Documents: one per record; a second upload for the same record is refused.
			assert!(db.insert_document(&document(1, 7)).await.unwrap(), "{backend:?}");
			assert!(!db.insert_document(&document(1, 8)).await.unwrap(), "{backend:?}");
			assert!(db.insert_document(&document(2, 7)).await.unwrap());
			assert_eq!(db.document(1).await.unwrap(), Some(document(1, 7)));
			assert_eq!(db.document(9).await.unwrap(), None);
			assert_eq!(db.documents_after(1, 10).await.unwrap(), vec![document(2, 7)]);

			// Envelopes: replaced, not duplicated.
			let mut envelope = KeyEnvelope {
				record_id: 1,
				recipient: "doctor".into(),
				recipient_key: [3; 32],
				envelope: vec![1, 2, 3],
				added_by: "author".into(),
				added_at: 5,
			};
			db.put_envelope(&envelope).await.unwrap();
			envelope.envelope = vec![4, 5];
			db.put_envelope(&envelope).await.unwrap();
			assert_eq!(db.envelope(1, "doctor").await.unwrap(), Some(envelope.clone()));
			assert_eq!(db.envelope(1, "stranger").await.unwrap(), None);
			assert_eq!(db.envelope_count(1).await.unwrap(), 1);

			// Erasure takes the document and every envelope; shared bytes are reported.
			assert!(db.bytes_shared(1, &[7; 32]).await.unwrap(), "record 2 has the same bytes");
			db.erase_document(1).await.unwrap();
			assert_eq!(db.document(1).await.unwrap(), None);
			assert_eq!(db.envelope_count(1).await.unwrap(), 0);
			assert!(!db.bytes_shared(2, &[7; 32]).await.unwrap());

			// Challenges are won once, and never after they expire.
			db.insert_challenge("n1", "alice", "message", 100).await.unwrap();
			db.insert_challenge("n2", "alice", "message", 100).await.unwrap();
			assert!(db.consume_challenge("n1", 50).await.unwrap());
			assert!(!db.consume_challenge("n1", 51).await.unwrap(), "replay");
			assert!(!db.consume_challenge("n2", 100).await.unwrap(), "expired");
			assert!(!db.consume_challenge("n3", 1).await.unwrap(), "unknown");
			assert_eq!(db.challenge("n1").await.unwrap().unwrap().3, Some(50));

			// Sessions end.
			let session = Session {
				account: "alice".into(),
				purpose: "Treatment".into(),
				on_behalf_of: Some(3),
				expires_at: 200,
			};
			db.insert_session("h", &session).await.unwrap();
			assert_eq!(db.session("h", 199).await.unwrap(), Some(session));
			assert_eq!(db.session("h", 200).await.unwrap(), None);
			assert_eq!(db.prune_expired(201).await.unwrap(), 3);

			// The audit trail keeps order and filters by patient and requester.
			let entry = |patient: &str, requester: &str| AuditRecord {
				recorded_at: 1,
				operation: "download".into(),
				outcome: "denied".into(),
				http_status: 403,
				reason: Some("NoGrant".into()),
				requester: Some(requester.into()),
				patient: Some(patient.into()),
				record_id: Some(1),
				..Default::default()
			};
			let writes = (0..20).map(|i| db.audit(entry(if i % 2 == 0 { "p" } else { "q" }, "r")));
			let ids = futures_util::future::join_all(writes).await;
			let ids: Vec<i64> = ids.into_iter().map(Result::unwrap).collect();
			let mut sorted = ids.clone();
			sorted.sort();
			sorted.dedup();
			assert_eq!(sorted.len(), 20, "{backend:?}: every entry has its own id");
			// Entries written in one group each get back the id of their own row.
			let tagged = (0..40).map(|i| {
				db.audit(AuditRecord { recorded_at: 1000 + i, ..entry("t", &format!("r{i}")) })
			});
			let tagged: Vec<i64> = futures_util::future::join_all(tagged)
				.await
				.into_iter()
				.map(Result::unwrap)
				.collect();
			let rows = db.audit_events(Some("t"), None, 0, 100).await.unwrap();
			for (i, id) in tagged.iter().enumerate() {
				let row = rows.iter().find(|row| row.id == *id).unwrap();
				assert_eq!(row.requester.as_deref(), Some(format!("r{i}").as_str()), "{backend:?}");
			}
			let about_p = db.audit_events(Some("p"), None, 0, 100).await.unwrap();
			assert_eq!(about_p.len(), 10);
			assert!(about_p.windows(2).all(|w| w[0].id < w[1].id));
			assert_eq!(about_p[0].reason.as_deref(), Some("NoGrant"));
			assert_eq!(db.audit_events(None, Some("r"), 0, 5).await.unwrap().len(), 5);
			assert_eq!(db.audit_events(None, Some("x"), 0, 5).await.unwrap().len(), 0);
			assert!(db.ping().await);
		}
	}
}
