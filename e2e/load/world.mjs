// A national health system's day, set up on a fresh dev chain with the calls the e2e scenarios
// use: an accredited authority; a verified hospital whose physicians are licensed and
// affiliated; a verified pharmacy with its pharmacists and a verified distributor with its
// staff; patients, each with a published encryption key, a record and a consent grant to the
// hospital for treatment; a manufacturer with a company prefix and a registered product whose
// packs are commissioned, packed into cases, shipped to the pharmacy and received there (stock);
// and prescriptions issued to patients and authorised for the pharmacy. Each step is one phase
// of transactions signed offline and submitted together (engine.mjs), most of them batched.

import { blake2AsHex } from '@polkadot/util-crypto';

import { UNIT, documentPointer } from '../lib/chain.mjs';
import { digits, sscc, withCheckDigit } from '../lib/gs1.mjs';
import { batches, eventsOf, log, runPhase } from './engine.mjs';

export const DE = '0x4445'; // ISO 3166-1 alpha-2 "DE"
export const DAY_MS = 24n * 3600n * 1000n;
/** A discharge summary (LOINC 18842-5): each patient's own record. */
export const DISCHARGE_SUMMARY = { system: 'Loinc', code: '18842-5' };
/** A consult note (LOINC 11488-4): what clinicians write. */
export const CONSULT_NOTE = { system: 'Loinc', code: '11488-4' };
/** The most units one stock case holds (a pack call names each). */
const STOCK_CASE_UNITS = 100;
/** Per transaction, several times what a healthcare call pays in fees. */
const FEE = UNIT / 100n;

/** A 32-byte hash, distinct for each `text`. */
export const hashOf = (text) => blake2AsHex(text, 256);

/** The deposits the runtime holds for what the day stores, as bigints. */
export function deposits(api) {
  const c = api.consts;
  const big = (value) => value.toBigInt();
  return {
    existential: big(c.balances.existentialDeposit),
    credential: big(c.credentials.credentialDeposit),
    institution: big(c.credentials.institutionDeposit),
    affiliation: big(c.credentials.affiliationDeposit),
    grant: big(c.consent.grantDeposit),
    accessLog: big(c.consent.accessLogDeposit),
    record: big(c.records.recordDeposit),
    encryptionKey: big(c.records.encryptionKeyDeposit),
    prescription: big(c.prescriptions.prescriptionDeposit) + big(c.prescriptions.fillDeposit),
    companyPrefix: big(c.provenance.companyPrefixDeposit),
    product: big(c.provenance.productDeposit),
    batch: big(c.provenance.batchDeposit),
    unit: big(c.provenance.unitDeposit),
    container: big(c.provenance.containerDeposit),
    shipment: big(c.provenance.shipmentDeposit),
  };
}

/**
 * The day's accounts, derived from the dev keyring under `//Load//<runId>`: the authority,
 * institution admins, the manufacturer's employee, `patients` patients, and `senders`
 * physicians, pharmacists and (half as many) distributor staff.
 */
export function createActors(keyring, runId, { senders, patients }) {
  const derive = (name, i = 0) => keyring.addFromUri(`//Load//${runId}//${name}//${i}`);
  const many = (name, n) => Array.from({ length: n }, (_, i) => derive(name, i));
  return {
    board: derive('board'),
    hospitalAdmin: derive('hospital-admin'),
    pharmacyAdmin: derive('pharmacy-admin'),
    distributorAdmin: derive('distributor-admin'),
    maker: derive('maker'),
    patients: many('patient', patients),
    clinicians: many('physician', senders),
    pharmacists: many('pharmacist', senders),
    distributors: many('distributor', Math.floor(senders / 2)),
  };
}

/** GS1 identifiers of this run: a company prefix of its own, its product, its cases. */
export function identifiers(runId) {
  // A 7-digit company prefix unlikely to be taken on a chain the tool did not start.
  const n = Number.parseInt(runId.slice(-6), 36) % 100_000;
  const prefix = `40${String(n).padStart(5, '0')}`;
  return {
    prefix,
    prefixHex: digits(prefix),
    gtin: digits(withCheckDigit(`0${prefix}00001`)),
    sscc: (serial) => sscc(prefix, serial),
    stockLot: `A${runId}`.slice(0, 20),
    receiveLot: `R${runId}`.slice(0, 20),
  };
}

