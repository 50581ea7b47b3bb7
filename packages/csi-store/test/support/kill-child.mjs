// SPDX-License-Identifier: BSD-3-Clause
/**
 * The child process of kill.test.ts: connects to the database with `pg` and runs, one step per line
 * `go` read on stdin, the statements a session's transition runs — BEGIN with the session role and
 * Ente, the compare-and-swap UPDATE of the intervento (version + 1), the lock of the audit head, the
 * INSERT of the audit event, the move of the head — and prints `done <step>` after each. It never
 * commits by itself: the parent kills it with SIGKILL between two steps, as a crash or an OOM killer
 * would, and checks that PostgreSQL rolled everything back.
 *
 * Plain ESM JavaScript (not TypeScript): Node 20 runs it as is.
 *
 * Usage: node kill-child.mjs <url> <ente> <intervento id> <expected version> <new status>
 */
import { createHash, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import pg from 'pg';

const [url, ente, id, version, status] = process.argv.slice(2);
if (status === undefined) {
  process.stderr.write('usage: kill-child.mjs <url> <ente> <intervento id> <expected version> <new status>\n');
  process.exit(2);
}
const expected = Number(version);
const say = (line) => process.stdout.write(`${line}\n`);
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const go = async () => {
  const { value, done } = await lines.next();
  if (done || value.trim() !== 'go') process.exit(3);
};

const client = new pg.Client({ connectionString: url });
await client.connect();
const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
say(`ready ${pid}`);

let head;
const steps = [
  [
    'begin',
    async () => {
      await client.query('BEGIN');
      await client.query("SELECT set_config('riuso.enti', $1, true), set_config('role', 'riuso_csi', true)", [ente]);
    },
  ],
  [
    'update',
    async () => {
      const r = await client.query(
        `UPDATE intervento SET status = $4, version = version + 1, updated_at = now(),
           data = jsonb_set(jsonb_set(data, '{status}', to_jsonb($4::text)), '{version}', to_jsonb(version + 1))
         WHERE ente = $1 AND id = $2 AND version = $3`,
        [ente, id, expected, status],
      );
      if (r.rowCount !== 1) throw new Error(`update touched ${r.rowCount} rows`);
    },
  ],
  [
    'audit',
    async () => {
      await client.query('INSERT INTO audit_head (ente, seq, hash, updated_at) VALUES ($1, 0, NULL, now()) ON CONFLICT (ente) DO NOTHING', [ente]);
      head = (await client.query('SELECT seq::text AS seq, hash FROM audit_head WHERE ente = $1 FOR UPDATE', [ente])).rows[0];
      const seq = Number(head.seq) + 1;
      const event = {
        id: randomUUID(),
        at: new Date().toISOString(),
        actor: { operatoreId: randomUUID(), role: 'assistente-sociale' },
        action: 'transition',
        entity: { kind: 'intervento', id },
        transition: { event: 'kill-test', from: 'in-erogazione', to: status },
        outcome: 'success',
        ente,
        seq,
        keyId: 'kill-child',
        prevHash: head.hash,
      };
      const hash = createHash('sha256').update(JSON.stringify(event)).digest('hex');
      await client.query(
        `INSERT INTO audit_event (ente, seq, id, at, action, entity_kind, entity_id, persona, outcome, key_id, prev_hash, hash, event)
         VALUES ($1, $2, $3, $4, 'transition', 'intervento', $5, NULL, 'success', 'kill-child', $6, $7, $8::jsonb)`,
        [ente, seq, event.id, event.at, id, head.hash, hash, JSON.stringify({ ...event, hash })],
      );
      head = { seq, hash };
    },
  ],
  [
    'head',
    async () => {
      await client.query('UPDATE audit_head SET seq = $2, hash = $3, updated_at = now() WHERE ente = $1', [ente, head.seq, head.hash]);
    },
  ],
];

try {
  for (const [name, run] of steps) {
    await go();
    await run();
    say(`done ${name}`);
  }
  await go();
  await client.query('COMMIT');
  say('done commit');
} catch (e) {
  say(`error ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
await client.end();
process.exit(0); // stdin is still open: leave now
