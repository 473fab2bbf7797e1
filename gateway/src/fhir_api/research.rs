//! `ResearchStudy` and `ResearchSubject`: registered clinical trials, public as a trial
//! registry is, and a patient's enrolment in one, which is the patient's data: enrolment in a
//! trial tells of a condition. It is served to the patient, a guardian, the trial's sponsor and
//! a grantee whose grant covers all records or the `ResearchSubject` type for the requester's
//! purpose; the consent decision comes before the enrolment is looked up, so a refused
//! requester cannot tell an enrolled patient from one who is not.

use std::sync::Arc;

use axum::{
	extract::{Path, Query, State},
	http::{HeaderMap, StatusCode},
	response::Response,
	routing::get,
	Router,
};
use pallet_clinical_trials::{Participation, Phase, RegistryId, TrialId, TrialStatus};

use super::*;
use crate::chain::ChainTrial;

const STUDY: &str = "ResearchStudy";
const SUBJECT: &str = "ResearchSubject";

pub(super) fn routes() -> Router<Arc<Gateway>> {
	Router::new()
		.route("/fhir/ResearchStudy", get(search_research_studies))
		.route("/fhir/ResearchStudy/{id}", get(read_research_study))
		.route("/fhir/ResearchSubject", get(search_research_subjects))
		.route("/fhir/ResearchSubject/{id}", get(read_research_subject))
}

pub(super) fn capabilities() -> Vec<CapabilityResource> {
	vec![
		CapabilityResource {
			type_: STUDY,
			documentation: "A registered trial: primary-registry id, status, phase, period, \
			                sponsor and sites.",
			interaction: read_and_search(),
			search_param: vec![search_param(
				"identifier",
				"token",
				"The primary-registry id (NCT, EU CT or ISRCTN number), with or without its \
				 system (required)",
			)],
		},
		CapabilityResource {
			type_: SUBJECT,
			documentation: "A patient's enrolment (id `<trial>-<address>`), to the patient, a \
			                guardian, the sponsor and grantees of AllRecords or of the \
			                ResearchSubject category for the purpose.",
			interaction: read_and_search(),
			search_param: vec![
				search_param("study", "reference", "ResearchStudy/<id> (required)"),
				search_param("patient", "reference", "Patient SS58 address (required)"),
			],
		},
	]
}

/// The primary-registry id as an identifier in its registry's namespace.
fn registry_identifier(id: &RegistryId) -> Identifier {
	let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
	match id {
		RegistryId::Nct(digits) => {
			Identifier::new("https://clinicaltrials.gov", format!("NCT{}", text(digits)))
		},
		RegistryId::EuCt(number) => Identifier::new("https://euclinicaltrials.eu", text(number)),
		RegistryId::Isrctn(digits) => {
			Identifier::new("https://www.isrctn.com", format!("ISRCTN{}", text(digits)))
		},
	}
}

/// The R4 research-study-status: a registration no authority has confirmed yet is `in-review`.
fn study_status(trial: &ChainTrial) -> &'static str {
	match trial.status {
		TrialStatus::Registered if trial.registry_confirmed_by.is_none() => "in-review",
		TrialStatus::Registered => "approved",
		TrialStatus::Recruiting => "active",
		TrialStatus::Active => "closed-to-accrual",
		TrialStatus::Completed { .. } => "completed",
		TrialStatus::Suspended { .. } => "temporarily-closed-to-accrual-and-intervention",
		TrialStatus::Terminated { .. } => "administratively-completed",
	}
}

fn phase(phase: Phase) -> CodeableConcept {
	let (code, display) = match phase {
		Phase::EarlyPhase1 => ("early-phase-1", "Early Phase 1"),
		Phase::Phase1 => ("phase-1", "Phase 1"),
		Phase::Phase1Phase2 => ("phase-1-phase-2", "Phase 1/Phase 2"),
		Phase::Phase2 => ("phase-2", "Phase 2"),
		Phase::Phase2Phase3 => ("phase-2-phase-3", "Phase 2/Phase 3"),
		Phase::Phase3 => ("phase-3", "Phase 3"),
		Phase::Phase4 => ("phase-4", "Phase 4"),
		Phase::NotApplicable => ("n-a", "N/A"),
	};
	Coding::new("http://terminology.hl7.org/CodeSystem/research-study-phase", code, display).into()
}

