//! `Organization`, `Practitioner` and `PractitionerRole`: the licence and institution registry,
//! public as a medical register is. Names and addresses stay off chain (the chain keeps the
//! hash of each institution's details), so resources carry ids, kinds, countries, roles and
//! validity: what the chain itself decides with.

use std::sync::Arc;

use axum::{
	extract::{Path, Query, State},
	http::{HeaderMap, StatusCode},
	response::Response,
	routing::get,
	Router,
};
use healthchain_primitives::credentials::{InstitutionId, InstitutionKind, Jurisdiction, Role};
use pallet_credentials::CredentialStatus;

use super::*;
use crate::chain::{ChainCredential, ChainInstitution};

pub(super) fn routes() -> Router<Arc<Gateway>> {
	Router::new()
		.route("/fhir/Organization/{id}", get(read_organization))
		.route("/fhir/Practitioner/{id}", get(read_practitioner))
		.route("/fhir/PractitionerRole", get(search_practitioner_roles))
		.route("/fhir/PractitionerRole/{id}", get(read_practitioner_role))
}

pub(super) fn capabilities() -> Vec<CapabilityResource> {
	vec![
		CapabilityResource {
			type_: "Organization",
			documentation: "A registered institution by its id: kind, country, and whether an \
			                authority has verified it.",
			interaction: vec![Interaction { code: "read" }],
			search_param: vec![],
		},
		CapabilityResource {
			type_: "Practitioner",
			documentation: "An account by its SS58 address, with its live licences \
			                (qualification: role, validity, issuing authority).",
			interaction: vec![Interaction { code: "read" }],
			search_param: vec![],
		},
		CapabilityResource {
			type_: "PractitionerRole",
			documentation: "A practitioner's affiliation to an institution (id \
			                `<institution>-<address>`), with the roles of their live licences.",
			interaction: read_and_search(),
			search_param: vec![search_param(
				"organization",
				"reference",
				"Organization/<id> (required): the institution's practitioners",
			)],
		},
	]
}

/// The HL7 organization-type code of an institution kind (coarser than the chain's kinds,
/// which follow as a second coding).
fn organization_type(kind: InstitutionKind) -> CodeableConcept {
	let (code, display) = match kind {
		InstitutionKind::Hospital
		| InstitutionKind::Clinic
		| InstitutionKind::Laboratory
		| InstitutionKind::Pharmacy => ("prov", "Healthcare Provider"),
		InstitutionKind::Manufacturer | InstitutionKind::Distributor => {
			("bus", "Non-Healthcare Business or Corporation")
		},
		InstitutionKind::TrialSponsor => ("crs", "Clinical Research Sponsor"),
		InstitutionKind::Insurer => ("ins", "Insurance Company"),
	};
	let kind = format!("{kind:?}");
	CodeableConcept {
		coding: vec![
			Coding::new("http://terminology.hl7.org/CodeSystem/organization-type", code, display),
			Coding::new("urn:healthchain:institution-kind", &kind, &kind),
		],
		text: None,
	}
}

/// A jurisdiction as its ISO 3166-1 alpha-2 text.
pub(super) fn country(jurisdiction: &Jurisdiction) -> String {
	String::from_utf8_lossy(&jurisdiction.0).into_owned()
}

fn organization(id: InstitutionId, institution: &ChainInstitution) -> Organization {
	Organization {
		resource_type: "Organization",
		id: id.to_string(),
		identifier: vec![Identifier::new(INSTITUTION_SYSTEM, id)],
		active: institution.status.is_verified(),
		type_: vec![organization_type(institution.kind)],
		address: vec![Address { country: Some(country(&institution.jurisdiction)) }],
	}
}

/// Whether a licence is in force at `now` (chain time): active and inside its validity.
fn is_live(credential: &ChainCredential, now: u64) -> bool {
	credential.status == CredentialStatus::Active
		&& credential.valid_from <= now
		&& now < credential.valid_until
}

fn role(role: Role) -> CodeableConcept {
	let name = format!("{role:?}");
	Coding::new(ROLE_SYSTEM, &name, &name).into()
}

/// The practitioner's licences at the block, and which of them are live: an authority's
/// suspension or revocation, and the end of the validity period, remove a licence from what is
/// served.
async fn credentials_at(
	gateway: &Gateway,
	at: BlockRef,
	who: &AccountId,
) -> Result<(usize, Vec<(u64, ChainCredential)>), ApiError> {
	let now = gateway.chain.chain_time(at).await?;
	let mut credentials = gateway.chain.credentials_of(at, who).await?;
	let issued = credentials.len();
	credentials.retain(|(_, credential)| is_live(credential, now));
	Ok((issued, credentials))
}

