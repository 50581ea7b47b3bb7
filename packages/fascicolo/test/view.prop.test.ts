// SPDX-License-Identifier: BSD-3-Clause
/**
 * Properties of buildCitizenView over random records and random policies (issue 17, Checks):
 * nothing classified special or judicial appears unless the policy lets that category through for
 * the purpose; nothing about a third party appears by name; every record of the subject is in the
 * timeline, in `withheld` or in `needsReview`, and the counts add up.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { buildCitizenView, ITEM_CLASSES, POLICY_ACTIONS, definePolicy, type CitizenRecord, type ItemClass, type PolicyAction, type PolicyOverrides, type Purpose } from '../src/index.js';
import { MARIO_CF, SAMPLE_IDS, marioRecord, sample } from './support/records.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-${String(700_000 + n).padStart(12, '0')}`;

/** A name that cannot occur in any text of the library: only a leak can put it in a view. */
const secretName = fc.stringMatching(/^[A-Z][a-z]{4,10}$/).map((s) => `Qz${s} Xv${s.length}`);

const recordArb = fc
  .record({
    kinds: fc.subarray(['cartella', 'accesso', 'presa-in-carico', 'valutazione', 'progetto', 'obiettivo', 'intervento', 'erogazione', 'diario', 'documento', 'consenso', 'rete-sociale', 'nucleo-familiare', 'appuntamento'] as const, { minLength: 0 }),
    referrer: fc.option(secretName, { nil: undefined }),
    members: fc.array(secretName, { minLength: 1, maxLength: 4 }),
    diaryLevels: fc.array(fc.constantFrom('normale', 'equipe', 'solo-autore'), { minLength: 0, maxLength: 3 }),
    documents: fc.array(fc.record({ riservato: fc.boolean(), tipologia: fc.constantFrom('relazione-sociale', 'decreto-autorita-giudiziaria', 'segnalazione-autorita-giudiziaria', 'istanza', 'altro') }), { maxLength: 3 }),
    freeText: secretName,
  })
  .map(({ kinds, referrer, members, diaryLevels, documents, freeText }) => {
    const full = marioRecord() as unknown as Record<string, unknown>;
    const out: Record<string, unknown> = { persona: full.persona, servizio: full.servizio };
    for (const k of kinds) out[k] = full[k];
    if (kinds.includes('accesso')) out.accesso = [sample('accesso', { ...(referrer !== undefined ? { segnalante: referrer } : {}), bisognoRiferito: `Racconta di ${freeText}` })];
    if (kinds.includes('rete-sociale')) out['rete-sociale'] = [sample('rete-sociale', { membri: members.map((nominativo) => ({ nominativo, tipo: 'amico' })) })];
    if (kinds.includes('diario')) out.diario = diaryLevels.map((riservatezza, i) => sample('diario', { id: uuid(i), riservatezza, testo: `Colloquio con ${freeText}` }));
    if (kinds.includes('documento')) out.documento = documents.map((d, i) => sample('documento', { id: uuid(100 + i), riservato: d.riservato, tipologia: d.tipologia, oggetto: `Relazione su ${freeText}` } as never));
    const count = Object.entries(out).reduce((n, [k, v]) => (k === 'persona' || k === 'servizio' || !Array.isArray(v) ? n : n + v.length), 0);
    return { record: out as unknown as CitizenRecord, secrets: [...members, freeText], referrer, count };
  });

const actionArb = fc.constantFrom<PolicyAction>(...POLICY_ACTIONS);
const policyArb = fc
  .record({
    changes: fc.array(fc.record({ cls: fc.constantFrom<ItemClass>(...ITEM_CLASSES), portal: actionArb, access: actionArb }), { maxLength: 8 }),
    portalCats: fc.subarray(['special', 'judicial'] as const),
    accessCats: fc.subarray(['special', 'judicial'] as const),
  })
  .map(({ changes, portalCats, accessCats }) => {
    const rules: Record<string, unknown> = {};
    for (const c of changes) rules[c.cls] = { portal: c.portal, 'access-request': c.access, reason: { it: 'Scelta del Comune', en: "The Comune's choice" }, source: 'Regolamento comunale' };
    const overrides: PolicyOverrides = { rules: rules as NonNullable<PolicyOverrides['rules']>, categories: { portal: ['ordinary', ...portalCats], 'access-request': ['ordinary', ...accessCats] } };
    const p = definePolicy(overrides);
    if (!p.ok) throw new Error(`policy: ${p.issues.map((i) => i.messageEn).join('; ')}`);
    return p.value;
  });

describe('buildCitizenView over random records and policies', () => {
  test('coverage, categories and third parties hold for every record, policy and purpose', () => {
    fc.assert(
      fc.property(recordArb, policyArb, fc.constantFrom<Purpose>('portal', 'access-request'), ({ record, secrets, referrer, count }, policy, purpose) => {
        const r = buildCitizenView(record, { subject: SAMPLE_IDS.persona, requester: { kind: 'interessato', codiceFiscale: MARIO_CF }, purpose, asOf: '2026-03-01', policy });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const v = r.value;
        // Every record in exactly one place.
        expect(v.coverage.records).toBe(count);
        expect(v.coverage.shown + v.coverage.withheld + v.coverage.review).toBe(count);
        expect(v.timeline.filter((i) => !i.ref.includes('#')).length).toBe(v.coverage.shown);
        expect(v.withheld.filter((w) => w.scope === 'record').reduce((n, w) => n + w.count, 0)).toBe(v.coverage.withheld);
        expect(v.needsReview.filter((x) => x.scope === 'record').length).toBe(v.coverage.review);
        // Only the categories the policy lets through for the purpose.
        for (const item of v.timeline) for (const c of item.categories) expect(policy.categories[purpose]).toContain(c);
        // A class the policy withholds or reviews never reaches the timeline.
        for (const item of v.timeline) {
          const cls = item.ref.startsWith('diario:') ? 'diario' : null;
          if (cls !== null) expect(['show', 'summary']).toContain(policy.rules[cls][purpose]);
        }
        // Third parties: network members never by name; the referrer and free texts only when the
        // policy shows them and their categories are allowed.
        const text = JSON.stringify(v);
        for (const s of secrets.slice(0, -1)) expect(text).not.toContain(s);
        const free = secrets[secrets.length - 1] as string;
        if (text.includes(free)) {
          expect(policy.rules['testo-libero'][purpose]).toMatch(/show|summary/);
          expect(policy.categories[purpose]).toEqual(expect.arrayContaining(['special', 'judicial']));
        }
        if (referrer !== undefined && text.includes(referrer)) expect(policy.rules.segnalante[purpose]).toMatch(/show|summary/);
      }),
      { numRuns: 150 },
    );
  });
});
