//! `DocumentReference` and `Binary`: a patient's records and their stored, encrypted bytes.

use std::sync::Arc;

use axum::{
	extract::{Path, Query, State},
	http::{HeaderMap, StatusCode},
	response::Response,
	routing::get,
	Router,
};
use base64::Engine;
use healthchain_primitives::records::{Category, CodeSystem, RecordId};
use pallet_records::RecordStatus;

use super::*;
use crate::{chain::ChainRecord, http::download_response};

pub(super) fn routes() -> Router<Arc<Gateway>> {
	Router::new()
		.route("/fhir/DocumentReference", get(search_document_references))
		.route("/fhir/DocumentReference/{id}", get(read_document_reference))
		.route("/fhir/Binary/{id}", get(read_binary))
}

pub(super) fn capabilities() -> Vec<CapabilityResource> {
	vec![
		CapabilityResource {
			type_: "DocumentReference",
			documentation: "The patient's records the requester may read; relatesTo replaces for \
			                amendments; the attachment hash is SHA-256.",
			interaction: read_and_search(),
			search_param: vec![search_param(
				"patient",
				"reference",
				"Patient SS58 address (required)",
			)],
		},
		CapabilityResource {
			type_: "Binary",
			documentation: "The encrypted bytes; the requester's sealed data key is in the \
			                X-HealthChain-Wrapped-Key header.",
			interaction: vec![Interaction { code: "read" }],
			search_param: vec![],
		},
	]
}

pub(super) fn category(category: &Category) -> CodeableConcept {
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
		identifier: vec![Identifier::new(RECORD_SYSTEM, id)],
		status,
		type_: Some(category(&record.category)),
		subject: Some(Reference::account(&auth::address(&record.patient))),
		date: Some(moment(record.created_at)),
		author: vec![Reference::account(&auth::address(&record.author))],
		relates_to: record
			.supersedes
			.map(|previous| DocumentReferenceRelatesTo {
				code: "replaces",
				target: Reference::to("DocumentReference", previous),
			})
			.into_iter()
			.collect(),
		content: vec![DocumentReferenceContent {
			attachment: Attachment {
				content_type: Some("application/octet-stream".into()),
				url: Some(format!("Binary/{id}")),
				size,
				hash: Some(base64::engine::general_purpose::STANDARD.encode(record.content_hash)),
				creation: Some(moment(record.created_at)),
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
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let (patient, at) = patient_search(&gateway, &requester, &search, false, audit)?;
		let mut found = Vec::new();
		for (id, record) in gateway.chain.records_of(at, &patient).await? {
			if record.status == RecordStatus::Erased {
				continue;
			}
			if gateway.may_read(at, &requester, id).await? {
				let size = stored_size(&gateway, id).await?;
				found.push(entry("DocumentReference", id, document_reference(id, &record, size)));
			}
		}
		Ok(searchset(found))
	})
	.await
}

async fn read_document_reference(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let id = match numeric_id::<RecordId>(&id, "a record id") {
		Ok(id) => id,
		Err(e) => return operation_outcome(&e),
	};
	fhir_read(gateway, ip, headers, Some(id), async move |gateway, requester, audit| {
		let at = decision_block(&gateway, audit)?;
		let (record, _basis) = gateway.readable_record(at, &requester, id, audit).await?;
		let size = stored_size(&gateway, id).await?;
		Ok(fhir_json(StatusCode::OK, &document_reference(id, &record, size)))
	})
	.await
}

async fn read_binary(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let id = match numeric_id::<RecordId>(&id, "a record id") {
		Ok(id) => id,
		Err(e) => return operation_outcome(&e),
	};
	fhir_read(gateway, ip, headers, Some(id), async move |gateway, requester, audit| {
		gateway.download(&requester, id, audit).await.map(download_response)
	})
	.await
}
