// SPDX-License-Identifier: BSD-3-Clause
/**
 * The closed vocabularies of the household model that other packages store too (csi-model's
 * NucleoFamiliare): relation to the applicant, tenure of the home, kind of ISEE. One list each, checked
 * at compile time against {@link Household} in both directions (a value added to the schema and not
 * here, or the other way round, does not compile).
 * @module
 */
import type { Household, HouseholdMember } from './household.js';

/**
 * Relation of a member to the applicant (`HouseholdMember.relation`), in the order of the model.
 *
 * @example
 * ```ts
 * import { HOUSEHOLD_RELATIONS } from '@riuso-sociale/rei-eligibility';
 * HOUSEHOLD_RELATIONS.includes('figlio'); // true
 * ```
 */
export const HOUSEHOLD_RELATIONS = ['richiedente', 'coniuge', 'unito-civilmente', 'convivente', 'figlio', 'genitore', 'altro-parente', 'altro'] as const;

/**
 * Tenure of the home (`Household.housing.tenure`): owned, rented, owned with a mortgage, other.
 *
 * @example
 * ```ts
 * import { HOUSING_TENURES } from '@riuso-sociale/rei-eligibility';
 * HOUSING_TENURES; // ['proprieta', 'affitto', 'mutuo', 'altro']
 * ```
 */
export const HOUSING_TENURES = ['proprieta', 'affitto', 'mutuo', 'altro'] as const;

/**
 * Kind of ISEE attestation (`Household.isee.kind`): ordinary, current (ISEE corrente, DPCM 159/2013
 * art. 9), or the ISEE «per specifiche prestazioni familiari e per l'inclusione» (L. 199/2025 art. 1
 * c.208; the name is INPS's, msg. 102 of 12-01-2026), which ADI and SFL read from 1-01-2026.
 *
 * @example
 * ```ts
 * import { ISEE_KINDS } from '@riuso-sociale/rei-eligibility';
 * ISEE_KINDS.includes('prestazioni-familiari-inclusione'); // true
 * ```
 */
export const ISEE_KINDS = ['ordinario', 'corrente', 'prestazioni-familiari-inclusione'] as const;

// Compile-time checks: each list is exactly the schema's set of values.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _relations: Same<(typeof HOUSEHOLD_RELATIONS)[number], NonNullable<HouseholdMember['relation']>> = true;
const _tenures: Same<(typeof HOUSING_TENURES)[number], NonNullable<NonNullable<Household['housing']>['tenure']>> = true;
const _iseeKinds: Same<(typeof ISEE_KINDS)[number], NonNullable<NonNullable<Household['isee']>['kind']>> = true;
void _relations;
void _tenures;
void _iseeKinds;
