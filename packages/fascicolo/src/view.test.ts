// SPDX-License-Identifier: BSD-3-Clause
import { describe, expect, test } from 'vitest';
import { ANNA_CF, CARLA_CF, GIULIA_CF, MARIO_CF, MARIO_RECORDS, PAOLO_CF, SAMPLE_IDS, giuliaRecord, lived, marioRecord, sample } from '../test/support/records.js';
import { buildCitizenView, definePolicy, MAX_RECORDS, type CitizenRecord, type CitizenView, type CitizenViewOptions, type Requester } from './index.js';

const MARIO: Requester = { kind: 'interessato', codiceFiscale: MARIO_CF };
const opts = (over: Partial<CitizenViewOptions> = {}): CitizenViewOptions => ({ subject: SAMPLE_IDS.persona, requester: MARIO, purpose: 'portal', asOf: '2026-03-01', ...over });

function view(record: CitizenRecord, over: Partial<CitizenViewOptions> = {}): CitizenView {
  const r = buildCitizenView(record, opts(over));
  if (!r.ok) throw new Error(`expected a view: ${r.issues.map((i) => `${i.code} ${i.messageEn}`).join('; ')}`);
  return r.value;
}

function refused(record: CitizenRecord, over: Partial<CitizenViewOptions>): string {
  const r = buildCitizenView(record, opts(over));
  if (r.ok) throw new Error('expected a refusal');
  for (const i of r.issues) {
    expect(i.message.length).toBeGreaterThan(5);
    expect(i.messageEn.length).toBeGreaterThan(5);
  }
  return r.issues[0].code;
}

const refs = (v: CitizenView): string[] => v.timeline.map((i) => i.ref);
const json = (v: CitizenView): string => JSON.stringify(v);

