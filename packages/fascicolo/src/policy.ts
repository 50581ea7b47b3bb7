// SPDX-License-Identifier: BSD-3-Clause
/**
 * The default policy (what a citizen view shows, sends to review or withholds, per class of item
 * and purpose), its legal reasons, and {@link definePolicy} for a Comune's own table.
 *
 * The principle (shared/specs/fascicolo.md §0.6, §3): GDPR art. 15 is broad — the data, their
 * purposes, recipients, retention, **source** — and evaluative notes and diaries are not exempt by
 * nature (Garante 28-09-2001; TAR Lazio 716/2022). Its limits are art. 15(4) (the rights of others:
 * third parties, referrers) and the closed list of D.Lgs. 196/2003 art. 2-undecies. A library cannot
 * weigh those case by case, so the defaults **fail closed** towards human review, never towards
 * silent removal: what an operator or the DPO must decide goes to `needsReview`, what the portal does
 * not show is counted in `withheld` with its ground.
 * @module
 */
import { createIssue, fail, ok, type Issue, type LocalizedText, type Result } from '@riuso-sociale/core';
import type { Sensitivity } from '@riuso-sociale/csi-model';
import { ITEM_CLASSES, POLICY_ACTIONS, PURPOSES, type ItemClass, type Policy, type PolicyAction, type PolicyOverrides, type PolicyRule, type Purpose } from './model.js';

/** Issue codes of {@link definePolicy}. */
export type PolicyIssueCode = 'fascicolo.policy_invalid';

const t = (it: string, en: string): LocalizedText => ({ it, en });

const OWN = 'GDPR art. 15(1), 15(3)';
const DI = 'Designers Italia, Modello Comuni, criteri C.SE.1.9, C.SE.1.10';

/**
 * The default rules, one per class, for the area personale (`portal`) and for the answer to an
 * access request (`access-request`), each with its reason and source.
 */
