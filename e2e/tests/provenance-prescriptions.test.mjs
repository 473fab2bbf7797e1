// Drug provenance and prescriptions: a manufacturer commissions a batch and packs a case, ships
// it to a distributor, who ships it to a pharmacy; a physician prescribes; the pharmacist
// dispenses named packs; the same pack cannot be dispensed twice; a recalled pack is refused;
// an employee whose credential is suspended no longer ships, and a suspended prescriber's
// prescriptions are not dispensed; anyone verifies a pack and sees it dispensed. The record
// gateway serves the prescription and its fill as FHIR R4 to the patient and those who wrote
// them, and refuses a stranger.
//
// Each party acts through an account that is affiliated to it and holds a live credential of its
// trade (manufacturer, distributor, pharmacy): registering an institution is not enough.
//
// The scenario uses its own accounts (derived from //Ferdie, who funds them) and accredits its
// own authority through sudo, so it does not depend on the other scenario files.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

import { UNIT, connect, devAccounts, findEvents, signAndWait, sudo } from '../lib/chain.mjs';
import { fhirGet, fhirSession, gatewayCatchesUp, startGateway } from '../lib/gateway.mjs';
import { digits } from '../lib/gs1.mjs';

const DE = '0x4445'; // ISO 3166-1 alpha-2 "DE"
const DAY_MS = 24n * 3600n * 1000n;
const GTIN = digits('04006381333931'); // GTIN-14 with a valid check digit
const BAD_GTIN = digits('04006381333932');
// The GS1 Company Prefix of GTIN's maker (GS1 Germany's 400–440 range).
const COMPANY_PREFIX = digits('4006381');
// SSCC-18 under the maker's company prefix, with a valid check digit.
const CASE = digits('040063810000000017');
const hash = (byte) => `0x${byte.repeat(32)}`;
const pack = (serial) => ({ gtin: GTIN, serial });

let api;
let keyring;
let a; // this scenario's accounts
const party = {}; // institution ids: maker, wholesaler, pharmacy
const licence = {}; // credential ids, by account name

before(async () => {
  api = await connect();
  const accounts = await devAccounts();
  keyring = accounts.keyring;
  const names = ['board', 'maker', 'wholesaler', 'pharmacy', 'pharmacist', 'physician', 'patient'];
  a = Object.fromEntries(
    names.map((name) => [
      name,
      accounts.keyring.addFromUri(`//Ferdie//provenance-prescriptions//${name}`),
    ]),
  );
  await signAndWait(
    api.tx.utility.batchAll(
      Object.values(a).map((who) => api.tx.balances.transferKeepAlive(who.address, 10_000n * UNIT)),
    ),
    accounts.ferdie,
  );
  await sudo(
    api,
    api.tx.credentials.accreditAuthority(
      a.board.address,
      DE,
      ['Physician', 'Pharmacist', 'Manufacturer', 'Distributor', 'Pharmacy'],
      ['Manufacturer', 'Distributor', 'Pharmacy'],
    ),
  );
  const now = (await api.query.timestamp.now()).toBigInt();
  for (const [name, role] of [
    ['physician', 'Physician'], ['pharmacist', 'Pharmacist'], ['maker', 'Manufacturer'],
    ['wholesaler', 'Distributor'], ['pharmacy', 'Pharmacy'],
  ]) {
    const issued = await signAndWait(
      api.tx.credentials.issueCredential(a[name].address, role, DE, hash('ab'), now, now + 365n * DAY_MS),
      a.board,
    );
    licence[name] = findEvents(issued.events, 'credentials', 'CredentialIssued')[0]
      .data.credential.toBigInt();
  }
  for (const [name, kind] of [['maker', 'Manufacturer'], ['wholesaler', 'Distributor'], ['pharmacy', 'Pharmacy']]) {
    const registered = await signAndWait(
      api.tx.credentials.registerInstitution(kind, DE, hash('cd')),
      a[name],
    );
    const [event] = findEvents(registered.events, 'credentials', 'InstitutionRegistered');
    party[name] = event.data.institution.toNumber();
    await signAndWait(api.tx.credentials.verifyInstitution(party[name]), a.board);
    // The admin acts for the institution only once affiliated, with its trade's credential.
    await signAndWait(api.tx.credentials.affiliatePractitioner(party[name], a[name].address), a[name]);
  }
  await signAndWait(
    api.tx.credentials.affiliatePractitioner(party.pharmacy, a.pharmacist.address),
    a.pharmacy,
  );
});

