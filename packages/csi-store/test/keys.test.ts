// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import { auditKeysFromEnv, parseAuditKey } from '../src/index.js';

const HEX = 'ab'.repeat(32);
const B64 = Buffer.alloc(32, 9).toString('base64');
const B64URL = Buffer.alloc(40, 250).toString('base64url');

describe('audit keys from the environment', () => {
  it('parses hex, base64 and base64url secrets of at least 32 bytes', () => {
    for (const [spec, bytes] of [[`k1:${HEX}`, 32], [`k.2:${B64}`, 32], [`a:b:${B64URL}`, 40]] as const) {
      const k = parseAuditKey(spec, 'X');
      expect(k.ok && k.value.secret.length, spec).toBe(bytes);
    }
    const k = parseAuditKey(`a:b:${HEX}`, 'X');
    expect(k.ok && k.value.id).toBe('a:b');
  });

  it('refuses short secrets, bad ids, text that is neither hex nor base64 — without echoing the secret', () => {
    const secret = 'cd'.repeat(16);
    for (const spec of [`k:${'ab'.repeat(31)}`, `:${HEX}`, HEX, `k k:${HEX}`, `${'x'.repeat(65)}:${HEX}`, 'k:!!!not-base64!!!', `k:${secret.slice(0, 31)}`]) {
      const k = parseAuditKey(spec, 'CSI_STORE_AUDIT_KEY');
      expect(k.ok, spec).toBe(false);
      if (!k.ok) {
        expect(k.issues[0].code).toBe('store.config');
        expect(k.issues[0].message).toContain('CSI_STORE_AUDIT_KEY');
        expect(`${k.issues[0].message}${k.issues[0].messageEn}`).not.toContain(secret.slice(0, 31));
      }
    }
    expect(parseAuditKey(42 as never, 'X').ok).toBe(false);
  });

  it('reads CSI_STORE_AUDIT_KEY (required) and CSI_STORE_PREVIOUS_AUDIT_KEYS (comma-separated)', () => {
    expect(auditKeysFromEnv({}).ok).toBe(false);
    expect(auditKeysFromEnv({ CSI_STORE_AUDIT_KEY: '  ' }).ok).toBe(false);
    const r = auditKeysFromEnv({ CSI_STORE_AUDIT_KEY: `k2026:${HEX}`, CSI_STORE_PREVIOUS_AUDIT_KEYS: ` k2025:${B64} , ,k2024:${HEX}` });
    expect(r.ok && r.value.auditKey.id).toBe('k2026');
    expect(r.ok && r.value.previousAuditKeys.map((k) => k.id)).toEqual(['k2025', 'k2024']);
    const bad = auditKeysFromEnv({ CSI_STORE_AUDIT_KEY: `k2026:${HEX}`, CSI_STORE_PREVIOUS_AUDIT_KEYS: `k2025:${B64},short:abcd` });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0].message).toContain('CSI_STORE_PREVIOUS_AUDIT_KEYS (n. 2)');
  });
});
