// SPDX-License-Identifier: BSD-3-Clause
/**
 * The simulated INPS clients of the WaaS benchmark (bench/run.mjs), in a worker thread: their own
 * event loop, so that the server measured (in the main thread) does not share one with its load.
 *
 * Each of `clients` clients loops, until the slice's deadline: `GET /flussi?since=<cursor>&limit=…`
 * (its own cursor, from 0; moved to the last entry's ts_flusso; back to 0 after a short or empty page,
 * as a poller that reached the end starts over), then ONE `POST /esiti` with an esito for every entry
 * of the page (bench/esiti.mjs: deterministic per flow, so every client redelivers the same esiti).
 * Plain `fetch` (undici's global agent, keep-alive), each client with its own voucher. Not
 * `simulateInps`: it validates every flow against the XSD, which would measure the client. Instead a
 * few pages are kept (every `sampleEvery`-th, at most `sampleMax` per slice) for run.mjs to decode
 * with `decodeWaasEntry` after the slice, outside the timings.
 *
 * Messages: `{ cmd: 'run', key, baseUrl, ms, auth }` → one result per slice (latencies per operation,
 * to the response headers and to the whole body read; status counts; the id_flusso whose esito was
 * sent, and acknowledged with 204, for the first time under `key`; sampled page bodies; the first
 * errors); `{ cmd: 'exit' }`. Client state (cursors, ids seen) is kept
 * per `key` across slices: a measurement continues where its previous slice stopped.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { esitoBody } from './esiti.mjs';

const { clients, limit, vouchers, sampleEvery, sampleMax } = workerData;
const states = new Map();

function stateOf(key) {
  let s = states.get(key);
  if (s === undefined) {
    s = { cursors: new Array(clients).fill(0), acked: new Set(), sent: new Set(), pages: 0, passes: 0 };
    states.set(key, s);
  }
  return s;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function runSlice({ key, baseUrl, ms, auth }) {
  const st = stateOf(key);
  const ops = { get: { lat: [], hdr: [], status: {} }, post: { lat: [], hdr: [], status: {} } };
  const fresh = [];
  const freshSent = [];
  const samples = [];
  const errors = [];
  let esitiSent = 0;
  let esitiAcked = 0;
  let entriesPulled = 0;
  const count = (op, status, ms, hdr = ms) => {
    ops[op].lat.push(ms);
    ops[op].hdr.push(hdr);
    ops[op].status[status] = (ops[op].status[status] ?? 0) + 1;
  };
  const noteError = (text) => {
    if (errors.length < 5) errors.push(text.slice(0, 300));
  };
  const start = performance.now();
  const deadline = start + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const headers = auth ? { authorization: `Bearer ${vouchers[c]}` } : {};
      const postHeaders = { ...headers, 'content-type': 'application/json' };
      while (performance.now() < deadline) {
        // GET /flussi
        const since = st.cursors[c];
        let text;
        let t = performance.now();
        try {
          const res = await fetch(`${baseUrl}/flussi?since=${since}&limit=${limit}`, { headers });
          const hdr = performance.now() - t;
          text = await res.text();
          count('get', res.status, performance.now() - t, hdr);
          if (res.status !== 200) {
            noteError(`GET /flussi?since=${since} → ${res.status}: ${text}`);
            await sleep(20);
            continue;
          }
        } catch (e) {
          count('get', 'ERR', performance.now() - t);
          noteError(`GET /flussi?since=${since}: ${e?.cause?.code ?? e?.message ?? e}`);
          await sleep(20);
          continue;
        }
        const entries = JSON.parse(text).elenco_flussi;
        st.pages++;
        entriesPulled += entries.length;
        if (entries.length > 0 && samples.length < sampleMax && st.pages % sampleEvery === 1) samples.push(text);
        if (entries.length === 0) {
          st.cursors[c] = 0;
          st.passes++;
          continue;
        }
        // POST /esiti: one esito per entry of the page (≤ limit ≤ 100).
        const body = JSON.stringify({ elenco_esiti: entries.map(esitoBody) });
        esitiSent += entries.length;
        for (const e of entries) {
          if (!st.sent.has(e.id_flusso)) {
            st.sent.add(e.id_flusso);
            freshSent.push(e.id_flusso);
          }
        }
        t = performance.now();
        try {
          const res = await fetch(`${baseUrl}/esiti`, { method: 'POST', headers: postHeaders, body });
          const hdr = performance.now() - t;
          const answer = await res.text();
          count('post', res.status, performance.now() - t, hdr);
          if (res.status === 204) {
            esitiAcked += entries.length;
            for (const e of entries) {
              if (!st.acked.has(e.id_flusso)) {
                st.acked.add(e.id_flusso);
                fresh.push(e.id_flusso);
              }
            }
          } else {
            // Not acknowledged: INPS would deliver the same esiti again; so does this client (cursor kept).
            noteError(`POST /esiti (${entries.length}) → ${res.status}: ${answer}`);
            await sleep(20);
            continue;
          }
        } catch (e) {
          count('post', 'ERR', performance.now() - t);
          noteError(`POST /esiti: ${e?.cause?.code ?? e?.message ?? e}`);
          await sleep(20);
          continue;
        }
        const last = entries[entries.length - 1];
        st.cursors[c] = entries.length < limit ? 0 : Date.parse(last.ts_flusso);
        if (entries.length < limit) st.passes++;
      }
    }),
  );
  const elapsed = performance.now() - start;
  const arr = (op, k) => Float64Array.from(ops[op][k]);
  const get = arr('get', 'lat');
  const post = arr('post', 'lat');
  const getHdr = arr('get', 'hdr');
  const postHdr = arr('post', 'hdr');
  return {
    key,
    elapsed,
    ops: { get: { lat: get, hdr: getHdr, status: ops.get.status }, post: { lat: post, hdr: postHdr, status: ops.post.status } },
    fresh,
    freshSent,
    esitiSent,
    esitiAcked,
    entriesPulled,
    pages: st.pages,
    passes: st.passes,
    samples,
    errors,
    transfer: [get.buffer, post.buffer, getHdr.buffer, postHdr.buffer],
  };
}

parentPort.on('message', async (msg) => {
  if (msg.cmd === 'exit') {
    parentPort.close();
    return;
  }
  try {
    const r = await runSlice(msg);
    const { transfer, ...result } = r;
    parentPort.postMessage({ ok: true, result }, transfer);
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String(e?.stack ?? e) });
  }
});
