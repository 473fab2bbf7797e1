// Trials as people cite them: their primary-registry ids and phases.

import { asciiHex } from './format.js';

/** The chain's `Phase`, in words. */
export const PHASES: Record<string, string> = {
  EarlyPhase1: 'early phase 1', Phase1: 'phase 1', Phase1Phase2: 'phase 1/2', Phase2: 'phase 2',
  Phase2Phase3: 'phase 2/3', Phase3: 'phase 3', Phase4: 'phase 4', NotApplicable: 'no phase',
};

/**
 * A cited registry id (NCT01234567, ISRCTN12345678, EU CT 2024-501234-12-00; any case, spaces
 * around) as the chain's `RegistryId` (the digits after the prefix, or the whole EU CT number,
 * as ASCII), or `undefined` if it is none of them.
 */
export function parseRegistryId(text: string): { Nct: string } | { Isrctn: string } | { EuCt: string } | undefined {
  const id = text.trim().toUpperCase();
  let match;
  if ((match = /^NCT(\d{8})$/.exec(id))) return { Nct: asciiHex(match[1]) };
  if ((match = /^ISRCTN(\d{8})$/.exec(id))) return { Isrctn: asciiHex(match[1]) };
  if (/^\d{4}-\d{6}-\d{2}-\d{2}$/.test(id)) return { EuCt: asciiHex(id) };
  return undefined;
}

/** A registry id as it is cited, from its variant and ASCII value. */
export function citeRegistryId(kind: string, value: string): string {
  return kind === 'Nct' ? `NCT${value}` : kind === 'Isrctn' ? `ISRCTN${value}` : value;
}
