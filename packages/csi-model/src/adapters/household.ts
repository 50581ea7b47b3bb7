// SPDX-License-Identifier: BSD-3-Clause
/**
 * Adapter from a NucleoFamiliare (and its Persone) to the `Household` of `@riuso-sociale/rei-eligibility`,
 * so that `evaluate({ measure: 'adi', date, household })` can run on the Cartella's data.
 *
 * Rule of the adapter: a fact the Cartella does not hold stays ABSENT in the household (unknown), never
 * `false` or `0`: the eligibility engine then answers `needs-info` and lists the missing paths, instead of
 * a wrong `eligible`/`ineligible`. Disability, care duties, employment and the like come only from the
 * caller (`options`), who takes them from the ISEE attestation or the assessment.
 * @module
 */
import { dateText, createIssue, fail, ok, type Issue, type IsoDate, type Result } from '@riuso-sociale/core';
import { householdIssueText, householdSchema, type DisabilityLevel, type Household, type HouseholdMember } from '@riuso-sociale/rei-eligibility';
import type { NucleoFamiliare } from '../entities/nucleo-familiare.js';
import type { Persona } from '../entities/persona.js';
import type { Id } from '../ids.js';

/**
 * Issue codes of {@link toHousehold}.
 *
 * @example
 * ```ts
 * import type { HouseholdAdapterIssueCode } from '@riuso-sociale/csi-model';
 * const c: HouseholdAdapterIssueCode = 'csi.household.persona_missing';
 * ```
 */
export type HouseholdAdapterIssueCode =
  | 'csi.household.persona_missing'
  | 'csi.household.persona_not_usable'
  | 'csi.household.nucleo_not_valid'
  | 'csi.household.no_members'
  | 'csi.household.invalid';

/**
 * Facts about one member that the Cartella's entities do not hold, given by the caller (all optional;
 * absent = unknown). Same names and meanings as the rei-eligibility `HouseholdMember`.
 *
 * @example
 * ```ts
 * import type { MemberFacts } from '@riuso-sociale/csi-model';
 * const f: MemberFacts = { disability: 'none', hasCareDuties: true, certifiedCareProgramme: false };
 * ```
 */
export type MemberFacts = Omit<HouseholdMember, 'birthDate' | 'age' | 'relation'>;

/**
 * Options of {@link toHousehold}.
 *
 * @example
 * ```ts
 * import type { ToHouseholdOptions } from '@riuso-sociale/csi-model';
 * const o: ToHouseholdOptions = { date: '2025-03-01' as never, applicant: { citizenship: 'italiana' } };
 * ```
 */
export interface ToHouseholdOptions {
  /**
   * Reference date: the snapshot must be valid on it (`validoDal` … `validoAl`) and the members are
   * those in the household on it (`dal` … `al`). Without it, the members without an end date.
   */
  readonly date?: IsoDate;
  /**
   * Disability level of members by persona id (`none`, `media`, `grave`, `non-autosufficienza`: the
   * levels of DPCM 159/2013, as on the ISEE attestation). Absent: unknown. The SINA `InvaliditaCivile`
   * codes are NOT translated into these levels: the correspondence (DPCM 159/2013 Allegato 3) is not in
   * the project's sources, so the caller states the level.
   */
  readonly disabilita?: Readonly<Record<string, DisabilityLevel>>;
  /** Other facts of members by persona id (pregnancy, employment, care duties…). `disability` here wins over `disabilita`. */
  readonly facts?: Readonly<Record<string, MemberFacts>>;
  /** The applicant's citizenship, permit and residence (rei-eligibility `applicant`). */
  readonly applicant?: NonNullable<Household['applicant']>;
  /** Household facts the Cartella does not hold: vehicles, boats, aircraft, RdC/PdC, assistance benefits. */
  readonly extra?: Pick<Household, 'vehicles' | 'ownsBoats' | 'ownsAircraft' | 'receivesRdcOrPdc' | 'assistanceBenefits'>;
}

function issue(code: HouseholdAdapterIssueCode, it: string, en: string, path: readonly (string | number)[], params: Issue['params'] = {}): Issue {
  return createIssue(code, { it, en }, { path, params });
}

