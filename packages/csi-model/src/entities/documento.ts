// SPDX-License-Identifier: BSD-3-Clause
/**
 * Documento (spec §A3 #13): the metadata of a document — never its content — after the AgID
 * "Linee guida sulla formazione, gestione e conservazione dei documenti informatici" (2021, Allegato 5,
 * metadata): type, subject, classification in the titolario, protocol registration, fascicolo, format,
 * SHA-256 digest, confidentiality, retention class of the Ente's piano di conservazione and legal hold.
 * The metadata names follow the guidelines as recalled (spec §A3 cites them; the Allegato 5 text was not
 * read for this model). States `acquisito → protocollato → in-conservazione → scartato`.
 * @module
 */
import { z } from 'zod';
import { baseFields, dateSchema, lifecycleFields } from '../base.js';
import { idSchema } from '../ids.js';
import { STATES } from '../states.js';
import { bool, checkLifecycle, int, issue, obj, oneOf, pattern, requireIn, sha256Schema, text } from './common.js';

/**
 * Document types named by spec §A3 #13 (relazione sociale, decreto AG, ISEE, verbale invalidità, PAI
 * firmato), plus the notices and consents of §A3 #15, and `segnalazione-autorita-giudiziaria`: a report
 * of the social service to the judicial authority (the Procura della Repubblica presso il tribunale per
 * i minorenni, or the Tribunale per i minorenni). Its bases: L. 184/1983 art. 9 c.1 (public officials
 * and persons in charge of a public service must report to the procuratore della Repubblica presso il
 * tribunale per i minorenni every minor in a state of abandonment they learn of through their office)
 * and c.c. art. 403 c.2 (the public authority that placed a minor in a safe place notifies the pubblico
 * ministero presso il tribunale per i minorenni and sends it the measure with a short report).
 */
const TIPOLOGIE = [
  'relazione-sociale',
  'decreto-autorita-giudiziaria',
  'segnalazione-autorita-giudiziaria',
  'attestazione-isee',
  'verbale-invalidita',
  'progetto-firmato',
  'informativa',
  'consenso',
  'istanza',
  'rendicontazione',
  'altro',
] as const;

/**
 * zod schema of the metadata of a {@link Documento}.
 *
 * @example
 * ```ts
 * import { documentoSchema } from '@riuso-sociale/csi-model';
 * documentoSchema.shape.sha256.safeParse('00'.repeat(32)).success; // true
 * ```
 */
