// Chain codes in plain words: purposes of use, record categories, access outcomes, roles.

export const PURPOSES: Record<string, string> = {
  Treatment: 'treating you',
  EmergencyTreatment: 'emergency treatment',
  CareManagement: 'coordinating your care',
  Payment: 'billing and payment for your care',
  Operations: 'running the healthcare service',
  PublicHealth: 'public health reporting',
  Research: 'medical research',
};

/** LOINC document codes people meet most, by code. */
const LOINC: Record<string, string> = {
  '11488-4': 'Consultation note',
  '18842-5': 'Discharge summary',
  '34133-9': 'Summary of episode',
  '11506-3': 'Progress note',
  '60591-5': 'Patient summary',
  '57833-6': 'Prescription list',
  '26436-6': 'Laboratory results',
  '18748-4': 'Imaging report',
  '11502-2': 'Laboratory report',
  '34117-2': 'History and physical',
};

export interface Category {
  system: 'Loinc' | 'FhirResourceType';
  code: string;
}

/** A category as people read it: the document kind, with its code. */
export function categoryWords({ system, code }: Category): string {
  if (system === 'Loinc') return LOINC[code] ? `${LOINC[code]} (LOINC ${code})` : `LOINC ${code}`;
  return code.replace(/([a-z])([A-Z])/g, '$1 $2');
}

export const LOINC_CHOICES = Object.entries(LOINC).map(([code, name]) => ({ code, name }));

/** Why the chain refused an access, in words that read for the patient and the clinician. */
export const DENIALS: Record<string, string> = {
  NotCredentialed: 'no live licence allows it',
  NotAffiliated: 'the reader does not work for the institution named',
  NoGrant: 'no consent covers this purpose',
  GrantRevoked: 'the consent was revoked',
  GrantExpired: 'the consent had ended',
  GrantNotYetValid: 'the consent had not started yet',
  ActionNotGranted: 'the consent does not allow that',
  OutOfScope: 'the record is outside what was consented',
};

export const BASES: Record<string, string> = {
  Patient: 'the patient themselves',
  Guardian: 'as the patient\u2019s guardian',
  Grant: 'under the patient\u2019s consent',
  BreakGlass: 'emergency access (audited)',
};

export const ROLES: Record<string, string> = {
  Physician: 'physician', Nurse: 'nurse', Pharmacist: 'pharmacist', Laboratory: 'laboratory',
  Pharmacy: 'pharmacy', Manufacturer: 'manufacturer', Distributor: 'distributor',
  TrialSponsor: 'trial sponsor', Insurer: 'insurer', Regulator: 'regulator',
};