function lookup(persone: ReadonlyMap<Id<'persona'>, Persona> | Readonly<Record<string, Persona>>, id: Id<'persona'>): Persona | undefined {
  if (persone instanceof Map) return (persone as ReadonlyMap<Id<'persona'>, Persona>).get(id);
  const record = persone as Readonly<Record<string, Persona>>;
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

/**
 * Maps a NucleoFamiliare to the rei-eligibility `Household`:
 *
 * - `members` ← `componenti` (on `options.date`, or those without an end): `birthDate` ←
 *   `persona.dataNascita`, `relation` ← `relazione` (the same vocabulary), `disability` ←
 *   `options.disabilita` / `options.facts` (else unknown), other facts ← `options.facts`;
 * - `isee` ← `datiEconomici`: `valueCents` ← `iseeCents`, `kind` ← `iseeTipo`, `minorenni` ←
 *   `iseeMinorenni`, `dsuDate` ← `dsuData`, `isrCents`, `isreCents`, `scaleHundredths` ←
 *   `scalaIseeCentesimi`, `ispCents`;
 * - `householdIncomeCents` ← `redditoFamiliareCents`, `financialAssetsCents` ← `patrimonioMobiliareCents`,
 *   `realEstateExcludingHomeCents` ← `patrimonioImmobiliareEsclusaCasaCents`, `homeImuValueCents` ←
 *   `valoreImuCasaCents`;
 * - `housing` ← `abitazione`: `tenure` ← `titolo`, `annualRentCents` ← `canoneAnnuoCents`,
 *   `registeredLease` ← `contrattoRegistrato`, `annualMortgageInstalmentCents` ← `rataMutuoAnnuaCents`;
 * - `applicant` and the household facts in `extra` ← `options`.
 *
 * Nothing unknown is filled in. The output is checked with `householdSchema`. Refusals: a member whose
 * Persona is not in `persone` (`csi.household.persona_missing`), entered in error, merged or dead on the
 * date (`csi.household.persona_not_usable`), a snapshot not valid on `options.date`
 * (`csi.household.nucleo_not_valid`), no member left (`csi.household.no_members`), an output the schema
 * rejects (`csi.household.invalid`).
 *
 * @param nucleo - the household snapshot.
 * @param persone - its members' Persone, by id (a `Map` or a record).
 * @param options - reference date and the facts the Cartella does not hold.
 * @example
 * ```ts
 * import { toHousehold } from '@riuso-sociale/csi-model';
 * import { evaluate } from '@riuso-sociale/rei-eligibility';
 * const h = toHousehold(nucleo, persone, { date: '2025-03-01' as never, applicant: { citizenship: 'italiana' } });
 * if (h.ok) {
 *   const r = evaluate({ measure: 'adi', date: '2025-03-01' as never, household: h.value });
 *   if (r.ok) console.log(r.value.status, r.value.missing); // 'needs-info', ['members.0.disability', …]
 * }
 * ```
 */
export function toHousehold(
  nucleo: NucleoFamiliare,
  persone: ReadonlyMap<Id<'persona'>, Persona> | Readonly<Record<string, Persona>>,
  options: ToHouseholdOptions = {},
): Result<Household, string> {
  const issues: Issue[] = [];
  const date = options.date;
  if (date !== undefined && (date < nucleo.validoDal || (nucleo.validoAl !== undefined && date > nucleo.validoAl))) {
    issues.push(
      issue(
        'csi.household.nucleo_not_valid',
        `Il nucleo (valido ${dateText(nucleo.validoDal, { preposition: 'from' })}${nucleo.validoAl !== undefined ? ` ${dateText(nucleo.validoAl, { preposition: 'to' })}` : ''}) non è valido ${dateText(date, { preposition: 'on' })}`,
        `The household snapshot (valid ${dateText(nucleo.validoDal, { lang: 'en', preposition: 'from' })}${nucleo.validoAl !== undefined ? ` ${dateText(nucleo.validoAl, { lang: 'en', preposition: 'to' })}` : ''}) is not valid ${dateText(date, { lang: 'en', preposition: 'on' })}`,
        ['validoDal'],
        { date, nucleo: nucleo.id },
      ),
    );
  }

  const members: HouseholdMember[] = [];
  nucleo.componenti.forEach((c, i) => {
    const inHousehold = date === undefined ? c.al === undefined : c.dal <= date && (c.al === undefined || c.al >= date);
    if (!inHousehold) return;
    const path = ['componenti', i, 'persona'];
    const p = lookup(persone, c.persona);
    if (p === undefined) {
      issues.push(issue('csi.household.persona_missing', 'Componente del nucleo senza la sua Persona', 'Household member without its Persona', path, { persona: c.persona }));
      return;
    }
    const dead = p.dataDecesso !== undefined && (date === undefined || p.dataDecesso <= date);
    if (p.status === 'entered-in-error' || p.status === 'unita' || dead) {
      issues.push(
        issue(
          'csi.household.persona_not_usable',
          `Componente nello stato «${p.status}»${dead ? ' (deceduto)' : ''}: aggiornare il nucleo`,
          `Member in state "${p.status}"${dead ? ' (deceased)' : ''}: update the household`,
          path,
          { persona: p.id, status: p.status },
        ),
      );
      return;
    }
    const disability = options.disabilita !== undefined && Object.hasOwn(options.disabilita, p.id) ? options.disabilita[p.id] : undefined;
    const facts = options.facts !== undefined && Object.hasOwn(options.facts, p.id) ? options.facts[p.id] : undefined;
    members.push({
      birthDate: p.dataNascita, // birthDate ← persona.dataNascita
      relation: c.relazione, // relation ← componente.relazione
      ...(disability !== undefined ? { disability } : {}), // disability ← options.disabilita (else unknown)
      ...(facts ?? {}), // other member facts ← options.facts (else unknown)
    });
  });
  if (members.length === 0 && issues.length === 0) {
    issues.push(issue('csi.household.no_members', 'Nessun componente nel nucleo alla data', 'No member in the household on the date', ['componenti'], { nucleo: nucleo.id }));
  }
  const [first, ...rest] = issues;
  if (first !== undefined) return fail([first, ...rest]);

  const d = nucleo.datiEconomici;
  const a = d?.abitazione;
  const isee = {
    ...(d?.iseeCents !== undefined ? { valueCents: d.iseeCents } : {}),
    ...(d?.iseeTipo !== undefined ? { kind: d.iseeTipo } : {}),
    ...(d?.iseeMinorenni !== undefined ? { minorenni: d.iseeMinorenni } : {}),
    ...(d?.dsuData !== undefined ? { dsuDate: d.dsuData } : {}),
    ...(d?.isrCents !== undefined ? { isrCents: d.isrCents } : {}),
    ...(d?.isreCents !== undefined ? { isreCents: d.isreCents } : {}),
    ...(d?.scalaIseeCentesimi !== undefined ? { scaleHundredths: d.scalaIseeCentesimi } : {}),
    ...(d?.ispCents !== undefined ? { ispCents: d.ispCents } : {}),
  };
  const household: Household = {
    members,
    ...(options.applicant !== undefined ? { applicant: options.applicant } : {}),
    ...(Object.keys(isee).length > 0 ? { isee } : {}),
    ...(d?.patrimonioMobiliareCents !== undefined ? { financialAssetsCents: d.patrimonioMobiliareCents } : {}),
    ...(d?.patrimonioImmobiliareEsclusaCasaCents !== undefined ? { realEstateExcludingHomeCents: d.patrimonioImmobiliareEsclusaCasaCents } : {}),
    ...(d?.valoreImuCasaCents !== undefined ? { homeImuValueCents: d.valoreImuCasaCents } : {}),
    ...(d?.redditoFamiliareCents !== undefined ? { householdIncomeCents: d.redditoFamiliareCents } : {}),
    ...(a !== undefined
      ? {
          housing: {
            tenure: a.titolo,
            ...(a.canoneAnnuoCents !== undefined ? { annualRentCents: a.canoneAnnuoCents } : {}),
            ...(a.contrattoRegistrato !== undefined ? { registeredLease: a.contrattoRegistrato } : {}),
            ...(a.rataMutuoAnnuaCents !== undefined ? { annualMortgageInstalmentCents: a.rataMutuoAnnuaCents } : {}),
          },
        }
      : {}),
    ...(options.extra ?? {}),
  };
  const parsed = householdSchema.safeParse(household);
  if (!parsed.success) {
    const found = parsed.error.issues.map((z) =>
      createIssue('csi.household.invalid', householdIssueText(z), { path: z.path.filter((k): k is string | number => typeof k !== 'symbol') }),
    );
    const [f, ...r] = found;
    if (f !== undefined) return fail([f, ...r]);
  }
  return ok(parsed.success ? parsed.data : household);
}
