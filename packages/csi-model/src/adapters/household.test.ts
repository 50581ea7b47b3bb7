// SPDX-License-Identifier: BSD-3-Clause
import type { IsoDate } from '@riuso-sociale/core';
import { computeFiscalCode } from '@riuso-sociale/fiscal-code';
import { evaluate, householdSchema } from '@riuso-sociale/rei-eligibility';
import { describe, expect, it } from 'vitest';
import type { Persona } from '../entities/persona.js';
import { sample, SAMPLE_IDS } from '../entities/samples.js';
import type { Id } from '../ids.js';
import { toHousehold, type ToHouseholdOptions } from './household.js';
import { fid, giulia, hist, mario } from './test-support.js';

const DATE = '2025-03-01' as IsoDate;

/**
 * The hand-computed case (see shared notes on rei-eligibility): a parent born 1990-04-02 and a child born
 * 2023-05-10, renting at 4.800,00 €/year with a registered lease, ISEE 5.000,00 €, household income
 * 3.000,00 €. ADI scale on 2025-03-01 = 1 (applicant) + 0,15 (one minor) + 0,4 (adult with care duties:
 * a child under 3) = 1,55; monthly benefit 892,92 €.
 */
function parentAndChild() {
  const parent: Persona = sample('persona', { id: fid(60), codiceFiscale: computeFiscalCode({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1990-04-02', birthPlace: 'H501' }), dataNascita: '1990-04-02' } as never);
  const child: Persona = sample('persona', {
    id: fid(61),
    codiceFiscale: undefined,
    identificativoAlternativo: { tipo: 'altro', valore: 'NEONATO-1' },
    nome: 'Luca',
    dataNascita: '2023-05-10',
    contatti: undefined,
  } as never);
  const nucleo = sample('nucleo-familiare', {
    id: fid(62),
    validoDal: '2025-01-10',
    componenti: [
      { persona: fid(60), relazione: 'richiedente', dal: '2025-01-10' },
      { persona: fid(61), relazione: 'figlio', dal: '2025-01-10' },
    ],
    datiEconomici: {
      iseeCents: 500_000,
      isrCents: 100_000,
      scalaIseeCentesimi: 157,
      redditoFamiliareCents: 300_000,
      patrimonioMobiliareCents: 100_000,
      patrimonioImmobiliareEsclusaCasaCents: 0,
      abitazione: { titolo: 'affitto', canoneAnnuoCents: 480_000, contrattoRegistrato: true },
    },
  } as never);
  return { parent, child, nucleo, persone: new Map<Id<'persona'>, Persona>([[parent.id, parent], [child.id, child]]) };
}

/** The facts the Cartella does not hold, stated by the operator (from the ISEE attestation, the interview). */
const FACTS: Pick<ToHouseholdOptions, 'applicant' | 'extra'> = {
  applicant: { citizenship: 'italiana', residence: { since: '1990-04-02' as IsoDate, continuousSince: '1990-04-02' as IsoDate } },
  extra: { vehicles: [], ownsBoats: false, ownsAircraft: false, assistanceBenefits: [] },
};

describe('toHousehold', () => {
  it('maps members, economic data and housing; the output passes householdSchema', () => {
    const { nucleo, persone, parent, child } = parentAndChild();
    const r = toHousehold(nucleo, persone, { date: DATE });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value).toEqual({
      members: [
        { birthDate: parent.dataNascita, relation: 'richiedente' },
        { birthDate: child.dataNascita, relation: 'figlio' },
      ],
      isee: { valueCents: 500_000, isrCents: 100_000, scaleHundredths: 157 },
      householdIncomeCents: 300_000,
      financialAssetsCents: 100_000,
      realEstateExcludingHomeCents: 0,
      housing: { tenure: 'affitto', annualRentCents: 480_000, registeredLease: true },
    });
    expect(householdSchema.safeParse(r.value).success).toBe(true);

    // Every economic field of the samples' ISEE household.
    const full = toHousehold(sample('nucleo-familiare', {
      datiEconomici: {
        iseeCents: 850_000, iseeTipo: 'corrente', iseeMinorenni: true, dsuData: '2025-01-20', isrCents: 1_300_000, isreCents: 833_333,
        scalaIseeCentesimi: 156, ispCents: 200_000, redditoFamiliareCents: 1_000_000, patrimonioMobiliareCents: 150_000,
        patrimonioImmobiliareEsclusaCasaCents: 2_000_000, valoreImuCasaCents: 9_000_000,
        abitazione: { titolo: 'mutuo', rataMutuoAnnuaCents: 720_000 },
      },
    } as never), { [mario().id]: mario(), [giulia().id]: giulia() });
    if (!full.ok) throw new Error(JSON.stringify(full.issues));
    const { members, ...rest } = full.value;
    expect(members?.map((m) => [m.birthDate, m.relation])).toEqual([['1980-01-01', 'richiedente'], ['2013-02-10', 'figlio']]);
    expect(rest).toEqual({
      isee: { valueCents: 850_000, kind: 'corrente', minorenni: true, dsuDate: '2025-01-20', isrCents: 1_300_000, isreCents: 833_333, scaleHundredths: 156, ispCents: 200_000 },
      householdIncomeCents: 1_000_000,
      financialAssetsCents: 150_000,
      realEstateExcludingHomeCents: 2_000_000,
      homeImuValueCents: 9_000_000,
      housing: { tenure: 'mutuo', annualMortgageInstalmentCents: 720_000 },
    });
  });

  it('gives the hand-computed ADI result once the operator states the missing facts (scale 1,55, 892,92 €/month)', () => {
    const { nucleo, persone } = parentAndChild();
    const r = toHousehold(nucleo, persone, {
      date: DATE,
      ...FACTS,
      disabilita: { [fid(60)]: 'none', [fid(61)]: 'none' },
      facts: { [fid(60)]: { hasCareDuties: true, certifiedCareProgramme: false } },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(householdSchema.safeParse(r.value).success).toBe(true);
    const e = evaluate({ measure: 'adi', date: DATE, household: r.value, explain: false });
    if (!e.ok) throw new Error(JSON.stringify(e.issues));
    expect(e.value.status).toBe('eligible');
    expect(e.value.benefit?.scale?.hundredths).toBe(155);
    expect(e.value.benefit?.monthlyCents).toBe(89_292);
  });

  it('leaves unknown facts unknown: evaluate answers needs-info with the missing paths, never a guess', () => {
    const { nucleo, persone } = parentAndChild();
    const r = toHousehold(nucleo, persone, { date: DATE, ...FACTS });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // Nothing the Cartella does not know was filled in.
    for (const m of r.value.members ?? []) {
      expect(m).not.toHaveProperty('disability');
      expect(m).not.toHaveProperty('hasCareDuties');
      expect(m).not.toHaveProperty('certifiedCareProgramme');
      expect(m).not.toHaveProperty('pregnant');
    }
    const e = evaluate({ measure: 'adi', date: DATE, household: r.value, explain: false });
    if (!e.ok) throw new Error(JSON.stringify(e.issues));
    expect(e.value.status).toBe('needs-info');
    // Every fact still needed is asked at once: the care programme too, since a non-disabled adult may be in one.
    expect(e.value.missing).toEqual(['members.0.disability', 'members.1.disability', 'members.0.certifiedCareProgramme']);
    expect(e.value.benefit).toBeNull();

    // With disabilities known but not the care programme: only that is left.
    const r2 = toHousehold(nucleo, persone, { date: DATE, ...FACTS, disabilita: { [fid(60)]: 'none', [fid(61)]: 'none' } });
    const e2 = r2.ok ? evaluate({ measure: 'adi', date: DATE, household: r2.value, explain: false }) : null;
    expect(e2?.ok && [e2.value.status, e2.value.missing]).toEqual(['needs-info', ['members.0.certifiedCareProgramme']]);

    // Without the applicant's citizenship and residence nor the household facts, those are asked for too.
    const r3 = toHousehold(nucleo, persone, { date: DATE });
    const e3 = r3.ok ? evaluate({ measure: 'adi', date: DATE, household: r3.value, explain: false }) : null;
    expect(e3?.ok && e3.value.status).toBe('needs-info');
    expect(e3?.ok && e3.value.missing).toEqual(expect.arrayContaining(['applicant.citizenship']));
  });

  it('a nucleo without economic data maps to a household without them (not zero)', () => {
    const { nucleo, persone } = parentAndChild();
    const r = toHousehold({ ...nucleo, datiEconomici: undefined } as never, persone, { date: DATE });
    expect(r.ok && r.value).toEqual({ members: [expect.anything(), expect.anything()] });
  });

  it('takes the members on the date, and accepts a record of persone', () => {
    const m = mario();
    const g = giulia();
    const n = sample('nucleo-familiare', {
      validoDal: '2024-01-01',
      componenti: [
        { persona: SAMPLE_IDS.persona, relazione: 'richiedente', dal: '2024-01-01' },
        { persona: SAMPLE_IDS.figlia, relazione: 'figlio', dal: '2024-01-01', al: '2024-12-31' },
      ],
    } as never);
    const persone = { [m.id]: m, [g.id]: g };
    expect(toHousehold(n, persone, { date: '2024-06-01' as IsoDate }).ok && toHousehold(n, persone, { date: '2024-06-01' as IsoDate })).toMatchObject({ value: { members: [{}, {}] } });
    const later = toHousehold(n, persone, { date: DATE });
    expect(later.ok && later.value.members?.map((x) => x.relation)).toEqual(['richiedente']);
    const current = toHousehold(n, persone);
    expect(current.ok && current.value.members?.map((x) => x.relation)).toEqual(['richiedente']);
  });

  it('refuses missing persone, persone entered in error or dead, a snapshot not valid on the date', () => {
    const { nucleo, parent, child } = parentAndChild();
    const only = new Map<Id<'persona'>, Persona>([[parent.id, parent]]);
    const r = toHousehold(nucleo, only, { date: DATE });
    expect(r.ok || r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([['csi.household.persona_missing', 'componenti.1.persona']]);

    const dead = { ...parent, ...hist(['attiva', 'crea'], ['deceduta', 'registra-decesso']), dataDecesso: '2025-02-01' } as Persona;
    const r2 = toHousehold(nucleo, new Map([[dead.id, dead], [child.id, child]]), { date: DATE });
    expect(r2.ok || r2.issues.map((i) => [i.code, i.params['status']])).toEqual([['csi.household.persona_not_usable', 'deceduta']]);
    const wrong = { ...child, ...hist(['attiva', 'crea'], ['entered-in-error', 'segna-errore']) } as Persona;
    const r2b = toHousehold(nucleo, new Map([[parent.id, parent], [wrong.id, wrong]]), { date: DATE });
    expect(r2b.ok || r2b.issues.map((i) => i.code)).toEqual(['csi.household.persona_not_usable']);

    const r3 = toHousehold(nucleo, parentAndChild().persone, { date: '2024-12-31' as IsoDate });
    expect(r3.ok || r3.issues.map((i) => i.code)).toEqual(['csi.household.nucleo_not_valid']);
    expect(r3.ok || [r3.issues[0]!.message, r3.issues[0]!.messageEn, r3.issues[0]!.params['date']]).toEqual([
      'Il nucleo (valido dal 10 gennaio 2025) non è valido il 31 dicembre 2024',
      'The household snapshot (valid from 10 January 2025) is not valid on 31 December 2024',
      '2024-12-31',
    ]);
  });

  it("reports the schema's findings as typed bilingual issues", () => {
    const { nucleo, persone } = parentAndChild();
    const r = toHousehold(nucleo, persone, { date: DATE, facts: { [fid(61)]: { dueDate: '2025-05-01' as IsoDate } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject({ code: 'csi.household.invalid', path: ['members', 1, 'dueDate'], message: 'Data presunta del parto senza gravidanza', messageEn: 'Due date without pregnancy' });
  });

  it('takes both texts from householdIssueText (the schema message is Italian only)', () => {
    const { nucleo, persone } = parentAndChild();
    const r = toHousehold(nucleo, persone, { date: DATE, extra: { vehicles: [{ engineCc: 0 }] } });
    expect(r.ok || r.issues.map((i) => [i.code, i.path, i.message, i.messageEn])).toEqual([
      ['csi.household.invalid', ['vehicles', 0, 'engineCc'], 'Cilindrata: almeno 1 cc', 'Engine size: at least 1 cc'],
    ]);
  });
});