const DEFAULT_RULES: { readonly [C in ItemClass]: PolicyRule } = {
  cartella: {
    portal: 'show',
    'access-request': 'show',
    reason: t('La cartella è aperta a nome della persona: che esista e quando è stata aperta o chiusa è un suo dato.', 'The record is opened in the person\'s name: that it exists and when it was opened or closed is their data.'),
    source: `${OWN} (conferma del trattamento / confirmation of processing)`,
  },
  accesso: {
    portal: 'show',
    'access-request': 'show',
    reason: t('Le richieste della persona, con stato, protocollo, presa in carico e termine per la decisione.', "The person's requests, with status, protocol number, date taken in charge and deadline for the decision."),
    source: `${DI}; L. 241/1990 art. 2; ${OWN}`,
  },
  'presa-in-carico': {
    portal: 'show',
    'access-request': 'show',
    reason: t('La presa in carico e il servizio che la gestisce.', 'Being taken into care, and the service in charge.'),
    source: `${DI}; ${OWN}`,
  },
  valutazione: {
    portal: 'summary',
    'access-request': 'show',
    reason: t(
      "Nell'area personale solo data e servizio della valutazione; il contenuto valutativo è dato della persona e va nella risposta alla richiesta di accesso (Garante 28-09-2001: anche i dati valutativi).",
      'In the area personale only the date and service of an assessment; its evaluative content is the person\'s data and goes into the answer to an access request (Garante 28-09-2001: evaluative data included).',
    ),
    source: `${OWN}; Garante per la protezione dei dati personali, 28-09-2001`,
  },
  progetto: {
    portal: 'show',
    'access-request': 'show',
    reason: t('Il progetto personalizzato e i suoi obiettivi, che la persona sottoscrive.', 'The personal plan and its goals, which the person signs.'),
    source: `${OWN}; L. 328/2000 art. 14`,
  },
  intervento: {
    portal: 'show',
    'access-request': 'show',
    reason: t('Gli interventi e il loro periodo.', 'The interventions and their period.'),
    source: `${DI}; ${OWN}`,
  },
  erogazione: {
    portal: 'show',
    'access-request': 'show',
    reason: t('Le prestazioni erogate, con periodo e importo.', 'The benefits delivered, with period and amount.'),
    source: `${DI} (C.SE.2.1); ${OWN}`,
  },
  documento: {
    portal: 'show',
    'access-request': 'show',
    reason: t('I metadati dei documenti (tipo, data, protocollo); il contenuto si chiede al Comune.', 'Document metadata (type, date, protocol); the content is asked of the Comune.'),
    source: `${OWN}; D.Lgs. 82/2005 art. 40-44`,
  },
  'documento-riservato': {
    portal: 'withhold',
    'access-request': 'review',
    reason: t(
      "Documento riservato: non nell'area personale; per la richiesta di accesso decide un operatore o il DPO, che può anche differire la risposta con una comunicazione motivata.",
      'Confidential document: not in the area personale; for an access request an operator or the DPO decides, and may also delay the answer with a reasoned communication.',
    ),
    source: 'GDPR art. 15(4); D.Lgs. 196/2003 art. 2-undecies c.1, c.3',
  },
  'segnalazione-autorita-giudiziaria': {
    portal: 'withhold',
    'access-request': 'review',
    reason: t(
      "Segnalazioni alla Procura o al Tribunale per i minorenni: mai nell'area personale; per la richiesta di accesso decide il DPO, con il suo motivo (il Garante ha dato ai genitori anche le relazioni al Tribunale).",
      'Reports to the Procura or the Tribunale per i minorenni: never in the area personale; for an access request the DPO decides, with their ground (the Garante has given parents such reports).',
    ),
    source: 'D.Lgs. 196/2003 art. 2-undecies c.1 lett. e), c.3; Garante 28-09-2001',
  },
  provvedimento: {
    portal: 'withhold',
    'access-request': 'review',
    reason: t(
      "Provvedimenti dell'autorità giudiziaria: mai nell'area personale (rischio di anticipare un provvedimento in corso); per la richiesta di accesso decide il DPO.",
      'Orders of the judicial authority: never in the area personale (risk of tipping off a pending measure); for an access request the DPO decides.',
    ),
    source: 'GDPR art. 10; D.Lgs. 196/2003 art. 2-octies, 2-undecies c.3',
  },
  appuntamento: {
    portal: 'show',
    'access-request': 'show',
    reason: t('Gli appuntamenti con il servizio.', 'Appointments with the service.'),
    source: `${OWN}`,
  },
  diario: {
    portal: 'withhold',
    'access-request': 'review',
    reason: t(
      "Il diario sociale non è nell'area personale; nella richiesta di accesso ogni annotazione va rivista: non è esclusa per natura (Garante 2001, TAR Lazio 716/2022) ma può riguardare altre persone.",
      'Diary notes are not in the area personale; for an access request every entry is reviewed: they are not exempt by nature (Garante 2001, TAR Lazio 716/2022) but may concern other people.',
    ),
    source: 'GDPR art. 15(4); TAR Lazio 716/2022; Garante 28-09-2001',
  },
  'rete-sociale': {
    portal: 'show',
    'access-request': 'show',
    reason: t('La rete di sostegno, per ruolo e mai per nome (i suoi membri sono terzi).', 'The support network, by role and never by name (its members are third parties).'),
    source: 'GDPR art. 15(4); TAR Veneto 412/2019',
  },
  'nucleo-familiare': {
    portal: 'show',
    'access-request': 'show',
    reason: t(
      'Il nucleo per relazioni (non per nome) e il valore ISEE dichiarato; gli altri dati economici riguardano anche gli altri componenti e non sono mostrati.',
      "The household by relation (not by name) and the declared ISEE value; the other economic data also concern the other members and are not shown.",
    ),
    source: 'GDPR art. 15(4); DPCM 159/2013',
  },
  consenso: {
    portal: 'show',
    'access-request': 'show',
    reason: t('Le informative e i consensi della persona.', "The person's notices and consents."),
    source: 'GDPR art. 7, 13, 14, 15',
  },
  segnalante: {
    portal: 'withhold',
    'access-request': 'review',
    reason: t(
      "Chi ha segnalato la situazione: si dà la categoria della fonte (art. 15(1)(g)), mentre l'identità del segnalante va rivista (diritti di terzi).",
      'Who referred the situation: the category of the source is given (art. 15(1)(g)); the referrer\'s identity goes to review (rights of others).',
    ),
    source: 'GDPR art. 15(1)(g), 15(4); TAR Veneto 412/2019',
  },
  'testo-libero': {
    portal: 'withhold',
    'access-request': 'review',
    reason: t(
      "I testi liberi (bisogno riferito, oggetto, note) possono nominare altre persone o contenere dati particolari: non nell'area personale, rivisti per la richiesta di accesso.",
      'Free texts (stated need, subject, notes) may name other people or hold special-category data: not in the area personale, reviewed for an access request.',
    ),
    source: 'GDPR art. 9, 15(4)',
  },
  'entered-in-error': {
    portal: 'withhold',
    'access-request': 'show',
    reason: t(
      "Registrazioni inserite per errore: non nell'area personale, ma elencate nella risposta alla richiesta di accesso perché sono ancora trattate.",
      'Records entered in error: not in the area personale, but listed in the answer to an access request because they are still processed.',
    ),
    source: 'GDPR art. 4(2), 15(1)',
  },
};

