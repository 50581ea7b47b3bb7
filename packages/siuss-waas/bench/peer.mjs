// SPDX-License-Identifier: BSD-3-Clause
/**
 * THE PEER of the WaaS benchmark: a bare `node:http` server answering the same two operations from
 * memory — the floor of Node HTTP on this machine, against which the endpoint's figures are ratios.
 *
 * - `GET /flussi?since&limit`: the entries after `since` (binary search on ts_flusso), at most `limit`
 *   (default 10), from an in-memory array of the SAME entries the endpoint serves, each entry's JSON
 *   built once at start-up (the endpoint builds them per request from the store): byte for byte the
 *   endpoint's body (bench/run.mjs checks it), sent with a Content-Length.
 * - `POST /esiti`: the body read and `JSON.parse`d, then `204`.
 * No voucher, no validation, no store, no log. Anything else: `404`.
 */
import { createServer } from 'node:http';

/**
 * Starts the peer on 127.0.0.1 (a free port): `{ url, close(), stats }`.
 *
 * @param entries the `elenco_flussi` entries (OpenAPI `Flusso`), in ts_flusso order
 */
export async function startPeer(entries) {
  const ts = entries.map((e) => Date.parse(e.ts_flusso));
  const json = entries.map((e) => JSON.stringify(e));
  const stats = { flussi: 0, esiti: 0, esitiItems: 0 };
  const firstAfter = (since) => {
    let lo = 0;
    let hi = ts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ts[mid] <= since) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const server = createServer((req, res) => {
    const q = req.url.indexOf('?');
    const path = q === -1 ? req.url : req.url.slice(0, q);
    if (req.method === 'GET' && path === '/flussi') {
      const params = new URLSearchParams(q === -1 ? '' : req.url.slice(q + 1));
      const since = Number(params.get('since') ?? 0);
      const limit = Math.min(100, Number(params.get('limit') ?? 10));
      const from = firstAfter(since);
      const body = `{"elenco_flussi":[${json.slice(from, from + limit).join(',')}]}`;
      stats.flussi++;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (req.method === 'POST' && path === '/esiti') {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          stats.esiti++;
          stats.esitiItems += body.elenco_esiti?.length ?? 0;
          res.writeHead(204);
          res.end();
        } catch {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end('invalid JSON');
        }
      });
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