fn practitioner(address: &str, live: &[(u64, ChainCredential)]) -> Practitioner {
	Practitioner {
		resource_type: "Practitioner",
		id: address.into(),
		identifier: vec![Identifier::new(ACCOUNT_SYSTEM, address)],
		active: !live.is_empty(),
		qualification: live
			.iter()
			.map(|(id, credential)| PractitionerQualification {
				identifier: vec![Identifier::new(CREDENTIAL_SYSTEM, id)],
				code: role(credential.role),
				period: Some(Period {
					start: Some(moment(credential.valid_from)),
					end: Some(moment(credential.valid_until)),
				}),
				issuer: Some(Reference::account(&auth::address(&credential.issuer))),
			})
			.collect(),
	}
}

fn practitioner_role(
	institution_id: InstitutionId,
	institution: &ChainInstitution,
	address: &str,
	live: &[(u64, ChainCredential)],
) -> PractitionerRole {
	let mut roles: Vec<Role> = live.iter().map(|(_, credential)| credential.role).collect();
	roles.sort_by_key(|role| Role::ALL.iter().position(|r| r == role));
	roles.dedup();
	PractitionerRole {
		resource_type: "PractitionerRole",
		id: format!("{institution_id}-{address}"),
		active: institution.status.is_verified() && !live.is_empty(),
		practitioner: Reference::practitioner(address),
		organization: Reference::to("Organization", institution_id),
		code: roles.into_iter().map(role).collect(),
	}
}

async fn known_institution(
	gateway: &Gateway,
	at: BlockRef,
	id: InstitutionId,
) -> Result<ChainInstitution, ApiError> {
	gateway
		.chain
		.institution(at, id)
		.await?
		.ok_or_else(|| not_found("Organization", id))
}

async fn read_organization(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, _requester, audit| {
		let id = numeric_id::<InstitutionId>(&id, "an institution id")?;
		let at = decision_block(&gateway, audit)?;
		let institution = known_institution(&gateway, at, id).await?;
		Ok(fhir_json(StatusCode::OK, &organization(id, &institution)))
	})
	.await
}

async fn read_practitioner(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(address): Path<String>,
	headers: HeaderMap,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, _requester, audit| {
		let account = auth::parse_account(&address)?;
		let at = decision_block(&gateway, audit)?;
		let (issued, live) = credentials_at(&gateway, at, &account).await?;
		// An account never licensed is no practitioner; one whose licences all lapsed is
		// an inactive one.
		if issued == 0 {
			return Err(not_found("Practitioner", &address));
		}
		Ok(fhir_json(StatusCode::OK, &practitioner(&auth::address(&account), &live)))
	})
	.await
}

/// The roles of every practitioner affiliated to the institution.
async fn roles_at(
	gateway: &Gateway,
	at: BlockRef,
	id: InstitutionId,
) -> Result<Vec<PractitionerRole>, ApiError> {
	let institution = known_institution(gateway, at, id).await?;
	let mut roles = Vec::new();
	for account in gateway.chain.practitioners_of(at, id).await? {
		let (_, live) = credentials_at(gateway, at, &account).await?;
		roles.push(practitioner_role(id, &institution, &auth::address(&account), &live));
	}
	Ok(roles)
}

async fn search_practitioner_roles(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, _requester, audit| {
		let organization = required(&search.organization, "organization", "Organization/<id>")?;
		let id = numeric_id(reference_id(organization, "Organization"), "an institution id")?;
		let at = decision_block(&gateway, audit)?;
		let roles = roles_at(&gateway, at, id).await?;
		Ok(searchset(
			roles
				.into_iter()
				.map(|role| entry("PractitionerRole", role.id.clone(), role))
				.collect(),
		))
	})
	.await
}

async fn read_practitioner_role(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, _requester, audit| {
		let (institution_id, account) =
			numbered_account::<InstitutionId>(&id, "institution", "an institution id")?;
		let at = decision_block(&gateway, audit)?;
		let institution = known_institution(&gateway, at, institution_id).await?;
		if !gateway.chain.practitioners_of(at, institution_id).await?.contains(&account) {
			return Err(not_found("PractitionerRole", &id));
		}
		let (_, live) = credentials_at(&gateway, at, &account).await?;
		let role = practitioner_role(institution_id, &institution, &auth::address(&account), &live);
		Ok(fhir_json(StatusCode::OK, &role))
	})
	.await
}
