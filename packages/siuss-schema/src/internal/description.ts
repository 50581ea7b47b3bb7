// SPDX-License-Identifier: BSD-3-Clause
/**
 * The shape of the declarative XSD description (see `src/generated/descriptions.ts`).
 * @module
 */

/** One code of an enumeration. */
export interface EnumerationEntry {
  readonly code: string;
}

/** A simple type: an XSD built-in base restricted by facets. */
export interface SimpleTypeDescription {
  readonly base: 'string' | 'date' | 'decimal' | 'int';
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** XSD regular expression (implicitly anchored). */
  readonly pattern?: string;
  readonly minInclusive?: number;
  readonly maxInclusive?: number;
  readonly enumeration?: readonly EnumerationEntry[];
}

/** An attribute declaration. */
export interface AttributeDescription {
  readonly name: string;
  readonly use: 'required' | 'optional';
  readonly type: SimpleTypeDescription;
}

/** An element declaration: attributes, then a sequence of children, or simple text content. */
export interface ElementDescription {
  readonly name: string;
  readonly minOccurs: number;
  readonly maxOccurs: number | 'unbounded';
  readonly attributes: readonly AttributeDescription[];
  readonly children: readonly ElementDescription[];
  /** Simple content (e.g. `CodicePrestazione`): no attributes, no children. */
  readonly text?: SimpleTypeDescription;
}
