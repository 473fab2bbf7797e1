// A HealthChain dev node that a fault test owns: started on a base path of its own, killed
// with SIGKILL, restarted on the same base path and ports, and stopped at the end.
//
// Every wait is bounded; the node's log is kept in its directory and its tail is printed when
// a test fails (see `tailLog`).

import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TARGET_DIR = process.env.CARGO_TARGET_DIR || path.join(process.env.HOME, '.cache/healthchain/target');
/** The node binary: $HEALTHCHAIN_NODE, or the release build in the shared target directory. */
export const NODE_BIN = process.env.HEALTHCHAIN_NODE || path.join(TARGET_DIR, 'release/healthchain-node');
/** Seconds the node has to answer its RPC after a start. */
const READY_TIMEOUT_MS = Number(process.env.FAULTS_READY_TIMEOUT || 120) * 1000;

/** `n` distinct free TCP ports on the loopback interface. */
export async function freePorts(n) {
  const servers = Array.from({ length: n }, () => net.createServer().listen(0, '127.0.0.1'));
  await Promise.all(servers.map((s) => new Promise((ok) => s.on('listening', ok))));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** One JSON-RPC call over HTTP; resolves to the whole reply (`result` or `error`). */
export async function httpRpc(url, method, params = [], { timeoutMs = 10_000 } = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  return response.json();
}

export class DevNode {
  /** `name` labels the log; `blockTimeMs` is the dev chain's block time. */
  constructor(name, { blockTimeMs = 1000, extraArgs = [] } = {}) {
    this.name = name;
    this.blockTimeMs = blockTimeMs;
    this.extraArgs = extraArgs;
    this.dir = mkdtempSync(path.join(tmpdir(), `healthchain-faults-${name}-`));
    this.logPath = path.join(this.dir, 'node.log');
    this.child = null;
    this.starts = 0;
  }

  get httpUrl() {
    return `http://127.0.0.1:${this.rpcPort}`;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.rpcPort}`;
  }

  /** Starts the node (the first time on fresh ports) and waits until its RPC answers. */
  async start() {
    if (this.child) throw new Error(`${this.name}: already running`);
    if (!this.rpcPort) [this.rpcPort, this.p2pPort, this.promPort] = await freePorts(3);
    this.starts += 1;
    const log = createWriteStream(this.logPath, { flags: 'a' });
    log.write(`\n===== start ${this.starts} =====\n`);
    const args = [
      '--dev',
      '--base-path', path.join(this.dir, 'data'),
      '--rpc-port', String(this.rpcPort),
      '--port', String(this.p2pPort),
      '--prometheus-port', String(this.promPort),
      '--rpc-methods', 'unsafe',
      '--dev-block-time', String(this.blockTimeMs),
      '--no-hardware-benchmarks',
      '--no-telemetry',
      '--no-mdns',
      ...this.extraArgs,
      ...(process.env.FAULTS_NODE_ARGS ? process.env.FAULTS_NODE_ARGS.split(' ') : []),
    ];
    const child = spawn(NODE_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.exited = new Promise((ok) => child.on('exit', (code, signal) => ok({ code, signal })));
    child.on('error', () => {}); // a failed spawn shows as an exit, reported below
    this.child = child;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const exit = await Promise.race([child.exited, sleep(500).then(() => null)]);
      if (exit) {
        this.child = null;
        throw new Error(`${this.name}: the node exited (${JSON.stringify(exit)}) before its RPC came up\n${this.tailLog()}`);
      }
      try {
        const reply = await httpRpc(this.httpUrl, 'system_health', [], { timeoutMs: 2_000 });
        if (reply.result) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.name}: RPC did not answer within ${READY_TIMEOUT_MS} ms\n${this.tailLog()}`);
      }
    }
  }

  /** SIGKILL: no shutdown, no flush; the process is gone when this resolves. */
  async kill9() {
    const child = this.child;
    if (!child) return;
    child.kill('SIGKILL');
    await child.exited;
    this.child = null;
  }

  /** SIGTERM, 10 s of grace, then SIGKILL. */
  async stop() {
    const child = this.child;
    if (!child) return;
    child.kill('SIGTERM');
    const done = await Promise.race([child.exited, sleep(10_000).then(() => null)]);
    if (!done) {
      child.kill('SIGKILL');
      await child.exited;
    }
    this.child = null;
  }

  /** True while the process runs. */
  get running() {
    return this.child !== null;
  }

  /** One JSON-RPC call to this node over HTTP. */
  rpc(method, params = [], options = {}) {
    return httpRpc(this.httpUrl, method, params, options);
  }

  /** The last `lines` lines of the node's log. */
  tailLog(lines = 60) {
    try {
      return readFileSync(this.logPath, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Stops the node and removes its directory (kept with FAULTS_KEEP=1). */
  async dispose() {
    await this.stop();
    if (!process.env.FAULTS_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Starts a `DevNode` named `name` and connects `@polkadot/api` to it; `close()` disconnects,
 * prints the node's log if the test file failed, and disposes of the node.
 */
export async function startWithApi(name, connect) {
  const node = new DevNode(name);
  await node.start();
  const api = await connect({ url: node.wsUrl });
  return {
    node,
    api,
    async close() {
      await api.disconnect().catch(() => {});
      if (process.exitCode) console.error(node.tailLog());
      await node.dispose();
    },
  };
}
