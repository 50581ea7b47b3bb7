// SPDX-License-Identifier: BSD-3-Clause
/**
 * ValutazioneMultidimensionale (spec §A3 #7): an assessment of a person's needs — segretariato,
 * analisi preliminare, quadro di analisi (ADI/GePI), UVM, or the SIUSS modules SINA (disability and
 * non-self-sufficiency) and SINBA (children and families). The `sina` and `sinba` blocks hold the
 * SIUSS dimensions with the XSD codes (names are the XSD attribute names in lowerCamelCase; codes are
 * validated against `SIUSS_CODE_LISTS`). States `bozza → completata → validata → superata`.
 *
 * SINBA fields not held here, because another entity or the export computes them: `IDBeneficiario`
 * (pseudonym made at export), `AnnoNascita` and `FasciaEtaBeneficiario` (Persona), `CodiceRegioneResidenza`
 * and `CodiceNazioneResidenza` (Persona residence), `FasciaISEEBeneficiario` and `NumeroComponentiISEE`
 * (NucleoFamiliare), `Prestazioni/CodicePrestazione` (Interventi), `MotivazioneChiusuraCarico` and
 * `SituazioneChiusuraCarico` (PresaInCarico).
 * @module
 */
import { findPrestazione } from '@riuso-sociale/siuss-schema';
import { z } from 'zod';
import { baseFields, codedSchema, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import {
  checkCode,
  checkLifecycle,
  checkUnique,
  issue,
  istatNazioneSchema,
  istatRegioneSchema,
  list,
  obj,
  oneOf,
  pattern,
  siussCode,
  text,
  type Ctx,
} from './common.js';

const SINA = 'Flusso/Beneficiario/PrestazioniSociali/SINA' as const;

const codicePrestazioneSchema = pattern({ it: 'Codice prestazione', en: 'Benefit code' }, /^[A-Z][0-9]\.[0-9]{2}(?:\.[0-9]{2})?$/, {
  it: 'codice della Tabella 1 DM 206/2014 (es. A2.07)',
  en: 'code of Table 1 of DM 206/2014 (e.g. A2.07)',
});

/**
 * zod schema of the SINA dimensions (`SINA` of PS_PSA_SINA201812.xsd), every attribute of the XSD.
 *
 * @example
 * ```ts
 * import { sinaSchema } from '@riuso-sociale/csi-model';
 * sinaSchema.shape.mobilita.options; // ['1', '2', '3']
 * ```
 */
export const sinaSchema = obj(
  {
    /** `Mobilita`: 1 moves alone, 2 assisted, 3 does not move. */
    mobilita: siussCode(`${SINA}@Mobilita`, { it: 'Mobilità', en: 'Mobility' }),
    /** `AttivitaVitaQuotidiana`: 1 independent, 2 partly dependent, 3 fully dependent. */
    attivitaVitaQuotidiana: siussCode(`${SINA}@AttivitaVitaQuotidiana`, { it: 'Attività della vita quotidiana', en: 'Activities of daily living' }),
    /** `DisturbiAreaCognitiva` (optional in the XSD): 1 mild, 2 moderate, 3 severe. */
    disturbiAreaCognitiva: siussCode(`${SINA}@DisturbiAreaCognitiva`, { it: 'Disturbi area cognitiva', en: 'Cognitive disorders' }).optional(),
    /** `DisturbiComportamentali`: 1 absent, 2 present. */
    disturbiComportamentali: siussCode(`${SINA}@DisturbiComportamentali`, { it: 'Disturbi comportamentali', en: 'Behavioural disorders' }),
    /** `NecessitaCureSanitarie` (optional in the XSD): 1 low, 2 medium, 3 high. */
    necessitaCureSanitarie: siussCode(`${SINA}@NecessitaCureSanitarie`, { it: 'Necessità di cure sanitarie', en: 'Need of health care' }).optional(),
    /** `AreaReddituale`: 1 self-sufficient, 2 helped by relatives or others, 3 in need without help. */
    areaReddituale: siussCode(`${SINA}@AreaReddituale`, { it: 'Area reddituale', en: 'Income' }),
    /** `AreaSupporto`: 1 network present, 2 partial or temporary, 3 absent. */
    areaSupporto: siussCode(`${SINA}@AreaSupporto`, { it: 'Area supporto', en: 'Support network' }),
    /** `FonteDerivazioneValutazione`: 1 UVM, 2 cartella sociale, 3 other documents, 4 direct collection. */
    fonteDerivazioneValutazione: siussCode(`${SINA}@FonteDerivazioneValutazione`, { it: 'Fonte della valutazione', en: 'Source of the assessment' }),
    /** `StrumentoValutazione`: 1 SVAMA, 2 AGED, 3 RUG, 4 SOSIA, 5 Schema polare, 6 VALGRAF, 7 other. */
    strumentoValutazione: siussCode(`${SINA}@StrumentoValutazione`, { it: 'Strumento di valutazione', en: 'Assessment instrument' }),
    /** `FonteDerivazioneInvalidita` (optional): 1 certification verified, 2 the person's statement. */
    fonteDerivazioneInvalidita: siussCode(`${SINA}@FonteDerivazioneInvalidita`, { it: "Fonte dell'invalidità", en: 'Source of the disability data' }).optional(),
    /** `NecessitaInterventiSociali/CodicePrestazione`: the services needed (codes of DM 206/2014 Tabella 1). */
    necessitaInterventiSociali: list(codicePrestazioneSchema, { it: 'Necessità di interventi sociali', en: 'Social services needed' }, 50, 1).optional(),
    /** `InvaliditaCivile/InvCiv`: certifications held (1–8). */
    invaliditaCivile: list(siussCode(`${SINA}/InvaliditaCivile/InvCiv`, { it: 'Invalidità civile', en: 'Civil disability' }), { it: 'Invalidità civile', en: 'Civil disability' }, 8, 1).optional(),
  },
  { it: 'SINA', en: 'SINA' },
).superRefine((s, ctx) => {
  s.necessitaInterventiSociali?.forEach((code, i) => {
    if (findPrestazione(code) === undefined) {
      issue(ctx, ['necessitaInterventiSociali', i], `Codice prestazione sconosciuto: ${code}`, `Unknown benefit code: ${code}`);
    }
  });
  checkUnique(ctx, s.necessitaInterventiSociali, ['necessitaInterventiSociali']);
  checkUnique(ctx, s.invaliditaCivile, ['invaliditaCivile']);
});

/**
 * The SINA dimensions of a valutazione (output of {@link sinaSchema}).
 *
 * @example
 * ```ts
 * import type { Sina } from '@riuso-sociale/csi-model';
 * type M = Sina['mobilita']; // '1' | '2' | '3'
 * ```
 */
export type Sina = z.output<typeof sinaSchema>;

const SINBA = 'Flusso/SINBA' as const;

/** `1` SI / `2` NO flag fields whose details are only given with `1`. */
function detailsOnlyWithYes(ctx: Ctx, flag: '1' | '2', flagName: string, details: Readonly<Record<string, unknown>>): void {
  if (flag !== '2') return;
  for (const [name, value] of Object.entries(details)) {
    if (value !== undefined) issue(ctx, [name], `${name} indicato ma ${flagName} = 2 (NO)`, `${name} given but ${flagName} = 2 (NO)`);
  }
}

/**
 * zod schema of the SINBA dimensions (`SINBA` of SINBA.xsd) held by a valutazione: every attribute that
 * describes the minor and the family at the assessment (names in lowerCamelCase, dates as `IsoDate`: the
 * export writes them as `MM/AAAA`). See the module comment for the attributes taken from other entities.
 *
 * @example
 * ```ts
 * import { sinbaSchema } from '@riuso-sociale/csi-model';
 * sinbaSchema.shape.luogoVita.options.length; // 8
 * ```
 */
export const sinbaSchema = obj(
  {
    /** `MinoreStranieroNoAcc`: 1 yes, 2 no. */
    minoreStranieroNoAcc: siussCode(`${SINBA}@MinoreStranieroNoAcc`, { it: 'Minore straniero non accompagnato', en: 'Unaccompanied foreign minor' }),
    /** `CondizioneMinore`: 1 not an orphan … 5 parents unknown. */
    condizioneMinore: siussCode(`${SINBA}@CondizioneMinore`, { it: 'Condizione del minore', en: "Minor's condition" }),
    /** `LuogoVita`: where the minor lives (1–8). */
    luogoVita: siussCode(`${SINBA}@LuogoVita`, { it: 'Luogo di vita', en: 'Where the minor lives' }),
    /** `ScuolaFrequentata` (1–8). */
    scuolaFrequentata: siussCode(`${SINBA}@ScuolaFrequentata`, { it: 'Scuola frequentata', en: 'School attended' }),
    /** `CondizioneLavoro` (1–4). */
    condizioneLavoro: siussCode(`${SINBA}@CondizioneLavoro`, { it: 'Condizione lavorativa', en: 'Work status' }),
    /** `Disabilita`: 1 yes, 2 no. */
    disabilita: siussCode(`${SINBA}@Disabilita`, { it: 'Disabilità', en: 'Disability' }),
    /** `TipoDisabilita` (1–4), only with `disabilita` = 1. */
    tipoDisabilita: siussCode(`${SINBA}@TipoDisabilita`, { it: 'Tipo di disabilità', en: 'Kind of disability' }).optional(),
    /** `InvCivCertificazioni` (1–5), only with `disabilita` = 1. */
    invCivCertificazioni: siussCode(`${SINBA}@InvCivCertificazioni`, { it: 'Certificazioni di invalidità', en: 'Disability certifications' }).optional(),
    /** `CodiceCittadinanzaPadre`: ISTAT country code. */
    codiceCittadinanzaPadre: istatNazioneSchema.optional(),
    /** `CodiceCittadinanzaMadre`: ISTAT country code. */
    codiceCittadinanzaMadre: istatNazioneSchema.optional(),
    /** `CodiceRegioneResidenzaPadre`: ISTAT region code. */
    codiceRegioneResidenzaPadre: istatRegioneSchema.optional(),
    /** `CodiceRegioneResidenzaMadre`: ISTAT region code. */
    codiceRegioneResidenzaMadre: istatRegioneSchema.optional(),
    /** `TitoloStudioPadre` (1–6). */
    titoloStudioPadre: siussCode(`${SINBA}@TitoloStudioPadre`, { it: 'Titolo di studio del padre', en: "Father's education" }).optional(),
    /** `TitoloStudioMadre` (1–6). */
    titoloStudioMadre: siussCode(`${SINBA}@TitoloStudioMadre`, { it: 'Titolo di studio della madre', en: "Mother's education" }).optional(),
    /** `OccupazionePadre` (1–8). */
    occupazionePadre: siussCode(`${SINBA}@OccupazionePadre`, { it: 'Occupazione del padre', en: "Father's occupation" }).optional(),
    /** `OccupazioneMadre` (1–8). */
    occupazioneMadre: siussCode(`${SINBA}@OccupazioneMadre`, { it: 'Occupazione della madre', en: "Mother's occupation" }).optional(),
    /** `DataPrimaSegnalazione` (exported as `MM/AAAA`). */
    dataPrimaSegnalazione: dateSchema,
    /** `FonteSegnalazione` (1–14). */
    fonteSegnalazione: siussCode(`${SINBA}@FonteSegnalazione`, { it: 'Fonte della segnalazione', en: 'Source of the referral' }),
    /** `ValutazioneMinore` (1–13). */
    valutazioneMinore: siussCode(`${SINBA}@ValutazioneMinore`, { it: 'Valutazione del minore', en: 'Assessment of the minor' }),
    /** `ValutazioneFamigliaMinore` (1–13). */
    valutazioneFamigliaMinore: siussCode(`${SINBA}@ValutazioneFamigliaMinore`, { it: 'Valutazione della famiglia', en: 'Assessment of the family' }),
    /** `SegnalazioneAutoritaGiudiziaria`: 1 yes, 2 no. */
    segnalazioneAutoritaGiudiziaria: siussCode(`${SINBA}@SegnalazioneAutoritaGiudiziaria`, { it: "Segnalazione all'autorità giudiziaria", en: 'Referral to the judicial authority' }),
    /** `DataSegnalazione` (exported as `MM/AAAA`), only with a referral. */
    dataSegnalazione: dateSchema.optional(),
    /** `ProvvedimentoGiudiziario`: 1 yes, 2 no. */
    provvedimentoGiudiziario: siussCode(`${SINBA}@ProvvedimentoGiudiziario`, { it: 'Provvedimento giudiziario', en: 'Court order' }),
    /** `DataProvvedimentoGiudiziario` (exported as `MM/AAAA`), only with an order. */
    dataProvvedimentoGiudiziario: dateSchema.optional(),
    /** `AutoritaProvvedimento` (1–4), only with an order. */
    autoritaProvvedimento: siussCode(`${SINBA}@AutoritaProvvedimento`, { it: 'Autorità del provvedimento', en: 'Issuing authority' }).optional(),
    /** `PotestaTutela` (1–5), only with an order. */
    potestaTutela: siussCode(`${SINBA}@PotestaTutela`, { it: 'Potestà e tutela', en: 'Parental authority and guardianship' }).optional(),
    /** `TipoProvvedimentoGiudiziario` (1–8), only with an order. */
    tipoProvvedimentoGiudiziario: siussCode(`${SINBA}@TipoProvvedimentoGiudiziario`, { it: 'Tipo di provvedimento', en: 'Kind of order' }).optional(),
    /** `FormaInterventoAffido`: 1 consensual, 2 judicial. */
    formaInterventoAffido: siussCode(`${SINBA}@FormaInterventoAffido`, { it: "Forma dell'affido", en: 'Form of foster care' }).optional(),
    /** `TipoInterventoAffido`: 1 within the family, 2 outside. */
    tipoInterventoAffido: siussCode(`${SINBA}@TipoInterventoAffido`, { it: "Tipo di affido", en: 'Kind of foster care' }).optional(),
    /** `DurataAffido`: 1 full time, 2 part time. */
    durataAffido: siussCode(`${SINBA}@DurataAffido`, { it: "Durata dell'affido", en: 'Foster care time' }).optional(),
    /** `CarattereAffido`: 1 residential, 2 day. */
    carattereAffido: siussCode(`${SINBA}@CarattereAffido`, { it: "Carattere dell'affido", en: 'Foster care type' }).optional(),
    /** `EsitoAffido` (1–9). */
    esitoAffido: siussCode(`${SINBA}@EsitoAffido`, { it: "Esito dell'affido", en: 'Outcome of foster care' }).optional(),
    /** `CarattereInserimentoResidenziale` (1–10). */
    carattereInserimentoResidenziale: siussCode(`${SINBA}@CarattereInserimentoResidenziale`, { it: "Carattere dell'inserimento residenziale", en: 'Type of residential placement' }).optional(),
    /** `FormaInserimentoResidenziale`: 1 consensual, 2 judicial. */
    formaInserimentoResidenziale: siussCode(`${SINBA}@FormaInserimentoResidenziale`, { it: "Forma dell'inserimento residenziale", en: 'Form of residential placement' }).optional(),
    /** `TipoInserimentoResidenziale`: 1 with a parent, 2 without. */
    tipoInserimentoResidenziale: siussCode(`${SINBA}@TipoInserimentoResidenziale`, { it: "Tipo di inserimento residenziale", en: 'Kind of residential placement' }).optional(),
    /** `EsitoInserimentoStruttura` (1–9). */
    esitoInserimentoStruttura: siussCode(`${SINBA}@EsitoInserimentoStruttura`, { it: "Esito dell'inserimento in struttura", en: 'Outcome of the placement' }).optional(),
    /** `CollaborazioniInterventi` (1–9; one value in the XSD). */
    collaborazioniInterventi: siussCode(`${SINBA}@CollaborazioniInterventi`, { it: 'Collaborazioni negli interventi', en: 'Services collaborating' }).optional(),
    /** `Famiglia/ComposizioneFamiglia`: who lives with the minor (1..n of 1–6). */
    composizioneFamiglia: list(siussCode(`${SINBA}/Famiglia/ComposizioneFamiglia`, { it: 'Composizione della famiglia', en: 'Family composition' }), { it: 'Composizione della famiglia', en: 'Family composition' }, 6, 1),
  },
  { it: 'SINBA', en: 'SINBA' },
).superRefine((s, ctx) => {
  detailsOnlyWithYes(ctx, s.disabilita, 'Disabilita', { tipoDisabilita: s.tipoDisabilita, invCivCertificazioni: s.invCivCertificazioni });
  detailsOnlyWithYes(ctx, s.segnalazioneAutoritaGiudiziaria, 'SegnalazioneAutoritaGiudiziaria', { dataSegnalazione: s.dataSegnalazione });
  detailsOnlyWithYes(ctx, s.provvedimentoGiudiziario, 'ProvvedimentoGiudiziario', {
    dataProvvedimentoGiudiziario: s.dataProvvedimentoGiudiziario,
    autoritaProvvedimento: s.autoritaProvvedimento,
    potestaTutela: s.potestaTutela,
    tipoProvvedimentoGiudiziario: s.tipoProvvedimentoGiudiziario,
  });
  checkUnique(ctx, s.composizioneFamiglia, ['composizioneFamiglia']);
});

/**
 * The SINBA dimensions of a valutazione (output of {@link sinbaSchema}).
 *
 * @example
 * ```ts
 * import type { Sinba } from '@riuso-sociale/csi-model';
 * type L = Sinba['luogoVita']; // '1' | '2' | … | '8'
 * ```
 */
export type Sinba = z.output<typeof sinbaSchema>;

/** Kinds of assessment (spec §A3 #7). */
const TIPI = ['segretariato', 'analisi-preliminare', 'quadro-analisi', 'uvm', 'sina', 'sinba'] as const;

/** States in which an assessment is complete (its SIUSS block must be filled). */
const COMPLETE = ['completata', 'validata', 'superata'];

/**
 * zod schema of a {@link Valutazione}.
 *
 * @example
 * ```ts
 * import { valutazioneSchema } from '@riuso-sociale/csi-model';
 * valutazioneSchema.shape.tipo.options; // ['segretariato', 'analisi-preliminare', 'quadro-analisi', 'uvm', 'sina', 'sinba']
 * ```
 */
export const valutazioneSchema = obj(
  {
    ...baseFields('valutazione'),
    ...lifecycleFields(STATES.valutazione),
    /** The person assessed. */
    persona: idSchema('persona'),
    /** The presa in carico it belongs to. */
    presaInCarico: idSchema('presa-in-carico').optional(),
    /** Kind of assessment. */
    tipo: oneOf(TIPI, { it: 'Tipo di valutazione', en: 'Kind of assessment' }),
    /** Date of the assessment. */
    data: dateSchema,
    /** Instrument (e.g. SINA `StrumentoValutazione`, system `siuss.sina.strumento-valutazione`). */
    strumento: codedSchema().optional(),
    /** Source (e.g. SINA `FonteDerivazioneValutazione`, system `siuss.sina.fonte-derivazione`). */
    fonte: codedSchema().optional(),
    /** SINA dimensions (only for `tipo` = `sina`; required once complete). */
    sina: sinaSchema.optional(),
    /** SINBA dimensions (only for `tipo` = `sinba`; required once complete). */
    sinba: sinbaSchema.optional(),
    /** Further dimensions, free (ICF-like items). */
    dimensioni: list(
      obj(
        {
          /** The dimension (e.g. an ICF domain). */
          dimensione: text({ it: 'Dimensione', en: 'Dimension' }, 100),
          /** What was found. */
          valutazione: text({ it: 'Valutazione della dimensione', en: 'Assessment of the dimension' }, 2000),
        },
        { it: 'Dimensione', en: 'Dimension' },
      ),
      { it: 'Dimensioni', en: 'Dimensions' },
      100,
    ).optional(),
    /** Strengths. */
    puntiDiForza: text({ it: 'Punti di forza', en: 'Strengths' }, 4000).optional(),
    /** Risks. */
    rischi: text({ it: 'Rischi', en: 'Risks' }, 4000).optional(),
    /** Summary. */
    sintesi: text({ it: 'Sintesi', en: 'Summary' }, 8000).optional(),
    /** Operators of the équipe who took part. */
    equipe: list(idSchema('operatore'), { it: 'Équipe', en: 'Team' }, 50).optional(),
    /** The assessment that replaced this one (when `superata`). */
    superataDa: idSchema('valutazione').optional(),
  },
  { it: 'Valutazione', en: 'Assessment' },
).superRefine((v, ctx) => {
  checkLifecycle(ctx, v);
  checkCode(ctx, v.strumento, ['strumento']);
  checkCode(ctx, v.fonte, ['fonte']);
  checkUnique(ctx, v.equipe, ['equipe']);
  if (v.sina !== undefined && v.tipo !== 'sina') issue(ctx, ['sina'], 'Dimensioni SINA solo in una valutazione di tipo «sina»', 'SINA dimensions only in an assessment of kind "sina"');
  if (v.sinba !== undefined && v.tipo !== 'sinba') issue(ctx, ['sinba'], 'Dimensioni SINBA solo in una valutazione di tipo «sinba»', 'SINBA dimensions only in an assessment of kind "sinba"');
  if (COMPLETE.includes(v.status)) {
    if (v.tipo === 'sina' && v.sina === undefined) issue(ctx, ['sina'], `Valutazione SINA «${v.status}» senza le dimensioni SINA`, `SINA assessment "${v.status}" without the SINA dimensions`);
    if (v.tipo === 'sinba' && v.sinba === undefined) issue(ctx, ['sinba'], `Valutazione SINBA «${v.status}» senza le dimensioni SINBA`, `SINBA assessment "${v.status}" without the SINBA dimensions`);
  }
  if (v.sina !== undefined) {
    if (v.strumento?.system === 'siuss.sina.strumento-valutazione' && v.strumento.code !== v.sina.strumentoValutazione) {
      issue(ctx, ['strumento', 'code'], 'Strumento diverso da quello delle dimensioni SINA', 'Instrument differs from the one of the SINA dimensions');
    }
    if (v.fonte?.system === 'siuss.sina.fonte-derivazione' && v.fonte.code !== v.sina.fonteDerivazioneValutazione) {
      issue(ctx, ['fonte', 'code'], 'Fonte diversa da quella delle dimensioni SINA', 'Source differs from the one of the SINA dimensions');
    }
  }
  if (v.superataDa !== undefined && v.superataDa === v.id) issue(ctx, ['superataDa'], 'Una valutazione non sostituisce se stessa', 'An assessment does not replace itself');
});

/**
 * A ValutazioneMultidimensionale (output of {@link valutazioneSchema}).
 *
 * @example
 * ```ts
 * import type { Valutazione } from '@riuso-sociale/csi-model';
 * type M = NonNullable<Valutazione['sina']>['mobilita']; // '1' | '2' | '3'
 * ```
 */
export type Valutazione = z.output<typeof valutazioneSchema>;
