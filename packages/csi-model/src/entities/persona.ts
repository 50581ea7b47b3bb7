// SPDX-License-Identifier: BSD-3-Clause
/**
 * Persona: the assisted person or a related person (spec §A3 #1). Identified by a codice fiscale or,
 * when there is none (MSNA, STP/ENI, CF not yet assigned), by an alternative identifier — exactly one
 * of the two. Sex uses the SIUSS `Genere` codes (1 M, 2 F); citizenship and residence the ISTAT codes
 * SIUSS asks for (`Anagrafica`, `Indirizzo` of PS_PSA_SINA201812.xsd).
 * @module
 */
import { z } from 'zod';
import { baseFields, codedSchema, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import {
  belfioreSchema,
  checkLifecycle,
  codiceFiscaleSchema,
  issue,
  istatComuneSchema,
  istatNazioneSchema,
  istatRegioneSchema,
  obj,
  objectError,
  oneOf,
  pattern,
  siussCode,
  text,
} from './common.js';

/** Kinds of alternative identifier (spec §A3 #1: CF provvisorio, STP/ENI, code for MSNA). */
const TIPI_ID_ALTERNATIVO = ['cf-provvisorio', 'stp', 'eni', 'msna', 'altro'] as const;

/** ISTAT country code of Italy (XSD `IndirizzoType`: "Il codice regione è obbligatorio se CodiceNazione è Italia (380)"). */
const ITALIA = '380';

const cittadinanzaSchema = codedSchema('iso3166.numerico');

const indirizzoSchema = obj(
  {
    /** ISTAT code of the Comune (6 digits), required in Italy. */
    codiceComuneIstat: istatComuneSchema.optional(),
    /** ISTAT code of the Regione (2 digits), required in Italy. */
    codiceRegione: istatRegioneSchema.optional(),
    /** ISTAT code of the country (3 digits, Italy `380`). */
    codiceNazione: istatNazioneSchema,
    /** Street address, free text. */
    indirizzo: text({ it: 'Indirizzo', en: 'Address' }, 300).optional(),
  },
  { it: 'Indirizzo', en: 'Address' },
).superRefine((a, ctx) => {
  if (a.codiceNazione === ITALIA) {
    if (a.codiceComuneIstat === undefined) issue(ctx, ['codiceComuneIstat'], 'Codice del Comune obbligatorio in Italia (380)', 'Municipality code required in Italy (380)');
    if (a.codiceRegione === undefined) issue(ctx, ['codiceRegione'], 'Codice della Regione obbligatorio in Italia (380)', 'Region code required in Italy (380)');
  }
});

/**
 * zod schema of a {@link Persona}.
 *
 * @example
 * ```ts
 * import { personaSchema } from '@riuso-sociale/csi-model';
 * personaSchema.safeParse({ cognome: 'Rossi' }).success; // false (most fields missing)
 * ```
 */
export const personaSchema = z
  .strictObject(
    {
      ...baseFields('persona'),
      ...lifecycleFields(STATES.persona),
      /** Codice fiscale (check character verified), output upper-case and branded. */
      codiceFiscale: codiceFiscaleSchema.optional(),
      /** Identifier used when there is no codice fiscale. */
      identificativoAlternativo: obj(
        {
          /** Kind: CF provvisorio (11 digits), STP, ENI, code of an MSNA, other. */
          tipo: oneOf(TIPI_ID_ALTERNATIVO, { it: 'Tipo di identificativo alternativo', en: 'Kind of alternative identifier' }),
          /** The identifier. */
          valore: text({ it: 'Identificativo alternativo', en: 'Alternative identifier' }, 40),
        },
        { it: 'Identificativo alternativo', en: 'Alternative identifier' },
      )
        .superRefine((a, ctx) => {
          // CF provvisorio: 11 digits (spec §A3 #1; XSD Beneficiario@CodiceFiscale second alternative `\d{11}`).
          if (a.tipo === 'cf-provvisorio' && !/^\d{11}$/.test(a.valore)) {
            issue(ctx, ['valore'], 'Codice fiscale provvisorio: 11 cifre', 'Temporary fiscal code: 11 digits');
          }
        })
        .optional(),
      /** Surname(s). */
      cognome: text({ it: 'Cognome', en: 'Surname' }, 100),
      /** Given name(s). */
      nome: text({ it: 'Nome', en: 'Given name' }, 100),
      /** Sex as SIUSS records it: `1` male, `2` female (XSD `Anagrafica@Genere`). */
      sesso: siussCode('Flusso/Beneficiario/Anagrafica@Genere', { it: 'Sesso', en: 'Sex' }),
      /** Gender identity, free text, optional (spec §A3 #1). */
      identitaGenere: text({ it: 'Identità di genere', en: 'Gender identity' }, 100).optional(),
      /** Birth date. */
      dataNascita: dateSchema,
      /** Birthplace: Belfiore code (Comune or foreign country `Z…`). */
      luogoNascita: belfioreSchema,
      /** Citizenship: ISTAT country code (3 digits, Italy `380`). */
      cittadinanza: cittadinanzaSchema,
      /** Second citizenship. */
      secondaCittadinanza: cittadinanzaSchema.optional(),
      /** Residence (SIUSS `Indirizzo`). */
      residenza: indirizzoSchema.optional(),
      /** Domicile, when different from the residence. */
      domicilio: indirizzoSchema.optional(),
      /** Contacts. */
      contatti: obj(
        {
          /** Landline. */
          telefono: pattern({ it: 'Telefono', en: 'Phone' }, /^\+?[0-9 ()./-]{5,25}$/, { it: 'numero di telefono', en: 'phone number' }).optional(),
          /** Mobile phone. */
          cellulare: pattern({ it: 'Cellulare', en: 'Mobile phone' }, /^\+?[0-9 ()./-]{5,25}$/, { it: 'numero di telefono', en: 'phone number' }).optional(),
          /** Email. */
          email: pattern({ it: 'Email', en: 'Email' }, /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/, { it: 'indirizzo email', en: 'email address' }).optional(),
          /** Certified email (PEC). */
          pec: pattern({ it: 'PEC', en: 'Certified email (PEC)' }, /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/, { it: 'indirizzo email', en: 'email address' }).optional(),
          /** Notes (e.g. when to call). */
          note: text({ it: 'Note sui contatti', en: 'Notes on contacts' }, 500).optional(),
        },
        { it: 'Contatti', en: 'Contacts' },
      ).optional(),
      /** Legal capacity and who represents the person (tutore, curatore, amministratore di sostegno). */
      capacitaGiuridica: obj(
        {
          /** Full capacity, or the protective measure in place. */
          tipo: oneOf(['piena', 'tutela', 'curatela', 'amministrazione-di-sostegno'] as const, { it: 'Capacità giuridica', en: 'Legal capacity' }),
          /** The legal representative (tutore, curatore, amministratore di sostegno). */
          rappresentante: text({ it: 'Rappresentante legale', en: 'Legal representative' }, 200).optional(),
        },
        { it: 'Capacità giuridica', en: 'Legal capacity' },
      ).optional(),
      /** Date of death. */
      dataDecesso: dateSchema.optional(),
      /** When merged (`unita`): the record this one was merged into. */
      unitaA: idSchema('persona').optional(),
    },
    { error: objectError({ it: 'Persona', en: 'Person' }) },
  )
  .superRefine((p, ctx) => {
    checkLifecycle(ctx, p);
    const hasCf = p.codiceFiscale !== undefined;
    const hasAlt = p.identificativoAlternativo !== undefined;
    if (hasCf === hasAlt) {
      issue(
        ctx,
        [hasCf ? 'identificativoAlternativo' : 'codiceFiscale'],
        hasCf ? 'Indicare il codice fiscale oppure un identificativo alternativo, non entrambi' : 'Manca il codice fiscale o un identificativo alternativo',
        hasCf ? 'Give the fiscal code or an alternative identifier, not both' : 'The fiscal code or an alternative identifier is missing',
      );
    }
    if (p.dataDecesso !== undefined && p.dataDecesso < p.dataNascita) {
      issue(ctx, ['dataDecesso'], 'Data di decesso precedente alla nascita', 'Date of death before the birth date');
    }
    if (p.status === 'deceduta' && p.dataDecesso === undefined) {
      issue(ctx, ['dataDecesso'], 'Persona deceduta senza data di decesso', 'Deceased person without a date of death');
    }
    if (p.status === 'unita' && p.unitaA === undefined) {
      issue(ctx, ['unitaA'], 'Persona unita senza il riferimento alla persona in cui è confluita', 'Merged person without the record it was merged into');
    }
    if (p.unitaA !== undefined && p.unitaA === p.id) {
      issue(ctx, ['unitaA'], 'Una persona non può essere unita a se stessa', 'A person cannot be merged into itself');
    }
    for (const key of ['cittadinanza', 'secondaCittadinanza'] as const) {
      const c = p[key];
      if (c !== undefined && !/^\d{3}$/.test(c.code)) {
        issue(ctx, [key, 'code'], 'Cittadinanza: codice ISTAT dello Stato di tre cifre (Italia 380)', 'Citizenship: three-digit ISTAT country code (Italy 380)');
      }
    }
    if (p.secondaCittadinanza !== undefined && p.secondaCittadinanza.code === p.cittadinanza.code) {
      issue(ctx, ['secondaCittadinanza'], 'Seconda cittadinanza uguale alla prima', 'Second citizenship equal to the first');
    }
  });

/**
 * A Persona (output of {@link personaSchema}).
 *
 * @example
 * ```ts
 * import type { Persona } from '@riuso-sociale/csi-model';
 * type S = Persona['status']; // 'attiva' | 'deceduta' | 'unita' | 'entered-in-error'
 * ```
 */
export type Persona = z.output<typeof personaSchema>;
