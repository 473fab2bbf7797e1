//! The HTTP API: routes, request parsing and responses. Each handler authenticates, asks the
//! [`Gateway`] and appends its audit entry, whatever the outcome.

use std::{net::IpAddr, net::SocketAddr, sync::Arc, time::Instant};

use axum::{
	body::Body,
	extract::{
		ConnectInfo, DefaultBodyLimit, FromRequestParts, MatchedPath, Path, Query, Request, State,
	},
	http::{header, request::Parts, HeaderMap, HeaderValue, Method, StatusCode},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::{get, post, put},
	Json, Router,
};
use base64::Engine;
use healthchain_primitives::records::RecordId;
use serde::Deserialize;

use crate::{
	audit::audit_event,
	auth::{self, ChallengeRequest, Operation},
	error::ApiError,
	fhir::Bundle,
	gateway::{Audit, Download, Gateway, Requester},
};

/// Header carrying the requester's sealed data key with a download.
pub const WRAPPED_KEY_HEADER: &str = "x-healthchain-wrapped-key";
/// Header naming the finalized block a decision was taken at (`number hash`).
pub const DECISION_BLOCK_HEADER: &str = "x-healthchain-decision-block";
/// Header carrying the served bytes' SHA-256 (hex).
pub const CONTENT_HASH_HEADER: &str = "x-healthchain-content-hash";

/// The client's IP address, when the server knows it.
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
	type Rejection = std::convert::Infallible;
	async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
		Ok(ClientIp(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
	}
}

fn authorization(headers: &HeaderMap) -> Option<&str> {
	headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())
}

fn record_id(text: &str) -> Result<RecordId, ApiError> {
	text.parse()
		.map_err(|_| ApiError::bad_request(format!("`{text}` is not a record id")))
}

/// The encrypted bytes of a download, with their hash, the decision block and the requester's
/// sealed data key in headers; never cached by intermediaries.
pub(crate) fn download_response(download: Download) -> Response {
	let mut response = Response::new(Body::from(download.bytes));
	let headers = response.headers_mut();
	headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/octet-stream"));
	headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
	if let Ok(value) = HeaderValue::from_str(&hex::encode(download.content_hash)) {
		headers.insert(CONTENT_HASH_HEADER, value);
	}
	if let Ok(value) =
		HeaderValue::from_str(&format!("{} {:?}", download.block.number, download.block.hash))
	{
		headers.insert(DECISION_BLOCK_HEADER, value);
	}
	if let Some(envelope) = download.envelope {
		let encoded = base64::engine::general_purpose::STANDARD.encode(envelope.envelope);
		if let Ok(value) = HeaderValue::from_str(&encoded) {
			headers.insert(WRAPPED_KEY_HEADER, value);
		}
	}
	response
}

/// Parses the record id of the path into the audit entry and authenticates the request for
/// `operation` on that record.
async fn on_record(
	gateway: &Gateway,
	audit: &mut Audit,
	id: &str,
	headers: &HeaderMap,
	operation: Operation,
) -> Result<(Requester, RecordId), ApiError> {
	let id = record_id(id)?;
	audit.0.record_id = i64::try_from(id).ok();
	let requester = gateway
		.authenticate(authorization(headers), operation, Some(id), None, audit)
		.await?;
	Ok((requester, id))
}

/// Every route of the API.
pub fn router(gateway: Arc<Gateway>) -> Router {
	let upload_limit = usize::try_from(gateway.config.max_document_bytes).unwrap_or(usize::MAX);
	Router::new()
		.route("/healthz", get(healthz))
		.route("/metrics", get(metrics))
		.route("/auth/challenge", post(challenge))
		.route("/auth/session", post(session))
		.route(
			"/records/{id}/content",
			// The upload limit is enforced while streaming, with a typed 413.
			put(upload)
				.get(download)
				.layer(DefaultBodyLimit::max(upload_limit.saturating_add(1))),
		)
		.route("/records/{id}/key", get(key))
		.route("/records/{id}/keys/{recipient}", put(wrap_key))
		.route("/records/{id}", axum::routing::delete(erase))
		.route("/audit", get(audit_trail))
		.merge(crate::fhir_api::router())
		.layer(DefaultBodyLimit::max(64 * 1024))
		.layer(middleware::from_fn_with_state(gateway.clone(), observe))
		.layer(middleware::from_fn_with_state(gateway.clone(), cross_origin))
		.with_state(gateway)
}

