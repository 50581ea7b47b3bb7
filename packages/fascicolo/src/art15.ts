// SPDX-License-Identifier: BSD-3-Clause
/**
 * The GDPR art. 15(1) information of a citizen view, drawn from what the view shows: purposes and
 * legal bases from csi-model's field classification (the same table as the art. 30 register), the
 * categories of data, recipients, retention, the **category** of each source (art. 15(1)(g)), the
 * rights and the complaint to the Garante. Only items in the timeline feed it: listing "the judicial
 * authority" as a source of a portal view would reveal an order the portal withholds.
 * @module
 */
import type { LocalizedText } from '@riuso-sociale/core';
import { classifyField, type EntityKind, type Persona, type Sensitivity } from '@riuso-sociale/csi-model';
import type { Art15Info, RecordKind, TimelineItem } from './model.js';

type AnyRecord = Record<string, unknown> & { readonly id: string };

const t = (it: string, en: string): LocalizedText => ({ it, en });

const CATEGORY_TEXT: { readonly [S in Sensitivity]: LocalizedText } = {
  ordinary: t('Dati anagrafici, di contatto, amministrativi ed economici', 'Identity, contact, administrative and economic data'),
  special: t('Dati relativi alla salute, alla disabilità e alla non autosufficienza (GDPR art. 9)', 'Data about health, disability and long-term care needs (GDPR art. 9)'),
  judicial: t("Dati relativi a provvedimenti dell'autorità giudiziaria (GDPR art. 10)", 'Data about orders of the judicial authority (GDPR art. 10)'),
};

/** The rights of the data subject, with their articles. */
const RIGHTS: readonly LocalizedText[] = [
  t('Rettifica dei dati inesatti e integrazione di quelli incompleti (GDPR art. 16).', 'Rectification of inaccurate data and completion of incomplete data (GDPR art. 16).'),
  t(
    'Cancellazione, nei limiti dell\'art. 17(3)(b): i dati trattati per un compito di interesse pubblico si conservano finché servono a quel compito (GDPR art. 17).',
    'Erasure, within art. 17(3)(b): data processed for a task in the public interest are kept while that task needs them (GDPR art. 17).',
  ),
  t('Limitazione del trattamento (GDPR art. 18).', 'Restriction of processing (GDPR art. 18).'),
  t('Opposizione al trattamento per motivi legati alla tua situazione particolare (GDPR art. 21).', 'Objection to processing on grounds relating to your particular situation (GDPR art. 21).'),
  t('Revoca di un consenso dato, senza effetto sul trattamento già svolto (GDPR art. 7(3)).', 'Withdrawal of a consent given, without effect on the processing already done (GDPR art. 7(3)).'),
  t(
    'La portabilità (art. 20) non si applica: il trattamento si fonda su un compito di interesse pubblico (GDPR art. 20(3), art. 6(1)(e)). Questa copia elettronica è la copia dell\'art. 15(3).',
    'Portability (art. 20) does not apply: the processing rests on a task in the public interest (GDPR art. 20(3), art. 6(1)(e)). This electronic copy is the art. 15(3) copy.',
  ),
];

const COMPLAINT = t(
  'Puoi proporre reclamo al Garante per la protezione dei dati personali (GDPR art. 77; D.Lgs. 196/2003 art. 140-bis e seguenti): www.garanteprivacy.it.',
  'You may lodge a complaint with the Italian data protection authority, the Garante per la protezione dei dati personali (GDPR art. 77; D.Lgs. 196/2003 art. 140-bis ff.): www.garanteprivacy.it.',
);

const AUTOMATED = t(
  "Nella cartella ogni cambio di stato (esito, presa in carico, autorizzazione) registra l'operatore che lo ha deciso: non vi sono decisioni basate unicamente su un trattamento automatizzato (GDPR art. 22).",
  'In the record every change of state (outcome, taking into care, authorisation) records the operator who decided it: there are no decisions based solely on automated processing (GDPR art. 22).',
);

const RETENTION_GENERAL = t(
  "I dati si conservano per il tempo necessario al servizio e poi secondo il piano di conservazione dell'archivio dell'Ente (DPR 445/2000 art. 68); i documenti con la loro classe di conservazione.",
  "Data are kept as long as the service needs them and then under the Ente's archive retention plan (DPR 445/2000 art. 68); documents with their retention class.",
);

