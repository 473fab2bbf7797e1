//! FHIR R4 (4.0.1) resources the gateway serves, as typed structures: what they may hold is
//! decided by the types, not by hand-built JSON. Only the elements the gateway fills are
//! modelled; every one follows the R4 definitions and the tests validate the output against
//! the official R4 JSON schema.

use healthchain_primitives::consent::Purpose;
use serde::Serialize;

/// The FHIR version every resource and the CapabilityStatement declare.
pub const FHIR_VERSION: &str = "4.0.1";

/// `Coding`: a code in a code system.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Coding {
	/// The code system's URI.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub system: Option<String>,
	/// The code.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub code: Option<String>,
	/// Its human-readable name.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub display: Option<String>,
}

impl Coding {
	/// A code in `system`, with its display text.
	pub fn new(system: &str, code: &str, display: &str) -> Self {
		Self { system: Some(system.into()), code: Some(code.into()), display: Some(display.into()) }
	}
}

/// `CodeableConcept`: codings and text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CodeableConcept {
	/// The codings.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub coding: Vec<Coding>,
	/// Plain text.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub text: Option<String>,
}

impl From<Coding> for CodeableConcept {
	fn from(coding: Coding) -> Self {
		Self { coding: vec![coding], text: None }
	}
}

/// `Identifier`: a business identifier in a system.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Identifier {
	/// The namespace.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub system: Option<String>,
	/// The value.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub value: Option<String>,
}

/// `Reference`: a link to another resource or an identified thing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
	/// A literal reference (`Patient/…`).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub reference: Option<String>,
	/// The referenced resource's type.
	#[serde(rename = "type", skip_serializing_if = "Option::is_none")]
	pub type_: Option<String>,
	/// A logical reference by identifier.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub identifier: Option<Identifier>,
	/// Text for the reference.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub display: Option<String>,
}

/// HealthChain account identifiers: SS58 addresses.
pub const ACCOUNT_SYSTEM: &str = "urn:healthchain:account";
/// HealthChain record identifiers.
pub const RECORD_SYSTEM: &str = "urn:healthchain:record";
/// HealthChain institution identifiers.
pub const INSTITUTION_SYSTEM: &str = "urn:healthchain:institution";
/// HealthChain credential (licence) identifiers.
pub const CREDENTIAL_SYSTEM: &str = "urn:healthchain:credential";
/// HealthChain roles (`Physician`, `Pharmacist`, …).
pub const ROLE_SYSTEM: &str = "urn:healthchain:role";
/// HealthChain prescription identifiers.
pub const PRESCRIPTION_SYSTEM: &str = "urn:healthchain:prescription";
/// HealthChain trial identifiers.
pub const TRIAL_SYSTEM: &str = "urn:healthchain:trial";
/// GS1 Global Trade Item Numbers.
pub const GTIN_SYSTEM: &str = "https://www.gs1.org/gtin";

impl Identifier {
	/// `value` in `system`.
	pub fn new(system: &str, value: impl ToString) -> Self {
		Self { system: Some(system.into()), value: Some(value.to_string()) }
	}
}

impl Reference {
	/// A literal reference to a resource this server serves (`Organization/7`).
	pub fn to(resource_type: &str, id: impl std::fmt::Display) -> Self {
		Self { reference: Some(format!("{resource_type}/{id}")), ..Default::default() }
	}

	/// A reference to a practitioner's account: resolvable here, and identified by address.
	pub fn practitioner(address: &str) -> Self {
		Self { reference: Some(format!("Practitioner/{address}")), ..Self::account(address) }
	}

	/// A reference to a HealthChain account by its SS58 address.
	pub fn account(address: &str) -> Self {
		Self { identifier: Some(Identifier::new(ACCOUNT_SYSTEM, address)), ..Default::default() }
	}
}

/// `AuditEvent.agent.network`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventNetwork {
	/// The address.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub address: Option<String>,
	/// `2` for an IP address.
	#[serde(rename = "type", skip_serializing_if = "Option::is_none")]
	pub type_: Option<String>,
}

