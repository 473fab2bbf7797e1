// A camera for the browser tests: a Y4M video whose frames each show one code (a GS1
// DataMatrix, a QR code), drawn from bwip-js's encoding of it, for chromium's fake capture
// device (`--use-file-for-fake-video-capture`). The page's scanner sees them as a webcam would.

import { writeFileSync } from 'node:fs';
import bwipjs from 'bwip-js';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES_PER_SECOND = 2;

/** One grey-scale frame (the Y plane) with the symbol's modules drawn dark, centred. */
function frame({ symbology, text }) {
  const [{ pixs, pixx, pixy }] = bwipjs.raw(symbology, text, {});
  const module = Math.floor((Math.min(WIDTH, HEIGHT) * 0.7) / Math.max(pixx, pixy));
  const left = Math.floor((WIDTH - pixx * module) / 2);
  const top = Math.floor((HEIGHT - pixy * module) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  for (let y = 0; y < pixy; y++) {
    for (let x = 0; x < pixx; x++) {
      if (!pixs[y * pixx + x]) continue;
      for (let dy = 0; dy < module; dy++) luma.fill(16, (top + y * module + dy) * WIDTH + left + x * module, (top + y * module + dy) * WIDTH + left + (x + 1) * module);
    }
  }
  return luma;
}

/**
 * Writes a Y4M video to `file` showing each of `codes` (`{ symbology: 'gs1datamatrix' |
 * 'qrcode', text }`) in turn, half a second each; chromium loops it.
 */
export function writeCameraVideo(file, codes) {
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const parts = [Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F${FRAMES_PER_SECOND}:1 Ip A1:1 C420jpeg\n`)];
  for (const code of codes) parts.push(Buffer.from('FRAME\n'), frame(code), chroma);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}