/**
 * The default policy. Its table, per class (rows) and purpose:
 *
 * | class | portal | access-request |
 * |---|---|---|
 * | cartella, accesso, presa-in-carico, progetto, intervento, erogazione, documento, appuntamento, rete-sociale (by role), nucleo-familiare (by relation), consenso | show | show |
 * | valutazione | summary | show |
 * | documento-riservato, segnalazione-autorita-giudiziaria, provvedimento, diario, segnalante, testo-libero | withhold | review |
 * | entered-in-error | withhold | show |
 *
 * Categories: the portal shows ordinary and special-category data (the person's own, GDPR art. 9
 * allows it to them), never judicial data (art. 10); an access request may show all three.
 * A minor sees their own view only at 18 (`minorOwnViewFromAge: null`): choose an age with
 * {@link definePolicy}.
 *
 * @example
 * ```ts
 * import { DEFAULT_POLICY } from '@riuso-sociale/fascicolo';
 * DEFAULT_POLICY.rules.diario.portal; // 'withhold'
 * DEFAULT_POLICY.rules.diario['access-request']; // 'review'
 * ```
 */
export const DEFAULT_POLICY: Policy = deepFreeze({
  rules: DEFAULT_RULES,
  minorOwnViewFromAge: null,
  categories: { portal: ['ordinary', 'special'], 'access-request': ['ordinary', 'special', 'judicial'] },
});

const SENSITIVITY_VALUES: readonly Sensitivity[] = ['ordinary', 'special', 'judicial'];

/**
 * A policy from the default one and a Comune's overrides, validated: known classes and purposes
 * only, known actions, texts of 1–2000 characters, an age of 0–17 or `null`, categories from
 * csi-model's list (`ordinary` always included). Anything else is a typed error naming the path
 * (never a guess: a typo in a class name would otherwise leave the default in force unnoticed).
 *
 * A Comune may tighten (e.g. `valutazione` withheld in the portal) or loosen (e.g. diary notes of
 * level `normale` shown after a general review of its practice) — its DPO answers for the table.
 *
 * @example
 * ```ts
 * import { definePolicy } from '@riuso-sociale/fascicolo';
 * const r = definePolicy({ rules: { valutazione: { portal: 'withhold' } }, minorOwnViewFromAge: 14 });
 * if (r.ok) r.value.rules.valutazione.portal; // 'withhold'
 * ```
 */