/** Transfers from the dev funders: each account to the funder with the most left. */
async function fundingPlan(api, funders, amounts) {
  const free = await Promise.all(funders.map(async (f) => (await api.query.system.account(f.address)).data.free.toBigInt()));
  const calls = funders.map(() => []);
  for (const { pair, amount } of amounts) {
    let best = 0;
    free.forEach((balance, i) => {
      if (balance > free[best]) best = i;
    });
    if (free[best] < amount + 10n * UNIT) throw new Error(`the dev accounts cannot fund ${amount / UNIT} HCU more`);
    free[best] -= amount;
    calls[best].push(api.tx.balances.transferKeepAlive(pair.address, amount));
  }
  return Promise.all(funders.map(async (pair, i) => ({ pair, txs: await batches(api, calls[i], pair.address) })));
}

/**
 * Sets up the day for the chosen kinds and sizes (`n[kind]`, 0 for kinds not run). Resolves
 * with what the kinds need: institution ids, each patient's record, the stock the pharmacy
 * holds, the prescriptions authorised for it, and the weight a receipt of one case was charged.
 */
export async function setupWorld(api, { actors: a, funders, alice, n, params, runId }) {
  const needs = {
    hospital: n.grant + n.access + n.write + n.prescribe + n.dispense > 0,
    hospitalGrant: n.access + n.write + n.prescribe + n.dispense > 0,
    pharmacy: n.dispense > 0 || params.receive,
    distributor: params.receive && a.distributors.length > 0,
    provenance: n.dispense > 0 || params.receive,
  };
  const phase = (label, entries) => runPhase(api, label, entries, params);
  const d = deposits(api);
  const S = params.senders;
  const P = a.patients.length;
  const ids = identifiers(runId);
  const world = { needs, ids, deposits: d, institutions: {}, records: [], stock: [], prescriptions: [] };

  // What each account needs: its deposits and fees, with a margin.
  const base = 2n * d.existential + UNIT;
  const perS = (count) => BigInt(Math.ceil(count / S));
  const perP = (count) => BigInt(Math.ceil(count / P));
  const grantsEach = BigInt(params.grantsPerPatient);
  const transfersEach = perS(n.transfer);
  const patientNeeds =
    base +
    (needs.hospital ? d.encryptionKey + d.record + d.grant : 0n) +
    grantsEach * d.grant +
    transfersEach * params.transferAmount +
    (transfersEach + grantsEach + perP(n.dispense) + 5n) * FEE;
  const clinicianNeeds =
    base +
    (perS(n.access) + perS(n.write)) * d.accessLog +
    perS(n.write) * d.record +
    (perS(n.prescribe) + perS(n.dispense)) * d.prescription +
    (perS(n.access) + perS(n.write) + perS(n.prescribe) + perS(n.dispense) + 5n) * FEE;
  const stockUnits = needs.provenance ? n.dispense + params.caseUnits : 0;
  const stockCases = needs.provenance ? Math.ceil(n.dispense / STOCK_CASE_UNITS) + 1 : 0;
  const pharmacistNeeds = base + (perS(n.dispense) + BigInt(Math.ceil(stockCases / S)) + 5n) * FEE;
  const credentials = (needs.hospital ? S : 0) + (needs.pharmacy ? S : 0) + (needs.distributor ? a.distributors.length : 0) + (needs.provenance ? 1 : 0);
  const amounts = a.patients.map((pair) => ({ pair, amount: patientNeeds }));
  if (needs.hospital) {
    amounts.push(...a.clinicians.map((pair) => ({ pair, amount: clinicianNeeds })));
    amounts.push({ pair: a.hospitalAdmin, amount: base + d.institution + BigInt(S) * d.affiliation + 10n * FEE });
  }
  if (needs.pharmacy) {
    amounts.push(...a.pharmacists.map((pair) => ({ pair, amount: pharmacistNeeds })));
    amounts.push({ pair: a.pharmacyAdmin, amount: base + d.institution + BigInt(S) * d.affiliation + 10n * FEE });
  }
  if (needs.distributor) {
    amounts.push(...a.distributors.map((pair) => ({ pair, amount: base + 5n * FEE })));
    amounts.push({ pair: a.distributorAdmin, amount: base + d.institution + BigInt(a.distributors.length) * d.affiliation + 10n * FEE });
  }
  if (needs.provenance) {
    const makerNeeds =
      base +
      d.institution +
      d.affiliation +
      d.product +
      d.batch +
      BigInt(stockUnits) * d.unit +
      BigInt(stockCases) * (d.container + d.shipment) +
      BigInt(stockCases * 2 + 20) * FEE;
    amounts.push({ pair: a.maker, amount: makerNeeds });
  }
  if (credentials > 0) {
    amounts.push({ pair: a.board, amount: base + BigInt(credentials) * d.credential + d.companyPrefix + 50n * FEE });
  }
  const funding = await fundingPlan(api, funders, amounts);
  const accredit = [];
  if (credentials > 0) {
    accredit.push({
      pair: alice,
      txs: [
        api.tx.sudo.sudo(
          api.tx.credentials.accreditAuthority(
            a.board.address,
            DE,
            ['Physician', 'Pharmacist', 'Pharmacy', 'Manufacturer', 'Distributor'],
            ['Hospital', 'Pharmacy', 'Manufacturer', 'Distributor'],
          ),
        ),
      ],
    });
  }
  await phase(`fund ${amounts.length} accounts${credentials ? ', accredit the authority' : ''}`, [...funding, ...accredit]);
  // The chain's clock, read once a block has been made (genesis has none): licences, grants
  // and prescriptions run from it.
  const now = (await api.query.timestamp.now()).toBigInt();
  world.now = now;
  if (credentials === 0) return world;

  // Licences, institutions, and each patient's key and first record.
  const licence = (holder, role) =>
    api.tx.credentials.issueCredential(holder.address, role, DE, hashOf(`licence ${holder.address} ${role}`), now, now + 365n * DAY_MS);
  const licences = [];
  if (needs.hospital) licences.push(...a.clinicians.map((p) => licence(p, 'Physician')));
  if (needs.pharmacy) licences.push(...a.pharmacists.map((p) => licence(p, 'Pharmacist')));
  if (needs.distributor) licences.push(...a.distributors.map((p) => licence(p, 'Distributor')));
  if (needs.provenance) licences.push(licence(a.maker, 'Manufacturer'));
  const registrations = [];
  const register = (admin, kind) =>
    registrations.push({ admin, kind, entry: { pair: admin, txs: [api.tx.credentials.registerInstitution(kind, DE, hashOf(`${kind} ${runId}`))] } });
  if (needs.hospital) register(a.hospitalAdmin, 'Hospital');
  if (needs.pharmacy) register(a.pharmacyAdmin, 'Pharmacy');
  if (needs.distributor) register(a.distributorAdmin, 'Distributor');
  if (needs.provenance) register(a.maker, 'Manufacturer');
  const patientSetup = needs.hospital
    ? a.patients.map((pair, i) => ({
        pair,
        txs: [
          api.tx.utility.batchAll([
            // Any 32 bytes but all-zero are accepted as an X25519 public key.
            api.tx.records.publishEncryptionKey(hashOf(`key ${runId} ${i}`)),
            api.tx.records.addRecord(DISCHARGE_SUMMARY, hashOf(`record ${runId} ${i}`), documentPointer(`discharge ${runId} ${i}`)),
          ]),
        ],
      }))
    : [];
  const second = await phase(`${licences.length} licences, ${registrations.length} institutions${patientSetup.length ? `, ${P} patients' keys and records` : ''}`, [
    { pair: a.board, txs: await batches(api, licences, a.board.address) },
    ...registrations.map((r) => r.entry),
    ...patientSetup,
  ]);
  for (const { admin, kind } of registrations) {
    const [event] = eventsOf(api, second, admin, 'credentials', 'InstitutionRegistered');
    world.institutions[kind] = event.data.institution.toNumber();
  }
  if (needs.hospital) {
    world.records = a.patients.map((pair) => eventsOf(api, second, pair, 'records', 'RecordAdded')[0].data.record.toBigInt());
  }

  const inst = world.institutions;
  await phase('the authority verifies the institutions', [
    { pair: a.board, txs: Object.values(inst).map((id) => api.tx.credentials.verifyInstitution(id)) },
  ]);

  // Affiliations, the maker's company prefix, and every patient's consent to the hospital.
  const affiliate = async (admin, institution, people) => ({
    pair: admin,
    txs: await batches(api, people.map((p) => api.tx.credentials.affiliatePractitioner(institution, p.address)), admin.address),
  });
  const fourth = [];
  if (needs.hospital) fourth.push(await affiliate(a.hospitalAdmin, inst.Hospital, a.clinicians));
  if (needs.pharmacy) fourth.push(await affiliate(a.pharmacyAdmin, inst.Pharmacy, a.pharmacists));
  if (needs.distributor) fourth.push(await affiliate(a.distributorAdmin, inst.Distributor, a.distributors));
  if (needs.provenance) {
    fourth.push({ pair: a.maker, txs: [api.tx.credentials.affiliatePractitioner(inst.Manufacturer, a.maker.address)] });
    fourth.push({ pair: a.board, txs: [api.tx.provenance.assignCompanyPrefix(ids.prefixHex, inst.Manufacturer)] });
  }
  if (needs.hospitalGrant) {
    for (const pair of a.patients) {
      fourth.push({
        pair,
        txs: [api.tx.consent.grantConsent({ Institution: inst.Hospital }, 'Treatment', 'AllRecords', { read: true, write: true }, null, null)],
      });
    }
  }
  await phase(`affiliations${needs.provenance ? ', company prefix' : ''}${needs.hospitalGrant ? `, ${P} consents to the hospital` : ''}`, fourth);
  if (!needs.provenance) return world;

  // The product, and the prescriptions the dispense kind fills (physician m % S, patient m % P).
  const expiry = now + 700n * DAY_MS;
  const prescribing = [];
  if (n.dispense > 0) {
    const calls = a.clinicians.map(() => []);
    for (let m = 0; m < n.dispense; m += 1) {
      calls[m % S].push(
        api.tx.prescriptions.issuePrescription(
          a.patients[m % P].address, ids.gtin, 1, 0, null, now + 30n * DAY_MS, 0, hashOf(`instructions ${runId} ${m}`), 'Treatment', inst.Hospital,
        ),
      );
    }
    for (const [i, pair] of a.clinicians.entries()) prescribing.push({ pair, txs: await batches(api, calls[i], pair.address) });
  }
  const fifth = await phase(`the product${n.dispense ? `, ${n.dispense} prescriptions` : ''}`, [
    { pair: a.maker, txs: [api.tx.provenance.registerProduct(inst.Manufacturer, ids.gtin, hashOf(`product ${runId}`))] },
    ...prescribing,
  ]);
  const issued = a.clinicians.flatMap((pair) => eventsOf(api, fifth, pair, 'prescriptions', 'PrescriptionIssued'));
  world.prescriptions = issued.map((event) => ({ id: event.data.prescription.toBigInt(), patient: event.data.patient.toString() }));

  // The stock batch, and each patient authorising the pharmacy to fill their prescriptions.
  const byPatient = new Map();
  for (const p of world.prescriptions) {
    if (!byPatient.has(p.patient)) byPatient.set(p.patient, []);
    byPatient.get(p.patient).push(api.tx.prescriptions.authoriseFill(p.id, inst.Pharmacy));
  }
  const authorising = [];
  for (const pair of a.patients) {
    const calls = byPatient.get(pair.address) ?? [];
    if (calls.length) authorising.push({ pair, txs: await batches(api, calls, pair.address) });
  }
  const sixth = await phase(`the stock batch of ${stockUnits} packs${authorising.length ? `, ${world.prescriptions.length} fills authorised` : ''}`, [
    { pair: a.maker, txs: [api.tx.provenance.createBatch(inst.Manufacturer, ids.gtin, ids.stockLot, expiry, stockUnits)] },
    ...authorising,
  ]);
  const stockBatch = eventsOf(api, sixth, a.maker, 'provenance', 'BatchCreated')[0].data.batch.toNumber();

  // Commission the packs, pack them into cases (the last a case of `caseUnits`, shipped and
  // received alone: the receipt the receive kind's cases are charged like), ship and receive.
  const serials = Array.from({ length: stockUnits }, (_, m) => `A${m}`);
  await commission(api, phase, a.maker, inst.Manufacturer, stockBatch, serials);
  const cases = [];
  for (let i = 0; i < n.dispense; i += STOCK_CASE_UNITS) cases.push(serials.slice(i, Math.min(i + STOCK_CASE_UNITS, n.dispense)));
  cases.push(serials.slice(n.dispense));
  const caseIds = cases.map((_, c) => ids.sscc(c + 1));
  world.nextCase = cases.length + 1;
  await phase(`${cases.length} stock cases packed`, [
    {
      pair: a.maker,
      txs: await batches(
        api,
        cases.map((units, c) => api.tx.provenance.pack(inst.Manufacturer, caseIds[c], units.map((serial) => ({ Unit: { gtin: ids.gtin, serial } })))),
        a.maker.address,
      ),
    },
  ]);
  const shipped = await phase(`${cases.length} stock cases shipped to the pharmacy`, [
    {
      pair: a.maker,
      txs: await batches(api, caseIds.map((id) => api.tx.provenance.ship(inst.Manufacturer, inst.Pharmacy, [{ Container: id }], null)), a.maker.address),
    },
  ]);
  const shipments = eventsOf(api, shipped, a.maker, 'provenance', 'Shipped').map((event) => event.data.shipment.toBigInt());
  // Received one shipment to a transaction (not batched), so each one's charged weight shows.
  const receivers = a.pharmacists.map((pair) => ({ pair, txs: [] }));
  shipments.forEach((shipment, i) => receivers[i % receivers.length].txs.push(api.tx.provenance.receive(inst.Pharmacy, shipment)));
  const received = await phase(`${shipments.length} stock shipments received at the pharmacy`, receivers);
  const weights = received.results.flat().map((events) => {
    const success = events.find(({ event }) => api.events.system.ExtrinsicSuccess.is(event));
    return success.event.data[0].weight;
  });
  const probe = weights[weights.length - 1];
  world.receiveWeight = { refTime: Number(probe.refTime.toBigInt()), proofSize: Number(probe.proofSize.toBigInt()) };
  world.stock = serials.slice(0, n.dispense).map((serial) => ({ gtin: ids.gtin, serial }));
  log(`stock: ${n.dispense} packs at the pharmacy in ${cases.length - 1} cases; a receipt of one case was charged ${(world.receiveWeight.refTime / 1e6).toFixed(0)} µs, ${world.receiveWeight.proofSize} bytes of proof`);
  return world;
}