export const documentoSchema = obj(
  {
    ...baseFields('documento'),
    ...lifecycleFields(STATES.documento),
    /** The person the document is about. */
    persona: idSchema('persona').optional(),
    /** The Cartella it belongs to. */
    cartella: idSchema('cartella').optional(),
    /** The presa in carico it belongs to. */
    presaInCarico: idSchema('presa-in-carico').optional(),
    /** Document type. */
    tipologia: oneOf(TIPOLOGIE, { it: 'Tipologia documentale', en: 'Document type' }),
    /** Subject (oggetto). */
    oggetto: text({ it: 'Oggetto', en: 'Subject' }, 500),
    /** Date the document was formed (or received). */
    dataDocumento: dateSchema,
    /** Classification in the Ente's titolario. */
    classificazione: obj(
      {
        /** Classification index (e.g. `VII.12`): the Ente's own plan, free. */
        indice: text({ it: 'Indice di classificazione', en: 'Classification index' }, 50),
        /** The classification plan (titolario) and its version. */
        titolario: text({ it: 'Piano di classificazione', en: 'Classification plan' }, 200),
      },
      { it: 'Classificazione', en: 'Classification' },
    ),
    /** Protocol registration (required when `protocollato`). */
    protocollo: obj(
      {
        /** Protocol number. */
        numero: text({ it: 'Numero di protocollo', en: 'Protocol number' }, 40),
        /** Registration date. */
        data: dateSchema,
        /** Incoming, outgoing or internal. */
        direzione: oneOf(['entrata', 'uscita', 'interno'] as const, { it: 'Flusso del documento', en: 'Direction of the document' }),
        /** Code of the register. */
        registro: text({ it: 'Registro', en: 'Register' }, 100).optional(),
        /** Code of the AOO (area organizzativa omogenea). */
        aoo: text({ it: 'Codice AOO', en: 'AOO code' }, 100).optional(),
      },
      { it: 'Protocollo', en: 'Protocol registration' },
    ).optional(),
    /** The fascicolo (file) the document is in. */
    fascicolo: obj(
      {
        /** Identifier of the fascicolo. */
        identificativo: text({ it: 'Identificativo del fascicolo', en: 'File identifier' }, 100),
        /** Subject of the fascicolo. */
        oggetto: text({ it: 'Oggetto del fascicolo', en: 'File subject' }, 500).optional(),
      },
      { it: 'Fascicolo', en: 'File' },
    ).optional(),
    /** File name. */
    nomeFile: text({ it: 'Nome del file', en: 'File name' }, 255),
    /** Media type (e.g. `application/pdf`). */
    formato: pattern({ it: 'Formato', en: 'Format' }, /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i, { it: 'tipo MIME (es. application/pdf)', en: 'media type (e.g. application/pdf)' }),
    /** Size in bytes. */
    dimensioneByte: int({ it: 'Dimensione in byte', en: 'Size in bytes' }),
    /** SHA-256 digest of the content, lower-case hex. */
    sha256: sha256Schema,
    /** Digitally signed. */
    firmatoDigitalmente: bool({ it: 'Firmato digitalmente', en: 'Digitally signed' }).optional(),
    /** Confidential document. */
    riservato: bool({ it: 'Riservato', en: 'Confidential' }),
    /** Retention: class of the piano di conservazione, years (absent: unlimited), legal hold. */
    conservazione: obj(
      {
        /** Retention class (the Ente's piano di conservazione / massimario: free). */
        classe: text({ it: 'Classe di conservazione', en: 'Retention class' }, 100),
        /** Years to keep (absent: permanent). */
        anni: int({ it: 'Anni di conservazione', en: 'Retention years' }, 0, 999).optional(),
        /** Legal hold: not to be discarded. */
        vincoloLegale: bool({ it: 'Vincolo legale', en: 'Legal hold' }).optional(),
      },
      { it: 'Conservazione', en: 'Retention' },
    ),
    /** The previous version this document replaces. */
    sostituisce: idSchema('documento').optional(),
  },
  { it: 'Documento', en: 'Document' },
).superRefine((d, ctx) => {
  checkLifecycle(ctx, d);
  requireIn(ctx, d.status, ['protocollato'], d.protocollo, ['protocollo'], { it: 'Protocollo', en: 'Protocol registration' });
  if (d.protocollo !== undefined && d.protocollo.data < d.dataDocumento) {
    issue(ctx, ['protocollo', 'data'], 'Protocollato prima della data del documento', 'Registered before the date of the document');
  }
  if (d.status === 'scartato' && d.conservazione.vincoloLegale === true) {
    issue(ctx, ['status'], 'Documento con vincolo legale: non può essere scartato', 'Document under legal hold: it cannot be discarded');
  }
  if (d.sostituisce !== undefined && d.sostituisce === d.id) {
    issue(ctx, ['sostituisce'], 'Un documento non sostituisce se stesso', 'A document does not replace itself');
  }
});

/**
 * The metadata of a Documento (output of {@link documentoSchema}).
 *
 * @example
 * ```ts
 * import type { Documento } from '@riuso-sociale/csi-model';
 * type S = Documento['status']; // 'acquisito' | 'protocollato' | 'in-conservazione' | 'scartato' | 'entered-in-error'
 * ```
 */
export type Documento = z.output<typeof documentoSchema>;