export function definePolicy(overrides: PolicyOverrides): Result<Policy, PolicyIssueCode> {
  const issues: Issue<PolicyIssueCode>[] = [];
  const bad = (path: readonly (string | number)[], it: string, en: string): void => {
    issues.push(createIssue('fascicolo.policy_invalid', { it: `Politica non valida: ${it}`, en: `Invalid policy: ${en}` }, { path }));
  };
  if (!isPlainObject(overrides)) {
    bad([], 'attesi { rules?, minorOwnViewFromAge?, categories? }', 'expected { rules?, minorOwnViewFromAge?, categories? }');
    return fail(issues as [Issue<PolicyIssueCode>, ...Issue<PolicyIssueCode>[]]);
  }
  for (const key of Object.keys(overrides)) {
    if (key !== 'rules' && key !== 'minorOwnViewFromAge' && key !== 'categories') bad([key], `campo sconosciuto «${short(key)}»`, `unknown field "${short(key)}"`);
  }
  const rules: Record<string, PolicyRule> = { ...DEFAULT_RULES };
  const given = (overrides as { rules?: unknown }).rules;
  if (given !== undefined) {
    if (!isPlainObject(given)) bad(['rules'], 'rules: un oggetto per classe', 'rules: an object by class');
    else {
      for (const cls of Object.keys(given)) {
        if (!(ITEM_CLASSES as readonly string[]).includes(cls)) {
          bad(['rules', cls], `classe sconosciuta «${short(cls)}»`, `unknown class "${short(cls)}"`);
          continue;
        }
        const o = (given as Record<string, unknown>)[cls];
        if (!isPlainObject(o)) {
          bad(['rules', cls], 'atteso { portal?, "access-request"?, reason?, source? }', 'expected { portal?, "access-request"?, reason?, source? }');
          continue;
        }
        const base = DEFAULT_RULES[cls as ItemClass];
        const next: { -readonly [K in keyof PolicyRule]: PolicyRule[K] } = { ...base };
        for (const key of Object.keys(o)) {
          const v = (o as Record<string, unknown>)[key];
          if ((PURPOSES as readonly string[]).includes(key)) {
            if (!(POLICY_ACTIONS as readonly unknown[]).includes(v)) bad(['rules', cls, key], `azione tra ${POLICY_ACTIONS.join(', ')}`, `action among ${POLICY_ACTIONS.join(', ')}`);
            else next[key as Purpose] = v as PolicyAction;
          } else if (key === 'reason') {
            if (!isText(v)) bad(['rules', cls, key], 'motivo { it, en } di 1–2000 caratteri', 'reason { it, en } of 1–2000 characters');
            else next.reason = { it: (v as LocalizedText).it, en: (v as LocalizedText).en };
          } else if (key === 'source') {
            if (typeof v !== 'string' || v.trim() === '' || v.length > 2000) bad(['rules', cls, key], 'fonte di 1–2000 caratteri', 'source of 1–2000 characters');
            else next.source = v;
          } else bad(['rules', cls, key], `campo sconosciuto «${short(key)}»`, `unknown field "${short(key)}"`);
        }
        // A changed action needs its own reason: the table is read by the DPO and the citizen.
        const changed = next.portal !== base.portal || next['access-request'] !== base['access-request'];
        if (changed && (!Object.hasOwn(o, 'reason') || !Object.hasOwn(o, 'source'))) {
          bad(['rules', cls], 'una regola cambiata vuole il suo motivo (reason) e la sua fonte (source)', 'a changed rule needs its own reason and source');
        }
        rules[cls] = next;
      }
    }
  }
  let age: number | null = DEFAULT_POLICY.minorOwnViewFromAge;
  if (Object.hasOwn(overrides, 'minorOwnViewFromAge')) {
    const a = (overrides as { minorOwnViewFromAge?: unknown }).minorOwnViewFromAge;
    if (a === null) age = null;
    else if (typeof a === 'number' && Number.isInteger(a) && a >= 0 && a <= 17) age = a;
    else bad(['minorOwnViewFromAge'], 'età intera tra 0 e 17, oppure null', 'whole age between 0 and 17, or null');
  }
  const categories: { portal: readonly Sensitivity[]; 'access-request': readonly Sensitivity[] } = { ...DEFAULT_POLICY.categories };
  const cats = (overrides as { categories?: unknown }).categories;
  if (cats !== undefined) {
    if (!isPlainObject(cats)) bad(['categories'], 'categories: { portal?, "access-request"? }', 'categories: { portal?, "access-request"? }');
    else {
      for (const key of Object.keys(cats)) {
        const v = (cats as Record<string, unknown>)[key];
        if (!(PURPOSES as readonly string[]).includes(key)) bad(['categories', key], `scopo sconosciuto «${short(key)}»`, `unknown purpose "${short(key)}"`);
        else if (!Array.isArray(v) || !v.every((s) => (SENSITIVITY_VALUES as readonly unknown[]).includes(s)) || !v.includes('ordinary')) {
          bad(['categories', key], 'elenco tra ordinary, special, judicial, con ordinary', 'list among ordinary, special, judicial, with ordinary');
        } else categories[key as Purpose] = SENSITIVITY_VALUES.filter((s) => v.includes(s));
      }
    }
  }
  if (issues.length > 0) return fail(issues as [Issue<PolicyIssueCode>, ...Issue<PolicyIssueCode>[]]);
  return ok(deepFreeze({ rules: rules as Policy['rules'], minorOwnViewFromAge: age, categories }));
}

/**
 * `true` for a well-formed {@link Policy} (as {@link definePolicy} makes them): a rule with a known
 * action for every class and purpose, an age of 0–17 or `null`, known categories.
 *
 * @param value - any value; `true` only for a complete, well-formed policy.
 * @example
 * ```ts
 * import { DEFAULT_POLICY, isPolicy } from '@riuso-sociale/fascicolo';
 * isPolicy(DEFAULT_POLICY); // true
 * isPolicy({ rules: {} }); // false
 * ```
 */
export function isPolicy(value: unknown): value is Policy {
  if (!isPlainObject(value)) return false;
  const v = value as Partial<Policy>;
  if (!isPlainObject(v.rules)) return false;
  for (const cls of ITEM_CLASSES) {
    const r = (v.rules as Record<string, unknown>)[cls];
    if (!isPlainObject(r)) return false;
    for (const p of PURPOSES) if (!(POLICY_ACTIONS as readonly unknown[]).includes((r as Record<string, unknown>)[p])) return false;
  }
  const age = v.minorOwnViewFromAge;
  if (!(age === null || (typeof age === 'number' && Number.isInteger(age) && age >= 0 && age <= 17))) return false;
  if (!isPlainObject(v.categories)) return false;
  for (const p of PURPOSES) {
    const c = (v.categories as Record<string, unknown>)[p];
    if (!Array.isArray(c) || !c.every((s) => (SENSITIVITY_VALUES as readonly unknown[]).includes(s))) return false;
  }
  return true;
}

function isPlainObject(v: unknown): v is object {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isText(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  const o = v as Record<string, unknown>;
  const okText = (s: unknown): boolean => typeof s === 'string' && s.trim() !== '' && s.length <= 2000;
  return Object.keys(o).every((k) => k === 'it' || k === 'en') && okText(o.it) && okText(o.en);
}

/** A key as shown in a message: at most 40 characters. */
function short(key: string): string {
  return key.length > 40 ? `${key.slice(0, 40)}…` : key;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