/** Commissions `serials` into `batch` at `maker`, up to the runtime's limit per call. */
async function commission(api, phase, pair, maker, batch, serials) {
  const perCall = api.consts.provenance.maxUnitsPerCall.toNumber();
  const calls = [];
  for (let i = 0; i < serials.length; i += perCall) calls.push(api.tx.provenance.commissionUnits(maker, batch, serials.slice(i, i + perCall)));
  await phase(`${serials.length} packs commissioned`, [{ pair, txs: await batches(api, calls, pair.address) }]);
}

/**
 * The receive kind's shipments: `count` cases of `caseUnits` packs each, made, packed and shipped
 * alternately to the pharmacy and the distributor (after topping up the maker's deposits and the
 * receivers' fees). Resolves with `[{ shipment, to }]`.
 */
export async function prepareShipments(api, world, { actors: a, alice, count, params, receivers }) {
  const phase = (label, entries) => runPhase(api, label, entries, params);
  const { ids, institutions: inst, deposits: d } = world;
  const units = count * params.caseUnits;
  const makerNeeds = d.batch + BigInt(units) * d.unit + BigInt(count) * (d.container + d.shipment) + BigInt(count * 2 + 20) * FEE + UNIT;
  const receiverNeeds = BigInt(Math.ceil(count / receivers.length) + 5) * FEE;
  await phase('top up the maker and the receivers', [
    {
      pair: alice,
      txs: await batches(
        api,
        [a.maker, ...receivers].map((pair, i) => api.tx.balances.transferKeepAlive(pair.address, i === 0 ? makerNeeds : receiverNeeds)),
        alice.address,
      ),
    },
  ]);
  const created = await phase(`the batch of ${units} packs for ${count} cases`, [
    { pair: a.maker, txs: [api.tx.provenance.createBatch(inst.Manufacturer, ids.gtin, ids.receiveLot, world.now + 700n * DAY_MS, units)] },
  ]);
  const batch = eventsOf(api, created, a.maker, 'provenance', 'BatchCreated')[0].data.batch.toNumber();
  const serials = Array.from({ length: units }, (_, m) => `R${m}`);
  await commission(api, phase, a.maker, inst.Manufacturer, batch, serials);
  const caseIds = Array.from({ length: count }, (_, c) => ids.sscc(world.nextCase + c));
  world.nextCase += count;
  await phase(`${count} cases packed`, [
    {
      pair: a.maker,
      txs: await batches(
        api,
        caseIds.map((id, c) =>
          api.tx.provenance.pack(
            inst.Manufacturer,
            id,
            serials.slice(c * params.caseUnits, (c + 1) * params.caseUnits).map((serial) => ({ Unit: { gtin: ids.gtin, serial } })),
          ),
        ),
        a.maker.address,
      ),
    },
  ]);
  const destinations = caseIds.map((_, c) => (inst.Distributor !== undefined && c % 2 === 1 ? inst.Distributor : inst.Pharmacy));
  const shipped = await phase(`${count} cases shipped`, [
    {
      pair: a.maker,
      txs: await batches(api, caseIds.map((id, c) => api.tx.provenance.ship(inst.Manufacturer, destinations[c], [{ Container: id }], null)), a.maker.address),
    },
  ]);
  return eventsOf(api, shipped, a.maker, 'provenance', 'Shipped').map((event) => ({
    shipment: event.data.shipment.toBigInt(),
    to: event.data.to.toNumber(),
  }));
}