/// `AuditEvent.agent`: who took part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventAgent {
	/// Its role in the event.
	#[serde(rename = "type", skip_serializing_if = "Option::is_none")]
	pub type_: Option<CodeableConcept>,
	/// Who.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub who: Option<Reference>,
	/// Whether this agent started the event.
	pub requestor: bool,
	/// From where.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub network: Option<AuditEventNetwork>,
	/// The purpose of use the agent gave.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub purpose_of_use: Vec<CodeableConcept>,
}

/// `AuditEvent.source`: who recorded the event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventSource {
	/// The observer (this gateway, or the chain).
	pub observer: Reference,
	/// What kind of source.
	#[serde(rename = "type", skip_serializing_if = "Vec::is_empty")]
	pub type_: Vec<Coding>,
}

/// `AuditEvent.entity.detail`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventDetail {
	/// The name of the detail.
	#[serde(rename = "type")]
	pub type_: String,
	/// Its value.
	pub value_string: String,
}

/// `AuditEvent.entity`: what the event was about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEventEntity {
	/// The thing.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub what: Option<Reference>,
	/// Its kind.
	#[serde(rename = "type", skip_serializing_if = "Option::is_none")]
	pub type_: Option<Coding>,
	/// Its role.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub role: Option<Coding>,
	/// Extra facts (the chain block of the decision, the refusal reason).
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub detail: Vec<AuditEventDetail>,
}

/// `AuditEvent` (IHE Basic Audit Log Patterns).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
	/// Always `AuditEvent`.
	pub resource_type: &'static str,
	/// Its id.
	pub id: String,
	/// The kind of event.
	#[serde(rename = "type")]
	pub type_: Coding,
	/// The more specific kind.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub subtype: Vec<Coding>,
	/// `C`, `R`, `U`, `D` or `E`.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub action: Option<&'static str>,
	/// When it was recorded.
	pub recorded: String,
	/// `0` success, `4` minor failure (refused), `8` serious failure.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub outcome: Option<&'static str>,
	/// Why it failed or was refused.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub outcome_desc: Option<String>,
	/// The purpose of use.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub purpose_of_event: Vec<CodeableConcept>,
	/// Who took part.
	pub agent: Vec<AuditEventAgent>,
	/// Who recorded it.
	pub source: AuditEventSource,
	/// What it was about.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub entity: Vec<AuditEventEntity>,
}

/// `Attachment`: where the document's bytes are and how to check them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
	/// The MIME type of the bytes (always ciphertext here).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub content_type: Option<String>,
	/// Where to fetch them (`Binary/{id}`).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub url: Option<String>,
	/// Their size in bytes, when stored at this gateway.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub size: Option<u64>,
	/// Their hash, base64: HealthChain's SHA-256 `content_hash` (R4 suggests SHA-1; the chain
	/// fixes SHA-256).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub hash: Option<String>,
	/// When the document was created.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub creation: Option<String>,
}

/// `DocumentReference.content`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReferenceContent {
	/// The bytes.
	pub attachment: Attachment,
}

/// `DocumentReference.relatesTo`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReferenceRelatesTo {
	/// `replaces` for an amendment.
	pub code: &'static str,
	/// The version it replaces.
	pub target: Reference,
}

/// `DocumentReference`: one on-chain record and its stored document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReference {
	/// Always `DocumentReference`.
	pub resource_type: &'static str,
	/// The record id.
	pub id: String,
	/// The record id as an identifier.
	pub identifier: Vec<Identifier>,
	/// `current`, `superseded` or `entered-in-error`.
	pub status: &'static str,
	/// The record's category.
	#[serde(rename = "type", skip_serializing_if = "Option::is_none")]
	pub type_: Option<CodeableConcept>,
	/// The patient.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub subject: Option<Reference>,
	/// When it was added.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub date: Option<String>,
	/// Who wrote this version.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub author: Vec<Reference>,
	/// The version this one replaces.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub relates_to: Vec<DocumentReferenceRelatesTo>,
	/// The document.
	pub content: Vec<DocumentReferenceContent>,
}

/// `Period`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Period {
	/// From.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub start: Option<String>,
	/// Until.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub end: Option<String>,
}

/// `Consent.provision.actor`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentActor {
	/// How the actor takes part (`IRCP`, information recipient).
	pub role: CodeableConcept,
	/// Who.
	pub reference: Reference,
}

