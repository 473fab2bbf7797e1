//! The read-only FHIR R4 API over the chain and the store, for hospital systems that speak FHIR
//! rather than SCALE. Every answer is read at the finalized block, under the chain's rules:
//!
//! - [`documents`]: `DocumentReference` only if the chain lets the requester read that record
//!   for their purpose, `Binary` only with their logged access as well;
//! - [`privacy`]: a patient's `Consent`s and `AuditEvent`s, to the patient;
//! - [`directory`]: `Practitioner`, `PractitionerRole` and `Organization` from the licence and
//!   institution registry (public, as a medical register is);
//! - [`medications`]: `MedicationRequest` and `MedicationDispense` from prescriptions, to the
//!   patient, the prescriber or dispensing pharmacist, and whoever the patient's consent covers;
//! - [`research`]: `ResearchStudy` (public) and `ResearchSubject` (to the patient, the sponsor
//!   and whoever the patient's consent covers).
//!
//! Errors are `OperationOutcome`s.

mod directory;
mod documents;
mod medications;
mod privacy;
mod research;

use std::sync::Arc;

use axum::{
	http::{header, HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	Json, Router,
};
use healthchain_primitives::{
	consent::{AccessBasis, AccessDenied},
	records::RecordId,
	AccountId,
};
use serde::Deserialize;

use crate::{
	auth::{self, Operation},
	chain::BlockRef,
	error::ApiError,
	fhir::{self, *},
	gateway::{now_ms, Audit, Gateway, Requester},
	http::ClientIp,
};

/// The FHIR routes, under `/fhir`.
pub fn router() -> Router<Arc<Gateway>> {
	Router::new()
		.route("/fhir/metadata", get(metadata))
		.merge(documents::routes())
		.merge(privacy::routes())
		.merge(directory::routes())
		.merge(medications::routes())
		.merge(research::routes())
}

const FHIR_JSON: &str = "application/fhir+json";

fn fhir_json<T: serde::Serialize>(status: StatusCode, resource: &T) -> Response {
	(status, [(header::CONTENT_TYPE, FHIR_JSON)], Json(resource)).into_response()
}

/// An error as an `OperationOutcome`, with the gateway's reason code.
fn operation_outcome(error: &ApiError) -> Response {
	let code = match error.status.as_u16() {
		400 => "invalid",
		401 => "login",
		403 => "forbidden",
		404 => "not-found",
		409 => "conflict",
		410 => "deleted",
		413 => "too-costly",
		429 => "throttled",
		503 => "transient",
		_ => "exception",
	};
	let outcome = OperationOutcome {
		resource_type: "OperationOutcome",
		issue: vec![OperationOutcomeIssue {
			severity: "error",
			code,
			details: Some(CodeableConcept {
				coding: vec![Coding::new(REASON_SYSTEM, &error.reason, &error.reason)],
				text: None,
			}),
			diagnostics: error.message.clone(),
		}],
	};
	fhir_json(error.status, &outcome)
}

fn authorization(headers: &HeaderMap) -> Option<&str> {
	headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok())
}

/// A read interaction and a search one.
fn read_and_search() -> Vec<Interaction> {
	vec![Interaction { code: "read" }, Interaction { code: "search-type" }]
}

/// A search parameter of type `reference`, `token` or `string`.
fn search_param(
	name: &'static str,
	type_: &'static str,
	documentation: &'static str,
) -> SearchParam {
	SearchParam { name, type_, documentation }
}

async fn metadata() -> Response {
	let statement = CapabilityStatement {
		resource_type: "CapabilityStatement",
		status: "active",
		date: fhir::instant(now_ms()),
		kind: "instance",
		software: Software { name: "healthchain-gateway", version: env!("CARGO_PKG_VERSION") },
		fhir_version: FHIR_VERSION,
		format: vec!["json"],
		rest: vec![CapabilityRest {
			mode: "server",
			security: CapabilitySecurity {
				description:
					"Authorization: Bearer <token> from POST /auth/session, opened with an \
				              sr25519-signed single-use challenge (POST /auth/challenge) that names \
				              the purpose of use and the institution acted for. Every decision is the \
				              chain's consent at the finalized block; Binary also needs the \
				              requester's logged access (records.access_record).",
			},
			resource: [
				documents::capabilities(),
				privacy::capabilities(),
				directory::capabilities(),
				medications::capabilities(),
				research::capabilities(),
			]
			.concat(),
		}],
	};
	fhir_json(StatusCode::OK, &statement)
}

/// The search parameters the API understands; each search reads the ones it names (FHIR
/// servers ignore the others).
#[derive(Debug, Default, Deserialize)]
struct Search {
	/// `Patient/<address>` or the bare SS58 address.
	patient: Option<String>,
	/// `Organization/<id>` or the bare institution id.
	organization: Option<String>,
	/// `ResearchStudy/<id>` or the bare trial id.
	study: Option<String>,
	/// A business identifier (`[system|]value`).
	identifier: Option<String>,
}

/// The bare id of a reference search parameter: `Type/<id>` or `<id>`.
fn reference_id<'a>(value: &'a str, resource_type: &str) -> &'a str {
	value
		.strip_prefix(resource_type)
		.and_then(|rest| rest.strip_prefix('/'))
		.unwrap_or(value)
}