describe('the portal view of an adult (default policy)', () => {
  const v = view(marioRecord());

  test('every record is in exactly one place, and the counts say so', () => {
    const c = v.coverage;
    expect(c.records).toBe(MARIO_RECORDS);
    expect(c.shown + c.withheld + c.review).toBe(c.records);
    expect(v.timeline.filter((i) => !i.ref.includes('#')).length).toBe(c.shown);
    expect(v.withheld.filter((w) => w.scope === 'record').reduce((n, w) => n + w.count, 0)).toBe(c.withheld);
    expect(v.needsReview.filter((x) => x.scope === 'record').length).toBe(c.review);
  });

  test('the request has its Designers Italia facts: status, date taken in charge, decision date, outcome', () => {
    const req = v.timeline.find((i) => i.ref === `accesso:${SAMPLE_IDS.accesso}`);
    expect(req?.status?.label).toEqual({ it: 'Conclusa', en: 'Completed' });
    expect(req?.takenInChargeOn).toBe('2025-03-10');
    expect(req?.decidedOn).toBe('2025-03-10');
    const outcome = v.timeline.find((i) => i.ref === `accesso:${SAMPLE_IDS.accesso}#esito`);
    expect(outcome?.status?.code).toBe('accolta');
    expect(v.timeline.find((i) => i.kind === 'presa-in-carico')?.office).toBe('Servizio sociale professionale territoriale');
  });

  test('diary, confidential document and free texts are withheld with their grounds, never shown', () => {
    expect(refs(v).some((r) => r.startsWith('diario:'))).toBe(false);
    expect(refs(v).some((r) => r.startsWith('documento:'))).toBe(false);
    const classes = v.withheld.map((w) => `${w.class}/${w.scope}`);
    expect(classes).toEqual(expect.arrayContaining(['diario/record', 'documento-riservato/record', 'testo-libero/field']));
    for (const w of v.withheld) {
      expect(w.count).toBeGreaterThan(0);
      expect(w.ground.text.it.length).toBeGreaterThan(10);
      expect(w.ground.source).toMatch(/GDPR|D\.Lgs|TAR|Garante/);
    }
    const text = json(v);
    expect(text).not.toContain('Visita domiciliare: abitazione adeguata'); // the diary text
    expect(text).not.toContain('Difficoltà a gestire la casa'); // the stated need (free text)
    expect(text).not.toContain('Relazione sociale per la valutazione'); // the confidential document's subject
  });

  test('the assessment is a summary: date and service only', () => {
    const a = v.timeline.find((i) => i.kind === 'valutazione');
    expect(a?.summary).toBe(true);
    expect(a?.details).toEqual([]);
    expect(a?.categories).toEqual(['ordinary']);
  });

  test('third parties appear by role, never by name; nobody\'s address or contacts appear', () => {
    const text = json(v);
    expect(text).not.toContain('Sorella (non convivente)');
    expect(text).not.toContain('Vicina di casa');
    expect(text).toContain('vicino di casa');
    expect(text).not.toContain('Via Esempio');
    expect(text).not.toContain('mario.rossi@example.org');
    // The household: composition by relation and the declared ISEE; the rest of the economic data not.
    const n = v.timeline.find((i) => i.kind === 'nucleo-familiare');
    expect(n?.details.map((x) => x.value.it)).toEqual(['richiedente, figlio/a', '8.500,00 €']);
    expect(text).not.toContain('13.000,00'); // ISR
  });

  test('nothing judicial in the portal, and the court order about the daughter is not Mario\'s', () => {
    for (const i of v.timeline) expect(i.categories).not.toContain('judicial');
    expect(v.notices.map((n) => n.code)).toEqual(['fascicolo.foreign_records_ignored']);
    expect(json(v)).not.toContain('RG 1000/2025');
  });

  test('payments: period and exact cents', () => {
    const e = v.timeline.find((i) => i.kind === 'erogazione');
    expect(e?.amountCents).toBe(44_000);
    expect(e?.period).toEqual({ from: '2025-04-01', to: '2025-04-30' });
    expect(e?.details.find((x) => x.label.en === 'Your share')?.value).toEqual({ it: '40,00 €', en: '€40.00' });
  });

  test('the appointment is on its calendar day in Italy with the time in Italy', () => {
    const a = v.timeline.find((i) => i.kind === 'appuntamento');
    expect(a?.date).toBe('2025-04-08');
    expect(a?.details.find((x) => x.label.en === 'Time (Italy)')?.value.it).toBe('10:30'); // 08:30Z in CEST
  });

  test('the art. 15 information: purposes from the model, INPS for SIUSS, rights and the Garante', () => {
    expect(v.art15.purposes.length).toBeGreaterThan(3);
    expect(v.art15.recipients.map((r) => r.it).join(' ')).toContain('SIUSS');
    expect(v.art15.rights.map((r) => r.it).join(' ')).toContain('art. 20(3)');
    expect(v.art15.complaint.it).toContain('Garante');
    expect(v.art15.categories.map((c) => c.category)).not.toContain('judicial');
    expect(v.art15.sources.map((s) => s.it).join(' ')).not.toContain('autorità giudiziaria');
  });

  test('sorted by date then reference, and deterministic', () => {
    const dates = v.timeline.map((i) => `${i.date} ${i.ref}`);
    expect([...dates].sort()).toEqual(dates);
    expect(json(view(marioRecord()))).toBe(json(v));
  });
});

