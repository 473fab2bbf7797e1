//! The read-only FHIR R4 API over the chain and the store, for hospital systems that speak FHIR
//! rather than SCALE. The same rules hold as for the document API: a requester sees a
//! `DocumentReference` only if the chain lets them read that record for their purpose at the
//! finalized block, gets its `Binary` only with a logged access as well, and only a patient
//! reads their own `Consent`s and `AuditEvent`s. Errors are `OperationOutcome`s.

use std::sync::Arc;

use axum::{
	extract::{Path, Query, State},
	http::{header, HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	routing::get,
	Json, Router,
};
use base64::Engine;
use healthchain_primitives::{
	consent::{AccessOutcome, Action, Grantee},
	records::{Category, CodeSystem, RecordId},
	AccountId,
};
use pallet_consent::{GrantScope, GrantStatus};
use pallet_records::RecordStatus;
use serde::Deserialize;

use crate::{
	audit::audit_event,
	auth::{self, Operation},
	chain::{AccessEntry, BlockRef, ChainGrant, ChainGrantee, ChainRecord},
	error::ApiError,
	fhir::{self, *},
	gateway::{now_ms, Audit, Gateway, Requester},
	http::{download_response, ClientIp},
};

/// The FHIR routes, under `/fhir`.
pub fn router() -> Router<Arc<Gateway>> {
	Router::new()
		.route("/fhir/metadata", get(metadata))
		.route("/fhir/DocumentReference", get(search_document_references))
		.route("/fhir/DocumentReference/{id}", get(read_document_reference))
		.route("/fhir/Binary/{id}", get(read_binary))
		.route("/fhir/Consent", get(search_consents))
		.route("/fhir/AuditEvent", get(search_audit_events))
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

async fn metadata() -> Response {
	let search_patient =
		|documentation| SearchParam { name: "patient", type_: "reference", documentation };
	let read_and_search =
		|| vec![Interaction { code: "read" }, Interaction { code: "search-type" }];
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
			resource: vec![
				CapabilityResource {
					type_: "DocumentReference",
					documentation: "The patient's records the requester may read; relatesTo \
					                replaces for amendments; the attachment hash is SHA-256.",
					interaction: read_and_search(),
					search_param: vec![search_patient("Patient SS58 address (required)")],
				},
				CapabilityResource {
					type_: "Binary",
					documentation: "The encrypted bytes; the requester's sealed data key is in \
					                the X-HealthChain-Wrapped-Key header.",
					interaction: vec![Interaction { code: "read" }],
					search_param: vec![],
				},
				CapabilityResource {
					type_: "Consent",
					documentation: "The patient's grants, to the patient.",
					interaction: vec![Interaction { code: "search-type" }],
					search_param: vec![search_patient("The requesting patient's SS58 address")],
				},
				CapabilityResource {
					type_: "AuditEvent",
					documentation: "The on-chain access log and this gateway's trail about the \
					                patient, to the patient.",
					interaction: vec![Interaction { code: "search-type" }],
					search_param: vec![search_patient("The requesting patient's SS58 address")],
				},
			],
		}],
	};
	fhir_json(StatusCode::OK, &statement)
}

/// `?patient=` of a search.
#[derive(Debug, Deserialize)]
struct PatientSearch {
	patient: Option<String>,
}

fn searched_patient(search: &PatientSearch) -> Result<AccountId, ApiError> {
	let text = search
		.patient
		.as_deref()
		.ok_or_else(|| ApiError::bad_request("search by `patient` (an SS58 address)"))?;
	// Accept `Patient/<address>` as FHIR references are written, or the bare address.
	Ok(auth::parse_account(text.strip_prefix("Patient/").unwrap_or(text))?)
}

/// Runs a FHIR read: authenticates as a reader, audits, and answers a resource or an
/// `OperationOutcome`.
async fn fhir_read<F, Fut>(
	gateway: Arc<Gateway>,
	ip: Option<std::net::IpAddr>,
	headers: HeaderMap,
	record: Option<RecordId>,
	work: F,
) -> Response
where
	F: FnOnce(Arc<Gateway>, Requester, Audit) -> Fut,
	Fut: std::future::Future<Output = (Audit, Result<Response, ApiError>)>,
{
	let mut audit = Audit::new("fhir", ip);
	audit.0.record_id = record.and_then(|id| i64::try_from(id).ok());
	let requester = gateway
		.authenticate(authorization(&headers), Operation::Read, record, None, &mut audit)
		.await;
	let (audit, result) = match requester {
		Ok(requester) => work(gateway.clone(), requester, audit).await,
		Err(e) => (audit, Err(e)),
	};
	gateway.finish(audit, result.as_ref().err(), StatusCode::OK).await;
	match result {
		Ok(response) => response,
		Err(e) => operation_outcome(&e),
	}
}