/// `Consent.provision.data`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentData {
	/// `instance`: exactly this record.
	pub meaning: &'static str,
	/// The record.
	pub reference: Reference,
}

/// `Consent.provision`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConsentProvision {
	/// `permit`.
	#[serde(rename = "type", skip_serializing_if = "Option::is_none")]
	pub type_: Option<&'static str>,
	/// When it applies.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub period: Option<Period>,
	/// Whom it admits.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub actor: Vec<ConsentActor>,
	/// What they may do.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub action: Vec<CodeableConcept>,
	/// For which purpose.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub purpose: Vec<Coding>,
	/// Which categories of record.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub code: Vec<CodeableConcept>,
	/// Which records.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub data: Vec<ConsentData>,
}

/// `Consent`: one of a patient's grants.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Consent {
	/// Always `Consent`.
	pub resource_type: &'static str,
	/// The grant id.
	pub id: String,
	/// `active`, or `inactive` once revoked or expired.
	pub status: &'static str,
	/// `patient-privacy`.
	pub scope: CodeableConcept,
	/// Patient consent (LOINC 59284-0).
	pub category: Vec<CodeableConcept>,
	/// Whose consent.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub patient: Option<Reference>,
	/// When it was given.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub date_time: Option<String>,
	/// The rule it follows (opt-in).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub policy_rule: Option<CodeableConcept>,
	/// What it permits.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub provision: Option<ConsentProvision>,
}

/// `Quantity` (and `Duration`, which has the same shape): a measured amount.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quantity {
	/// The amount.
	pub value: u64,
	/// The unit, for people.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub unit: Option<String>,
	/// The unit's code system (UCUM).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub system: Option<String>,
	/// The unit's code.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub code: Option<String>,
}

/// UCUM, the code system of units.
pub const UCUM: &str = "http://unitsofmeasure.org";

impl Quantity {
	/// So many packs (UCUM `{pack}`, an annotation: a count of serialized packs).
	pub fn packs(value: u64) -> Self {
		Self {
			value,
			unit: Some("pack".into()),
			system: Some(UCUM.into()),
			code: Some("{pack}".into()),
		}
	}

	/// A duration in milliseconds (UCUM `ms`).
	pub fn milliseconds(value: u64) -> Self {
		Self { value, unit: Some("ms".into()), system: Some(UCUM.into()), code: Some("ms".into()) }
	}
}

/// `Address`: only the country is on chain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
	/// ISO 3166-1 alpha-2.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub country: Option<String>,
}

/// `Organization`: a registered institution. Its name and address stay off chain (the chain
/// keeps their hash), so it is identified by its institution id (rule org-1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
	/// Always `Organization`.
	pub resource_type: &'static str,
	/// The institution id.
	pub id: String,
	/// The institution id as an identifier.
	pub identifier: Vec<Identifier>,
	/// Whether an authority has verified it (and not suspended it since).
	pub active: bool,
	/// Its kind.
	#[serde(rename = "type", skip_serializing_if = "Vec::is_empty")]
	pub type_: Vec<CodeableConcept>,
	/// The country it operates in.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub address: Vec<Address>,
}

/// `Practitioner.qualification`: one live licence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PractitionerQualification {
	/// The credential id.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub identifier: Vec<Identifier>,
	/// The role it licenses.
	pub code: CodeableConcept,
	/// Its validity period.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub period: Option<Period>,
	/// The authority that issued it.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub issuer: Option<Reference>,
}

/// `Practitioner`: an account and its live licences.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Practitioner {
	/// Always `Practitioner`.
	pub resource_type: &'static str,
	/// The account's SS58 address.
	pub id: String,
	/// The account as an identifier.
	pub identifier: Vec<Identifier>,
	/// Whether it holds at least one live licence.
	pub active: bool,
	/// Its live licences.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub qualification: Vec<PractitionerQualification>,
}

/// `PractitionerRole`: a practitioner's affiliation to an institution, with the roles they are
/// licensed in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PractitionerRole {
	/// Always `PractitionerRole`.
	pub resource_type: &'static str,
	/// `{institution}-{address}`.
	pub id: String,
	/// Whether the institution is verified and the practitioner holds a live licence.
	pub active: bool,
	/// The practitioner.
	pub practitioner: Reference,
	/// The institution.
	pub organization: Reference,
	/// The roles of their live licences.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub code: Vec<CodeableConcept>,
}

