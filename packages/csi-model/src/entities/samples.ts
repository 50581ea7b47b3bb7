// SPDX-License-Identifier: BSD-3-Clause
/**
 * Realistic, valid sample entities of every kind, for tests and examples: one coherent case (Mario
 * Rossi, in care at the Comune di Milano for disability, with home care, an SINA assessment, a plan,
 * a delivery exported to SIUSS; his daughter under a court order). Every builder takes overrides (a key
 * set to `undefined` is removed) and returns a fresh object. Fixed identifiers (`SAMPLE_IDS`) tie the
 * entities together; the people and codes are fictitious (the codici fiscali are well formed, with
 * the right check character).
 * @module
 */
import type { Actor, Instant } from '../base.js';
import type { EntityKind, Id } from '../ids.js';
import { ENTITY_SCHEMAS, type EntityInput, type EntityOf } from './index.js';
import type { Sina, Sinba } from './valutazione.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * The fixed identifiers of the sample case: one per kind, plus a second person (the daughter) and a
 * second operator (the coordinator).
 *
 * @example
 * ```ts
 * import { SAMPLE_IDS } from './samples.js';
 * SAMPLE_IDS.persona; // '00000000-0000-4000-8000-000000000001'
 * ```
 */
export const SAMPLE_IDS = {
  persona: uuid(1) as Id<'persona'>,
  'nucleo-familiare': uuid(2) as Id<'nucleo-familiare'>,
  'rete-sociale': uuid(3) as Id<'rete-sociale'>,
  cartella: uuid(4) as Id<'cartella'>,
  accesso: uuid(5) as Id<'accesso'>,
  'presa-in-carico': uuid(6) as Id<'presa-in-carico'>,
  valutazione: uuid(7) as Id<'valutazione'>,
  progetto: uuid(8) as Id<'progetto'>,
  obiettivo: uuid(9) as Id<'obiettivo'>,
  intervento: uuid(10) as Id<'intervento'>,
  erogazione: uuid(11) as Id<'erogazione'>,
  diario: uuid(12) as Id<'diario'>,
  documento: uuid(13) as Id<'documento'>,
  provvedimento: uuid(14) as Id<'provvedimento'>,
  consenso: uuid(15) as Id<'consenso'>,
  operatore: uuid(16) as Id<'operatore'>,
  assegnazione: uuid(17) as Id<'assegnazione'>,
  ente: uuid(18) as Id<'ente'>,
  servizio: uuid(19) as Id<'servizio'>,
  'audit-event': uuid(20) as Id<'audit-event'>,
  'flusso-siuss': uuid(21) as Id<'flusso-siuss'>,
  appuntamento: uuid(22) as Id<'appuntamento'>,
  /** The daughter (a minor). */
  figlia: uuid(101) as Id<'persona'>,
  /** The coordinator. */
  coordinatore: uuid(116) as Id<'operatore'>,
} as const satisfies { readonly [K in EntityKind]: Id<K> } & Readonly<Record<string, string>>;

/**
 * The instant the sample records were created (every sample has `createdAt` = `updatedAt` = this, or a
 * later `updatedAt` for those that went through transitions).
 *
 * @example
 * ```ts
 * import { SAMPLE_INSTANT } from './samples.js';
 * SAMPLE_INSTANT; // '2025-03-03T09:00:00Z'
 * ```
 */
export const SAMPLE_INSTANT = '2025-03-03T09:00:00Z' as Instant;

/** The last change of samples that went through transitions. */
const LATER = '2025-04-01T10:00:00Z' as Instant;

/**
 * The sample operator (the social worker, case manager) as an actor.
 *
 * @example
 * ```ts
 * import { SAMPLE_ACTOR } from './samples.js';
 * SAMPLE_ACTOR.role; // 'assistente-sociale'
 * ```
 */
export const SAMPLE_ACTOR: Actor = { operatoreId: SAMPLE_IDS.operatore, role: 'assistente-sociale' };

