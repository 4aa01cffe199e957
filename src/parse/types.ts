import type { Point } from 'unist';
import type { CellLink } from './cell-text.js';

/** One cell as the doc has it, reduced to plain text, with where it starts. */
export interface RawCell {
  readonly text: string;
  readonly links: readonly CellLink[];
  readonly start: Point;
}

export interface RawRow {
  /** Cells in header order; a short row is padded with empty cells. */
  readonly cells: readonly RawCell[];
  /** Cells past the header's count (the `==标记==` noise). */
  readonly extra: readonly RawCell[];
  /** How many cells the row really had, before padding. */
  readonly cellCount: number;
  readonly start: Point;
}

export interface RawTable {
  readonly header: readonly RawCell[];
  readonly rows: readonly RawRow[];
  /** The nearest heading above the table. */
  readonly heading?: string;
  readonly start: Point;
  readonly syntax: 'pipe' | 'html';
}

export interface FrontMatter {
  readonly title?: string;
  readonly sourceUrl?: string;
}

/** A seed doc after parsing: every table of the doc, error table or not. */
export interface ParsedDoc {
  readonly frontMatter: FrontMatter;
  readonly docUpdated?: string;
  readonly firstHeading?: string;
  readonly tables: readonly RawTable[];
}