/// `MedicationRequest.dispenseRequest`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DispenseRequest {
	/// When it may be dispensed.
	pub validity_period: Period,
	/// How many fills may follow the first.
	pub number_of_repeats_allowed: u32,
	/// How many packs each fill hands over.
	pub quantity: Quantity,
	/// The least time between two fills.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub dispense_interval: Option<Quantity>,
	/// The pharmacy the patient authorised for the next fill.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub performer: Option<Reference>,
}

/// `MedicationRequest`: a prescription. Its dosage instructions stay off chain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MedicationRequest {
	/// Always `MedicationRequest`.
	pub resource_type: &'static str,
	/// The prescription id.
	pub id: String,
	/// The prescription id as an identifier.
	pub identifier: Vec<Identifier>,
	/// `active`, `cancelled`, `completed` or `stopped` (expired with fills left).
	pub status: &'static str,
	/// Always `order`.
	pub intent: &'static str,
	/// The product, by GTIN.
	pub medication_codeable_concept: CodeableConcept,
	/// The patient.
	pub subject: Reference,
	/// When it was issued.
	pub authored_on: String,
	/// The prescriber.
	pub requester: Reference,
	/// What may be dispensed, how often and where.
	pub dispense_request: DispenseRequest,
}

/// `MedicationDispense.performer`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DispensePerformer {
	/// Who (the pharmacist, or the pharmacy).
	pub actor: Reference,
}

/// `MedicationDispense`: one fill of a prescription.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MedicationDispense {
	/// Always `MedicationDispense`.
	pub resource_type: &'static str,
	/// `{prescription}-{fill number}`, the first fill numbered 1.
	pub id: String,
	/// Always `completed`: the chain records a fill when the packs are handed over.
	pub status: &'static str,
	/// The product, by GTIN.
	pub medication_codeable_concept: CodeableConcept,
	/// The patient.
	pub subject: Reference,
	/// The pharmacist and the pharmacy.
	pub performer: Vec<DispensePerformer>,
	/// The prescription it fills.
	pub authorizing_prescription: Vec<Reference>,
	/// How many packs were handed over.
	pub quantity: Quantity,
	/// When.
	pub when_handed_over: String,
}

/// `ResearchStudy`: a registered clinical trial. Its title and protocol stay off chain.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResearchStudy {
	/// Always `ResearchStudy`.
	pub resource_type: &'static str,
	/// The trial id.
	pub id: String,
	/// The trial id and its primary-registry id.
	pub identifier: Vec<Identifier>,
	/// Where it stands (R4 research-study-status).
	pub status: &'static str,
	/// Its phase.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub phase: Option<CodeableConcept>,
	/// From registration to completion or termination.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub period: Option<Period>,
	/// The sponsor's account.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub sponsor: Option<Reference>,
	/// The sites, as the institutions' locations.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub site: Vec<Reference>,
}

/// `ResearchSubject`: a patient's enrolment in a trial.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResearchSubject {
	/// Always `ResearchSubject`.
	pub resource_type: &'static str,
	/// `{trial}-{address}`.
	pub id: String,
	/// `on-study`, or `off-study` once the research consent behind the enrolment has lapsed.
	pub status: &'static str,
	/// The trial.
	pub study: Reference,
	/// The participant.
	pub individual: Reference,
}

/// `CapabilityStatement.rest.resource.interaction` and `.rest.interaction`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interaction {
	/// `read` or `search-type`.
	pub code: &'static str,
}

/// `CapabilityStatement.rest.resource.searchParam`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchParam {
	/// The parameter's name.
	pub name: &'static str,
	/// Its type.
	#[serde(rename = "type")]
	pub type_: &'static str,
	/// What it does here.
	pub documentation: &'static str,
}

/// `CapabilityStatement.rest.resource`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapabilityResource {
	/// The resource type.
	#[serde(rename = "type")]
	pub type_: &'static str,
	/// What is done with it here.
	pub documentation: &'static str,
	/// The supported interactions.
	pub interaction: Vec<Interaction>,
	/// The supported search parameters.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub search_param: Vec<SearchParam>,
}

/// `CapabilityStatement.rest.security`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapabilitySecurity {
	/// How to authenticate.
	pub description: &'static str,
}

