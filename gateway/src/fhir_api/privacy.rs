//! `Consent` and `AuditEvent`: a patient's grants and who accessed their data, to the patient.

use std::sync::Arc;

use axum::{
	extract::{Query, State},
	http::HeaderMap,
	response::Response,
	routing::get,
	Router,
};
use healthchain_primitives::consent::{AccessOutcome, Action, Grantee, Purpose};
use pallet_consent::{GrantScope, GrantStatus};

use super::{documents::category, *};
use crate::{
	audit::audit_event,
	chain::{AccessEntry, ChainGrant, ChainGrantee},
};

pub(super) fn routes() -> Router<Arc<Gateway>> {
	Router::new()
		.route("/fhir/Consent", get(search_consents))
		.route("/fhir/AuditEvent", get(search_audit_events))
}

pub(super) fn capabilities() -> Vec<CapabilityResource> {
	let patient = || search_param("patient", "reference", "The requesting patient's SS58 address");
	vec![
		CapabilityResource {
			type_: "Consent",
			documentation: "The patient's grants, to the patient.",
			interaction: vec![Interaction { code: "search-type" }],
			search_param: vec![patient()],
		},
		CapabilityResource {
			type_: "AuditEvent",
			documentation: "The on-chain access log and this gateway's trail about the patient, \
			                to the patient.",
			interaction: vec![Interaction { code: "search-type" }],
			search_param: vec![patient()],
		},
	]
}

fn grantee_reference(grantee: &ChainGrantee) -> Reference {
	match grantee {
		Grantee::Practitioner(account) => Reference::practitioner(&auth::address(account)),
		Grantee::Institution(id) => Reference::to("Organization", id),
		Grantee::Study(id) => Reference::to("ResearchStudy", id),
	}
}

/// The `Consent` of one grant, as it stands at `now`.
fn consent(
	patient: &AccountId,
	grantee: &ChainGrantee,
	purpose: Purpose,
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
					reference: Reference::to("DocumentReference", id),
				})
				.collect(),
		),
	};
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
		date_time: Some(moment(grant.granted_at)),
		policy_rule: Some(
			Coding::new("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in")
				.into(),
		),
		provision: Some(ConsentProvision {
			type_: Some("permit"),
			period: Some(Period {
				start: Some(moment(grant.valid_from)),
				end: match grant.status {
					GrantStatus::Revoked { at } => Some(moment(at)),
					GrantStatus::Active => grant.valid_until.map(moment),
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
			purpose: vec![purpose_of_use(purpose)],
			code,
			data,
		}),
	}
}

async fn search_consents(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let (patient, at) = patient_search(&gateway, &requester, &search, true, audit)?;
		// Whether a grant has expired is a matter of the chain's clock.
		let now = gateway.chain.chain_time(at).await?;
		let consents = gateway
			.chain
			.grants_of(at, &patient)
			.await?
			.iter()
			.map(|(grantee, purpose, grant)| {
				let resource = consent(&patient, grantee, *purpose, grant, now);
				entry("Consent", resource.id.clone(), resource)
			})
			.collect();
		Ok(searchset(consents))
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
	let purpose = Some(purpose_of_use(entry.purpose));
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
			who: Some(Reference::to("Organization", institution)),
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
		recorded: moment(entry.at),
		outcome: Some(outcome),
		outcome_desc,
		purpose_of_event: purpose.map(Into::into).into_iter().collect(),
		agent: agents,
		source: AuditEventSource {
			observer: Reference {
				identifier: Some(Identifier::new("urn:healthchain", "chain")),
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
					identifier: Some(Identifier::new(RECORD_SYSTEM, entry.record)),
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
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let (patient, at) = patient_search(&gateway, &requester, &search, true, audit)?;
		let mut events: Vec<(Option<String>, AuditEvent)> = gateway
			.chain
			.access_log(at, &patient)
			.await?
			.iter()
			.map(|entry| (None, chain_audit_event(&patient, entry, at)))
			.collect();
		let trail = gateway.db.audit_events(Some(&auth::address(&patient)), None, 0, 1000).await?;
		events.extend(
			trail.iter().map(|entry| (None, audit_event(entry, &gateway.config.gateway_id))),
		);
		Ok(searchset(events))
	})
	.await
}
