// The load tool's command line, with no dependency beyond Node, so `--help` and argument errors
// answer before the e2e packages are installed.

import { parseArgs } from 'node:util';

/** The call kinds, in the order the tool runs them (kinds.mjs defines each). */
export const KIND_NAMES = ['transfer', 'grant', 'access', 'write', 'prescribe', 'dispense', 'receive'];

const HELP = `Usage: node e2e/load/load.mjs --ws <url> [options]   (scripts/load.sh starts a node and runs this)

Sets up a day of a national health system on a dev chain (an accredited authority; a hospital,
a pharmacy and a distributor with licensed, affiliated staff; patients with keys, records and
consent to the hospital; a manufacturer's product, packs and cases; stock at the pharmacy;
prescriptions authorised for it), then, for each call kind in turn, signs offline a flood of
transactions from many senders each entitled to the call, submits it as fast as the node
accepts it, and reports from the blocks: calls included per second (by the blocks' timestamps),
the fullest block, the block's capacity for the call by its weight (normal class, compute and
proof size), failures (any fails the run) and each kind's rate against transfers.

Options:
  --ws <url>            the node's WebSocket RPC (required)
  --kinds <list>        comma-separated kinds to run, of: ${KIND_NAMES.join(', ')} (default: all)
  --senders <n>         distinct senders per kind: patients, physicians, pharmacists; half as many
                        distributor staff (default 200)
  --patients <n>        patients (at least --senders; default 500)
  --txs <n|auto>        transactions per kind; auto: --fill blocks' worth by the call's compute
                        weight (for receive, by the weight a receipt is charged) (default auto)
  --fill <f>            blocks' worth for --txs auto (default 3)
  --case-units <n>      packs in each case the receive kind's shipments carry (default 1)
  --block-time <ms>     the node's block time, for the report (default 6000)
  --out <file>          where to write the JSON report (default load-report.json)
  --run-id <id>         names this run's accounts and GS1 ids (default: from the clock)
  -h, --help            this text

Exit status: 0 when every transaction of every kind was included and succeeded; 1 otherwise.`;

export function fail(message) {
  console.error(`load: ${message}\n(--help for usage)`);
  process.exit(2);
}

export function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        ws: { type: 'string' },
        kinds: { type: 'string' },
        senders: { type: 'string', default: '200' },
        patients: { type: 'string', default: '500' },
        txs: { type: 'string', default: 'auto' },
        fill: { type: 'string', default: '3' },
        'case-units': { type: 'string', default: '1' },
        'block-time': { type: 'string', default: '6000' },
        out: { type: 'string', default: 'load-report.json' },
        'run-id': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        // Parses and checks the options, then exits (scripts/load.sh, before it starts a node).
        'check-only': { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(err.message);
  }
  if (parsed.help) {
    console.log(HELP);
    process.exit(0);
  }
  const integer = (name, min) => {
    const value = Number(parsed[name]);
    if (!Number.isInteger(value) || value < min) fail(`--${name} must be an integer of at least ${min}, not "${parsed[name]}"`);
    return value;
  };
  if (!parsed.ws) fail('--ws <url> is required (scripts/load.sh passes it)');
  const kinds = parsed.kinds ? parsed.kinds.split(',').map((k) => k.trim()).filter(Boolean) : KIND_NAMES;
  const unknown = kinds.filter((k) => !KIND_NAMES.includes(k));
  if (unknown.length || kinds.length === 0) fail(`unknown kind(s) ${unknown.join(', ') || '(none given)'}; choose from ${KIND_NAMES.join(', ')}`);
  const senders = integer('senders', 1);
  const patients = integer('patients', 1);
  if (patients < senders) fail(`--patients (${patients}) must be at least --senders (${senders}): patients send transfers and grants`);
  const fill = Number(parsed.fill);
  if (!(fill > 0)) fail(`--fill must be a positive number, not "${parsed.fill}"`);
  const txs = parsed.txs === 'auto' ? null : integer('txs', 1);
  const runId = parsed['run-id'] ?? Date.now().toString(36);
  if (!/^[0-9a-z]{1,12}$/.test(runId)) fail('--run-id must be 1 to 12 lower-case letters or digits');
  if (parsed['check-only']) process.exit(0);
  return {
    ws: parsed.ws,
    kinds: KIND_NAMES.filter((k) => kinds.includes(k)), // always in the tool's order
    senders,
    patients,
    txs,
    fill,
    caseUnits: integer('case-units', 1),
    blockTimeMs: integer('block-time', 1),
    out: parsed.out,
    runId,
  };
}

