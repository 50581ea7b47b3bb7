// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, test } from 'vitest';
import { DEFAULT_POLICY, definePolicy, isPolicy, ITEM_CLASSES, PURPOSES } from './index.js';

describe('the default policy', () => {
  test('one rule per class, each with its reason in both languages and a source', () => {
    expect(Object.keys(DEFAULT_POLICY.rules).sort()).toEqual([...ITEM_CLASSES].sort());
    for (const cls of ITEM_CLASSES) {
      const r = DEFAULT_POLICY.rules[cls];
      expect(r.reason.it.length).toBeGreaterThan(20);
      expect(r.reason.en.length).toBeGreaterThan(20);
      expect(r.source).toMatch(/GDPR|D\.Lgs|Designers Italia|Garante|TAR|DPCM/);
    }
  });

  test('fails closed where the issue says so', () => {
    const r = DEFAULT_POLICY.rules;
    expect([r.diario.portal, r.diario['access-request']]).toEqual(['withhold', 'review']);
    for (const cls of ['provvedimento', 'segnalazione-autorita-giudiziaria', 'documento-riservato'] as const) {
      expect([r[cls].portal, r[cls]['access-request']]).toEqual(['withhold', 'review']);
    }
    expect(r.valutazione.portal).toBe('summary');
    expect(r['entered-in-error']).toMatchObject({ portal: 'withhold', 'access-request': 'show' });
    expect(DEFAULT_POLICY.categories.portal).not.toContain('judicial');
    expect(DEFAULT_POLICY.minorOwnViewFromAge).toBeNull();
    expect(Object.isFrozen(DEFAULT_POLICY.rules.diario)).toBe(true);
  });
});

describe('definePolicy', () => {
  test('tightens and loosens, each change with its own reason and source', () => {
    const r = definePolicy({
      rules: {
        valutazione: { portal: 'withhold', reason: { it: 'Scelta del DPO del Comune', en: "The Comune's DPO's choice" }, source: 'Delibera di Giunta 12/2026' },
      },
      minorOwnViewFromAge: 14,
      categories: { portal: ['ordinary'] },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.rules.valutazione.portal).toBe('withhold');
    expect(r.value.rules.valutazione['access-request']).toBe('show');
    expect(r.value.rules.diario).toEqual(DEFAULT_POLICY.rules.diario);
    expect(r.value.minorOwnViewFromAge).toBe(14);
    expect(r.value.categories.portal).toEqual(['ordinary']);
    expect(isPolicy(r.value)).toBe(true);
  });

  test.each([
    ['an unknown class (a typo would leave the default in force)', { rules: { diaro: { portal: 'show' } } }],
    ['an unknown action', { rules: { diario: { portal: 'publish' } } }],
    ['a changed action without its reason and source', { rules: { diario: { portal: 'show' } } }],
    ['an empty reason', { rules: { diario: { portal: 'show', reason: { it: '', en: 'x' }, source: 'x' } } }],
    ['an age of 18', { minorOwnViewFromAge: 18 }],
    ['an age as text', { minorOwnViewFromAge: '14' }],
    ['categories without ordinary', { categories: { portal: ['special'] } }],
    ['an unknown category', { categories: { portal: ['ordinary', 'secret'] } }],
    ['an unknown purpose', { categories: { marketing: ['ordinary'] } }],
    ['an unknown field', { rule: {} }],
    ['a prototype key', JSON.parse('{"rules":{"__proto__":{"portal":"show"}}}')],
    ['not an object', 'show everything'],
    ['an array', []],
  ])('refuses %s with a typed error', (_name, input) => {
    const r = definePolicy(input as never);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0].code).toBe('fascicolo.policy_invalid');
      expect(r.issues[0].message).toMatch(/^Politica non valida/);
      expect(r.issues[0].messageEn).toMatch(/^Invalid policy/);
    }
  });

  test('isPolicy refuses what definePolicy did not make', () => {
    expect(isPolicy(null)).toBe(false);
    expect(isPolicy({ ...DEFAULT_POLICY, minorOwnViewFromAge: 20 })).toBe(false);
    expect(isPolicy({ ...DEFAULT_POLICY, rules: { ...DEFAULT_POLICY.rules, diario: { ...DEFAULT_POLICY.rules.diario, portal: 'maybe' } } })).toBe(false);
    for (const p of PURPOSES) expect(isPolicy({ ...DEFAULT_POLICY, categories: { ...DEFAULT_POLICY.categories, [p]: ['x'] } })).toBe(false);
  });
});
