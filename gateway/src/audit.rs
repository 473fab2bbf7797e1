//! The gateway's audit trail as FHIR `AuditEvent`s, after IHE Basic Audit Log Patterns: the
//! requester as the requesting agent with their network address and purpose of use, the
//! gateway as the observer, the patient and the record as entities, and the chain block the
//! decision was taken at.

use crate::{
	db::AuditRecord,
	fhir::{
		instant, purpose_of_use, AuditEvent, AuditEventAgent, AuditEventDetail, AuditEventEntity,
		AuditEventNetwork, AuditEventSource, Coding, Identifier, Reference, REASON_SYSTEM,
		RECORD_SYSTEM,
	},
};

const RESTFUL_INTERACTION: &str = "http://hl7.org/fhir/restful-interaction";
const AUDIT_EVENT_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-event-type";
const DICOM: &str = "http://dicom.nema.org/resources/ontology/DCM";
const OBJECT_ROLE: &str = "http://terminology.hl7.org/CodeSystem/object-role";
const ENTITY_TYPE: &str = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
const SOURCE_TYPE: &str = "http://terminology.hl7.org/CodeSystem/security-source-type";
const PARTICIPATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

/// The FHIR `AuditEvent` of one entry of the gateway's trail.
pub fn audit_event(record: &AuditRecord, gateway_id: &str) -> AuditEvent {
	// The CRUDE action and the RESTful interaction closest to each gateway operation.
	let (action, interaction) = match record.operation.as_str() {
		"upload" | "wrap-key" => ("C", "create"),
		"read" | "audit" | "fhir" => ("R", "read"),
		"erase" => ("D", "delete"),
		_ => ("E", "operation"),
	};
	let outcome = match record.outcome.as_str() {
		"success" => "0",
		"denied" => "4",
		_ => "8",
	};
	let purpose: Vec<_> = record
		.purpose
		.as_deref()
		.and_then(|name| crate::auth::parse_purpose(name).ok())
		.map(|purpose| purpose_of_use(purpose).into())
		.into_iter()
		.collect();
	let requester = record.requester.as_deref().map(|address| AuditEventAgent {
		type_: Some(Coding::new(PARTICIPATION, "IRCP", "information recipient").into()),
		who: Some(Reference::account(address)),
		requestor: true,
		network: record.client_address.as_ref().map(|address| AuditEventNetwork {
			address: Some(address.clone()),
			type_: Some("2".into()),
		}),
		purpose_of_use: purpose.clone(),
	});
	let gateway = AuditEventAgent {
		type_: Some(Coding::new(DICOM, "110153", "Source Role ID").into()),
		who: Some(gateway_reference(gateway_id)),
		requestor: false,
		..Default::default()
	};
	let mut entity = Vec::new();
	if let Some(patient) = &record.patient {
		entity.push(AuditEventEntity {
			what: Some(Reference::account(patient)),
			type_: Some(Coding::new(ENTITY_TYPE, "1", "Person")),
			role: Some(Coding::new(OBJECT_ROLE, "1", "Patient")),
			..Default::default()
		});
	}
	let mut detail = vec![AuditEventDetail {
		type_: "operation".into(),
		value_string: record.operation.clone(),
	}];
	if let (Some(number), Some(hash)) = (record.block_number, &record.block_hash) {
		detail.push(AuditEventDetail {
			type_: "decision-block".into(),
			value_string: format!("{number} {hash}"),
		});
	}
	detail.push(AuditEventDetail {
		type_: "http-status".into(),
		value_string: record.http_status.to_string(),
	});
	if let Some(on_behalf_of) = record.on_behalf_of {
		detail.push(AuditEventDetail {
			type_: "on-behalf-of".into(),
			value_string: on_behalf_of.to_string(),
		});
	}
	entity.push(AuditEventEntity {
		what: record.record_id.map(|id| Reference {
			reference: Some(format!("DocumentReference/{id}")),
			identifier: Some(Identifier {
				system: Some(RECORD_SYSTEM.into()),
				value: Some(id.to_string()),
			}),
			..Default::default()
		}),
		type_: Some(Coding::new(ENTITY_TYPE, "2", "System Object")),
		role: Some(Coding::new(OBJECT_ROLE, "4", "Domain Resource")),
		detail,
	});
	AuditEvent {
		resource_type: "AuditEvent",
		id: format!("gateway-{}", record.id),
		type_: Coding::new(AUDIT_EVENT_TYPE, "rest", "RESTful Operation"),
		subtype: vec![Coding::new(RESTFUL_INTERACTION, interaction, interaction)],
		action: Some(action),
		recorded: instant(record.recorded_at),
		outcome: Some(outcome),
		outcome_desc: record.reason.as_ref().map(|reason| format!("{reason} ({REASON_SYSTEM})")),
		purpose_of_event: purpose,
		agent: requester.into_iter().chain(std::iter::once(gateway)).collect(),
		source: AuditEventSource {
			observer: gateway_reference(gateway_id),
			type_: vec![Coding::new(SOURCE_TYPE, "4", "Application Server")],
		},
		entity,
	}
}

fn gateway_reference(gateway_id: &str) -> Reference {
	Reference {
		identifier: Some(Identifier {
			system: Some("urn:healthchain:gateway".into()),
			value: Some(gateway_id.into()),
		}),
		display: Some(format!("HealthChain gateway {gateway_id}")),
		..Default::default()
	}
}
