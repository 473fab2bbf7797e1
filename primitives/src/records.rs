//! What identifies a health record on chain, and the public code systems its category comes from.
//!
//! A record on chain is only an index entry (IHE XDS DocumentEntry, FHIR DocumentReference): who
//! it is about, who wrote it, what kind of document it is, the hash of the encrypted document and
//! where that document lives. The document itself never comes on chain.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::sp_runtime::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;

/// Identifies a record on chain, across all patients.
pub type RecordId = u64;

/// The longest category code: the longest FHIR R4 resource type,
/// `MedicinalProductUndesirableEffect`, has 33 letters; LOINC codes have at most 9 characters.
pub const MAX_CATEGORY_CODE_LEN: u32 = 33;

/// The FHIR R4 (4.0.1) resource types, sorted: the only codes a
/// [`CodeSystem::FhirResourceType`] category takes, so that a category never carries free text.
pub const FHIR_R4_RESOURCE_TYPES: [&str; 146] = [
	"Account",
	"ActivityDefinition",
	"AdverseEvent",
	"AllergyIntolerance",
	"Appointment",
	"AppointmentResponse",
	"AuditEvent",
	"Basic",
	"Binary",
	"BiologicallyDerivedProduct",
	"BodyStructure",
	"Bundle",
	"CapabilityStatement",
	"CarePlan",
	"CareTeam",
	"CatalogEntry",
	"ChargeItem",
	"ChargeItemDefinition",
	"Claim",
	"ClaimResponse",
	"ClinicalImpression",
	"CodeSystem",
	"Communication",
	"CommunicationRequest",
	"CompartmentDefinition",
	"Composition",
	"ConceptMap",
	"Condition",
	"Consent",
	"Contract",
	"Coverage",
	"CoverageEligibilityRequest",
	"CoverageEligibilityResponse",
	"DetectedIssue",
	"Device",
	"DeviceDefinition",
	"DeviceMetric",
	"DeviceRequest",
	"DeviceUseStatement",
	"DiagnosticReport",
	"DocumentManifest",
	"DocumentReference",
	"EffectEvidenceSynthesis",
	"Encounter",
	"Endpoint",
	"EnrollmentRequest",
	"EnrollmentResponse",
	"EpisodeOfCare",
	"EventDefinition",
	"Evidence",
	"EvidenceVariable",
	"ExampleScenario",
	"ExplanationOfBenefit",
	"FamilyMemberHistory",
	"Flag",
	"Goal",
	"GraphDefinition",
	"Group",
	"GuidanceResponse",
	"HealthcareService",
	"ImagingStudy",
	"Immunization",
	"ImmunizationEvaluation",
	"ImmunizationRecommendation",
	"ImplementationGuide",
	"InsurancePlan",
	"Invoice",
	"Library",
	"Linkage",
	"List",
	"Location",
	"Measure",
	"MeasureReport",
	"Media",
	"Medication",
	"MedicationAdministration",
	"MedicationDispense",
	"MedicationKnowledge",
	"MedicationRequest",
	"MedicationStatement",
	"MedicinalProduct",
	"MedicinalProductAuthorization",
	"MedicinalProductContraindication",
	"MedicinalProductIndication",
	"MedicinalProductIngredient",
	"MedicinalProductInteraction",
	"MedicinalProductManufactured",
	"MedicinalProductPackaged",
	"MedicinalProductPharmaceutical",
	"MedicinalProductUndesirableEffect",
	"MessageDefinition",
	"MessageHeader",
	"MolecularSequence",
	"NamingSystem",
	"NutritionOrder",
	"Observation",
	"ObservationDefinition",
	"OperationDefinition",
	"OperationOutcome",
	"Organization",
	"OrganizationAffiliation",
	"Parameters",
	"Patient",
	"PaymentNotice",
	"PaymentReconciliation",
	"Person",
	"PlanDefinition",
	"Practitioner",
	"PractitionerRole",
	"Procedure",
	"Provenance",
	"Questionnaire",
	"QuestionnaireResponse",
	"RelatedPerson",
	"RequestGroup",
	"ResearchDefinition",
	"ResearchElementDefinition",
	"ResearchStudy",
	"ResearchSubject",
	"RiskAssessment",
	"RiskEvidenceSynthesis",
	"Schedule",
	"SearchParameter",
	"ServiceRequest",
	"Slot",
	"Specimen",
	"SpecimenDefinition",
	"StructureDefinition",
	"StructureMap",
	"Subscription",
	"Substance",
	"SubstanceNucleicAcid",
	"SubstancePolymer",
	"SubstanceProtein",
	"SubstanceReferenceInformation",
	"SubstanceSourceMaterial",
	"SubstanceSpecification",
	"SupplyDelivery",
	"SupplyRequest",
	"Task",
	"TerminologyCapabilities",
	"TestReport",
	"TestScript",
	"ValueSet",
	"VerificationResult",
	"VisionPrescription",
];

