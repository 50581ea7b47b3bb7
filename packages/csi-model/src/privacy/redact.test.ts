// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleEntities } from '../entities/samples.js';
import { ENTITY_KINDS, type EntityKind } from '../ids.js';
import { pseudonymize, pseudonymizeFor } from './pseudonym.js';
import { redact, type RedactionPolicy } from './redact.js';
import { categoriesOf, classifyField, FIELD_CLASSIFICATION, SENSITIVITIES, type Sensitivity } from './sensitivity.js';

const KEY = new Uint8Array(32).fill(3);
const CF = 'RSSMRA80A01H501U';

function value<T>(r: { ok: true; value: T } | { ok: false; issues: readonly { code: string }[] }): T {
  if (!r.ok) throw new Error(r.issues.map((i) => i.code).join());
  return r.value;
}

/** A record of `kind` with every classified field set (a valid CF where one is expected). */
function fullRecord(kind: EntityKind): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, c] of Object.entries(FIELD_CLASSIFICATION[kind])) {
    out[field] = c.identifier === 'codice-fiscale' ? CF : { field, nested: [1, 2, { deep: 'x' }] };
  }
  return out;
}

/** Checks that a redacted copy holds only fields whose every category is kept, with no undefined values. */
function expectOnlyKept(kind: EntityKind, out: Readonly<Record<string, unknown>>, keep: readonly Sensitivity[]): void {
  for (const [field, v] of Object.entries(out)) {
    const c = classifyField(kind, field);
    expect(c, `${kind}.${field}`).toBeDefined();
    for (const s of categoriesOf(c!)) expect(keep, `${kind}.${field}`).toContain(s);
    expect(v, `${kind}.${field}`).not.toBeUndefined();
  }
}

