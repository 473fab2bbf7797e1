// Starting a healthchain-gateway against the node under test, and talking to it as a client:
// challenges signed with the account's sr25519 key, uploads, downloads and key envelopes, and
// FHIR reads checked against the R4 schema.

import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { u8aToHex, u8aWrapBytes } from '@polkadot/util';

import { WS_URL, signAndWait, waitForFinalized, withTimeout } from './chain.mjs';
import { fhirErrors } from './fhir-schema.mjs';

/** The gateway binary: HEALTHCHAIN_GATEWAY, or the release build in the shared target dir. */
export const GATEWAY_BIN =
  process.env.HEALTHCHAIN_GATEWAY ||
  path.join(
    process.env.CARGO_TARGET_DIR || path.join(process.env.HOME, '.cache/healthchain/target'),
    'release/healthchain-gateway',
  );

const READY_TIMEOUT_MS = 60_000;

/** A free TCP port on the loopback interface. */
export async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.on('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts a gateway on a free port with a fresh data directory (SQLite and documents there,
 * unless `databaseUrl` names PostgreSQL or `s3` an S3 bucket) and resolves once /healthz reports
 * a finalized block. Returns `{ url, dataDir, pid, storedObject(hashHex), stop(), log() }`.
 */
export async function startGateway({ databaseUrl, s3, extraArgs = [] } = {}) {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'healthchain-gateway-'));
  const args = [
    '--node', WS_URL, '--listen', `127.0.0.1:${port}`, '--data-dir', dataDir,
    '--gateway-id', 'e2e-gateway', ...extraArgs,
  ];
  if (databaseUrl) args.push('--database-url', databaseUrl);
  const env = { ...process.env };
  const prefix = path.basename(dataDir);
  if (s3) {
    // A fresh prefix per gateway; the credentials reach it the standard AWS way.
    args.push('--object-store', `s3://${s3.bucket}/${prefix}`);
    Object.assign(env, {
      AWS_ENDPOINT: s3.endpoint,
      AWS_ALLOW_HTTP: 'true',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'healthchain-e2e',
      AWS_SECRET_ACCESS_KEY: 'healthchain-e2e',
    });
  }
  const child = spawn(GATEWAY_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  child.stdout.on('data', (chunk) => { output += chunk; });
  child.stderr.on('data', (chunk) => { output += chunk; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  const gateway = {
    url,
    dataDir,
    pid: child.pid,
    log: () => output,
    /** Whether the store holds the bytes with this SHA-256 (hex), looked at directly. */
    async storedObject(hashHex) {
      const key = `sha256/${hashHex.slice(0, 2)}/${hashHex}`;
      if (!s3) return existsSync(path.join(dataDir, 'documents', key));
      // A signed HEAD, through boto3 (which moto's server brings).
      const script = [
        'import sys, boto3, botocore',
        's3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",',
        '    aws_access_key_id="healthchain-e2e", aws_secret_access_key="healthchain-e2e")',
        'try:',
        '    s3.head_object(Bucket=sys.argv[2], Key=sys.argv[3]); print("present")',
        'except botocore.exceptions.ClientError as e:',
        '    print("absent" if e.response["Error"]["Code"] in ("404", "NoSuchKey") else e)',
      ].join('\n');
      const answer = execFileSync('python3', ['-c', script, s3.endpoint, s3.bucket, `${prefix}/${key}`])
        .toString().trim();
      if (answer !== 'present' && answer !== 'absent') throw new Error(`S3 HEAD: ${answer}`);
      return answer === 'present';
    },
    async stop() {
      child.kill('SIGTERM');
      await withTimeout(exited, 10_000, 'gateway shutdown').catch(() => child.kill('SIGKILL'));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway exited (${child.exitCode}):\n${output}`);
    try {
      const health = await fetch(`${url}/healthz`);
      if (health.status === 200) return gateway;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await gateway.stop();
      throw new Error(`gateway not healthy within ${READY_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The finalized block number the gateway decides at. */
export async function gatewayFinalized(gateway) {
  const health = await (await fetch(`${gateway.url}/healthz`)).json();
  return health.chain.finalized?.number ?? 0;
}

/** Resolves once the gateway decides at block `number` or later. */
export async function gatewayReaches(gateway, number, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while ((await gatewayFinalized(gateway)) < number) {
    if (Date.now() > deadline) throw new Error(`gateway did not reach finalized block ${number}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One HTTP request: `{ status, headers, body (Uint8Array), json() }`. */
export async function request(gateway, method, route, { auth, body } = {}) {
  const headers = {};
  if (auth) headers.authorization = auth;
  if (body && !(body instanceof Uint8Array)) headers['content-type'] = 'application/json';
  const response = await fetch(`${gateway.url}${route}`, {
    method,
    headers,
    body: body instanceof Uint8Array ? body : body && JSON.stringify(body),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return {
    status: response.status,
    headers: response.headers,
    body: bytes,
    json: () => JSON.parse(new TextDecoder().decode(bytes)),
    reason: () => {
      try {
        return JSON.parse(new TextDecoder().decode(bytes)).error;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Asks for a challenge for `fields` (operation, record, purpose, …) as `pair` and returns the
 * Authorization header answering it. `wrapped` signs `<Bytes>…</Bytes>` as a browser wallet does.
 */
export async function signedAuth(gateway, pair, fields, { wrapped = false } = {}) {
  const reply = await request(gateway, 'POST', '/auth/challenge', {
    body: { account: pair.address, ...fields },
  });
  if (reply.status !== 201) {
    throw new Error(`challenge refused: ${reply.status} ${new TextDecoder().decode(reply.body)}`);
  }
  const { nonce, message } = reply.json();
  const bytes = new TextEncoder().encode(message);
  const signature = pair.sign(wrapped ? u8aWrapBytes(bytes) : bytes);
  return `HealthChain ${nonce}.${u8aToHex(signature)}`;
}

/** Submits `tx` and resolves once the gateway decides at (or after) the block that included it. */
export async function untilGatewayDecides(api, gateway, tx, signer) {
  const included = await signAndWait(tx, signer);
  await waitForFinalized(api, included.blockNumber);
  await gatewayReaches(gateway, included.blockNumber);
  return included;
}

/** A FHIR session for `pair` with this purpose of use, as an Authorization header. */
export async function fhirSession(gateway, pair, { purpose = 'Treatment' } = {}) {
  const auth = await signedAuth(gateway, pair, { operation: 'session', purpose });
  const reply = await request(gateway, 'POST', '/auth/session', { auth });
  if (reply.status !== 201) throw new Error(`session refused: ${reply.status}`);
  return `Bearer ${reply.json().token}`;
}

/**
 * GETs a FHIR route with `session` and returns `{ status, resource, ids }` (`ids`: the ids of a
 * searchset's matches); throws if the answer is not valid FHIR R4.
 */
export async function fhirGet(gateway, session, route) {
  const reply = await request(gateway, 'GET', route, { auth: session });
  const resource = reply.json();
  const errors = fhirErrors(resource);
  if (errors.length > 0) {
    throw new Error(`${route}: ${resource.resourceType} is not valid FHIR R4: ${errors.join('; ')}`);
  }
  const ids = (resource.entry ?? []).map((e) => e.resource.id);
  return { status: reply.status, resource, ids };
}

/** Resolves once the gateway decides at the node's current best block (finalized by then). */
export async function gatewayCatchesUp(api, gateway) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForFinalized(api, best);
  await gatewayReaches(gateway, best);
}
