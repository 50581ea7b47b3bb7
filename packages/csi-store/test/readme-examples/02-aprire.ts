// SPDX-License-Identifier: BSD-3-Clause
import pg from 'pg';
import { openStore } from '@riuso-sociale/csi-store';

// La chiave della catena di audit (HMAC-SHA256, almeno 32 byte) viene da un archivio di segreti o
// dall'ambiente, mai dal database; stesso formato della CLI: CSI_STORE_AUDIT_KEY=<id>:<segreto hex>.
const spec = process.env.CSI_STORE_AUDIT_KEY ?? '';
const auditKey = { id: spec.slice(0, spec.lastIndexOf(':')), secret: new Uint8Array(Buffer.from(spec.slice(spec.lastIndexOf(':') + 1), 'hex')) };

// PGlite su disco: una cartella, aperta da un solo processo alla volta.
const suDisco = await openStore({ dataDir: './dati-cartella', auditKey });
console.log(suDisco.driver); // 'pglite'
await suDisco.close();

// Un server PostgreSQL ≥ 15: il Pool lo crea openStore (maxConnections, 10 se non indicato)…
const url = process.env.DATABASE_URL;
if (url !== undefined) {
  const suServer = await openStore({ connectionString: url, auditKey, maxConnections: 20 });
  await suServer.close();
  // …oppure è il Pool del fornitore, che store.close() lascia aperto.
  const pool = new pg.Pool({ connectionString: url });
  const conPool = await openStore({ pool, auditKey });
  await conPool.close();
  await pool.end();
}
