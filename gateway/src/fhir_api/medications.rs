//! `MedicationRequest` and `MedicationDispense`: a patient's prescriptions and their fills.
//!
//! They are the patient's data, so they follow the patient's consent as a record of that FHIR
//! resource type would ([`Gateway::may_read_patient_data`]): the patient, a guardian, and a
//! grantee whose grant covers all records or that type, for the requester's purpose. Besides,
//! a prescriber reads the prescriptions they wrote and their fills, and a pharmacist the fills
//! they handed over: both wrote them on chain.

use std::sync::Arc;

use axum::{
	extract::{Path, Query, State},
	http::{HeaderMap, StatusCode},
	response::Response,
	routing::get,
	Router,
};
use pallet_prescriptions::{PrescriptionId, PrescriptionStatus};

use super::*;
use crate::chain::{ChainFill, ChainPrescription};

const REQUEST: &str = "MedicationRequest";
const DISPENSE: &str = "MedicationDispense";

pub(super) fn routes() -> Router<Arc<Gateway>> {
	Router::new()
		.route("/fhir/MedicationRequest", get(search_medication_requests))
		.route("/fhir/MedicationRequest/{id}", get(read_medication_request))
		.route("/fhir/MedicationDispense", get(search_medication_dispenses))
		.route("/fhir/MedicationDispense/{id}", get(read_medication_dispense))
}

pub(super) fn capabilities() -> Vec<CapabilityResource> {
	let patient = |documentation| search_param("patient", "reference", documentation);
	vec![
		CapabilityResource {
			type_: REQUEST,
			documentation: "A prescription: product (GTIN), prescriber, validity, repeats, \
			                interval and the authorised pharmacy. Served to the patient, a \
			                guardian, the prescriber and grantees of AllRecords or of the \
			                MedicationRequest category for the purpose.",
			interaction: read_and_search(),
			search_param: vec![patient("Patient SS58 address (required)")],
		},
		CapabilityResource {
			type_: DISPENSE,
			documentation: "One fill (id `<prescription>-<n>`, from 1): pharmacist, pharmacy, \
			                packs and time. Served to the patient, a guardian, the prescriber, \
			                the dispensing pharmacist and grantees of AllRecords or of the \
			                MedicationDispense category for the purpose.",
			interaction: read_and_search(),
			search_param: vec![patient("Patient SS58 address (required)")],
		},
	]
}

/// The product as a GS1 GTIN coding.
fn medication(prescription: &ChainPrescription) -> CodeableConcept {
	let gtin = String::from_utf8_lossy(&prescription.product.0).into_owned();
	CodeableConcept {
		coding: vec![Coding { system: Some(GTIN_SYSTEM.into()), code: Some(gtin), display: None }],
		text: None,
	}
}

/// The R4 status at chain time `now`: an active prescription past its validity with fills
/// left is `stopped`.
fn request_status(prescription: &ChainPrescription, now: u64) -> &'static str {
	match prescription.status {
		PrescriptionStatus::Cancelled { .. } => "cancelled",
		PrescriptionStatus::Completed => "completed",
		PrescriptionStatus::Active if now >= prescription.valid_until => "stopped",
		PrescriptionStatus::Active => "active",
	}
}

fn medication_request(
	id: PrescriptionId,
	prescription: &ChainPrescription,
	now: u64,
) -> MedicationRequest {
	MedicationRequest {
		resource_type: REQUEST,
		id: id.to_string(),
		identifier: vec![Identifier::new(PRESCRIPTION_SYSTEM, id)],
		status: request_status(prescription, now),
		intent: "order",
		medication_codeable_concept: medication(prescription),
		subject: Reference::account(&auth::address(&prescription.patient)),
		authored_on: moment(prescription.issued_at),
		requester: Reference::practitioner(&auth::address(&prescription.prescriber)),
		dispense_request: DispenseRequest {
			validity_period: Period {
				start: Some(moment(prescription.valid_from)),
				end: Some(moment(prescription.valid_until)),
			},
			number_of_repeats_allowed: prescription.repeats_allowed,
			quantity: Quantity::packs(u64::from(prescription.quantity_per_fill)),
			dispense_interval: (prescription.min_interval > 0)
				.then(|| Quantity::milliseconds(prescription.min_interval)),
			performer: prescription.authorised_pharmacy.map(|id| Reference::to("Organization", id)),
		},
	}
}