fn research_study(id: TrialId, trial: &ChainTrial) -> ResearchStudy {
	let ended = match trial.status {
		TrialStatus::Completed { at } | TrialStatus::Terminated { at } => Some(moment(at)),
		_ => None,
	};
	ResearchStudy {
		resource_type: STUDY,
		id: id.to_string(),
		identifier: vec![
			Identifier::new(TRIAL_SYSTEM, id),
			registry_identifier(&trial.registry_id),
		],
		status: study_status(trial),
		phase: Some(phase(trial.phase)),
		period: Some(Period { start: Some(moment(trial.registered_at)), end: ended }),
		sponsor: Some(Reference::account(&auth::address(&trial.sponsor))),
		// R4 names sites as Locations; an institution's location is identified by its id.
		site: trial
			.sites
			.iter()
			.map(|site| Reference {
				type_: Some("Location".into()),
				identifier: Some(Identifier::new(INSTITUTION_SYSTEM, site)),
				..Default::default()
			})
			.collect(),
	}
}

async fn known_trial(gateway: &Gateway, at: BlockRef, id: TrialId) -> Result<ChainTrial, ApiError> {
	gateway.chain.trial(at, id).await?.ok_or_else(|| not_found(STUDY, id))
}

async fn read_research_study(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, _requester, audit| {
		let id = numeric_id::<TrialId>(&id, "a trial id")?;
		let at = decision_block(&gateway, audit)?;
		let trial = known_trial(&gateway, at, id).await?;
		Ok(fhir_json(StatusCode::OK, &research_study(id, &trial)))
	})
	.await
}

async fn search_research_studies(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, _requester, audit| {
		let token = required(&search.identifier, "identifier", "a primary-registry id")?;
		// A token is `[system|]value`; the value alone names the registry.
		let value = token.rsplit_once('|').map_or(token, |(_, value)| value);
		let registry_id = RegistryId::parse(value.as_bytes()).ok_or_else(|| {
			ApiError::bad_request(format!("`{value}` is no NCT, EU CT or ISRCTN number"))
		})?;
		let at = decision_block(&gateway, audit)?;
		let mut found = Vec::new();
		if let Some(id) = gateway.chain.trial_by_registry_id(at, registry_id).await? {
			let trial = known_trial(&gateway, at, id).await?;
			found.push(entry(STUDY, id, research_study(id, &trial)));
		}
		Ok(searchset(found))
	})
	.await
}

/// The enrolment of `patient` in trial `id`, if the requester may see it: `None` when the
/// patient is not enrolled.
async fn enrolment(
	gateway: &Gateway,
	requester: &Requester,
	id: TrialId,
	patient: &AccountId,
	audit: &mut Audit,
) -> Result<Option<ResearchSubject>, ApiError> {
	audit.0.patient = Some(auth::address(patient));
	let at = decision_block(gateway, audit)?;
	let trial = known_trial(gateway, at, id).await?;
	ConsentDecision::of(gateway, at, requester, patient, SUBJECT)
		.await?
		.allows(requester, &[&trial.sponsor])?;
	let status = match gateway.chain.participation(at, id, patient).await? {
		Participation::NotEnrolled => return Ok(None),
		Participation::Enrolled => "on-study",
		// The enrolment stays until the participant withdraws, but nothing more may be
		// collected: off study.
		Participation::EnrolledConsentLapsed => "off-study",
	};
	let address = auth::address(patient);
	Ok(Some(ResearchSubject {
		resource_type: SUBJECT,
		id: format!("{id}-{address}"),
		status,
		study: Reference::to(STUDY, id),
		individual: Reference::account(&address),
	}))
}

async fn search_research_subjects(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let study = required(&search.study, "study", "ResearchStudy/<id>")?;
		let id = numeric_id::<TrialId>(reference_id(study, STUDY), "a trial id")?;
		let patient = searched_patient(&search)?;
		let found = enrolment(&gateway, &requester, id, &patient, audit).await?;
		Ok(searchset(
			found
				.into_iter()
				.map(|subject| entry(SUBJECT, subject.id.clone(), subject))
				.collect(),
		))
	})
	.await
}

async fn read_research_subject(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let (trial, patient) = numbered_account::<TrialId>(&id, "trial", "a trial id")?;
		let subject = enrolment(&gateway, &requester, trial, &patient, audit)
			.await?
			.ok_or_else(|| not_found(SUBJECT, &id))?;
		Ok(fhir_json(StatusCode::OK, &subject))
	})
	.await
}
