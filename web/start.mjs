// Serves the built web app on one origin: pages from Next.js, /api and /socket.io (websocket
// upgrades included) proxied to the gateway. It serves the build `nx run web:build` made (`npm
// start` and `npm run web:start` run that first; Nx rebuilds only when an input changed).
//
//   node web/start.mjs            WEB_PORT (default 3000), WEB_HOST (default 127.0.0.1: loopback
//                                 only; 0.0.0.0 to serve other machines), GATEWAY_URL (default
//                                 http://127.0.0.1:3001)
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { setTimeout } from 'node:timers';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { securityHeaders } from './security-headers.mjs';

// The local stack runs its services with NODE_ENV=development; this server is always a production build.
process.env.NODE_ENV = 'production';
const { default: next } = await import('next');

const webDir = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.WEB_PORT ?? 3000);
const host = process.env.WEB_HOST || '127.0.0.1';
const gateway = new URL(process.env.GATEWAY_URL ?? 'http://127.0.0.1:3001');
const gatewayPort = Number(gateway.port || 80);
const log = (message) => console.log(`[web] ${message}`);

const PROXIED = /^\/(api|socket\.io)(\/|\?|$)/;

function requireBuild() {
  if (existsSync(join(webDir, '.next', 'BUILD_ID'))) return;
  console.error('[web] the web app is not built: run `npm run web:build` (or `npm start`) first.');
  process.exit(1);
}

function forwardedHeaders(req) {
  const remote = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  return {
    'x-forwarded-for': prior ? `${prior}, ${remote}` : remote,
    'x-forwarded-proto': 'http',
    'x-forwarded-host': req.headers.host ?? '',
  };
}

function proxyRequest(req, res) {
  const upstream = http.request(
    {
      host: gateway.hostname,
      port: gatewayPort,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, ...forwardedHeaders(req) },
    },
    (answer) => {
      // Raw headers keep repeated ones such as Set-Cookie intact.
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        statusCode: 502,
        error: 'Bad Gateway',
        message: 'The MixScope API is not reachable right now. Try again shortly.',
      }),
    );
  });
  req.pipe(upstream);
}

function proxyUpgrade(req, socket, head) {
  const upstream = net.connect(gatewayPort, gateway.hostname, () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    for (const [name, value] of Object.entries(forwardedHeaders(req)))
      lines.push(`${name}: ${value}`);
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
}

const pageHeaders = Object.entries(securityHeaders());

requireBuild();
const app = next({ dev: false, dir: webDir, quiet: true });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  if (PROXIED.test(req.url ?? '')) proxyRequest(req, res);
  else {
    for (const [name, value] of pageHeaders) res.setHeader(name, value);
    handle(req, res);
  }
});
server.on('upgrade', (req, socket, head) => {
  if (PROXIED.test(req.url ?? '')) proxyUpgrade(req, socket, head);
  else socket.destroy();
});
server.listen(port, host, () =>
  log(`listening on http://localhost:${port} on ${host} (API and Socket.IO → ${gateway.origin})`),
);

const stop = (signal) => {
  log(`${signal}: stopping`);
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
