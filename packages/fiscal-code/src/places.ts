// SPDX-License-Identifier: BSD-3-Clause
/**
 * `@riuso-sociale/fiscal-code/places`: the birthplace table alone (Italian comuni with their
 * validity periods, suppressed ones included, and foreign states), for selects and autocompletes.
 * The same functions are exported by the main entry point.
 *
 * @example
 * ```ts
 * import { findPlaces } from '@riuso-sociale/fiscal-code/places';
 * findPlaces({ name: 'Roma' })[0]?.code; // 'H501'
 * ```
 * @packageDocumentation
 */
export {
  findPlaces,
  getPlace,
  getPlaceHistory,
  listPlaces,
  type GetPlaceOptions,
  type ListPlacesOptions,
  type PlaceQuery,
} from './places/api.js';
export { PLACES_SOURCE } from './internal/places-data.js';
export type { BelfioreCode, Place, PlaceKind } from './types.js';