fn medication_dispense(
	id: PrescriptionId,
	number: usize,
	prescription: &ChainPrescription,
	fill: &ChainFill,
) -> MedicationDispense {
	MedicationDispense {
		resource_type: DISPENSE,
		id: format!("{id}-{number}"),
		status: "completed",
		medication_codeable_concept: medication(prescription),
		subject: Reference::account(&auth::address(&prescription.patient)),
		performer: vec![
			DispensePerformer { actor: Reference::practitioner(&auth::address(&fill.pharmacist)) },
			DispensePerformer { actor: Reference::to("Organization", fill.pharmacy) },
		],
		authorizing_prescription: vec![Reference::to(REQUEST, id)],
		quantity: Quantity::packs(u64::try_from(fill.units.len()).unwrap_or(u64::MAX)),
		when_handed_over: moment(fill.at),
	}
}

/// The prescription `id` with its fills, and the block and chain time it was read at; the
/// patient is noted in the audit entry.
async fn prescription_at(
	gateway: &Gateway,
	id: PrescriptionId,
	audit: &mut Audit,
) -> Result<(ChainPrescription, Vec<ChainFill>, BlockRef), ApiError> {
	let at = decision_block(gateway, audit)?;
	let (prescription, fills) = gateway
		.chain
		.prescription(at, id)
		.await?
		.ok_or_else(|| not_found(REQUEST, id))?;
	audit.0.patient = Some(auth::address(&prescription.patient));
	Ok((prescription, fills, at))
}

async fn read_medication_request(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let id = numeric_id::<PrescriptionId>(&id, "a prescription id")?;
		let (prescription, _, at) = prescription_at(&gateway, id, audit).await?;
		ConsentDecision::of(&gateway, at, &requester, &prescription.patient, REQUEST)
			.await?
			.allows(&requester, &[&prescription.prescriber])?;
		let now = gateway.chain.chain_time(at).await?;
		Ok(fhir_json(StatusCode::OK, &medication_request(id, &prescription, now)))
	})
	.await
}

async fn read_medication_dispense(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let bad_id = || ApiError::bad_request(format!("`{id}` is not `<prescription>-<n>`"));
		let (prescription_id, number) = id.split_once('-').ok_or_else(bad_id)?;
		let prescription_id = numeric_id::<PrescriptionId>(prescription_id, "a prescription id")?;
		let number = numeric_id::<usize>(number, "a fill number")?;
		let (prescription, fills, at) = prescription_at(&gateway, prescription_id, audit).await?;
		let fill = number
			.checked_sub(1)
			.and_then(|index| fills.get(index))
			.ok_or_else(|| not_found(DISPENSE, &id))?;
		ConsentDecision::of(&gateway, at, &requester, &prescription.patient, DISPENSE)
			.await?
			.allows(&requester, &[&prescription.prescriber, &fill.pharmacist])?;
		let dispense = medication_dispense(prescription_id, number, &prescription, fill);
		Ok(fhir_json(StatusCode::OK, &dispense))
	})
	.await
}

async fn search_medication_requests(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let (patient, at) = patient_search(&gateway, &requester, &search, false, audit)?;
		let consent = ConsentDecision::of(&gateway, at, &requester, &patient, REQUEST).await?;
		let now = gateway.chain.chain_time(at).await?;
		let found = gateway
			.chain
			.prescriptions_of(at, &patient)
			.await?
			.into_iter()
			.filter(|(_, prescription)| {
				consent.allows(&requester, &[&prescription.prescriber]).is_ok()
			})
			.map(|(id, prescription)| {
				entry(REQUEST, id, medication_request(id, &prescription, now))
			})
			.collect();
		Ok(searchset(found))
	})
	.await
}

async fn search_medication_dispenses(
	State(gateway): State<Arc<Gateway>>,
	ClientIp(ip): ClientIp,
	headers: HeaderMap,
	Query(search): Query<Search>,
) -> Response {
	fhir_read(gateway, ip, headers, None, async move |gateway, requester, audit| {
		let (patient, at) = patient_search(&gateway, &requester, &search, false, audit)?;
		let consent = ConsentDecision::of(&gateway, at, &requester, &patient, DISPENSE).await?;
		let mut found = Vec::new();
		for (id, _) in gateway.chain.prescriptions_of(at, &patient).await? {
			let Some((prescription, fills)) = gateway.chain.prescription(at, id).await? else {
				continue;
			};
			for (index, fill) in fills.iter().enumerate() {
				let writers = [&prescription.prescriber, &fill.pharmacist];
				if consent.allows(&requester, &writers).is_ok() {
					let dispense =
						medication_dispense(id, index.saturating_add(1), &prescription, fill);
					found.push(entry(DISPENSE, dispense.id.clone(), dispense));
				}
			}
		}
		Ok(searchset(found))
	})
	.await
}
