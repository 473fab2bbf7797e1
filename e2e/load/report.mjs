// What a kind's flood came to, from the blocks that carried it: calls included per second of
// chain time, the fullest block, the block's capacity for the call by its weight, failures.

/** Rounds to `digits` decimals (`null` stays `null`). */
export const round = (value, digits = 1) => (value === null || !Number.isFinite(value) ? null : Number(value.toFixed(digits)));

/**
 * The figures of one kind from `scan` (blocks from the one before the flood to the end, and the
 * kind's extrinsics found in them) and `arrivals` (block number → when its header arrived, ms).
 */
export function measure(scan, arrivals, limits) {
  const carrying = scan.blocks.filter((b) => b.ours > 0);
  if (carrying.length === 0) return { included: 0, blocks: 0 };
  const first = carrying[0];
  const last = carrying[carrying.length - 1];
  const before = scan.blocks.find((b) => b.number === first.number - 1);
  const included = carrying.reduce((sum, b) => sum + b.ours, 0);
  // Each carrying block stands for one block time: the span runs from the block before the
  // first one that carried the kind to the last, by their timestamps.
  const spanMs = before && before.timestamp !== null && last.timestamp !== null ? last.timestamp - before.timestamp : null;
  const wallStart = arrivals.get(first.number - 1);
  const wallEnd = arrivals.get(last.number);
  const wallMs = wallStart !== undefined && wallEnd !== undefined ? wallEnd - wallStart : null;
  const fullest = carrying.reduce((best, b) => (b.ours > best.ours ? b : best), carrying[0]);
  const pct = (value, max) => round((100 * value) / max, 1);
  return {
    included,
    blocks: carrying.length,
    firstBlock: first.number,
    lastBlock: last.number,
    spanMs,
    perSecond: spanMs ? round((included * 1000) / spanMs, 1) : null,
    wallMs: wallMs === null ? null : Math.round(wallMs),
    perSecondWall: wallMs ? round((included * 1000) / wallMs, 1) : null,
    fullest: {
      number: fullest.number,
      count: fullest.ours,
      extrinsics: fullest.extrinsics,
      normalRefTimePct: pct(fullest.normal.refTime, limits.maxTotal.refTime),
      normalProofPct: pct(fullest.normal.proofSize, limits.maxTotal.proofSize),
      lengthPct: pct(fullest.signedLength, limits.length),
    },
    perBlock: carrying.map((b) => ({
      number: b.number,
      timestamp: b.timestamp,
      calls: b.ours,
      extrinsics: b.extrinsics,
      normalRefTimePct: pct(b.normal.refTime, limits.maxTotal.refTime),
      normalProofPct: pct(b.normal.proofSize, limits.maxTotal.proofSize),
    })),
  };
}

const cell = (value, suffix = '') => (value === null || value === undefined ? '–' : `${value}${suffix}`);

/** The Markdown tables of the kinds' results. */
export function markdown(results) {
  const lines = [
    '| kind | call | senders | sent | included | failed | blocks | fullest block | capacity per block (compute / proof) | included/s | vs transfer |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const c = r.capacity.announced;
    lines.push(
      `| ${r.kind} | \`${r.call}\` | ${r.senders} | ${r.sent} | ${cell(r.included)} | ${r.failed} | ${cell(r.blocks)} | ` +
        `${cell(r.fullest?.count)} | ${c.byCompute} / ${c.byProof} (${c.binds}) | ${cell(r.perSecond)} | ${cell(r.vsTransfer, '×')} |`,
    );
  }
  lines.push(
    '',
    '| kind | weight per call, announced (µs / KiB) | charged (µs / KiB) | capacity by charged weight | fullest block: normal compute / proof | accepted by RPC /s | included/s, wall clock | chain span (s) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of results) {
    const a = r.capacity.announced;
    const c = r.capacity.charged;
    lines.push(
      `| ${r.kind} | ${round(a.refTimeUs, 0)} / ${round(a.proofBytes / 1024, 1)} | ` +
        `${c ? `${round(c.refTimeUs, 0)} / ${round(c.proofBytes / 1024, 1)}` : '–'} | ` +
        `${c ? `${c.byCompute} / ${c.byProof} (${c.binds})` : '–'} | ` +
        `${r.fullest ? `${r.fullest.normalRefTimePct} % / ${r.fullest.normalProofPct} %` : '–'} | ` +
        `${cell(r.submit.acceptedPerSecond)} | ${cell(r.perSecondWall)} | ${r.spanMs === null || r.spanMs === undefined ? '–' : round(r.spanMs / 1000, 1)} |`,
    );
  }
  return lines.join('\n');
}