fn category(category: &Category) -> CodeableConcept {
	let system = match category.system {
		CodeSystem::Loinc => "http://loinc.org",
		CodeSystem::FhirResourceType => "http://hl7.org/fhir/resource-types",
	};
	let code = String::from_utf8_lossy(&category.code).into_owned();
	CodeableConcept {
		coding: vec![Coding { system: Some(system.into()), code: Some(code), display: None }],
		text: None,
	}
}

/// The `DocumentReference` of a record (never an erased one: those are gone).
fn document_reference(id: RecordId, record: &ChainRecord, size: Option<u64>) -> DocumentReference {
	let status = match record.status {
		RecordStatus::Current => "current",
		RecordStatus::Superseded => "superseded",
		RecordStatus::EnteredInError | RecordStatus::Erased => "entered-in-error",
	};
	DocumentReference {
		resource_type: "DocumentReference",
		id: id.to_string(),
		identifier: vec![Identifier {
			system: Some(RECORD_SYSTEM.into()),
			value: Some(id.to_string()),
		}],
		status,
		type_: Some(category(&record.category)),
		subject: Some(Reference::account(&auth::address(&record.patient))),
		date: Some(fhir::instant(i64::try_from(record.created_at).unwrap_or(i64::MAX))),
		author: vec![Reference::account(&auth::address(&record.author))],
		relates_to: record
			.supersedes
			.map(|previous| DocumentReferenceRelatesTo {
				code: "replaces",
				target: Reference {
					reference: Some(format!("DocumentReference/{previous}")),
					..Default::default()
				},
			})
			.into_iter()
			.collect(),
		content: vec![DocumentReferenceContent {
			attachment: Attachment {
				content_type: Some("application/octet-stream".into()),
				url: Some(format!("Binary/{id}")),
				size,
				hash: Some(base64::engine::general_purpose::STANDARD.encode(record.content_hash)),
				creation: Some(fhir::instant(i64::try_from(record.created_at).unwrap_or(i64::MAX))),
			},
		}],
	}
}

async fn stored_size(gateway: &Gateway, id: RecordId) -> Result<Option<u64>, ApiError> {
	let Ok(key) = i64::try_from(id) else { return Ok(None) };
	Ok(gateway.db.document(key).await?.and_then(|d| u64::try_from(d.size_bytes).ok()))
}

async fn search_document_references(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<PatientSearch>,
) -> Response {
	fhir_read(gateway, ip, headers, None, |gateway, requester, mut audit| async move {
		let result = async {
			let (patient, at) = patient_search(&gateway, &requester, &search, false, &mut audit)?;
			let mut found = Vec::new();
			for (id, record) in gateway.chain.records_of(at, &patient).await? {
				if record.status == RecordStatus::Erased {
					continue;
				}
				if gateway.may_read(at, &requester, id).await? {
					let size = stored_size(&gateway, id).await?;
					found.push((
						Some(format!("DocumentReference/{id}")),
						document_reference(id, &record, size),
					));
				}
			}
			Ok(fhir_json(StatusCode::OK, &Bundle::searchset(found, Vec::new())))
		}
		.await;
		(audit, result)
	})
	.await
}

async fn read_document_reference(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let Ok(id) = id.parse::<RecordId>() else {
		return operation_outcome(&ApiError::bad_request(format!("`{id}` is not a record id")));
	};
	fhir_read(gateway, ip, headers, Some(id), |gateway, requester, mut audit| async move {
		let result = async {
			let at = gateway.decision_block()?;
			audit.block_at(at);
			let (record, _basis) = gateway.readable_record(at, &requester, id, &mut audit).await?;
			let size = stored_size(&gateway, id).await?;
			Ok(fhir_json(StatusCode::OK, &document_reference(id, &record, size)))
		}
		.await;
		(audit, result)
	})
	.await
}

async fn read_binary(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let Ok(id) = id.parse::<RecordId>() else {
		return operation_outcome(&ApiError::bad_request(format!("`{id}` is not a record id")));
	};
	fhir_read(gateway, ip, headers, Some(id), |gateway, requester, mut audit| async move {
		let result = gateway.download(&requester, id, &mut audit).await.map(download_response);
		(audit, result)
	})
	.await
}

