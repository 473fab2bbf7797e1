// Reading a code with the device's camera: a pack's GS1 DataMatrix or an account's QR code.
// The decoder (ZXing) is loaded only when the camera is first used; the picture never leaves
// the page. Where there is no camera, or it is refused, the person types or pastes the code.

import { useEffect, useRef, useState } from 'preact/hooks';
import encodeQR from 'qr';

export type Symbology = 'datamatrix' | 'qr';

const CAMERA_REFUSALS: Record<string, string> = {
  NotAllowedError: 'The browser was not allowed to use the camera. Allow it in the address bar, or type the code.',
  NotFoundError: 'This device has no camera. Type or paste the code instead.',
  NotReadableError: 'The camera is in use by another application. Close it, or type the code.',
  OverconstrainedError: 'No camera here can read codes. Type or paste the code instead.',
  SecurityError: 'The camera works only on a secure page (https or this computer). Type the code instead.',
};

/** A "scan with the camera" button; while scanning, the preview and a way to stop. */
export function CameraScanner({ symbology, label, onCode }: { symbology: Symbology; label: string; onCode(text: string): void }) {
  const video = useRef<HTMLVideoElement>(null);
  const stop = useRef<(() => void) | undefined>(undefined);
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string>();
  useEffect(() => () => stop.current?.(), []);
  useEffect(() => {
    if (!scanning || !video.current) return;
    let cancelled = false;
    (async () => {
      const [{ BrowserMultiFormatReader }, { BarcodeFormat, DecodeHintType }] = await Promise.all([import('@zxing/browser'), import('@zxing/library')]);
      const hints = new Map([[DecodeHintType.POSSIBLE_FORMATS, [symbology === 'qr' ? BarcodeFormat.QR_CODE : BarcodeFormat.DATA_MATRIX]]]);
      const reader = new BrowserMultiFormatReader(hints, { delayBetweenScanAttempts: 150 });
      const controls = await reader.decodeFromConstraints({ video: { facingMode: 'environment' } }, video.current!, (result, _error, controls) => {
        if (!result || cancelled) return;
        cancelled = true;
        controls.stop();
        setScanning(false);
        onCode(result.getText());
      });
      if (cancelled) controls.stop();
      else stop.current = () => { cancelled = true; controls.stop(); };
    })().catch((error: unknown) => {
      setScanning(false);
      const name = error instanceof Error ? error.name : '';
      setProblem(CAMERA_REFUSALS[name] ?? `The camera could not be used (${error instanceof Error ? error.message : error}). Type or paste the code instead.`);
    });
    return () => {
      cancelled = true;
      stop.current?.();
      stop.current = undefined;
    };
  }, [scanning, symbology]);
  return (
    <div class="camera">
      <button type="button" class="secondary" aria-pressed={scanning} onClick={() => { setProblem(undefined); setScanning((s) => !s); }}>
        {scanning ? 'Stop the camera' : label}
      </button>
      {scanning && (
        <video ref={video} class="preview" muted playsInline aria-label={`Camera preview: hold the ${symbology === 'qr' ? 'QR code' : 'square code on the pack'} in view`} />
      )}
      {problem && <p class="warning" role="alert">{problem}</p>}
    </div>
  );
}

/** An account as a QR code, for a clinician or pharmacist to scan instead of typing it. */
export function AccountCode({ address }: { address: string }) {
  const modules = encodeQR(address, 'raw', { ecc: 'medium', border: 2 });
  const size = modules.length;
  let path = '';
  modules.forEach((row, y) => row.forEach((dark, x) => { if (dark) path += `M${x} ${y}h1v1h-1z`; }));
  return (
    <figure class="account-code">
      <svg viewBox={`0 0 ${size} ${size}`} width="200" height="200" role="img" aria-label={`QR code of account ${address}`} shape-rendering="crispEdges">
        <rect width={size} height={size} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <figcaption><code>{address}</code></figcaption>
    </figure>
  );
}