/** Builds the art. 15(1) information from the items of a view. */
export function buildArt15(
  persona: Persona,
  timeline: readonly TimelineItem[],
  records: { readonly [K in RecordKind]: readonly AnyRecord[] },
  shownFields: ReadonlyMap<string, ReadonlySet<string>>,
): Art15Info {
  const controllers = new Map<string, LocalizedText>();
  controllers.set(persona.ente.belfiore, t('Titolare del trattamento (Ente che ha aperto la scheda della persona)', "Controller (the Ente holding the person's record)"));
  for (const item of timeline) {
    if (!controllers.has(item.controller)) controllers.set(item.controller, t('Titolare del trattamento per i record che detiene', 'Controller of the records it holds'));
  }
  const purposes = new Map<string, LocalizedText>();
  const bases = new Map<string, LocalizedText>();
  const retention = new Map<string, LocalizedText>();
  for (const [kind, fields] of shownFields) {
    for (const field of fields) {
      const c = classifyField(kind as EntityKind, field);
      if (c === undefined) continue;
      purposes.set(c.purpose.it, c.purpose);
      bases.set(c.legalBasis, { it: c.legalBasis, en: c.legalBasis });
      if (c.retention !== undefined) retention.set(c.retention.it, c.retention);
    }
  }
  const categories = new Set<Sensitivity>();
  for (const item of timeline) for (const s of item.categories) categories.add(s);
  categories.add('ordinary');
  const shownRefs = new Set(timeline.map((i) => i.ref));
  const shownOf = (kind: RecordKind): AnyRecord[] => records[kind].filter((r) => shownRefs.has(`${kind}:${r.id}`));

  const recipients: LocalizedText[] = [];
  if (shownOf('erogazione').length > 0 || shownOf('intervento').length > 0) {
    recipients.push(
      t(
        "INPS, per il Sistema informativo unitario dei servizi sociali (SIUSS), come prevede la legge (D.Lgs. 147/2017 art. 24; DM 206/2014)",
        'INPS, for the unified information system of social services (SIUSS), as the law requires (D.Lgs. 147/2017 art. 24; DM 206/2014)',
      ),
    );
  }
  const providers = [...new Set(shownOf('intervento').map((i) => i.enteGestore).filter((x): x is string => typeof x === 'string'))].sort();
  for (const p of providers) recipients.push(t(`${p}, ente gestore degli interventi che ti eroga`, `${p}, the provider delivering your interventions`));
  recipients.push(
    t(
      "L'Ambito territoriale sociale o l'ente capofila, quando gestisce il servizio per il Comune (L. 328/2000 art. 8)",
      'The Ambito territoriale sociale or lead body, when it runs the service for the Comune (L. 328/2000 art. 8)',
    ),
  );
  if (shownOf('valutazione').some((v) => v.tipo === 'uvm' || v.tipo === 'sina')) {
    recipients.push(t("L'Azienda sanitaria, per la valutazione multidimensionale integrata", 'The local health authority, for the integrated multidimensional assessment'));
  }

  for (const doc of shownOf('documento')) {
    const c = doc.conservazione as { classe: string; anni?: number } | undefined;
    if (c === undefined) continue;
    const text = c.anni !== undefined ? t(`Documenti di classe «${c.classe}»: ${c.anni} anni`, `Documents of class "${c.classe}": ${c.anni} years`) : t(`Documenti di classe «${c.classe}»: conservazione secondo il piano`, `Documents of class "${c.classe}": kept under the retention plan`);
    retention.set(text.it, text);
  }

  // Art. 15(1)(g): the category of each source, never a referrer's identity.
  const sources = new Map<string, LocalizedText>();
  const addSource = (s: LocalizedText): void => {
    sources.set(s.it, s);
  };
  addSource(t('Tu stesso/a, nei colloqui e nelle domande presentate', 'You, in interviews and in the applications you made'));
  for (const a of shownOf('accesso')) {
    const fonte = a.fonte as { code: string; display?: LocalizedText } | undefined;
    if (fonte !== undefined) addSource(fonte.display !== undefined ? t(`Segnalazione: ${fonte.display.it}`, `Referral: ${fonte.display.en}`) : t(`Segnalazione (categoria ${fonte.code})`, `Referral (category ${fonte.code})`));
  }
  if (shownOf('nucleo-familiare').length > 0) addSource(t('I componenti del tuo nucleo familiare', 'The members of your household'));
  if (shownOf('nucleo-familiare').some((n) => (n.datiEconomici as { iseeCents?: number } | undefined)?.iseeCents !== undefined) || shownOf('intervento').some((i) => i.dsu !== undefined)) {
    addSource(t('INPS, per la Dichiarazione sostitutiva unica e l\'attestazione ISEE (DPCM 159/2013)', 'INPS, for the single self-declaration (DSU) and the ISEE certificate (DPCM 159/2013)'));
  }
  if (shownOf('valutazione').some((v) => v.tipo === 'uvm' || v.tipo === 'sina')) addSource(t("L'Azienda sanitaria", 'The local health authority'));
  if (shownOf('provvedimento').length > 0) addSource(t("L'autorità giudiziaria", 'The judicial authority'));

  return {
    controllers: [...controllers].map(([ente, role]) => ({ ente, role })),
    purposes: [...purposes.values()],
    legalBases: [...bases.values()],
    categories: (['ordinary', 'special', 'judicial'] as const).filter((s) => categories.has(s)).map((category) => ({ category, text: CATEGORY_TEXT[category] })),
    recipients,
    retention: [RETENTION_GENERAL, ...retention.values()],
    sources: [...sources.values()],
    automatedDecisions: AUTOMATED,
    rights: RIGHTS,
    complaint: COMPLAINT,
  };
}