/// The patient a search names and the block it is answered at, both noted in the audit entry;
/// with `patient_only`, refused to anyone but that patient.
fn patient_search(
	gateway: &Gateway,
	requester: &Requester,
	search: &PatientSearch,
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

fn grantee_reference(grantee: &ChainGrantee) -> Reference {
	match grantee {
		Grantee::Practitioner(account) => Reference::account(&auth::address(account)),
		Grantee::Institution(id) => {
			Reference { reference: Some(format!("Organization/{id}")), ..Default::default() }
		},
		Grantee::Study(id) => {
			Reference { reference: Some(format!("ResearchStudy/{id}")), ..Default::default() }
		},
	}
}

/// The `Consent` of one grant, as it stands at `now`.
fn consent(
	patient: &AccountId,
	grantee: &ChainGrantee,
	purpose: &str,
	grant: &ChainGrant,
	now: u64,
) -> Consent {
	let active =
		grant.status == GrantStatus::Active && grant.valid_until.is_none_or(|until| now < until);
	let mut action = Vec::new();
	let consent_action = |code: &str| -> CodeableConcept {
		Coding::new("http://terminology.hl7.org/CodeSystem/consentaction", code, code).into()
	};
	if grant.actions.read {
		action.push(consent_action("access"));
	}
	if grant.actions.write {
		action.push(consent_action("correct"));
	}
	let (code, data) = match &grant.scope {
		GrantScope::AllRecords => (Vec::new(), Vec::new()),
		GrantScope::Categories(categories) => {
			(categories.iter().map(category).collect(), Vec::new())
		},
		GrantScope::Records(records) => (
			Vec::new(),
			records
				.iter()
				.map(|id| ConsentData {
					meaning: "instance",
					reference: Reference {
						reference: Some(format!("DocumentReference/{id}")),
						..Default::default()
					},
				})
				.collect(),
		),
	};
	let ms = |at: u64| fhir::instant(i64::try_from(at).unwrap_or(i64::MAX));
	Consent {
		resource_type: "Consent",
		id: grant.id.to_string(),
		status: if active { "active" } else { "inactive" },
		scope: Coding::new(
			"http://terminology.hl7.org/CodeSystem/consentscope",
			"patient-privacy",
			"Privacy Consent",
		)
		.into(),
		category: vec![Coding::new("http://loinc.org", "59284-0", "Patient Consent").into()],
		patient: Some(Reference::account(&auth::address(patient))),
		date_time: Some(ms(grant.granted_at)),
		policy_rule: Some(
			Coding::new("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in")
				.into(),
		),
		provision: Some(ConsentProvision {
			type_: Some("permit"),
			period: Some(Period {
				start: Some(ms(grant.valid_from)),
				end: match grant.status {
					GrantStatus::Revoked { at } => Some(ms(at)),
					GrantStatus::Active => grant.valid_until.map(ms),
				},
			}),
			actor: vec![ConsentActor {
				role: Coding::new(
					"http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
					"IRCP",
					"information recipient",
				)
				.into(),
				reference: grantee_reference(grantee),
			}],
			action,
			purpose: purpose_of_use(purpose).into_iter().collect(),
			code,
			data,
		}),
	}
}

async fn search_consents(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<PatientSearch>,
) -> Response {
	fhir_read(gateway, ip, headers, None, |gateway, requester, mut audit| async move {
		let result = async {
			let (patient, at) = patient_search(&gateway, &requester, &search, true, &mut audit)?;
			let now = u64::try_from(now_ms()).unwrap_or(0);
			let consents = gateway
				.chain
				.grants_of(at, &patient)
				.await?
				.iter()
				.map(|(grantee, purpose, grant)| {
					let resource =
						consent(&patient, grantee, auth::purpose_name(*purpose), grant, now);
					(Some(format!("Consent/{}", resource.id)), resource)
				})
				.collect();
			Ok(fhir_json(StatusCode::OK, &Bundle::searchset(consents, Vec::new())))
		}
		.await;
		(audit, result)
	})
	.await
}

/// The `AuditEvent` of one entry of the on-chain access log.
fn chain_audit_event(patient: &AccountId, entry: &AccessEntry, block: BlockRef) -> AuditEvent {
	let (outcome, outcome_desc, basis) = match entry.outcome {
		AccessOutcome::Allowed(basis) => ("0", None, format!("{basis:?}")),
		AccessOutcome::Denied(denied) => {
			("4", Some(format!("{denied:?} ({REASON_SYSTEM})")), String::new())
		},
	};
	let purpose = purpose_of_use(auth::purpose_name(entry.purpose));
	let mut agents = vec![AuditEventAgent {
		type_: Some(
			Coding::new(
				"http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
				"IRCP",
				"information recipient",
			)
			.into(),
		),
		who: Some(Reference::account(&auth::address(&entry.accessor))),
		requestor: true,
		network: None,
		purpose_of_use: purpose.clone().map(Into::into).into_iter().collect(),
	}];
	if let Some(institution) = entry.on_behalf_of {
		agents.push(AuditEventAgent {
			type_: Some(
				Coding::new(
					"http://terminology.hl7.org/CodeSystem/v3-RoleClass",
					"PROV",
					"healthcare provider",
				)
				.into(),
			),
			who: Some(Reference {
				reference: Some(format!("Organization/{institution}")),
				..Default::default()
			}),
			requestor: false,
			..Default::default()
		});
	}
	let mut detail = vec![AuditEventDetail {
		type_: "log-number".into(),
		value_string: entry.number.to_string(),
	}];
	if !basis.is_empty() {
		detail.push(AuditEventDetail { type_: "basis".into(), value_string: basis });
	}
	detail.push(AuditEventDetail {
		type_: "read-at-block".into(),
		value_string: format!("{} {:?}", block.number, block.hash),
	});
	AuditEvent {
		resource_type: "AuditEvent",
		id: format!("chain-{}", entry.number),
		type_: Coding::new(
			"http://dicom.nema.org/resources/ontology/DCM",
			"110110",
			"Patient Record",
		),
		subtype: Vec::new(),
		action: Some(match entry.action {
			Action::Read => "R",
			Action::Write => "U",
		}),
		recorded: fhir::instant(i64::try_from(entry.at).unwrap_or(i64::MAX)),
		outcome: Some(outcome),
		outcome_desc,
		purpose_of_event: purpose.map(Into::into).into_iter().collect(),
		agent: agents,
		source: AuditEventSource {
			observer: Reference {
				identifier: Some(Identifier {
					system: Some("urn:healthchain".into()),
					value: Some("chain".into()),
				}),
				display: Some("HealthChain access log (on chain)".into()),
				..Default::default()
			},
			type_: vec![Coding::new(
				"http://terminology.hl7.org/CodeSystem/security-source-type",
				"4",
				"Application Server",
			)],
		},
		entity: vec![
			AuditEventEntity {
				what: Some(Reference::account(&auth::address(patient))),
				type_: Some(Coding::new(
					"http://terminology.hl7.org/CodeSystem/audit-entity-type",
					"1",
					"Person",
				)),
				role: Some(Coding::new(
					"http://terminology.hl7.org/CodeSystem/object-role",
					"1",
					"Patient",
				)),
				..Default::default()
			},
			AuditEventEntity {
				what: Some(Reference {
					reference: Some(format!("DocumentReference/{}", entry.record)),
					identifier: Some(Identifier {
						system: Some(RECORD_SYSTEM.into()),
						value: Some(entry.record.to_string()),
					}),
					..Default::default()
				}),
				type_: Some(Coding::new(
					"http://terminology.hl7.org/CodeSystem/audit-entity-type",
					"2",
					"System Object",
				)),
				role: Some(Coding::new(
					"http://terminology.hl7.org/CodeSystem/object-role",
					"4",
					"Domain Resource",
				)),
				detail,
			},
		],
	}
}

async fn search_audit_events(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<PatientSearch>,
) -> Response {
	fhir_read(gateway, ip, headers, None, |gateway, requester, mut audit| async move {
		let result = async {
			let (patient, at) = patient_search(&gateway, &requester, &search, true, &mut audit)?;
			let mut events: Vec<(Option<String>, AuditEvent)> = gateway
				.chain
				.access_log(at, &patient)
				.await?
				.iter()
				.map(|entry| (None, chain_audit_event(&patient, entry, at)))
				.collect();
			let trail =
				gateway.db.audit_events(Some(&auth::address(&patient)), None, 0, 1000).await?;
			events.extend(
				trail.iter().map(|entry| (None, audit_event(entry, &gateway.config.gateway_id))),
			);
			Ok(fhir_json(StatusCode::OK, &Bundle::searchset(events, Vec::new())))
		}
		.await;
		(audit, result)
	})
	.await
}
