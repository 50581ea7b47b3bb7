// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS } from '../entities/index.js';
import { ENTITY_KINDS, type EntityKind } from '../ids.js';
import { dataInventory, dataInventoryCsv } from './inventory.js';
import { categoriesOf, classifyField, FIELD_CLASSIFICATION, fieldsWithin, ownCategoriesOf, SENSITIVITIES, sensitivitiesOf } from './sensitivity.js';

function shapeKeys(kind: EntityKind): string[] {
  const shape = (ENTITY_SCHEMAS[kind] as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape === undefined) throw new Error(`${kind}: schema without .shape`);
  return Object.keys(shape);
}

describe('FIELD_CLASSIFICATION covers the model exactly', () => {
  it.each(ENTITY_KINDS)('%s: every schema field is classified and every classification names a real field', (kind) => {
    const fields = shapeKeys(kind);
    const classified = Object.keys(FIELD_CLASSIFICATION[kind]);
    expect(fields.filter((f) => !classified.includes(f))).toEqual([]);
    expect(classified.filter((f) => !fields.includes(f))).toEqual([]);
  });

  it('has a table for every kind and nothing else', () => {
    expect(Object.keys(FIELD_CLASSIFICATION).sort()).toEqual([...ENTITY_KINDS].sort());
  });

  it('every classification is well formed: known categories, bilingual purpose, legal basis citing the right article', () => {
    for (const kind of ENTITY_KINDS) {
      for (const [field, c] of Object.entries(FIELD_CLASSIFICATION[kind])) {
        const where = `${kind}.${field}`;
        expect(SENSITIVITIES, where).toContain(c.sensitivity);
        for (const s of c.alsoContains ?? []) expect(SENSITIVITIES, where).toContain(s);
        expect(c.purpose.it.length, where).toBeGreaterThan(0);
        expect(c.purpose.en.length, where).toBeGreaterThan(0);
        expect(c.legalBasis.length, where).toBeGreaterThan(0);
        const cats = categoriesOf(c);
        if (cats.includes('special')) expect(c.legalBasis, where).toMatch(/9\(2\)/);
        if (cats.includes('judicial')) expect(c.legalBasis, where).toMatch(/\b10\b/);
        for (const [path, part] of Object.entries(c.parts ?? {})) {
          expect(path, where).toMatch(/^(\[\]\.)?[a-zA-Z]+$/);
          expect(part.parts, `${where}${path}`).toBeUndefined();
          for (const s of categoriesOf(part)) expect(cats, `${where}${path}`).toContain(s);
        }
      }
    }
  });

  it('puts health, disability, SINA/SINBA and diary text in special; court measures in judicial', () => {
    const special: [EntityKind, string][] = [
      ['valutazione', 'sina'], ['valutazione', 'sinba'], ['valutazione', 'dimensioni'], ['diario', 'testo'],
      ['intervento', 'areaUtenza'], ['presa-in-carico', 'areaUtenza'], ['persona', 'identitaGenere'], ['rete-sociale', 'areaSupporto'],
    ];
    for (const [k, f] of special) expect(categoriesOf(classifyField(k, f)!), `${k}.${f}`).toContain('special');
    const judicial: [EntityKind, string][] = [
      ['cartella', 'tutelaAutoritaGiudiziaria'], ['provvedimento', 'autorita'], ['provvedimento', 'tipo'], ['provvedimento', 'persona'],
      ['provvedimento', 'affido'], ['persona', 'capacitaGiuridica'], ['valutazione', 'sinba'],
    ];
    for (const [k, f] of judicial) expect(categoriesOf(classifyField(k, f)!), `${k}.${f}`).toContain('judicial');
    expect(classifyField('persona', 'codiceFiscale')).toMatchObject({ sensitivity: 'ordinary', identifier: 'codice-fiscale' });
    expect(classifyField('operatore', 'codiceFiscale')?.identifier).toBe('codice-fiscale');
    expect(classifyField('ente', 'codiceFiscale')?.identifier).toBeUndefined();
    // Inferred health data, third parties in a diary, and a court order's own metadata.
    expect(categoriesOf(classifyField('erogazione', 'quotaSsnCents')!)).toContain('special');
    expect(categoriesOf(classifyField('diario', 'partecipanti')!)).toEqual(['special', 'judicial']);
    for (const f of Object.keys(FIELD_CLASSIFICATION.provvedimento)) expect(categoriesOf(classifyField('provvedimento', f)!), f).toContain('judicial');
  });

  it('every status history: ordinary structure, free-text reasons (special and judicial) for every lifecycle kind', () => {
    for (const kind of ENTITY_KINDS) {
      const h = classifyField(kind, 'history');
      if (h === undefined) continue;
      expect(h.parts?.['[].reason'], kind).toBeDefined();
      expect(categoriesOf(h.parts!['[].reason']!), kind).toEqual(['special', 'judicial']);
      expect(categoriesOf(h), kind).toEqual(expect.arrayContaining(['special', 'judicial']));
      if (kind !== 'provvedimento') expect(ownCategoriesOf(h), kind).toEqual(['ordinary']);
    }
    expect(classifyField('assegnazione', 'history')).toBeDefined();
    expect(classifyField('flusso-siuss', 'history')).toBeDefined();
    // Free-text labels of coded values whose system is not fixed.
    expect(ownCategoriesOf(classifyField('presa-in-carico', 'motivoChiusura')!)).toEqual(['ordinary']);
    expect(categoriesOf(classifyField('presa-in-carico', 'motivoChiusura')!.parts!.display!)).toEqual(['special', 'judicial']);
  });

  it('sensitivitiesOf and fieldsWithin read the table; unknown fields fail closed', () => {
    expect(sensitivitiesOf('erogazione', ['importoCents', 'dal'])).toEqual(['ordinary']);
    expect(sensitivitiesOf('diario')).toEqual(['ordinary', 'special', 'judicial']);
    expect(sensitivitiesOf('erogazione', ['nope'])).toEqual(['special', 'judicial']);
    expect(classifyField('persona', 'toString')).toBeUndefined();
    // A user string that is not a kind never reaches an inherited member of the table.
    for (const kind of ['toString', 'constructor', '__proto__', 'hasOwnProperty'] as unknown as EntityKind[]) {
      expect(classifyField(kind, 'length')).toBeUndefined();
      expect(sensitivitiesOf(kind)).toEqual(['special', 'judicial']);
      expect(fieldsWithin(kind, ['ordinary'])).toEqual([]);
    }
    for (const kind of ENTITY_KINDS) {
      for (const f of fieldsWithin(kind, ['ordinary'])) expect(sensitivitiesOf(kind, [f])).toEqual(['ordinary']);
    }
  });
});

