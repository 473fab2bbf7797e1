// Anyone, without an account: is this medicine pack genuine and safe to use? Scan or paste the
// code under its DataMatrix.

import { useState } from 'preact/hooks';

import { useApi } from '../state';
import { Gs1Error, parsePackCode } from '../lib/gs1';
import { type PackVerdict, verifyPack } from '../lib/packs';
import { CameraScanner } from '../components/Camera';

export function PackScanner({ id = 'pack-code', pharmacy, label, onVerdict }: { id?: string; pharmacy?: number; label: string; onVerdict?: (v: PackVerdict) => void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [verdict, setVerdict] = useState<PackVerdict>();
  const [busy, setBusy] = useState(false);
  const check = async (scanned: string) => {
    setProblem(undefined);
    setVerdict(undefined);
    let code;
    try {
      code = parsePackCode(scanned);
    } catch (error) {
      setProblem(error instanceof Gs1Error ? error.message : String(error));
      return;
    }
    setBusy(true);
    try {
      const found = await verifyPack(api, code, pharmacy);
      setVerdict(found);
      onVerdict?.(found);
    } catch (error) {
      setProblem(`The network could not be asked: ${error instanceof Error ? error.message : error}. Try again.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="scanner">
      <form onSubmit={(e) => { e.preventDefault(); void check(text); }}>
        <label for={id}>{label}</label>
        <div class="row">
          <input
            id={id}
            name={id}
            autoComplete="off"
            spellcheck={false}
            value={text}
            placeholder="(01)04006381333931(17)281231(10)LOT1(21)SN0001"
            aria-describedby={`${id}-help`}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={busy}>{busy ? 'Checking…' : 'Check'}</button>
        </div>
        <p id={`${id}-help`} class="help">
          A scanner types the code for you; or type what is printed under the square code: (01) product, (17) expiry, (10) lot, (21) serial.
        </p>
      </form>
      <CameraScanner symbology="datamatrix" label="Scan with the camera" onCode={(code) => { setText(code); void check(code); }} />
      {problem && <p class="verdict bad" role="alert">{problem}</p>}
      {verdict && <Verdict verdict={verdict} />}
    </div>
  );
}

export function Verdict({ verdict }: { verdict: PackVerdict }) {
  const { facts } = verdict;
  return (
    <section class={`verdict ${verdict.tone}`} role="status" aria-label="Verification result">
      <h2>
        <span aria-hidden="true">{verdict.tone === 'good' ? '✔' : verdict.tone === 'caution' ? '!' : '✖'}</span> {verdict.headline}
      </h2>
      <ul>
        {verdict.reasons.map((r) => <li key={r}>{r}</li>)}
      </ul>
      <dl class="facts">
        <dt>Product (GTIN)</dt><dd>{verdict.code.gtin}</dd>
        <dt>Serial</dt><dd>{verdict.code.serial}</dd>
        {facts && (
          <>
            <dt>Lot</dt><dd>{facts.lot}</dd>
            <dt>Expires</dt><dd>{facts.expiry}</dd>
            <dt>Maker</dt><dd>institution {facts.manufacturer}</dd>
            <dt>Held by</dt><dd>{facts.custodian === undefined ? 'in transit' : `institution ${facts.custodian}`}</dd>
            <dt>Shipments received</dt><dd>{facts.hops}</dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function VerifyPage() {
  return (
    <section class="card">
      <h1>Verify a medicine</h1>
      <p>
        Every genuine pack of prescription medicine carries a unique serial number that its maker registered.
        Check a pack before you use it: no account is needed.
      </p>
      <PackScanner label="Code on the pack" />
    </section>
  );
}