after(async () => {
  await api?.disconnect();
});

async function verify(serial) {
  return (await api.call.provenanceApi.verify(GTIN, serial)).unwrap();
}

/** Ships `items` from one party to another and has the addressee receive them. */
async function shipAndReceive(from, to, items) {
  const shipped = await signAndWait(api.tx.provenance.ship(party[from], party[to], items, null), a[from]);
  const [event] = findEvents(shipped.events, 'provenance', 'Shipped');
  const shipment = event.data.shipment.toBigInt();
  const received = await signAndWait(api.tx.provenance.receive(party[to], shipment), a[to]);
  assert.equal(findEvents(received.events, 'provenance', 'Received').length, 1);
}

describe('drug provenance and prescriptions', () => {
  let batch;
  let recalledBatch;
  let prescription;

  it('the manufacturer registers the product under its own GS1 company prefix only', async () => {
    await assert.rejects(
      signAndWait(api.tx.provenance.registerProduct(party.maker, BAD_GTIN, hash('01')), a.maker),
      { name: 'ChainError', message: 'Provenance.BadGtin' },
    );
    // Squatting: nobody registers a GTIN before the company prefix is assigned, and a maker
    // cannot assign itself one.
    await assert.rejects(
      signAndWait(api.tx.provenance.registerProduct(party.maker, GTIN, hash('01')), a.maker),
      { name: 'ChainError', message: 'Provenance.UnassignedCompanyPrefix' },
    );
    await assert.rejects(
      signAndWait(api.tx.provenance.assignCompanyPrefix(COMPANY_PREFIX, party.maker), a.maker),
      { name: 'ChainError', message: 'Provenance.NotPrefixAuthority' },
    );
    const assigned = await signAndWait(
      api.tx.provenance.assignCompanyPrefix(COMPANY_PREFIX, party.maker),
      a.board,
    );
    assert.equal(findEvents(assigned.events, 'provenance', 'CompanyPrefixAssigned').length, 1);
    const [, holder] = (await api.call.provenanceApi.companyPrefixOf(GTIN)).unwrap();
    assert.equal(holder.holder.toNumber(), party.maker);
    await signAndWait(api.tx.provenance.registerProduct(party.maker, GTIN, hash('01')), a.maker);
    assert.equal((await api.call.provenanceApi.product(GTIN)).isSome, true);
  });

  it('commissions a batch and packs its packs into a case', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const expiry = now + 700n * DAY_MS;
    for (const lot of ['LOT-A1', 'LOT-B2']) {
      const created = await signAndWait(
        api.tx.provenance.createBatch(party.maker, GTIN, lot, expiry, 3),
        a.maker,
      );
      const [event] = findEvents(created.events, 'provenance', 'BatchCreated');
      if (lot === 'LOT-A1') batch = event.data.batch.toNumber();
      else recalledBatch = event.data.batch.toNumber();
    }
    await signAndWait(api.tx.provenance.commissionUnits(party.maker, batch, ['S1', 'S2', 'S3']), a.maker);
    await signAndWait(api.tx.provenance.commissionUnits(party.maker, recalledBatch, ['R1']), a.maker);
    const packed = await signAndWait(
      api.tx.provenance.pack(party.maker, CASE, ['S1', 'S2', 'S3', 'R1'].map((s) => ({ Unit: pack(s) }))),
      a.maker,
    );
    assert.equal(findEvents(packed.events, 'provenance', 'Packed').length, 1);
    const view = await verify('S1');
    assert.equal(view.status.toString(), 'Active');
    assert.equal(view.custodian.unwrap().toNumber(), party.maker);
    assert.equal(view.container.unwrap().toHex(), CASE);
  });

  it('the case goes to a distributor and on to the pharmacy, with its contents', async () => {
    await shipAndReceive('maker', 'wholesaler', [{ Container: CASE }]);
    // Suspending the distributor's credential ends its standing in the same block.
    await signAndWait(api.tx.credentials.suspendCredential(licence.wholesaler), a.board);
    await assert.rejects(
      signAndWait(
        api.tx.provenance.ship(party.wholesaler, party.pharmacy, [{ Container: CASE }], null),
        a.wholesaler,
      ),
      { name: 'ChainError', message: 'Provenance.NotActingForParty' },
    );
    await signAndWait(api.tx.credentials.reinstateCredential(licence.wholesaler), a.board);
    await shipAndReceive('wholesaler', 'pharmacy', [{ Container: CASE }]);
    const view = await verify('S2');
    assert.equal(view.custodian.unwrap().toNumber(), party.pharmacy);
    assert.equal(view.hops.toNumber(), 2);
    assert.equal(view.status.toString(), 'Active');
  });

  it('a physician prescribes only with the patient\'s consent', async () => {
    const now = (await api.query.timestamp.now()).toBigInt();
    const issue = () => api.tx.prescriptions.issuePrescription(
      a.patient.address, GTIN, 1, 2, null, now + 30n * DAY_MS, 0, hash('0f'), 'Treatment', null,
    );
    await assert.rejects(signAndWait(issue(), a.physician), {
      name: 'ChainError', message: 'Prescriptions.NoPatientConsent',
    });
    await signAndWait(
      api.tx.consent.grantConsent(
        { Practitioner: a.physician.address }, 'Treatment', 'AllRecords', { read: true, write: true },
        null, now + 30n * DAY_MS,
      ),
      a.patient,
    );
    const issued = await signAndWait(issue(), a.physician);
    const [event] = findEvents(issued.events, 'prescriptions', 'PrescriptionIssued');
    prescription = event.data.prescription.toBigInt();
  });

  it('the pharmacist dispenses named packs once the patient authorises the pharmacy', async () => {
    await assert.rejects(
      signAndWait(api.tx.prescriptions.dispense(prescription, party.pharmacy, [pack('S1')]), a.pharmacist),
      { name: 'ChainError', message: 'Prescriptions.FillNotAuthorised' },
    );
    await signAndWait(api.tx.prescriptions.authoriseFill(prescription, party.pharmacy), a.patient);
    const dispensed = await signAndWait(
      api.tx.prescriptions.dispense(prescription, party.pharmacy, [pack('S1')]),
      a.pharmacist,
    );
    assert.equal(findEvents(dispensed.events, 'prescriptions', 'PrescriptionDispensed').length, 1);
    assert.equal(findEvents(dispensed.events, 'provenance', 'UnitDispensed').length, 1);
    const [stored, fills] = (await api.call.prescriptionsApi.prescription(prescription)).unwrap();
    assert.equal(fills.length, 1);
    assert.equal(stored.fillsUsed.toNumber(), 1);
    assert.equal((await api.call.prescriptionsApi.remainingFills(prescription)).unwrap().toNumber(), 2);
  });

  it('the same pack cannot be dispensed twice', async () => {
    await signAndWait(api.tx.prescriptions.authoriseFill(prescription, party.pharmacy), a.patient);
    await assert.rejects(
      signAndWait(api.tx.prescriptions.dispense(prescription, party.pharmacy, [pack('S1')]), a.pharmacist),
      { name: 'ChainError', message: 'Prescriptions.Decommissioned' },
    );
  });

  it('a recalled pack is refused', async () => {
    await signAndWait(api.tx.provenance.recallBatch(recalledBatch, hash('77')), a.maker);
    assert.equal((await verify('R1')).status.toString(), 'Recalled');
    await assert.rejects(
      signAndWait(api.tx.prescriptions.dispense(prescription, party.pharmacy, [pack('R1')]), a.pharmacist),
      { name: 'ChainError', message: 'Prescriptions.Recalled' },
    );
  });

  it("a suspended prescriber's prescription is not dispensed", async () => {
    await signAndWait(api.tx.credentials.suspendCredential(licence.physician), a.board);
    const dispensable = (await api.call.prescriptionsApi.dispensable(prescription)).unwrap();
    assert.equal(dispensable.asErr.toString(), 'PrescriberNotCredentialed');
    await assert.rejects(
      signAndWait(api.tx.prescriptions.dispense(prescription, party.pharmacy, [pack('S2')]), a.pharmacist),
      { name: 'ChainError', message: 'Prescriptions.PrescriberNotCredentialed' },
    );
    await signAndWait(api.tx.credentials.reinstateCredential(licence.physician), a.board);
  });

  it('only a licensed pharmacist dispenses', async () => {
    await assert.rejects(
      signAndWait(api.tx.prescriptions.dispense(prescription, party.pharmacy, [pack('S2')]), a.patient),
      { name: 'ChainError', message: 'Prescriptions.NotAPharmacist' },
    );
  });

  it('anyone verifies a pack and sees it dispensed, and that a made-up serial is not genuine', async () => {
    const view = await verify('S1');
    assert.equal(view.status.toString(), 'Dispensed');
    assert.equal(view.batch.toNumber(), batch);
    assert.equal((await api.call.provenanceApi.verify(GTIN, 'FAKE-1')).isNone, true);
    const mine = await api.call.prescriptionsApi.prescriptionsOf(a.patient.address);
    assert.deepEqual(mine.map(([id]) => id.toBigInt()), [prescription]);
  });

  it('the gateway serves the prescription and its fill as FHIR R4, to those the chain lets read them', async () => {
    const gateway = await startGateway();
    try {
      await gatewayCatchesUp(api, gateway);
      const requests = `/fhir/MedicationRequest?patient=${a.patient.address}`;
      const dispenses = `/fhir/MedicationDispense?patient=${a.patient.address}`;
      const fillId = `${prescription}-1`;
      for (const who of [a.patient, a.physician]) {
        const session = await fhirSession(gateway, who);
        assert.deepEqual((await fhirGet(gateway, session, requests)).ids, [String(prescription)]);
        assert.deepEqual((await fhirGet(gateway, session, dispenses)).ids, [fillId]);
      }
      const session = await fhirSession(gateway, a.patient);
      const { resource: order } = await fhirGet(gateway, session, `/fhir/MedicationRequest/${prescription}`);
      assert.equal(order.status, 'active');
      assert.equal(order.medicationCodeableConcept.coding[0].code, '04006381333931');
      assert.equal(order.dispenseRequest.numberOfRepeatsAllowed, 2);
      assert.equal(order.requester.reference, `Practitioner/${a.physician.address}`);
      const { resource: fill } = await fhirGet(gateway, session, `/fhir/MedicationDispense/${fillId}`);
      assert.equal(fill.quantity.value, 1);
      assert.deepEqual(
        fill.performer.map((p) => p.actor.reference),
        [`Practitioner/${a.pharmacist.address}`, `Organization/${party.pharmacy}`],
      );
      // The pharmacist reads the fill he handed over; the prescription takes the patient's consent.
      const pharmacist = await fhirSession(gateway, a.pharmacist);
      assert.equal((await fhirGet(gateway, pharmacist, `/fhir/MedicationDispense/${fillId}`)).status, 200);
      assert.equal((await fhirGet(gateway, pharmacist, `/fhir/MedicationRequest/${prescription}`)).status, 403);
      // A stranger (no licence, no grant) finds nothing and is refused by id, in the chain's words.
      const stranger = await fhirSession(gateway, keyring.addFromUri('//Ferdie//provenance-prescriptions//stranger'));
      assert.deepEqual((await fhirGet(gateway, stranger, requests)).ids, []);
      const refused = await fhirGet(gateway, stranger, `/fhir/MedicationRequest/${prescription}`);
      assert.equal(refused.status, 403);
      assert.equal(refused.resource.issue[0].details.coding[0].code, 'NotCredentialed');
    } finally {
      await gateway.stop();
    }
  });
});
