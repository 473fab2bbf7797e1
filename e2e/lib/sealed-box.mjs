// The web app's client-side encryption (app/src/lib/sealed-box.js), the one implementation the
// app and the e2e suite share: documents under XSalsa20-Poly1305 with a random data key, the
// data key wrapped for each reader with a NaCl sealed box.
export * from '../../app/src/lib/sealed-box.js';