describe('the answer to an access request (default policy)', () => {
  const v = view(marioRecord(), { purpose: 'access-request' });

  test('diary notes and the confidential document go to review; nothing is withheld silently', () => {
    const review = v.needsReview.map((x) => `${x.ref.split(':')[0]}${x.ref.includes('#') ? `#${x.ref.split('#')[1]}` : ''}`);
    expect(review).toEqual(expect.arrayContaining(['diario', 'documento', 'accesso#bisognoRiferito']));
    expect(v.needsReview.find((x) => x.ref.startsWith('diario:'))?.reasons).toEqual(['policy', 'diary']);
    expect(v.needsReview.find((x) => x.ref.startsWith('documento:'))?.reasons).toContain('confidential-document');
    expect(v.withheld).toEqual([]);
    expect(v.coverage.shown + v.coverage.review).toBe(MARIO_RECORDS);
  });

  test('the assessment is shown with its content (evaluative data are the person\'s)', () => {
    const a = v.timeline.find((i) => i.kind === 'valutazione');
    expect(a?.summary).toBe(false);
    expect(a?.details.length).toBeGreaterThan(0);
  });

  test('a review decision releases, withholds or delays an item', () => {
    const diary = `diario:${SAMPLE_IDS.diario}`;
    const released = view(marioRecord(), { purpose: 'access-request', decisions: [{ ref: diary, decision: 'release', ground: 'Nessun dato di terzi' }] });
    expect(refs(released)).toContain(diary);
    expect(released.needsReview.some((x) => x.ref === `${diary}#testo`)).toBe(true); // its text is a part, reviewed apart
    const both = view(marioRecord(), {
      purpose: 'access-request',
      decisions: [
        { ref: diary, decision: 'release', ground: 'Nessun dato di terzi' },
        { ref: `${diary}#testo`, decision: 'release', ground: 'Nessun dato di terzi' },
      ],
    });
    expect(json(both)).toContain('Visita domiciliare: abitazione adeguata');
    const withheld = view(marioRecord(), { purpose: 'access-request', decisions: [{ ref: diary, decision: 'withhold', ground: 'Dati di terzi (art. 15(4))' }] });
    expect(withheld.withheld).toEqual([expect.objectContaining({ class: 'diario', scope: 'record', count: 1, ground: expect.objectContaining({ code: 'decided' }) })]);
    const delayed = view(marioRecord(), { purpose: 'access-request', decisions: [{ ref: diary, decision: 'delay', ground: 'Indagini in corso', until: '2026-06-30' }] });
    expect(delayed.withheld[0]?.ground.code).toBe('delayed');
    expect(delayed.withheld[0]?.ground.source).toContain('2-undecies c.3');
    // A delay that has run out sends the item back to review.
    const expired = view(marioRecord(), { purpose: 'access-request', asOf: '2026-07-01', decisions: [{ ref: diary, decision: 'delay', ground: 'Indagini in corso', until: '2026-06-30' }] });
    expect(expired.needsReview.some((x) => x.ref === diary)).toBe(true);
  });

  test('a later decision on the same item supersedes an earlier one', () => {
    const diary = `diario:${SAMPLE_IDS.diario}`;
    const v2 = view(marioRecord(), {
      purpose: 'access-request',
      decisions: [
        { ref: diary, decision: 'release', ground: 'prima' },
        { ref: diary, decision: 'withhold', ground: 'poi' },
      ],
    });
    expect(refs(v2)).not.toContain(diary);
  });
});

describe('edge cases (shared/specs/fascicolo.md §4)', () => {
  test('§4.1 a parent of a minor: either parent, until the eve of the 18th birthday (calendar date)', () => {
    const r = giuliaRecord({ provvedimento: null });
    const parent: Requester = { kind: 'genitore', codiceFiscale: PAOLO_CF };
    const base = { subject: SAMPLE_IDS.figlia, requester: parent };
    const v = view(r, { ...base, asOf: '2028-05-14' });
    expect(v.requester.validTo).toBe('2028-05-14');
    expect(v.subject.minor).toBe(true);
    expect(view(r, { ...base, requester: { kind: 'genitore', codiceFiscale: CARLA_CF }, asOf: '2028-05-14' }).requester.kind).toBe('genitore');
    expect(refused(r, { ...base, asOf: '2028-05-15' })).toBe('fascicolo.subject_adult');
  });

  test('§4.1 a child born on 29 February comes of age on 1 March in common years', () => {
    const r = giuliaRecord({ birth: '2012-02-29', cf: ANNA_CF, provvedimento: null });
    const base = { subject: SAMPLE_IDS.figlia, requester: { kind: 'genitore', codiceFiscale: PAOLO_CF } as Requester };
    expect(view(r, { ...base, asOf: '2030-02-28' }).requester.validTo).toBe('2030-02-28');
    expect(refused(r, { ...base, asOf: '2030-03-01' })).toBe('fascicolo.subject_adult');
  });

  test('§4.1 an order limiting parental responsibility refuses the parent; foster care needs an operator', () => {
    const parent = { subject: SAMPLE_IDS.figlia, requester: { kind: 'genitore', codiceFiscale: PAOLO_CF } as Requester, asOf: '2026-03-01' };
    expect(refused(giuliaRecord(), parent)).toBe('fascicolo.parental_responsibility_limited');
    // The same order, ceased before the day: the parent may ask again.
    const ceased = giuliaRecord({ provvedimento: { al: '2025-12-31', ...lived([['attivo', 'crea', '2025-03-03T09:00:00Z'], ['cessato', 'cessa', '2026-01-01T09:00:00Z']]) } });
    expect(view(ceased, parent).requester.kind).toBe('genitore');
    const foster = giuliaRecord({ provvedimento: { potestaTutela: undefined, affido: {} } });
    expect(refused(foster, parent)).toBe('fascicolo.parental_review_required');
    const answer = view(foster, { ...parent, purpose: 'access-request' });
    expect(answer.wholeViewReview).toEqual(['parental-responsibility']);
    // The order itself is judicial: to review, never shown by default.
    expect(answer.needsReview.some((x) => x.ref.startsWith('provvedimento:') && x.reasons.includes('judicial'))).toBe(true);
  });

  test('§4.1 a tutore needs the decree; a minor sees their own view only if the policy says so', () => {
    const r = giuliaRecord({ provvedimento: null });
    expect(refused(r, { subject: SAMPLE_IDS.figlia, requester: { kind: 'tutore', codiceFiscale: CARLA_CF } })).toBe('fascicolo.requester_invalid');
    const tutore = view(r, { subject: SAMPLE_IDS.figlia, requester: { kind: 'tutore', codiceFiscale: CARLA_CF, basis: { act: 'Decreto del Giudice tutelare', reference: 'RG 55/2025', date: '2025-02-01' } } });
    expect(tutore.requester.basis?.reference).toBe('RG 55/2025');
    const self = { subject: SAMPLE_IDS.figlia, requester: { kind: 'interessato', codiceFiscale: GIULIA_CF } as Requester };
    expect(refused(r, self)).toBe('fascicolo.subject_minor');
    const p = definePolicy({ minorOwnViewFromAge: 14 });
    if (!p.ok) throw new Error('policy');
    expect(view(r, { ...self, policy: p.value }).requester.kind).toBe('interessato'); // 15 on 2026-03-01
    expect(refused(r, { ...self, policy: p.value, asOf: '2024-05-14' })).toBe('fascicolo.subject_minor'); // 13
  });

  test('§4.2 amministratore di sostegno and delegate: only within their scope and dates', () => {
    const r = marioRecord();
    const ads = (over: Partial<Requester>): Requester => ({ kind: 'amministratore-di-sostegno', codiceFiscale: CARLA_CF, basis: { act: 'Decreto di nomina', date: '2025-01-10' }, ...over });
    // Mario's record says he has full capacity: an AdS title does not fit.
    expect(refused(r, { requester: ads({ scope: ['dati-sociali'] }) })).toBe('fascicolo.requester_title_mismatch');
    const withAds = { ...r, persona: sample('persona', { capacitaGiuridica: { tipo: 'amministrazione-di-sostegno' } }) };
    expect(refused(withAds, { requester: ads({ scope: ['gestione-patrimonio'] }) })).toBe('fascicolo.requester_out_of_scope');
    expect(view(withAds, { requester: ads({ scope: ['dati-sociali'] }) }).requester.kind).toBe('amministratore-di-sostegno');
    const delega = (over: Partial<Requester>): Requester => ({ kind: 'delegato', codiceFiscale: CARLA_CF, basis: { act: 'Delega scritta', date: '2026-01-10' }, scope: ['dati-sociali'], ...over });
    expect(refused(r, { requester: delega({}) })).toBe('fascicolo.requester_invalid'); // no end date
    expect(view(r, { requester: delega({ validTo: '2026-12-31' }) }).requester.validTo).toBe('2026-12-31');
    expect(refused(r, { requester: delega({ validTo: '2026-02-28' }) })).toBe('fascicolo.requester_not_valid_on_date');
    expect(refused(r, { requester: delega({ validFrom: '2026-03-02', validTo: '2026-12-31' }) })).toBe('fascicolo.requester_not_valid_on_date');
    expect(refused(r, { requester: delega({ basis: { act: 'Delega scritta', date: '2026-03-02' }, validTo: '2026-12-31' }) })).toBe('fascicolo.requester_not_valid_on_date');
  });

  test('§4.3 a shared household: other members by relation only; no address of anyone, whoever asks', () => {
    const r = marioRecord();
    for (const purpose of ['portal', 'access-request'] as const) {
      const text = json(view(r, { purpose }));
      expect(text).not.toContain('Via Esempio 1');
      expect(text).not.toContain(SAMPLE_IDS.figlia); // the other member is never named or identified
      expect(text).not.toContain('833.333'); // ISRE, economic data of the whole household
    }
  });

  test('§4.4 a referrer: the category of the source, the identity to review (never in the portal)', () => {
    const r = marioRecord();
    const accesso = sample('accesso', {
      segnalante: 'Dott.ssa Bruna Gialli, medico di base',
      fonte: { system: 'siuss.sinba.fonte-segnalazione', version: 'SINBA', code: '5', display: { it: 'Servizi sanitari', en: 'Health services' } },
    });
    const withReferrer = { ...r, accesso: [accesso] };
    const portal = view(withReferrer);
    expect(json(portal)).not.toContain('Bruna Gialli');
    expect(portal.withheld.some((w) => w.class === 'segnalante' && w.scope === 'field')).toBe(true);
    const answer = view(withReferrer, { purpose: 'access-request' });
    expect(json(answer)).not.toContain('Bruna Gialli');
    expect(answer.needsReview.find((x) => x.ref.endsWith('#segnalante'))?.reasons).toContain('referrer-identity');
    expect(answer.art15.sources.map((s) => s.it)).toContain('Segnalazione: Servizi sanitari');
  });

  test('§4.5 diary notes of every level: none in the portal, each to review for an access request', () => {
    const r = marioRecord();
    const notes = (['normale', 'equipe', 'solo-autore'] as const).map((riservatezza, i) => sample('diario', { id: `00000000-0000-4000-8000-0000000003${i}0`, riservatezza }));
    const withNotes = { ...r, diario: notes };
    const portal = view(withNotes);
    expect(portal.timeline.some((i) => i.kind === 'diario')).toBe(false);
    expect(portal.withheld.find((w) => w.class === 'diario')?.count).toBe(3);
    const answer = view(withNotes, { purpose: 'access-request' });
    expect(answer.needsReview.filter((x) => x.class === 'diario' && x.scope === 'record')).toHaveLength(3);
  });

  test('§4.6 judicial content: reports to the judicial authority and court decrees, withheld in the portal, reviewed on request', () => {
    const r = marioRecord();
    const report = sample('documento', { id: '00000000-0000-4000-8000-000000000401', tipologia: 'segnalazione-autorita-giudiziaria', riservato: false } as never);
    const decree = sample('documento', { id: '00000000-0000-4000-8000-000000000402', tipologia: 'decreto-autorita-giudiziaria', riservato: false });
    const withJudicial = { ...r, documento: [report, decree] };
    const portal = view(withJudicial);
    expect(portal.withheld.map((w) => w.class)).toEqual(expect.arrayContaining(['segnalazione-autorita-giudiziaria', 'provvedimento']));
    const answer = view(withJudicial, { purpose: 'access-request' });
    expect(answer.needsReview.filter((x) => x.reasons.includes('judicial')).map((x) => x.class)).toEqual(expect.arrayContaining(['segnalazione-autorita-giudiziaria', 'provvedimento']));
  });

  test('§4.8 a person without codice fiscale gets an operator-printable view', () => {
    const persona = sample('persona', { codiceFiscale: undefined, identificativoAlternativo: { tipo: 'stp', valore: 'STP0000000012345' } });
    const r = { ...marioRecord(), persona };
    const v = view(r, { requester: { kind: 'interessato' } });
    expect(v.operatorPrintable).toBe(true);
    expect(v.subject.alternativeId).toBe('stp');
    expect(refused(r, { requester: { kind: 'interessato', codiceFiscale: MARIO_CF } })).toBe('fascicolo.requester_identity');
  });

  test('§4.8 after a codice fiscale change, the records of the merged registration are the subject\'s history', () => {
    const r = marioRecord();
    const oldId = '00000000-0000-4000-8000-000000000801';
    const old = sample('persona', { id: oldId, codiceFiscale: 'RSSMRA80A01H50MM', unitaA: SAMPLE_IDS.persona, ...lived([['attiva', 'crea', '2025-03-03T09:00:00Z'], ['unita', 'unisci', '2025-06-01T09:00:00Z']]) } as never);
    const oldAccesso = sample('accesso', { id: '00000000-0000-4000-8000-000000000802', persona: oldId, presaInCarico: undefined, esito: 'informazione', data: '2019-05-02', esitoIl: '2019-05-02' } as never);
    const before = view({ ...r, accesso: [...(r.accesso ?? []), oldAccesso] });
    expect(before.timeline.some((i) => i.ref.endsWith('802'))).toBe(false); // another persona id: ignored…
    const after = view({ ...r, merged: [old], accesso: [...(r.accesso ?? []), oldAccesso] });
    expect(after.timeline.some((i) => i.ref.endsWith('802') && i.date === '2019-05-02')).toBe(true); // …unless merged
    expect(after.notices.map((n) => n.code)).toContain('fascicolo.history_merged');
    expect(after.coverage.records).toBe(MARIO_RECORDS + 1);
    // A person not merged into the subject cannot be smuggled in as "merged".
    const active = sample('persona', { id: oldId, codiceFiscale: 'RSSMRA80A01H50MM' } as never);
    expect(refused({ ...r, merged: [active] }, {})).toBe('fascicolo.record_invalid');
    const elsewhere = sample('persona', { id: oldId, codiceFiscale: 'RSSMRA80A01H50MM', unitaA: '00000000-0000-4000-8000-000000000999', ...lived([['attiva', 'crea', '2025-03-03T09:00:00Z'], ['unita', 'unisci', '2025-06-01T09:00:00Z']]) } as never);
    expect(refused({ ...r, merged: [elsewhere] }, {})).toBe('fascicolo.record_invalid');
  });

  test('§4.9 a SIUSS correction: the cancelled payment and its replacement both say so', () => {
    const r = marioRecord();
    const cancelled = sample('erogazione', lived([['registrata', 'crea', '2025-03-03T09:00:00Z'], ['annullata', 'annulla', '2025-05-01T09:00:00Z', 'Importo errato']]) as never);
    const fixed = sample('erogazione', { id: '00000000-0000-4000-8000-000000000511', importoCents: 40_000, annullaErogazione: SAMPLE_IDS.erogazione } as never);
    const v = view({ ...r, erogazione: [cancelled, fixed] });
    const items = v.timeline.filter((i) => i.kind === 'erogazione');
    expect(items).toHaveLength(2);
    expect(items.find((i) => i.ref.endsWith(SAMPLE_IDS.erogazione))?.status?.code).toBe('annullata');
    expect(items.every((i) => i.correction !== undefined)).toBe(true);
  });

  test('§4.9 records entered in error: not in the portal, listed (with a note) for an access request', () => {
    const r = marioRecord();
    const wrong = sample('intervento', lived([['proposto', 'crea', '2025-03-03T09:00:00Z'], ['entered-in-error', 'annulla-per-errore', '2025-03-04T09:00:00Z', 'Persona sbagliata']]) as never);
    const withError = { ...r, intervento: [wrong] };
    const portal = view(withError);
    expect(portal.timeline.some((i) => i.kind === 'intervento')).toBe(false);
    expect(portal.withheld.some((w) => w.class === 'entered-in-error')).toBe(true);
    const answer = view(withError, { purpose: 'access-request' });
    expect(answer.timeline.find((i) => i.kind === 'intervento')?.correction?.en).toContain('entered in error');
  });

  test('§4.10 several controllers: each item names its Ente, the art. 15 information lists both', () => {
    const r = marioRecord();
    const other = sample('intervento', { id: '00000000-0000-4000-8000-000000000610', ente: { belfiore: 'F704' } } as never);
    const v = view({ ...r, intervento: [...(r.intervento ?? []), other] });
    expect(v.timeline.find((i) => i.ref.endsWith('610'))?.controller).toBe('F704');
    expect(v.art15.controllers.map((c) => c.ente)).toEqual(['F205', 'F704']);
  });
});

describe('refusals: malformed, missing or hostile input (fail closed)', () => {
  const r = marioRecord();
  test.each([
    ['a date that does not exist', { asOf: '2026-02-30' }, 'fascicolo.options_invalid'],
    ['a date with a time', { asOf: '2026-03-01T00:00:00Z' }, 'fascicolo.options_invalid'],
    ['an unknown purpose', { purpose: 'marketing' as never }, 'fascicolo.options_invalid'],
    ['an unknown locale', { locale: 'fr' as never }, 'fascicolo.options_invalid'],
    ['another person as subject', { subject: SAMPLE_IDS.figlia }, 'fascicolo.subject_not_available'],
    ['no subject', { subject: undefined as never }, 'fascicolo.subject_not_available'],
    ['a requester of an unknown kind', { requester: { kind: 'vicino-di-casa' } as never }, 'fascicolo.requester_not_allowed'],
    ['no requester', { requester: undefined as never }, 'fascicolo.requester_invalid'],
    ['a requester with a prototype key', { requester: JSON.parse(`{"kind":"interessato","codiceFiscale":"${MARIO_CF}","__proto__":{"kind":"tutore"}}`) as Requester }, 'fascicolo.requester_invalid'],
    ['someone else\'s codice fiscale', { requester: { kind: 'interessato', codiceFiscale: CARLA_CF } }, 'fascicolo.requester_identity'],
    ['no codice fiscale', { requester: { kind: 'interessato' } }, 'fascicolo.requester_identity'],
    ['a malformed codice fiscale', { requester: { kind: 'interessato', codiceFiscale: 'rssmra80a01h501u' } }, 'fascicolo.requester_invalid'],
    ['a parent of an adult', { requester: { kind: 'genitore', codiceFiscale: PAOLO_CF } }, 'fascicolo.subject_adult'],
    ['a title ending before it starts', { requester: { ...MARIO, validFrom: '2026-01-02', validTo: '2026-01-01' } }, 'fascicolo.requester_invalid'],
    ['a malformed validity date', { requester: { ...MARIO, validTo: '31/12/2026' } }, 'fascicolo.requester_invalid'],
    ['a forged policy', { policy: { rules: {}, minorOwnViewFromAge: null } as never }, 'fascicolo.options_invalid'],
    ['a malformed decision', { decisions: [{ ref: 'diario:x', decision: 'publish', ground: 'x' }] as never }, 'fascicolo.options_invalid'],
    ['a delay without a date', { decisions: [{ ref: 'diario:x', decision: 'delay', ground: 'x' }] as never }, 'fascicolo.options_invalid'],
  ] as const)('%s', (_name, over, code) => {
    expect(refused(r, over as Partial<CitizenViewOptions>)).toBe(code);
  });

  test('a malformed record refuses the view (nothing is shown from data that cannot be read), naming no content', () => {
    const bad = { ...r, accesso: [{ ...(r.accesso?.[0] as object), data: '2025-13-01' }] } as unknown as CitizenRecord;
    const res = buildCitizenView(bad, opts());
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.issues[0].code).toBe('fascicolo.record_invalid');
      expect(res.issues[0].path).toEqual(['record', 'accesso', 0]);
      expect(JSON.stringify(res.issues)).not.toContain('Rossi');
    }
    expect(buildCitizenView({ ...r, unknownKind: [] } as unknown as CitizenRecord, opts()).ok).toBe(false);
    expect(buildCitizenView({ ...r, accesso: 'x' } as unknown as CitizenRecord, opts()).ok).toBe(false);
    expect(buildCitizenView(null as unknown as CitizenRecord, opts()).ok).toBe(false);
  });

  test('a person entered in error, merged or deceased gets no self-service view', () => {
    const life = (status: string, event: string) => lived([['attiva', 'crea', '2025-03-03T09:00:00Z'], [status, event, '2025-04-03T09:00:00Z']]);
    const dead = sample('persona', { dataDecesso: '2025-04-01', ...life('deceduta', 'registra-decesso') } as never);
    expect(refused({ ...r, persona: dead }, {})).toBe('fascicolo.subject_not_available');
    const merged = sample('persona', { unitaA: '00000000-0000-4000-8000-000000000999', ...life('unita', 'unisci') } as never);
    expect(refused({ ...r, persona: merged }, {})).toBe('fascicolo.subject_not_available');
    const wrong = sample('persona', life('entered-in-error', 'annulla-per-errore') as never);
    expect(refused({ ...r, persona: wrong }, {})).toBe('fascicolo.subject_not_available');
  });

  test('a bundle beyond the bound is refused with a typed error, quickly', () => {
    const many = Array.from({ length: MAX_RECORDS + 1 }, () => (r.consenso?.[0] as object));
    const res = buildCitizenView({ ...r, consenso: many } as unknown as CitizenRecord, opts());
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.issues[0].code).toBe('fascicolo.record_too_large');
  });

  test('repeated records are read once, records of other people are ignored, both noticed', () => {
    const v = view({ ...r, consenso: [...(r.consenso ?? []), ...(r.consenso ?? [])] });
    expect(v.coverage.records).toBe(MARIO_RECORDS);
    expect(v.notices.map((n) => n.code).sort()).toEqual(['fascicolo.duplicate_records_ignored', 'fascicolo.foreign_records_ignored']);
  });
});

describe('Designers Italia statuses', () => {
  test('every lifecycle state of csi-model has a status word, but entered-in-error', async () => {
    const { STATES } = await import('@riuso-sociale/csi-model');
    const { STATUS_OF_STATE } = await import('./view.js');
    for (const [kind, table] of Object.entries(STATUS_OF_STATE)) {
      const states = (STATES as Record<string, readonly string[]>)[kind];
      expect(states, kind).toBeDefined();
      for (const state of states ?? []) {
        if (state === 'entered-in-error') expect(table?.[state]).toBeUndefined();
        else expect(table?.[state], `${kind}.${state}`).toBeDefined();
      }
    }
  });
});
