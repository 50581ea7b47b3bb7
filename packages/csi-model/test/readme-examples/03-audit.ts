// SPDX-License-Identifier: BSD-3-Clause
import { randomBytes } from 'node:crypto';
import { appendAudit, auditEvent, newId, verifyAuditChain, type AuditEvent, type AuditHead, type AuditKey } from '@riuso-sociale/csi-model';

// la chiave dell'Ente: casuale, di almeno 32 byte, custodita fuori dal database del registro
const key: AuditKey = { id: 'F205-2025-1', secret: randomBytes(32) };
const actor = { operatoreId: newId('operatore'), role: 'assistente-sociale' } as const;

let log: readonly AuditEvent[] = [];
const r = appendAudit(log, auditEvent({ at: '2025-03-01T09:30:00Z' as never, actor, action: 'read',
  entity: { kind: 'cartella', id: newId('cartella') }, ente: 'F205', outcome: 'success' }), key);
if (r.ok) log = r.value;  // seq 1, keyId 'F205-2025-1', prevHash null, hash (HMAC-SHA256)
else r.issues[0].code;    // 'csi.audit.invalid_event' (solo i percorsi, mai i valori) o 'csi.audit.invalid_key'

// la testa si pubblica fuori dal registro e si confronta a ogni verifica
const last = log[log.length - 1];
const head: AuditHead = { seq: last?.seq ?? 0, hash: last?.hash ?? null };
const v = verifyAuditChain(log, { keys: new Map([[key.id, key.secret]]), expectedHead: head });
console.log(v.ok); // true
// false per un evento modificato, inserito, tolto o spostato ('csi.audit.chain_broken'),
// una catena ricalcolata con un'altra chiave, una chiave sconosciuta ('csi.audit.unknown_key'),
// una coda tagliata o eventi in più ('csi.audit.head_mismatch'); params.seq: il primo evento rotto