describe('data inventory', () => {
  it('has one row per classified field, in model order, with the DPIA columns', () => {
    const rows = dataInventory();
    const total = ENTITY_KINDS.reduce((n, k) => n + Object.keys(FIELD_CLASSIFICATION[k]).length, 0);
    expect(rows).toHaveLength(total);
    expect(rows[0]).toMatchObject({ entity: 'persona', field: 'id', sensitivity: 'ordinary' });
    expect(rows.find((r) => r.entity === 'diario' && r.field === 'testo')).toMatchObject({
      sensitivity: 'special',
      categories: ['special', 'judicial'],
      legalBasis: expect.stringContaining('9(2)'),
    });
    expect(rows.find((r) => r.entity === 'audit-event' && r.field === 'at')?.retention?.it).toMatch(/24 mesi/);
    const order = rows.map((r) => ENTITY_KINDS.indexOf(r.entity));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('is written as RFC 4180 CSV: CRLF, header, quoted separators and quotes', () => {
    const csv = dataInventoryCsv();
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('entita;campo;sensibilita;categorie;finalita;purpose;base_giuridica;conservazione;retention;identificativo;nota;note');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(dataInventory().length + 2);
    expect(csv).not.toMatch(/[^\r]\n/);
    // The legal bases hold ';', so those cells are quoted.
    expect(csv).toContain('"GDPR art. 6(1)(e), 9(2)(g)/(h); D.Lgs. 196/2003 art. 2-sexies"');
    const comma = dataInventoryCsv({ separator: ',', bom: true });
    expect(comma.startsWith('\uFEFFentita,campo,')).toBe(true);
    expect(comma).toContain('"GDPR art. 6(1)(e), 9(2)(g)/(h); D.Lgs. 196/2003 art. 2-sexies"');
    // Every row has 12 cells once quoted cells are read back.
    for (const line of lines.slice(1, -1)) expect(parseCsvLine(line, ';')).toHaveLength(12);
  });
});

/** Minimal RFC 4180 reader of one line (no embedded line breaks in this data). */
function parseCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') { v += '"'; i += 2; }
        else if (line[i] === '"') { i++; break; }
        else v += line[i++];
      }
      out.push(v);
      i++; // separator
    } else {
      const j = line.indexOf(sep, i);
      const end = j === -1 ? line.length : j;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}