const BY = SAMPLE_IDS.operatore;
const ENTE = { belfiore: 'F205', codiceIpa: 'c_f205', istat: '015146' };
const AREA_DISABILITA = { system: 'siuss.area-utenza', version: 'PS_PSA_SINA201812', code: '2' };

/** Base fields, created and unchanged. */
function base<K extends EntityKind>(kind: K) {
  return { id: SAMPLE_IDS[kind], ente: { ...ENTE }, createdAt: SAMPLE_INSTANT, createdBy: BY, updatedAt: SAMPLE_INSTANT, updatedBy: BY, version: 1 };
}

/** Base and lifecycle fields through the given states (first one by `crea`, then by the given events). */
function life<K extends EntityKind>(kind: K, ...steps: readonly (readonly [status: string, event: string])[]) {
  const [first, ...rest] = steps;
  if (first === undefined) throw new RangeError('life: at least one state');
  const history = [{ status: first[0], at: SAMPLE_INSTANT, by: BY, event: first[1] }, ...rest.map(([status, event]) => ({ status, at: LATER, by: BY, event }))];
  const last = history[history.length - 1] ?? history[0];
  return {
    ...base(kind),
    ...(rest.length > 0 ? { updatedAt: LATER, version: 1 + rest.length } : {}),
    status: last?.status,
    history,
  };
}

/**
 * A valid SINA block (a person who moves with help, partly dependent, helped by relatives; assessed
 * by the UVM with SVAMA).
 *
 * @example
 * ```ts
 * import { sampleSina } from './samples.js';
 * sampleSina({ mobilita: '3' }).mobilita; // '3'
 * ```
 */
export function sampleSina(overrides: Overrides<Sina> = {}): Sina {
  return merge<Sina>(
    {
      mobilita: '2',
      attivitaVitaQuotidiana: '2',
      disturbiAreaCognitiva: '1',
      disturbiComportamentali: '1',
      necessitaCureSanitarie: '2',
      areaReddituale: '2',
      areaSupporto: '2',
      fonteDerivazioneValutazione: '1',
      strumentoValutazione: '1',
      fonteDerivazioneInvalidita: '1',
      necessitaInterventiSociali: ['A2.07'],
      invaliditaCivile: ['3', '6'],
    },
    overrides,
  );
}

/**
 * A valid SINBA block (a 12-year-old living with her family, referred by the school; a court order of
 * the Tribunale per i minorenni with prescriptions to the parents).
 *
 * @example
 * ```ts
 * import { sampleSinba } from './samples.js';
 * sampleSinba().fonteSegnalazione; // '13' (scuola)
 * ```
 */
export function sampleSinba(overrides: Overrides<Sinba> = {}): Sinba {
  return merge<Sinba>(
    {
      minoreStranieroNoAcc: '2',
      condizioneMinore: '1',
      luogoVita: '1',
      scuolaFrequentata: '6',
      condizioneLavoro: '1',
      disabilita: '2',
      codiceCittadinanzaPadre: '380',
      codiceCittadinanzaMadre: '380',
      codiceRegioneResidenzaPadre: '03',
      codiceRegioneResidenzaMadre: '03',
      titoloStudioPadre: '5',
      titoloStudioMadre: '6',
      occupazionePadre: '7',
      occupazioneMadre: '1',
      dataPrimaSegnalazione: '2025-01-15' as Sinba['dataPrimaSegnalazione'],
      fonteSegnalazione: '13',
      valutazioneMinore: '2',
      valutazioneFamigliaMinore: '2',
      segnalazioneAutoritaGiudiziaria: '1',
      dataSegnalazione: '2025-02-01' as Sinba['dataPrimaSegnalazione'],
      provvedimentoGiudiziario: '1',
      dataProvvedimentoGiudiziario: '2025-03-10' as Sinba['dataPrimaSegnalazione'],
      autoritaProvvedimento: '2',
      potestaTutela: '3',
      tipoProvvedimentoGiudiziario: '7',
      collaborazioniInterventi: '7',
      composizioneFamiglia: ['1', '2'],
    },
    overrides,
  );
}