/// The public code system a record's category is taken from.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum CodeSystem {
	/// A FHIR R4 resource type, such as `Observation` or `DiagnosticReport`.
	FhirResourceType,
	/// A LOINC document class or type code, such as `11488-4` (consult note).
	Loinc,
}

/// What kind of document a record points to: a code from a public code system.
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct Category {
	/// The code system.
	pub system: CodeSystem,
	/// The code, in ASCII.
	pub code: BoundedVec<u8, ConstU32<MAX_CATEGORY_CODE_LEN>>,
}

impl Category {
	/// A category from a code system and a code; `None` if the code is longer than
	/// [`MAX_CATEGORY_CODE_LEN`].
	pub fn new(system: CodeSystem, code: &[u8]) -> Option<Self> {
		Some(Self { system, code: BoundedVec::try_from(code.to_vec()).ok()? })
	}

	/// Whether the code is well formed for its system: a FHIR resource type is one of
	/// [`FHIR_R4_RESOURCE_TYPES`]; a LOINC code is `digits-checkdigit` with a correct mod-10
	/// check digit.
	pub fn is_well_formed(&self) -> bool {
		match self.system {
			CodeSystem::FhirResourceType => is_fhir_resource_type(&self.code),
			CodeSystem::Loinc => is_loinc_code(&self.code),
		}
	}
}

fn is_fhir_resource_type(code: &[u8]) -> bool {
	FHIR_R4_RESOURCE_TYPES
		.binary_search_by(|name| name.as_bytes().cmp(code))
		.is_ok()
}

/// LOINC codes are 1 to 7 digits, a hyphen and a check digit computed with the mod-10 (Luhn)
/// algorithm over the digits.
fn is_loinc_code(code: &[u8]) -> bool {
	let [digits @ .., b'-', check] = code else { return false };
	if digits.is_empty() || digits.len() > 7 || !check.is_ascii_digit() {
		return false;
	}
	if !digits.iter().all(u8::is_ascii_digit) {
		return false;
	}
	let sum: u32 = digits
		.iter()
		.rev()
		.enumerate()
		.map(|(position, digit)| {
			let value = u32::from(digit - b'0');
			if position % 2 == 0 {
				let doubled = value * 2;
				doubled / 10 + doubled % 10
			} else {
				value
			}
		})
		.sum();
	u32::from(check - b'0') == (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
	use super::*;

	fn category(system: CodeSystem, code: &str) -> Category {
		Category::new(system, code.as_bytes()).expect("short code")
	}

	#[test]
	fn loinc_check_digits_are_verified() {
		// Consult note, summary of episode note, history and physical note.
		for code in ["11488-4", "34133-9", "34117-2", "18842-5", "2345-7"] {
			assert!(category(CodeSystem::Loinc, code).is_well_formed(), "{code}");
		}
		for code in ["11488-5", "11488", "-4", "1148a-4", "11488-44", "12345678-1", ""] {
			assert!(!category(CodeSystem::Loinc, code).is_well_formed(), "{code}");
		}
	}

	#[test]
	fn fhir_resource_types_come_from_the_r4_list() {
		for code in ["Observation", "DiagnosticReport", "ImagingStudy", "Account"] {
			assert!(category(CodeSystem::FhirResourceType, code).is_well_formed(), "{code}");
		}
		assert!(FHIR_R4_RESOURCE_TYPES.windows(2).all(|pair| pair[0] < pair[1]), "sorted");
		for name in FHIR_R4_RESOURCE_TYPES {
			assert!(category(CodeSystem::FhirResourceType, name).is_well_formed(), "{name}");
		}
		// A capitalised word is not enough: it can be a name or a diagnosis.
		for code in ["observation", "Diagnostic Report", "Obs1", "", "JohnDoe", "Hiv", "Resource"] {
			assert!(!category(CodeSystem::FhirResourceType, code).is_well_formed(), "{code}");
		}
	}

	#[test]
	fn codes_longer_than_the_bound_are_refused() {
		assert!(Category::new(CodeSystem::FhirResourceType, &[b'A'; 34]).is_none());
	}
}