/// A required search parameter.
fn required<'a>(value: &'a Option<String>, name: &str, what: &str) -> Result<&'a str, ApiError> {
	value
		.as_deref()
		.ok_or_else(|| ApiError::bad_request(format!("search by `{name}` ({what})")))
}

fn searched_patient(search: &Search) -> Result<AccountId, ApiError> {
	let text = required(&search.patient, "patient", "an SS58 address")?;
	Ok(auth::parse_account(reference_id(text, "Patient"))?)
}

/// A numeric id from a path or a reference search parameter; 400 otherwise.
fn numeric_id<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, ApiError> {
	text.parse()
		.map_err(|_| ApiError::bad_request(format!("`{text}` is not {what}")))
}

/// A `<number>-<address>` id (a PractitionerRole, a ResearchSubject): the number and the account.
fn numbered_account<T: std::str::FromStr>(
	id: &str,
	number: &str,
	what: &str,
) -> Result<(T, AccountId), ApiError> {
	let (n, address) = id
		.split_once('-')
		.ok_or_else(|| ApiError::bad_request(format!("`{id}` is not `<{number}>-<address>`")))?;
	Ok((numeric_id(n, what)?, auth::parse_account(address)?))
}

/// Runs a FHIR read: authenticates as a reader, lets `work` answer (noting what it decided in
/// the audit entry), audits, and answers a resource or an `OperationOutcome`.
async fn fhir_read<F>(
	gateway: Arc<Gateway>,
	ip: Option<std::net::IpAddr>,
	headers: HeaderMap,
	record: Option<RecordId>,
	work: F,
) -> Response
where
	F: AsyncFnOnce(Arc<Gateway>, Requester, &mut Audit) -> Result<Response, ApiError>,
{
	let result = gateway
		.audited("fhir", ip, StatusCode::OK, async |audit| {
			audit.0.record_id = record.and_then(|id| i64::try_from(id).ok());
			let requester = gateway
				.authenticate(authorization(&headers), Operation::Read, record, None, audit)
				.await?;
			work(gateway.clone(), requester, audit).await
		})
		.await;
	match result {
		Ok(response) => response,
		Err(e) => operation_outcome(&e),
	}
}

/// A found resource as a search result entry.
fn entry<R>(resource_type: &str, id: impl std::fmt::Display, resource: R) -> (Option<String>, R) {
	(Some(format!("{resource_type}/{id}")), resource)
}

/// A searchset of `entries`, as the response.
fn searchset<R: serde::Serialize>(entries: Vec<(Option<String>, R)>) -> Response {
	fhir_json(StatusCode::OK, &Bundle::searchset(entries, Vec::new()))
}

/// 404 for a resource the chain does not hold.
fn not_found(resource_type: &str, id: impl std::fmt::Display) -> ApiError {
	ApiError::new(StatusCode::NOT_FOUND, "NotFound", format!("no {resource_type}/{id} on chain"))
}

/// The patient a search names and the block it is answered at, both noted in the audit entry;
/// with `patient_only`, refused to anyone but that patient.
fn patient_search(
	gateway: &Gateway,
	requester: &Requester,
	search: &Search,
	patient_only: bool,
	audit: &mut Audit,
) -> Result<(AccountId, BlockRef), ApiError> {
	let patient = searched_patient(search)?;
	audit.0.patient = Some(auth::address(&patient));
	if patient_only {
		only_the_patient(requester, &patient)?;
	}
	let at = gateway.decision_block()?;
	audit.block_at(at);
	Ok((patient, at))
}

/// Refuses anyone but the patient: consents and access logs are the patient's to read.
fn only_the_patient(requester: &Requester, patient: &AccountId) -> Result<(), ApiError> {
	if &requester.account == patient {
		Ok(())
	} else {
		Err(ApiError::new(
			StatusCode::FORBIDDEN,
			"OnlyThePatient",
			"a patient's consents and access log are served to the patient",
		))
	}
}

/// The block to answer a read that names no patient at, noted in the audit entry.
fn decision_block(gateway: &Gateway, audit: &mut Audit) -> Result<BlockRef, ApiError> {
	let at = gateway.decision_block()?;
	audit.block_at(at);
	Ok(at)
}

/// A resource's Unix-millisecond moment as a FHIR instant.
fn moment(at: u64) -> String {
	fhir::instant(i64::try_from(at).unwrap_or(i64::MAX))
}

/// The patient's consent decision for one resource type, asked once per request.
struct ConsentDecision {
	/// The chain's answer.
	decision: Result<AccessBasis, AccessDenied>,
}

impl ConsentDecision {
	/// Asks the chain whether `requester` may read `patient`'s `resource_type` data.
	async fn of(
		gateway: &Gateway,
		at: BlockRef,
		requester: &Requester,
		patient: &AccountId,
		resource_type: &str,
	) -> Result<Self, ApiError> {
		let decision = gateway.may_read_patient_data(at, requester, patient, resource_type).await?;
		Ok(Self { decision })
	}

	/// Allowed by consent, or as one of those who wrote it (`writers`); refused in the
	/// chain's words otherwise.
	fn allows(&self, requester: &Requester, writers: &[&AccountId]) -> Result<(), ApiError> {
		match self.decision {
			Ok(_) => Ok(()),
			Err(_) if writers.contains(&&requester.account) => Ok(()),
			Err(denied) => Err(ApiError::denied_by_chain(denied)),
		}
	}
}