describe('redact', () => {
  it('removes special fields (absent, never placeholders) and keeps the ordinary ones', () => {
    const note = { id: 'n1', data: '2025-03-01', tipo: 'colloquio', testo: 'riferisce una patologia', riservatezza: 'equipe' };
    const r = value(redact('diario', note, { keep: ['ordinary'] }));
    expect(r).toEqual({ id: 'n1', data: '2025-03-01', tipo: 'colloquio', riservatezza: 'equipe' });
    expect('testo' in r).toBe(false);
    expect(value(redact('diario', note, { keep: ['ordinary', 'special'] }))).toEqual({ id: 'n1', data: '2025-03-01', tipo: 'colloquio', riservatezza: 'equipe' });
    expect(value(redact('diario', note, { keep: ['ordinary', 'special', 'judicial'] }))).toEqual(note);
  });

  it('keeps a field holding two categories only when both are kept (SINBA: special + judicial)', () => {
    const v = { data: '2025-03-01', sina: { x: 1 }, sinba: { y: 2 } };
    expect(value(redact('valutazione', v, { keep: ['ordinary', 'special'] }))).toEqual({ data: '2025-03-01', sina: { x: 1 } });
    expect(value(redact('valutazione', v, { keep: ['ordinary', 'special', 'judicial'] }))).toEqual(v);
  });

  it('replaces the codice fiscale with its pseudonym and drops the other direct identifiers', () => {
    const p = { codiceFiscale: CF, cognome: 'Rossi', nome: 'Mario', contatti: { telefono: '3331234567' }, dataNascita: '1980-01-01' };
    const r = value(redact('persona', p, { keep: ['ordinary'], pseudonymizeWith: KEY }));
    expect(r).toEqual({ codiceFiscale: value(pseudonymize(CF, KEY)), dataNascita: '1980-01-01' });
    expect(JSON.stringify(r)).not.toContain('RSSMRA');
    // Keep the names on request; per-purpose key when asked.
    expect(value(redact('persona', p, { keep: ['ordinary'], pseudonymizeWith: KEY, identifiers: 'keep' }))).toMatchObject({ cognome: 'Rossi', nome: 'Mario' });
    expect(value(redact('persona', p, { keep: ['ordinary'], pseudonymizeWith: KEY, purpose: 'istat' })).codiceFiscale).toBe(value(pseudonymizeFor('istat', CF, KEY)));
    // Drop without a key: the codice fiscale goes too.
    expect(value(redact('persona', p, { keep: ['ordinary'], identifiers: 'drop' }))).toEqual({ dataNascita: '1980-01-01' });
    // Default without a key: identifiers are ordinary data and stay.
    expect(value(redact('persona', p, { keep: ['ordinary'] }))).toEqual(p);
  });

  it('pseudonymises the operator codice fiscale too, and omocodic variants alike', () => {
    const r = value(redact('operatore', { codiceFiscale: 'RSSMRA80A01H50MM', ruolo: 'educatore' }, { keep: ['ordinary'], pseudonymizeWith: KEY }));
    expect(r).toEqual({ codiceFiscale: value(pseudonymize(CF, KEY)), ruolo: 'educatore' });
  });

  it('fails with typed issues on a short key, an invalid CF, a bad policy, a bad input', () => {
    const short = redact('persona', { codiceFiscale: CF }, { keep: ['ordinary'], pseudonymizeWith: new Uint8Array(16) });
    expect(!short.ok && [short.issues[0].code, short.issues[0].path]).toEqual(['csi.pseudonym.key_too_short', ['codiceFiscale']]);
    const bad = redact('persona', { codiceFiscale: 'RSSMRA80A01H501X' }, { keep: ['ordinary'], pseudonymizeWith: KEY });
    expect(!bad.ok && bad.issues[0].code).toBe('csi.pseudonym.fiscal_code_invalid');
    expect(!bad.ok && JSON.stringify(bad.issues)).not.toContain('RSSMRA80A01H501X');
    for (const policy of [{ keep: ['secret'] }, { keep: 'ordinary' }, { keep: ['ordinary'], identifiers: 'mask' }, { keep: ['ordinary'], purpose: 'istat' }, null]) {
      const r = redact('persona', {}, policy as unknown as RedactionPolicy);
      expect(!r.ok && r.issues[0].code).toBe('csi.redact.invalid_policy');
    }
    const input = redact('persona', [] as unknown as object, { keep: ['ordinary'] });
    expect(!input.ok && input.issues[0].code).toBe('csi.redact.invalid_input');
    expect(redact('nope' as EntityKind, {}, { keep: ['ordinary'] }).ok).toBe(false);
  });

  it('drops unknown fields (fail closed) and returns a deep copy', () => {
    const src = { data: '2025-03-01', partecipanti: ['madre'], extra: 'x' };
    const r = value(redact('diario', src, { keep: ['ordinary'] })) as { partecipanti?: string[] };
    expect(r).toEqual({ data: '2025-03-01', partecipanti: ['madre'] });
    r.partecipanti?.push('padre');
    expect(src.partecipanti).toEqual(['madre']);
  });

  it('property: over every kind and random policies, the copy holds no field of a category not kept', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENTITY_KINDS),
        fc.subarray([...SENSITIVITIES]),
        fc.boolean(),
        fc.constantFrom<RedactionPolicy['identifiers']>(undefined, 'keep', 'drop'),
        (kind, keep, pseudo, identifiers) => {
          const policy: RedactionPolicy = { keep, ...(pseudo ? { pseudonymizeWith: KEY } : {}), ...(identifiers === undefined ? {} : { identifiers }) };
          const out = value(redact(kind, fullRecord(kind), policy));
          expectOnlyKept(kind, out, keep);
          if (!keep.includes('special')) {
            for (const field of Object.keys(out)) expect(categoriesOf(classifyField(kind, field)!)).not.toContain('special');
          }
          const cf = classifyField(kind, 'codiceFiscale')?.identifier === 'codice-fiscale' ? (out as { codiceFiscale?: unknown }).codiceFiscale : undefined;
          if (cf !== undefined && pseudo) expect(cf).toBe(value(pseudonymize(CF, KEY)));
          if (cf !== undefined && !pseudo) expect(cf).toBe(CF);
          // Every kept ordinary field without identifier role survives.
          if (keep.includes('ordinary')) {
            for (const [field, c] of Object.entries(FIELD_CLASSIFICATION[kind])) {
              if (c.identifier === undefined && categoriesOf(c).every((s) => keep.includes(s))) expect(out, `${kind}.${field}`).toHaveProperty(field);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: a redacted export of every sample entity holds no special-category field (random policies)', () => {
    const samples = sampleEntities() as unknown as Readonly<Record<EntityKind, Record<string, unknown>>>;
    fc.assert(
      fc.property(
        fc.subarray(['ordinary', 'judicial'] as Sensitivity[]),
        fc.option(fc.constantFrom('sinba', 'istat', 'trasparenza'), { nil: undefined }),
        fc.boolean(),
        fc.constantFrom<RedactionPolicy['identifiers']>(undefined, 'keep', 'drop'),
        (keep, purpose, pseudo, identifiers) => {
          const policy: RedactionPolicy = {
            keep,
            ...(pseudo ? { pseudonymizeWith: KEY, ...(purpose === undefined ? {} : { purpose }) } : {}),
            ...(identifiers === undefined ? {} : { identifiers }),
          };
          const exported = ENTITY_KINDS.map((kind) => [kind, value(redact(kind, samples[kind], policy))] as const);
          for (const [kind, out] of exported) {
            expectOnlyKept(kind, out, keep);
            for (const field of Object.keys(out)) expect(categoriesOf(classifyField(kind, field)!), `${kind}.${field}`).not.toContain('special');
            if (pseudo && 'codiceFiscale' in out && classifyField(kind, 'codiceFiscale')?.identifier === 'codice-fiscale') {
              expect(out.codiceFiscale).toMatch(/^[A-Z2-7]{20}$/);
            }
          }
          // The samples hold special data (SINA, diary text…): none of it survives anywhere in the export.
          const text = JSON.stringify(exported);
          const diarioTesto = (samples.diario as { testo?: string }).testo;
          if (diarioTesto !== undefined) expect(text).not.toContain(diarioTesto);
        },
      ),
      { numRuns: 60 },
    );
  });
});