/** The raw (input) sample of each kind. */
const BUILDERS: { readonly [K in EntityKind]: () => EntityInput<K> } = {
  persona: () => ({
    ...life('persona', ['attiva', 'crea']),
    codiceFiscale: 'RSSMRA80A01H501U',
    cognome: 'Rossi',
    nome: 'Mario',
    sesso: '1',
    dataNascita: '1980-01-01',
    luogoNascita: 'H501',
    cittadinanza: { system: 'iso3166.numerico', version: 'esterno', code: '380' },
    residenza: { codiceComuneIstat: '015146', codiceRegione: '03', codiceNazione: '380', indirizzo: 'Via Esempio 1' },
    contatti: { cellulare: '+39 333 000 0000', email: 'mario.rossi@example.org' },
    capacitaGiuridica: { tipo: 'piena' },
  }),
  'nucleo-familiare': () => ({
    ...base('nucleo-familiare'),
    tipo: 'isee',
    validoDal: '2025-01-20',
    protocolloDsu: 'INPS-ISEE-2025-00000001A-00',
    componenti: [
      { persona: SAMPLE_IDS.persona, relazione: 'richiedente', dal: '2025-01-20' },
      { persona: SAMPLE_IDS.figlia, relazione: 'figlio', dal: '2025-01-20' },
    ],
    datiEconomici: {
      iseeCents: 850_000,
      iseeTipo: 'ordinario',
      dsuData: '2025-01-20',
      isrCents: 1_300_000,
      isreCents: 833_333,
      scalaIseeCentesimi: 156,
      ispCents: 200_000,
      abitazione: { titolo: 'affitto', canoneAnnuoCents: 600_000, contrattoRegistrato: true },
    },
  }),
  'rete-sociale': () => ({
    ...base('rete-sociale'),
    persona: SAMPLE_IDS.persona,
    rilevataIl: '2025-03-03',
    membri: [
      { nominativo: 'Sorella (non convivente)', tipo: 'parente-non-convivente', supporto: 'Accompagna alle visite mediche', dal: '2020-01-01' },
      { nominativo: 'Vicina di casa', tipo: 'vicinato', supporto: 'Spesa settimanale' },
    ],
    areaSupporto: '2',
  }),
  cartella: () => ({
    ...life('cartella', ['aperta', 'crea']),
    persona: SAMPLE_IDS.persona,
    apertaIl: '2025-03-03',
    responsabile: BY,
    minore: false,
    tutelaAutoritaGiudiziaria: false,
  }),
  accesso: () => ({
    ...life('accesso', ['registrato', 'crea'], ['in-valutazione', 'valuta'], ['esitato', 'esita']),
    persona: SAMPLE_IDS.persona,
    data: '2025-03-03',
    canale: 'sportello',
    bisognoRiferito: 'Difficoltà a gestire la casa e la cura personale dopo un intervento chirurgico.',
    areaUtenza: { ...AREA_DISABILITA },
    operatore: BY,
    esito: 'presa-in-carico',
    esitoIl: '2025-03-10',
    presaInCarico: SAMPLE_IDS['presa-in-carico'],
  }),
  'presa-in-carico': () => ({
    ...life('presa-in-carico', ['proposta', 'crea'], ['attiva', 'attiva']),
    cartella: SAMPLE_IDS.cartella,
    persona: SAMPLE_IDS.persona,
    areaUtenza: { ...AREA_DISABILITA },
    servizio: SAMPLE_IDS.servizio,
    caseManager: BY,
    equipe: [SAMPLE_IDS.coordinatore],
    avviataIl: '2025-03-10',
  }),
  valutazione: () => ({
    ...life('valutazione', ['bozza', 'crea'], ['completata', 'completa']),
    persona: SAMPLE_IDS.persona,
    presaInCarico: SAMPLE_IDS['presa-in-carico'],
    tipo: 'sina',
    data: '2025-03-12',
    strumento: { system: 'siuss.sina.strumento-valutazione', version: 'PS_PSA_SINA201812', code: '1' },
    fonte: { system: 'siuss.sina.fonte-derivazione', version: 'PS_PSA_SINA201812', code: '1' },
    sina: sampleSina(),
    puntiDiForza: 'Buona rete familiare; motivazione a recuperare autonomia.',
    equipe: [BY, SAMPLE_IDS.coordinatore],
  }),
  progetto: () => ({
    ...life('progetto', ['bozza', 'crea'], ['proposto', 'proponi'], ['attivo', 'sottoscrivi']),
    persona: SAMPLE_IDS.persona,
    presaInCarico: SAMPLE_IDS['presa-in-carico'],
    tipo: 'pai',
    titolo: 'Recupero dell’autonomia a domicilio',
    caseManager: BY,
    dal: '2025-03-15',
    prossimaRevisione: '2025-09-15',
    impegni: [{ descrizione: 'Partecipare alle sedute di fisioterapia', soggetto: 'beneficiario', persona: SAMPLE_IDS.persona }],
    budgetCents: 300_000,
    sottoscrizioni: [
      { firmatario: 'beneficiario', persona: SAMPLE_IDS.persona, data: '2025-03-15' },
      { firmatario: 'case-manager', operatore: BY, data: '2025-03-15' },
    ],
  }),
  obiettivo: () => ({
    ...life('obiettivo', ['proposto', 'crea'], ['attivo', 'attiva']),
    progetto: SAMPLE_IDS.progetto,
    persona: SAMPLE_IDS.persona,
    descrizione: 'Svolgere in autonomia l’igiene personale',
    dominio: 'cura di sé',
    dal: '2025-03-15',
    dataTarget: '2025-09-15',
    indicatore: 'Giorni alla settimana senza aiuto',
    risultatoAtteso: '7',
    titolare: SAMPLE_IDS.persona,
    operatore: BY,
  }),
  intervento: () => ({
    ...life('intervento', ['proposto', 'crea'], ['autorizzato', 'autorizza'], ['in-erogazione', 'avvia']),
    persona: SAMPLE_IDS.persona,
    presaInCarico: SAMPLE_IDS['presa-in-carico'],
    senzaPresaInCarico: false,
    progetto: SAMPLE_IDS.progetto,
    prestazione: { system: 'siuss.prestazione', version: 'DM206-2014-T1', code: 'A2.07' },
    denominazione: 'Assistenza domiciliare (SAD)',
    areaUtenza: { ...AREA_DISABILITA },
    carattere: '1',
    provaMezzi: '1',
    dsu: { numeroProtocollo: 'INPS-ISEE-2025-00000001A-00', anno: 2025, data: '2025-01-20' },
    sogliaIseeCents: 2_000_000,
    dal: '2025-04-01',
    al: '2025-12-31',
    quantitaOreMese: 20,
    enteGestore: 'Cooperativa Sociale Esempio',
    attoAutorizzativo: { numero: 'DD 1234/2025', data: '2025-03-20' },
  }),
  erogazione: () => ({
    ...life('erogazione', ['registrata', 'crea']),
    intervento: SAMPLE_IDS.intervento,
    persona: SAMPLE_IDS.persona,
    dal: '2025-04-01',
    al: '2025-04-30',
    importoCents: 44_000,
    importoMensileCents: 44_000,
    quotaEnteCents: 40_000,
    quotaUtenteCents: 4_000,
    oreErogate: 20,
    valutazione: SAMPLE_IDS.valutazione,
    valutazioneData: '2025-03-12',
  }),
  diario: () => ({
    ...life('diario', ['bozza', 'crea'], ['firmato', 'firma']),
    persona: SAMPLE_IDS.persona,
    presaInCarico: SAMPLE_IDS['presa-in-carico'],
    tipo: 'visita-domiciliare',
    data: '2025-03-11',
    autore: BY,
    partecipanti: ['Mario Rossi', 'assistente sociale'],
    testo: 'Visita domiciliare: abitazione adeguata, difficoltà negli spostamenti interni.',
    riservatezza: 'normale',
  }),
  documento: () => ({
    ...life('documento', ['acquisito', 'crea'], ['protocollato', 'protocolla']),
    persona: SAMPLE_IDS.persona,
    cartella: SAMPLE_IDS.cartella,
    tipologia: 'relazione-sociale',
    oggetto: 'Relazione sociale per la valutazione multidimensionale',
    dataDocumento: '2025-03-12',
    classificazione: { indice: 'VII.12', titolario: 'Titolario del Comune, versione 2025' },
    protocollo: { numero: '123456', data: '2025-03-13', direzione: 'interno' },
    fascicolo: { identificativo: '2025-VII.12-0042' },
    nomeFile: 'relazione-sociale.pdf',
    formato: 'application/pdf',
    dimensioneByte: 184_320,
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    firmatoDigitalmente: true,
    riservato: true,
    conservazione: { classe: 'Fascicoli personali dei servizi sociali', anni: 40 },
  }),
  provvedimento: () => ({
    ...life('provvedimento', ['attivo', 'crea']),
    persona: SAMPLE_IDS.figlia,
    autorita: { system: 'siuss.sinba.autorita-provvedimento', version: 'SINBA', code: '2' },
    sedeAutorita: 'Tribunale per i minorenni di Milano',
    tipo: { system: 'siuss.sinba.tipo-provvedimento', version: 'SINBA', code: '7' },
    potestaTutela: { system: 'siuss.sinba.potesta-tutela', version: 'SINBA', code: '3' },
    numero: 'RG 1000/2025',
    data: '2025-03-10',
    dal: '2025-03-10',
    prescrizioni: ['Vigilanza del servizio sociale con relazione semestrale'],
  }),
  consenso: () => ({
    ...life('consenso', ['proposto', 'crea'], ['attivo', 'acquisisci']),
    persona: SAMPLE_IDS.persona,
    tipo: 'autorizzazione-condivisione',
    finalita: 'Condivisione del progetto con il medico di medicina generale',
    destinatari: ['Medico di medicina generale'],
    firmatario: { ruolo: 'interessato', persona: SAMPLE_IDS.persona },
    data: '2025-03-15',
    scadenza: '2026-03-15',
  }),
  operatore: () => ({
    ...base('operatore'),
    codiceFiscale: 'BNCLRA85M41F205C',
    cognome: 'Bianchi',
    nome: 'Laura',
    ruolo: 'assistente-sociale',
    servizi: [SAMPLE_IDS.servizio],
    attivo: true,
  }),
  assegnazione: () => ({
    ...life('assegnazione', ['attiva', 'crea']),
    operatore: BY,
    presaInCarico: SAMPLE_IDS['presa-in-carico'],
    persona: SAMPLE_IDS.persona,
    ruolo: 'case-manager',
    dal: '2025-03-10',
  }),
  ente: () => ({
    ...base('ente'),
    tipo: 'comune',
    denominazione: 'Comune di Milano',
    codiceIpa: 'c_f205',
    belfiore: 'F205',
    istat: '015146',
    attivo: true,
  }),
  servizio: () => ({
    ...base('servizio'),
    tipo: 'ufficio',
    denominazione: 'Servizio sociale professionale territoriale',
    areeUtenza: [{ ...AREA_DISABILITA }],
    indirizzo: 'Via Esempio 10, Milano',
    attivo: true,
  }),
  'audit-event': () => ({
    id: SAMPLE_IDS['audit-event'],
    at: SAMPLE_INSTANT,
    actor: { ...SAMPLE_ACTOR },
    action: 'read',
    entity: { kind: 'cartella', id: SAMPLE_IDS.cartella },
    persona: SAMPLE_IDS.persona,
    outcome: 'success',
  }),
  'flusso-siuss': () => ({
    ...life('flusso-siuss', ['generato', 'crea']),
    tipo: 'PS_PSA_SINA',
    nome: 'F205.PS.20250501.0000001',
    generatoAt: SAMPLE_INSTANT,
    hashPayload: 'ab'.repeat(32),
    erogazioni: [SAMPLE_IDS.erogazione],
    valutazioni: [SAMPLE_IDS.valutazione],
  }),
  appuntamento: () => ({
    ...life('appuntamento', ['programmato', 'crea'], ['confermato', 'conferma']),
    persona: SAMPLE_IDS.persona,
    presaInCarico: SAMPLE_IDS['presa-in-carico'],
    servizio: SAMPLE_IDS.servizio,
    operatore: BY,
    inizio: '2025-04-08T08:30:00Z',
    fine: '2025-04-08T09:30:00Z',
    modalita: 'domicilio',
    oggetto: "Verifica dell'assistenza domiciliare dopo il primo mese",
  }),
} as { readonly [K in EntityKind]: () => EntityInput<K> };

