// SPDX-License-Identifier: BSD-3-Clause
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleEntities } from '../entities/samples.js';
import { ENTITY_KINDS, type EntityKind } from '../ids.js';
import { pseudonymize, pseudonymizeFor } from './pseudonym.js';
import { redact, type RedactionPolicy } from './redact.js';
import { categoriesOf, classifyField, FIELD_CLASSIFICATION, ownCategoriesOf, SENSITIVITIES, type Sensitivity } from './sensitivity.js';

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

/** The values found at a part path (`[].reason`, `display`) inside a value. */
function partValues(value: unknown, path: string): unknown[] {
  const segments = path.split(/\.|(?=\[\])|(?<=\[\])/).filter((x) => x !== '');
  let current: unknown[] = [value];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      if (seg === '[]') { if (Array.isArray(v)) next.push(...v); }
      else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, seg)) next.push((v as Record<string, unknown>)[seg]);
    }
    current = next;
  }
  return current;
}

/**
 * Checks that a redacted copy holds only fields whose own categories are kept, none of their parts whose
 * categories are not all kept, and no undefined values.
 */
function expectOnlyKept(kind: EntityKind, out: Readonly<Record<string, unknown>>, keep: readonly Sensitivity[]): void {
  for (const [field, v] of Object.entries(out)) {
    const c = classifyField(kind, field);
    expect(c, `${kind}.${field}`).toBeDefined();
    for (const s of ownCategoriesOf(c!)) expect(keep, `${kind}.${field}`).toContain(s);
    for (const [path, part] of Object.entries(c!.parts ?? {})) {
      if (!categoriesOf(part).every((s) => keep.includes(s))) expect(partValues(v, path), `${kind}.${field}${path}`).toEqual([]);
    }
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
    const src = { data: '2025-03-01', obiettivi: ['o1'], history: [{ status: 'bozza', reason: 'x' }], extra: 'x' };
    const r = value(redact('diario', src, { keep: ['ordinary'] })) as { obiettivi?: string[]; history?: { status: string }[] };
    expect(r).toEqual({ data: '2025-03-01', obiettivi: ['o1'], history: [{ status: 'bozza' }] });
    r.obiettivi?.push('o2');
    r.history?.push({ status: 'firmato' });
    expect(src.obiettivi).toEqual(['o1']);
    expect(src.history).toEqual([{ status: 'bozza', reason: 'x' }]);
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
            for (const field of Object.keys(out)) expect(ownCategoriesOf(classifyField(kind, field)!)).not.toContain('special');
          }
          const cf = classifyField(kind, 'codiceFiscale')?.identifier === 'codice-fiscale' ? (out as { codiceFiscale?: unknown }).codiceFiscale : undefined;
          if (cf !== undefined && pseudo) expect(cf).toBe(value(pseudonymize(CF, KEY)));
          if (cf !== undefined && !pseudo) expect(cf).toBe(CF);
          // Every kept ordinary field without identifier role survives.
          if (keep.includes('ordinary')) {
            for (const [field, c] of Object.entries(FIELD_CLASSIFICATION[kind])) {
              if (c.identifier === undefined && ownCategoriesOf(c).every((s) => keep.includes(s))) expect(out, `${kind}.${field}`).toHaveProperty(field);
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
            for (const field of Object.keys(out)) expect(ownCategoriesOf(classifyField(kind, field)!), `${kind}.${field}`).not.toContain('special');
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

describe('redact: nested free text, inferred health data, judicial records, wrong kinds', () => {
  const ORD: RedactionPolicy = { keep: ['ordinary'] };

  it('drops the reasons of every status history (free text), keeping the sequence of states', () => {
    for (const kind of ['assegnazione', 'flusso-siuss', 'persona', 'intervento'] as const) {
      const rec = { history: [{ status: 'attiva', at: '2025-03-10T09:00:00Z', by: 'op', event: 'crea', reason: 'Conflitto con la madre, seguita dal CSM per depressione' }] };
      const r = value(redact(kind, rec, ORD)) as { history?: { reason?: string; status: string }[] };
      expect(JSON.stringify(r), kind).not.toContain('CSM');
      expect(r.history?.[0]?.status, kind).toBe('attiva');
      expect(r.history?.[0] && 'reason' in r.history[0], kind).toBe(false);
      // Kept when both special and judicial are kept.
      expect(JSON.stringify(value(redact(kind, rec, { keep: ['ordinary', 'special', 'judicial'] }))), kind).toContain('CSM');
      expect(JSON.stringify(value(redact(kind, rec, { keep: ['ordinary', 'special'] }))), kind).not.toContain('CSM');
    }
  });

  it('drops quotaSsnCents (a health-service share reveals a socio-health service) and diary participants', () => {
    expect(value(redact('erogazione', { importoCents: 1000, quotaSsnCents: 400 }, ORD))).toEqual({ importoCents: 1000 });
    expect(value(redact('diario', { data: '2025-03-01', partecipanti: ['dott. Bianchi (CSM)', 'avv. Verdi'] }, ORD))).toEqual({ data: '2025-03-01' });
  });

  it('keeps a closing code but drops its free-text display', () => {
    const motivo = { system: 'locale', version: '1', code: 'X', display: { it: 'Ricovero in psichiatria', en: 'Psychiatric admission' } };
    const r = value(redact('presa-in-carico', { motivoChiusura: motivo }, ORD)) as { motivoChiusura?: object };
    expect(r.motivoChiusura).toEqual({ system: 'locale', version: '1', code: 'X' });
    expect(motivo.display.it).toBe('Ricovero in psichiatria'); // the record is untouched
    expect(value(redact('presa-in-carico', { motivoChiusura: motivo }, { keep: ['ordinary', 'special', 'judicial'] }))).toEqual({ motivoChiusura: motivo });
  });

  it('a provvedimento keeps nothing under ordinary: its id and dates reveal that a court order exists', () => {
    const p = samples().provvedimento;
    expect(value(redact('provvedimento', p, ORD))).toEqual({});
    expect(Object.keys(value(redact('provvedimento', p, { keep: ['ordinary', 'judicial'] })))).toEqual(expect.arrayContaining(['id', 'data', 'dal']));
  });

  it('an unknown kind is a typed error (csi.redact.unknown_kind), never a pass-through', () => {
    for (const kind of ['nope', 'toString', '__proto__', '', 'Persona']) {
      const r = redact(kind as EntityKind, { codiceFiscale: CF }, ORD);
      expect(!r.ok && r.issues[0].code, kind).toBe('csi.redact.unknown_kind');
      expect(JSON.stringify(r), kind).not.toContain(CF);
    }
  });

  it('a record of another kind with a codice fiscale where none is expected is refused, masked (wrong kind)', () => {
    const persona = samples().persona as unknown as Record<string, unknown>;
    // ente.codiceFiscale is an organisation's numeric code, kept in clear: a person's code there is a wrong kind.
    for (const policy of [ORD, { keep: ['ordinary'], pseudonymizeWith: KEY }, { keep: ['ordinary', 'special', 'judicial'], identifiers: 'keep' }] as RedactionPolicy[]) {
      const r = redact('ente', persona, policy);
      expect(!r.ok && [r.issues[0].code, r.issues[0].path]).toEqual(['csi.redact.unexpected_fiscal_code', ['codiceFiscale']]);
      expect(JSON.stringify(r)).not.toContain(CF);
    }
    // Nested too, and omocodic or lower-case forms.
    const nested = redact('rete-sociale', { membri: [{ nominativo: ' rssmra80a01h50mm ' }] }, { keep: ['ordinary', 'special', 'judicial'] });
    expect(!nested.ok && [nested.issues[0].code, nested.issues[0].path]).toEqual(['csi.redact.unexpected_fiscal_code', ['membri', 0, 'nominativo']]);
    // The real thing still works.
    expect(value(redact('ente', samples().ente, ORD))).toMatchObject({ denominazione: 'Comune di Milano' });
  });
});

function samples(): Readonly<Record<EntityKind, Record<string, unknown>>> {
  return sampleEntities() as unknown as Readonly<Record<EntityKind, Record<string, unknown>>>;
}

describe('redact: property over every sample entity, with its special and judicial data marked', () => {
  const CANARY = 'CANARIO-SENSIBILE';
  const CANARY_NUMBER = 987_654_321;
  /** Every string and number leaf replaced by a canary (booleans stay). */
  const poison = (v: unknown): unknown =>
    typeof v === 'string' ? CANARY : typeof v === 'number' ? CANARY_NUMBER : Array.isArray(v) ? v.map(poison) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, poison(x)])) : v;
  /** Sets a canary at a part path (`[].reason`, `display`), creating the last key. */
  const poisonPart = (v: unknown, segments: readonly string[]): void => {
    const [head, ...rest] = segments;
    if (head === undefined || v === null || typeof v !== 'object') return;
    if (head === '[]') { if (Array.isArray(v)) for (const item of v) poisonPart(item, rest); return; }
    const o = v as Record<string, unknown>;
    if (rest.length === 0) o[head] = CANARY;
    else poisonPart(o[head], rest);
  };

  /** The sample of `kind`, with every special or judicial field and part replaced or filled by canaries. */
  function marked(kind: EntityKind): Record<string, unknown> {
    const rec = structuredClone(samples()[kind]) as Record<string, unknown>;
    for (const [field, c] of Object.entries(FIELD_CLASSIFICATION[kind])) {
      if (!ownCategoriesOf(c).every((s) => s === 'ordinary')) rec[field] = rec[field] === undefined ? CANARY : poison(rec[field]);
      for (const path of Object.keys(c.parts ?? {})) {
        if (rec[field] === undefined) rec[field] = path.startsWith('[]') ? [{}] : {};
        poisonPart(rec[field], path.split(/\.|(?=\[\])|(?<=\[\])/).filter((x) => x !== ''));
      }
    }
    return rec;
  }

  it('keeping only ordinary data, no special or judicial value survives anywhere (fields or nested free text)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENTITY_KINDS),
        fc.boolean(),
        fc.option(fc.constantFrom('sinba', 'istat'), { nil: undefined }),
        fc.constantFrom<RedactionPolicy['identifiers']>(undefined, 'keep', 'drop'),
        (kind, pseudo, purpose, identifiers) => {
          const policy: RedactionPolicy = {
            keep: ['ordinary'],
            ...(pseudo ? { pseudonymizeWith: KEY, ...(purpose === undefined ? {} : { purpose }) } : {}),
            ...(identifiers === undefined ? {} : { identifiers }),
          };
          const rec = marked(kind);
          // Every kind that may hold special or judicial data has its canaries in place before redaction.
          const protectedKind = Object.values(FIELD_CLASSIFICATION[kind]).some((c) => categoriesOf(c).some((x) => x !== 'ordinary'));
          expect(JSON.stringify(rec).includes(CANARY), kind).toBe(protectedKind);
          const out = value(redact(kind, rec, policy));
          expectOnlyKept(kind, out, ['ordinary']);
          const text = JSON.stringify(out);
          expect(text, kind).not.toContain(CANARY);
          expect(text, kind).not.toContain(String(CANARY_NUMBER));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('every kind, every sample: the unmarked samples redact to ordinary-only copies too', () => {
    for (const kind of ENTITY_KINDS) {
      const out = value(redact(kind, samples()[kind], { keep: ['ordinary'] }));
      expectOnlyKept(kind, out, ['ordinary']);
    }
  });
});