/// CORS for the web apps named by `--allowed-origins`: answers their preflights and lets their
/// pages read the answers, including the headers a download carries. Pages from any other
/// origin get no CORS headers, so the browser keeps the answer from them.
async fn cross_origin(
	State(gateway): State<Arc<Gateway>>,
	request: Request,
	next: Next,
) -> Response {
	let origin = request
		.headers()
		.get(header::ORIGIN)
		.filter(|origin| {
			origin
				.to_str()
				.is_ok_and(|origin| gateway.config.allowed_origins.allows(origin))
		})
		.cloned();
	let preflight = request.method() == Method::OPTIONS
		&& request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
	let mut response =
		if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(request).await };
	let headers = response.headers_mut();
	headers.append(header::VARY, HeaderValue::from_static("origin"));
	let Some(origin) = origin else { return response };
	headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
	if preflight {
		headers.insert(
			header::ACCESS_CONTROL_ALLOW_METHODS,
			HeaderValue::from_static("GET, POST, PUT, DELETE"),
		);
		headers.insert(
			header::ACCESS_CONTROL_ALLOW_HEADERS,
			HeaderValue::from_static("authorization, content-type"),
		);
		headers.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
	} else {
		headers.insert(
			header::ACCESS_CONTROL_EXPOSE_HEADERS,
			HeaderValue::from_static(concat!(
				"x-healthchain-wrapped-key, x-healthchain-decision-block, ",
				"x-healthchain-content-hash"
			)),
		);
	}
	response
}

/// Counts, times and logs every request.
async fn observe(State(gateway): State<Arc<Gateway>>, request: Request, next: Next) -> Response {
	let started = Instant::now();
	let route = request
		.extensions()
		.get::<MatchedPath>()
		.map(|path| path.as_str().to_string())
		.unwrap_or_else(|| "unmatched".into());
	let method = request.method().clone();
	let response = next.run(request).await;
	let elapsed = started.elapsed();
	let status = response.status();
	gateway.metrics.requests.with_label_values(&[&route, status.as_str()]).inc();
	gateway
		.metrics
		.request_seconds
		.with_label_values(&[&route])
		.observe(elapsed.as_secs_f64());
	// Every request is in the audit trail already; the log line is for the operator, who acts
	// on refusals and failures, so answered requests log at debug level only.
	let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
	if status.is_success() || status.is_redirection() {
		tracing::debug!(method = %method, route, status = status.as_u16(), micros, "request");
	} else {
		tracing::info!(method = %method, route, status = status.as_u16(), micros, "request");
	}
	response
}