/**
 * Overrides of a sample: any field; `undefined` removes the field.
 *
 * @example
 * ```ts
 * import type { Overrides } from './samples.js';
 * const o: Overrides<{ a: number; b?: string }> = { b: undefined };
 * ```
 */
export type Overrides<T> = { readonly [P in keyof T]?: T[P] | undefined };

function merge<T>(value: T, overrides: Overrides<T>): T {
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as T;
}

/**
 * The raw sample of `kind` (what a client would send: plain strings), with overrides. Not validated:
 * use it to build invalid inputs.
 *
 * @example
 * ```ts
 * import { sampleInput } from './samples.js';
 * const bad = sampleInput('cartella', { chiusaIl: '2000-01-01' }); // closed before it was opened
 * ```
 */
export function sampleInput<K extends EntityKind>(kind: K, overrides: Overrides<EntityInput<K>> = {}): EntityInput<K> {
  const build = BUILDERS[kind] as () => EntityInput<K>;
  return merge(build(), overrides);
}

/**
 * The sample of `kind` with overrides, parsed by its schema (branded identifiers, upper-case codice
 * fiscale). Throws a `TypeError` listing the paths and messages when the overrides make it invalid.
 *
 * @example
 * ```ts
 * import { sample } from './samples.js';
 * const p = sample('presa-in-carico', { status: 'sospesa' } as never); // throws: history ends in 'attiva'
 * const c = sample('cartella');
 * c.status; // 'aperta'
 * ```
 */
export function sample<K extends EntityKind>(kind: K, overrides: Overrides<EntityInput<K>> = {}): EntityOf<K> {
  const input = sampleInput(kind, overrides);
  const r = (ENTITY_SCHEMAS[kind] as unknown as { safeParse(v: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }).safeParse(input);
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ');
    throw new TypeError(`sample(${kind}): ${detail}`);
  }
  return r.data as EntityOf<K>;
}

/**
 * One valid sample of every kind, parsed, all belonging to the same case.
 *
 * @example
 * ```ts
 * import { sampleEntities } from './samples.js';
 * const all = sampleEntities();
 * all.erogazione.intervento === all.intervento.id; // true
 * ```
 */
export function sampleEntities(): { readonly [K in EntityKind]: EntityOf<K> } {
  const out: Partial<Record<EntityKind, unknown>> = {};
  for (const kind of Object.keys(BUILDERS) as EntityKind[]) out[kind] = sample(kind);
  return out as { readonly [K in EntityKind]: EntityOf<K> };
}
