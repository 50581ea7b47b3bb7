// SPDX-License-Identifier: BSD-3-Clause
/**
 * The audit keys from the environment, as every program of the suite that writes to the store reads
 * them (the `csi-store` and `siuss-waas` commands, a vendor's own service): `CSI_STORE_AUDIT_KEY` =
 * `<id>:<secret>` and the older ones in `CSI_STORE_PREVIOUS_AUDIT_KEYS` (comma-separated, same
 * format), the secret in hex or base64 of at least `AUDIT_KEY_MIN_BYTES` bytes. Never from an option
 * (shell history, `ps`) nor from the database. Messages never echo a secret.
 * @module
 */
import { fail, ok, type Result } from '@riuso-sociale/core';
import { AUDIT_KEY_MIN_BYTES, type AuditKey } from '@riuso-sociale/csi-model';
import { storeIssue, type StoreIssueCode } from './issues.js';

const KEY_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Parses one audit key `<id>:<secret>` (secret in hex, or base64 standard or URL-safe, at least
 * `AUDIT_KEY_MIN_BYTES` bytes). `name` says where it came from, in the messages (`store.config`).
 *
 * @example
 * ```ts
 * import { parseAuditKey } from '@riuso-sociale/csi-store';
 * const k = parseAuditKey(`k2026:${'ab'.repeat(32)}`, 'CSI_STORE_AUDIT_KEY');
 * if (k.ok) k.value.id; // 'k2026'
 * ```
 */
export function parseAuditKey(spec: string, name: string): Result<AuditKey, StoreIssueCode> {
  const bad = (it: string, en: string) =>
    fail([
      storeIssue(
        'store.config',
        {
          it: `${name} non valida: ${it} (formato <id>:<segreto base64 o hex di almeno ${AUDIT_KEY_MIN_BYTES} byte>, es. k2026:$(openssl rand -hex 32))`,
          en: `${name} is invalid: ${en} (format <id>:<base64 or hex secret of at least ${AUDIT_KEY_MIN_BYTES} bytes>, e.g. k2026:$(openssl rand -hex 32))`,
        },
        { name },
      ),
    ]);
  if (typeof spec !== 'string') return bad('non è un testo', 'not a text');
  const at = spec.lastIndexOf(':');
  if (at <= 0) return bad('manca <id>:', 'no <id>:');
  const id = spec.slice(0, at).trim();
  const text = spec.slice(at + 1).trim();
  if (!KEY_ID.test(id)) return bad('identificativo di 1–64 caratteri A-Z a-z 0-9 . _ : -', 'identifier of 1–64 characters A-Z a-z 0-9 . _ : -');
  let secret: Uint8Array;
  if (/^(?:[0-9a-fA-F]{2})+$/.test(text)) secret = new Uint8Array(Buffer.from(text, 'hex'));
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text) && text.replace(/=+$/, '').length % 4 !== 1) secret = new Uint8Array(Buffer.from(text, 'base64'));
  else return bad('il segreto non è né hex né base64', 'the secret is neither hex nor base64');
  if (secret.length < AUDIT_KEY_MIN_BYTES) {
    return bad(`segreto di ${secret.length} byte, ne servono almeno ${AUDIT_KEY_MIN_BYTES}`, `secret of ${secret.length} bytes, at least ${AUDIT_KEY_MIN_BYTES} required`);
  }
  return ok({ id, secret });
}

/**
 * The audit key (`CSI_STORE_AUDIT_KEY`, required) and the older ones (`CSI_STORE_PREVIOUS_AUDIT_KEYS`)
 * from an environment: what `openStore` takes as `auditKey` and `previousAuditKeys`. A missing or
 * invalid key is `store.config`.
 *
 * @example
 * ```ts
 * import { auditKeysFromEnv, openStore } from '@riuso-sociale/csi-store';
 * const keys = auditKeysFromEnv({ CSI_STORE_AUDIT_KEY: `k2026:${'ab'.repeat(32)}` });
 * if (keys.ok) await (await openStore({ ...keys.value })).close();
 * ```
 */
export function auditKeysFromEnv(env: Readonly<Record<string, string | undefined>>): Result<{ readonly auditKey: AuditKey; readonly previousAuditKeys: readonly AuditKey[] }, StoreIssueCode> {
  const current = env.CSI_STORE_AUDIT_KEY;
  if (current === undefined || current.trim() === '') {
    return fail([
      storeIssue('store.config', {
        it: `manca la chiave di audit: la variabile d'ambiente CSI_STORE_AUDIT_KEY non è impostata (CSI_STORE_AUDIT_KEY=<id>:<segreto base64 o hex di almeno ${AUDIT_KEY_MIN_BYTES} byte>, da un archivio di segreti; mai come opzione né nel database)`,
        en: `no audit key: the CSI_STORE_AUDIT_KEY environment variable is not set (CSI_STORE_AUDIT_KEY=<id>:<base64 or hex secret of at least ${AUDIT_KEY_MIN_BYTES} bytes>, from a secret store; never an option nor in the database)`,
      }),
    ]);
  }
  const auditKey = parseAuditKey(current, 'CSI_STORE_AUDIT_KEY');
  if (!auditKey.ok) return auditKey;
  const previousAuditKeys: AuditKey[] = [];
  const older = (env.CSI_STORE_PREVIOUS_AUDIT_KEYS ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const [i, spec] of older.entries()) {
    const k = parseAuditKey(spec, `CSI_STORE_PREVIOUS_AUDIT_KEYS (n. ${i + 1})`);
    if (!k.ok) return k;
    previousAuditKeys.push(k.value);
  }
  return ok({ auditKey: auditKey.value, previousAuditKeys });
}
