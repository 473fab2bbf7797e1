#!/usr/bin/env node
// Serves the built web app (dist/) and tells it where the chain and the record gateway are
// (`/config.json`). No dependencies beyond Node. Each request is logged; `/metrics` counts them.
//
//   node serve.mjs --node ws://127.0.0.1:9944 --gateway http://127.0.0.1:8088 --listen 127.0.0.1:8090

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HELP = `healthchain-app: serves the HealthChain web app

Usage: node serve.mjs [options]

Options (each also an environment variable):
  --listen ADDR:PORT   where to listen            [HEALTHCHAIN_APP_LISTEN, default 127.0.0.1:8090]
  --node WS_URL        the node the app talks to  [HEALTHCHAIN_APP_NODE, default ws://127.0.0.1:9944]
  --gateway URL        the record gateway         [HEALTHCHAIN_APP_GATEWAY, default http://127.0.0.1:8088]
  --dir DIR            the built app              [HEALTHCHAIN_APP_DIR, default dist/ beside this file]
  --help               this text

The gateway must allow this app's origin (healthchain-gateway --allowed-origins http://ADDR:PORT).
GET /metrics answers request counts by status in Prometheus' text format.`;

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ico': 'image/x-icon', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8',
};

function fail(message) {
  console.error(`healthchain-app: ${message}\n(see node serve.mjs --help)`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        listen: { type: 'string' }, node: { type: 'string' }, gateway: { type: 'string' },
        dir: { type: 'string' }, help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    fail(error.message);
  }
  if (parsed.help) {
    console.log(HELP);
    process.exit(0);
  }
  const env = process.env;
  const listen = parsed.listen ?? env.HEALTHCHAIN_APP_LISTEN ?? '127.0.0.1:8090';
  const node = parsed.node ?? env.HEALTHCHAIN_APP_NODE ?? 'ws://127.0.0.1:9944';
  const gateway = (parsed.gateway ?? env.HEALTHCHAIN_APP_GATEWAY ?? 'http://127.0.0.1:8088').replace(/\/+$/, '');
  const dir = path.resolve(parsed.dir ?? env.HEALTHCHAIN_APP_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist'));
  const match = /^(.+):(\d{1,5})$/.exec(listen);
  if (!match || Number(match[2]) > 65535) fail(`--listen: \`${listen}\` is not ADDR:PORT such as 127.0.0.1:8090`);
  if (!/^wss?:\/\/[^\s/]+/.test(node)) fail(`--node: \`${node}\` is not a ws:// or wss:// URL`);
  let gatewayOrigin;
  try {
    const url = new URL(gateway);
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error();
    gatewayOrigin = url.origin;
  } catch {
    fail(`--gateway: \`${gateway}\` is not an http:// or https:// URL`);
  }
  if (!existsSync(path.join(dir, 'index.html'))) fail(`--dir: ${dir} holds no index.html (build the app: npm run build)`);
  return { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2]), node, gateway, gatewayOrigin, dir };
}

const config = options();
const configJson = JSON.stringify({ node: config.node, gateway: config.gateway });
// The page may talk only to this server, the node and the gateway; @polkadot/api's crypto is
// WebAssembly. Nothing inline, no frames, no forms posted elsewhere.
const nodeOrigin = config.node.replace(/^(wss?:\/\/[^/]+).*$/, '$1');
const SECURITY = {
  'content-security-policy': [
    "default-src 'self'",
    `connect-src 'self' ${nodeOrigin} ${config.gatewayOrigin}`,
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; '),
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};

const counts = new Map();
const count = (status) => counts.set(status, (counts.get(status) ?? 0) + 1);

const server = createServer((request, response) => {
  const started = process.hrtime.bigint();
  response.on('finish', () => {
    count(response.statusCode);
    const micros = Number((process.hrtime.bigint() - started) / 1000n);
    console.log(`${new Date().toISOString()} ${request.method} ${request.url} ${response.statusCode} ${micros}us`);
  });
  const url = new URL(request.url ?? '/', 'http://app');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (url.pathname === '/metrics') {
    const lines = ['# HELP healthchain_app_requests_total Requests answered, by status.', '# TYPE healthchain_app_requests_total counter'];
    for (const [status, n] of [...counts].sort()) lines.push(`healthchain_app_requests_total{status="${status}"} ${n}`);
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
    return;
  }
  if (url.pathname === '/config.json') {
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...SECURITY }).end(configJson);
    return;
  }
  // Every other path is a file under dir, or the app's page (it routes by #hash).
  const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '');
  let file = path.resolve(config.dir, relative);
  if (!file.startsWith(config.dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
    if (relative.startsWith('assets/')) {
      response.writeHead(404, { 'content-type': 'text/plain', ...SECURITY }).end('not found\n');
      return;
    }
    file = path.join(config.dir, 'index.html');
  }
  const immutable = relative.startsWith('assets/');
  response.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...SECURITY,
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
});

server.on('error', (error) => fail(`cannot listen on ${config.host}:${config.port}: ${error.message}`));
server.listen(config.port, config.host, () => {
  const { port } = server.address();
  console.log(`healthchain-app: http://${config.host}:${port}/ (node ${config.node}, gateway ${config.gateway}, files ${config.dir})`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
