// The call kinds the load tool measures, in the order it runs them: for each, who sends it
// (every sender entitled to the call), the transactions each sends, and the event that shows a
// transaction did what it was sent for.

import { UNIT, documentPointer } from '../lib/chain.mjs';
import { KIND_NAMES } from './options.mjs';
import { CONSULT_NOTE, DAY_MS, hashOf } from './world.mjs';

/** Purposes a patient grants a physician, the first used first (one grant per grantee and purpose). */
const GRANT_PURPOSES = ['Treatment', 'CareManagement', 'Operations', 'Payment', 'PublicHealth', 'EmergencyTreatment'];

/** Transaction `j` of sender `i` among `s`: the `i + j·s`-th of the kind's transactions. */
function perSender(senders, count, make) {
  return senders.map((pair, i) => {
    const txs = [];
    for (let m = i; m < count; m += senders.length) txs.push(make(m, i, txs.length));
    return { pair, txs };
  });
}

/** A record the patient's grant to the hospital covers, for reading. */
function recordAccessed(api, events) {
  const accessed = events.find(({ event }) => api.events.consent.RecordAccessed.is(event));
  if (!accessed) return 'no Consent.RecordAccessed event';
  const outcome = accessed.event.data.outcome;
  return outcome.isAllowed ? null : `access refused: ${outcome.asDenied.toString()}`;
}

/** A confirmation that event `section.method` is among the events. */
const emitted = (section, method) => (api, events) =>
  events.some(({ event }) => event.section === section && event.method === method) ? null : `no ${section}.${method} event`;