async fn healthz(State(gateway): State<Arc<Gateway>>) -> Response {
	let finalized = gateway.chain.finalized();
	let database = gateway.db.ping().await;
	let connected = gateway.chain.connected();
	let healthy = database && connected && finalized.is_some();
	let body = serde_json::json!({
		"status": if healthy { "ok" } else { "unavailable" },
		"chain": {
			"connected": connected,
			"finalized": finalized.map(|b| serde_json::json!({ "number": b.number, "hash": format!("{:?}", b.hash) })),
		},
		"database": if database { "ok" } else { "unavailable" },
		"gateway": gateway.config.gateway_id,
	});
	let status = if healthy { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
	(status, Json(body)).into_response()
}

async fn metrics(State(gateway): State<Arc<Gateway>>) -> Response {
	([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], gateway.metrics.render())
		.into_response()
}

async fn challenge(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	body: axum::body::Bytes,
) -> Response {
	let result = gateway
		.audited("challenge", ip, StatusCode::CREATED, async |audit| {
			let request = serde_json::from_slice::<ChallengeRequest>(&body)
				.map_err(|e| ApiError::bad_request(format!("challenge request: {e}")))?;
			gateway.issue_challenge(request, ip, audit).await
		})
		.await;
	match result {
		Ok(issued) => (StatusCode::CREATED, Json(issued)).into_response(),
		Err(e) => e.into_response(),
	}
}

async fn session(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
) -> Response {
	let result = gateway
		.audited("session", ip, StatusCode::CREATED, async |audit| {
			let requester = gateway
				.authenticate(authorization(&headers), Operation::Session, None, None, audit)
				.await?;
			gateway.open_session(&requester).await
		})
		.await;
	match result {
		Ok(issued) => (StatusCode::CREATED, Json(issued)).into_response(),
		Err(e) => e.into_response(),
	}
}

async fn upload(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
	body: Body,
) -> Response {
	let result = gateway
		.audited("upload", ip, StatusCode::CREATED, async |audit| {
			let (requester, id) =
				on_record(&gateway, audit, &id, &headers, Operation::Upload).await?;
			let declared = headers
				.get(header::CONTENT_LENGTH)
				.and_then(|v| v.to_str().ok())
				.and_then(|v| v.parse::<u64>().ok());
			if declared.is_some_and(|length| length > gateway.config.max_document_bytes) {
				return Err(crate::store::StoreError::TooLarge {
					limit: gateway.config.max_document_bytes,
				}
				.into());
			}
			gateway.upload(&requester, id, body.into_data_stream(), audit).await
		})
		.await;
	match result {
		Ok(stored) => {
			let status = if stored.already_stored { StatusCode::OK } else { StatusCode::CREATED };
			(status, Json(stored)).into_response()
		},
		Err(e) => e.into_response(),
	}
}

async fn download(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let result = gateway
		.audited("read", ip, StatusCode::OK, async |audit| {
			let (requester, id) =
				on_record(&gateway, audit, &id, &headers, Operation::Read).await?;
			gateway.download(&requester, id, audit).await
		})
		.await;
	match result {
		Ok(download) => download_response(download),
		Err(e) => e.into_response(),
	}
}

async fn key(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let result = gateway
		.audited("read", ip, StatusCode::OK, async |audit| {
			let (requester, id) =
				on_record(&gateway, audit, &id, &headers, Operation::Read).await?;
			gateway.key(&requester, id, audit).await
		})
		.await;
	match result {
		Ok((envelope, block)) => Json(serde_json::json!({
			"record": envelope.record_id,
			"recipient": envelope.recipient,
			"recipient_key": format!("0x{}", hex::encode(envelope.recipient_key)),
			"envelope": base64::engine::general_purpose::STANDARD.encode(&envelope.envelope),
			"decision_block": block.number,
		}))
		.into_response(),
		Err(e) => e.into_response(),
	}
}

async fn wrap_key(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path((id, recipient)): Path<(String, String)>,
	headers: HeaderMap,
	body: axum::body::Bytes,
) -> Response {
	let result = gateway
		.audited("wrap-key", ip, StatusCode::CREATED, async |audit| {
			let id = record_id(&id)?;
			audit.0.record_id = i64::try_from(id).ok();
			let recipient = auth::parse_account(&recipient)?;
			let requester = gateway
				.authenticate(
					authorization(&headers),
					Operation::WrapKey,
					Some(id),
					Some(&recipient),
					audit,
				)
				.await?;
			gateway.wrap_key(&requester, id, &recipient, body, audit).await
		})
		.await;
	match result {
		Ok(block) => {
			(StatusCode::CREATED, Json(serde_json::json!({ "decision_block": block.number })))
				.into_response()
		},
		Err(e) => e.into_response(),
	}
}

async fn erase(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let result = gateway
		.audited("erase", ip, StatusCode::OK, async |audit| {
			let (_requester, id) =
				on_record(&gateway, audit, &id, &headers, Operation::Erase).await?;
			gateway.erase(id, audit).await
		})
		.await;
	match result {
		Ok(erased) => Json(erased).into_response(),
		Err(e) => e.into_response(),
	}
}

/// Paging of the audit trail.
#[derive(Debug, Deserialize)]
struct Page {
	#[serde(default)]
	after: i64,
	#[serde(default = "default_limit")]
	limit: i64,
}

fn default_limit() -> i64 {
	100
}

async fn audit_trail(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(page): Query<Page>,
) -> Response {
	let result = gateway
		.audited("audit", ip, StatusCode::OK, async |audit| {
			let requester = gateway
				.authenticate(authorization(&headers), Operation::Audit, None, None, audit)
				.await?;
			audit.0.patient = Some(requester.address.clone());
			gateway.audit_trail(&requester, page.after, page.limit).await
		})
		.await;
	match result {
		Ok(entries) => {
			let resources = entries
				.iter()
				.map(|entry| (None, audit_event(entry, &gateway.config.gateway_id)))
				.collect();
			(
				[(header::CONTENT_TYPE, "application/fhir+json")],
				Json(Bundle::searchset(resources, Vec::new())),
			)
				.into_response()
		},
		Err(e) => e.into_response(),
	}
}