/// `CapabilityStatement.rest`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapabilityRest {
	/// `server`.
	pub mode: &'static str,
	/// How it is secured.
	pub security: CapabilitySecurity,
	/// The resources served.
	pub resource: Vec<CapabilityResource>,
}

/// `CapabilityStatement.software`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Software {
	/// Its name.
	pub name: &'static str,
	/// Its version.
	pub version: &'static str,
}

/// `CapabilityStatement`: what this FHIR server does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CapabilityStatement {
	/// Always `CapabilityStatement`.
	pub resource_type: &'static str,
	/// `active`.
	pub status: &'static str,
	/// When it was published.
	pub date: String,
	/// `instance`: this server.
	pub kind: &'static str,
	/// The software.
	pub software: Software,
	/// FHIR R4.
	pub fhir_version: &'static str,
	/// The formats served.
	pub format: Vec<&'static str>,
	/// The REST API.
	pub rest: Vec<CapabilityRest>,
}

/// `Bundle.link`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleLink {
	/// `self` or `next`.
	pub relation: String,
	/// The URL.
	pub url: String,
}

/// `Bundle.entry.search`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntrySearch {
	/// `match` or `include`.
	pub mode: &'static str,
}

/// `Bundle.entry`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BundleEntry<R> {
	/// The resource's URL.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub full_url: Option<String>,
	/// The resource.
	pub resource: R,
	/// Why it is in the results.
	pub search: BundleEntrySearch,
}

/// `Bundle` of type `searchset`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Bundle<R> {
	/// Always `Bundle`.
	pub resource_type: &'static str,
	/// Always `searchset` here.
	#[serde(rename = "type")]
	pub type_: &'static str,
	/// How many matched.
	pub total: u32,
	/// Links to this page and the next.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub link: Vec<BundleLink>,
	/// The matches.
	#[serde(skip_serializing_if = "Vec::is_empty")]
	pub entry: Vec<BundleEntry<R>>,
}

impl<R> Bundle<R> {
	/// A searchset of `resources`.
	pub fn searchset(resources: Vec<(Option<String>, R)>, link: Vec<BundleLink>) -> Self {
		Self {
			resource_type: "Bundle",
			type_: "searchset",
			total: u32::try_from(resources.len()).unwrap_or(u32::MAX),
			link,
			entry: resources
				.into_iter()
				.map(|(full_url, resource)| BundleEntry {
					full_url,
					resource,
					search: BundleEntrySearch { mode: "match" },
				})
				.collect(),
		}
	}
}

/// `OperationOutcome.issue`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationOutcomeIssue {
	/// `fatal`, `error`, `warning` or `information`.
	pub severity: &'static str,
	/// The issue type (`security`, `not-found`, `invalid`, `conflict`, …).
	pub code: &'static str,
	/// The gateway's reason code.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub details: Option<CodeableConcept>,
	/// What happened, for people.
	pub diagnostics: String,
}

/// `OperationOutcome`: every error the FHIR API answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationOutcome {
	/// Always `OperationOutcome`.
	pub resource_type: &'static str,
	/// The issues.
	pub issue: Vec<OperationOutcomeIssue>,
}

/// The code system of the gateway's reasons (`NoGrant`, `NotLogged`, …).
pub const REASON_SYSTEM: &str = "urn:healthchain:gateway:reason";

/// The HL7 v3 ActReason coding of a purpose of use.
pub fn purpose_of_use(purpose: Purpose) -> Coding {
	let (_, code, display) = crate::auth::purpose_terms(purpose);
	Coding::new("http://terminology.hl7.org/CodeSystem/v3-ActReason", code, display)
}

/// An instant in FHIR form (`2026-12-04T05:00:00.000Z`) from Unix milliseconds.
pub fn instant(unix_ms: i64) -> String {
	let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(unix_ms) * 1_000_000)
		.unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
	let format = time::macros::format_description!(
		"[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
	);
	at.format(&format).unwrap_or_else(|_| "1970-01-01T00:00:00.000Z".into())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn instants_are_fhir_instants() {
		assert_eq!(instant(0), "1970-01-01T00:00:00.000Z");
		assert_eq!(instant(1_796_360_400_123), "2026-12-04T05:00:00.123Z");
	}
}