export const KINDS = [
  {
    name: 'transfer',
    call: 'balances.transferKeepAlive',
    who: 'patients',
    sample: (api, w) => api.tx.balances.transferKeepAlive(w.sampleAddress, UNIT / 1000n),
    senders: (a, p) => a.patients.slice(0, p.senders),
    // Patient i pays patient i + 1 (a dev account, if there is no other patient).
    plan: (api, a, w, p, count) => {
      const senders = a.patients.slice(0, p.senders);
      const payee = (i) => (a.patients.length > 1 ? a.patients[(i + 1) % a.patients.length].address : w.devAddress);
      return perSender(senders, count, (m, i) => api.tx.balances.transferKeepAlive(payee(i), p.transferAmount + BigInt(m)));
    },
    confirm: emitted('balances', 'Transfer'),
  },
  {
    name: 'grant',
    call: 'consent.grantConsent',
    who: 'patients',
    sample: (api, w) =>
      api.tx.consent.grantConsent({ Practitioner: w.sampleAddress }, 'Treatment', 'AllRecords', { read: true, write: false }, null, w.now + 30n * DAY_MS),
    senders: (a, p) => a.patients.slice(0, p.grantSenders),
    // Patient i's j-th grant: physician (i + j) mod C, for the purpose j div C.
    plan: (api, a, w, p, count) => {
      const patients = a.patients.slice(0, p.grantSenders);
      const C = a.clinicians.length;
      return perSender(patients, count, (m, i, j) =>
        api.tx.consent.grantConsent(
          { Practitioner: a.clinicians[(i + j) % C].address },
          GRANT_PURPOSES[Math.floor(j / C)],
          'AllRecords',
          { read: true, write: false },
          null,
          w.now + 30n * DAY_MS,
        ),
      );
    },
    confirm: emitted('consent', 'ConsentGranted'),
  },
  {
    name: 'access',
    call: 'records.accessRecord',
    who: 'physicians, for the hospital',
    sample: (api) => api.tx.records.accessRecord(0, 'Treatment', 0),
    senders: (a) => a.clinicians,
    // Physician i reads patients i, i + S, i + 2S ...: each access is logged in the patient's log.
    plan: (api, a, w, p, count) =>
      perSender(a.clinicians, count, (m) => api.tx.records.accessRecord(w.records[m % a.patients.length], 'Treatment', w.institutions.Hospital)),
    confirm: recordAccessed,
  },
  {
    name: 'write',
    call: 'records.addRecordFor',
    who: 'physicians, for the hospital',
    sample: (api, w) =>
      api.tx.records.addRecordFor(w.sampleAddress, CONSULT_NOTE, hashOf('sample'), documentPointer('sample'), 'Treatment', 0),
    senders: (a) => a.clinicians,
    plan: (api, a, w, p, count) =>
      perSender(a.clinicians, count, (m) =>
        api.tx.records.addRecordFor(
          a.patients[m % a.patients.length].address,
          CONSULT_NOTE,
          hashOf(`consult ${p.runId} ${m}`),
          documentPointer(`consult ${p.runId} ${m}`),
          'Treatment',
          w.institutions.Hospital,
        ),
      ),
    confirm: emitted('records', 'RecordAdded'),
  },
  {
    name: 'prescribe',
    call: 'prescriptions.issuePrescription',
    who: 'physicians, for the hospital',
    sample: (api, w) =>
      api.tx.prescriptions.issuePrescription(w.sampleAddress, w.ids.gtin, 1, 0, null, w.now + 30n * DAY_MS, 0, hashOf('sample'), 'Treatment', 0),
    senders: (a) => a.clinicians,
    plan: (api, a, w, p, count) =>
      perSender(a.clinicians, count, (m) =>
        api.tx.prescriptions.issuePrescription(
          a.patients[m % a.patients.length].address,
          w.ids.gtin,
          1,
          0,
          null,
          w.now + 30n * DAY_MS,
          0,
          hashOf(`prescription ${p.runId} ${m}`),
          'Treatment',
          w.institutions.Hospital,
        ),
      ),
    confirm: emitted('prescriptions', 'PrescriptionIssued'),
  },
  {
    name: 'dispense',
    call: 'prescriptions.dispense (one pack)',
    who: 'pharmacists, at the pharmacy',
    sample: (api, w) => api.tx.prescriptions.dispense(0, 0, [{ gtin: w.ids.gtin, serial: 'A0' }]),
    senders: (a) => a.pharmacists,
    // The m-th prescription authorised for the pharmacy, filled with the m-th pack it holds.
    plan: (api, a, w, p, count) =>
      perSender(a.pharmacists, count, (m) => api.tx.prescriptions.dispense(w.prescriptions[m].id, w.institutions.Pharmacy, [w.stock[m]])),
    confirm: emitted('prescriptions', 'PrescriptionDispensed'),
  },
  {
    name: 'receive',
    call: 'provenance.receive (one case)',
    who: 'pharmacists and distributor staff',
    sample: (api) => api.tx.provenance.receive(0, 0),
    senders: (a) => receivers(a),
    // Shipments to the pharmacy go to its pharmacists in turn, those to the distributor to its staff.
    plan: (api, a, w, p, count) => {
      const pharmacy = a.pharmacists.slice(0, a.pharmacists.length - a.distributors.length);
      const staff = a.distributors;
      const plan = receivers(a).map((pair) => ({ pair, txs: [] }));
      const at = new Map(plan.map((entry) => [entry.pair.address, entry]));
      let toPharmacy = 0;
      let toDistributor = 0;
      for (const { shipment, to } of w.shipments.slice(0, count)) {
        const pair = to === w.institutions.Pharmacy ? pharmacy[toPharmacy++ % pharmacy.length] : staff[toDistributor++ % staff.length];
        at.get(pair.address).txs.push(api.tx.provenance.receive(to, shipment));
      }
      return plan;
    },
    confirm: emitted('provenance', 'Received'),
  },
];

/** The receive kind's senders: half the pharmacists (rounded up) and the distributor's staff. */
export function receivers(a) {
  return [...a.pharmacists.slice(0, a.pharmacists.length - a.distributors.length), ...a.distributors];
}

if (KINDS.map((k) => k.name).join() !== KIND_NAMES.join()) throw new Error('kinds.mjs and options.mjs list different kinds');
