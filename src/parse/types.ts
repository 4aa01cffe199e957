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
  /** `lang:`, the page's BCP 47 language tag; a companion seed may give it (optional). */
  readonly lang?: string;
  /** `fullPath:` of Feishu's doc site: the page URL is `https://open.feishu.cn/document` + it. */
  readonly fullPath?: string;
  /** `endpoint: "POST /open-apis/im/v1/messages"`: overrides the request table's endpoint. */
  readonly endpoint?: string;
}

/** The endpoint an API reference page declares in its request table (`HTTP URL`, `HTTP Method`). */
export interface DocEndpoint {
  /** Upper case: `GET`, `POST`, … */
  readonly method: string;
  /** The path template after the host, `:param` segments kept, no query: `/open-apis/im/v1/messages/:message_id`. */
  readonly path: string;
  /** Where the `HTTP URL` row (or the front matter key) is, for diagnostics. */
  readonly start: Point;
}

/**
 * A line outside every table that is written like a table row (`| 1001 | … |`): a blank
 * line or another block ended the table above it, or the table lacks its `---` row. Kept
 * so that normalize can explain a row it could not take instead of losing it silently.
 */
export interface StrayRow {
  /** The line's cells, split on unescaped pipes, trimmed. */
  readonly cells: readonly string[];
  readonly start: Point;
}

/** A seed doc after parsing: every table of the doc, error table or not. */
export interface ParsedDoc {
  readonly frontMatter: FrontMatter;
  readonly docUpdated?: string;
  readonly firstHeading?: string;
  readonly tables: readonly RawTable[];
  /** Table-like lines outside every table, in document order. */
  readonly strayRows: readonly StrayRow[];
  /** The request table's endpoint (or the front matter's `endpoint`), for API reference pages. */
  readonly endpoint?: DocEndpoint;
  /** The request table's `接口频率限制` row, parsed (see model.ts RateLimit). */
  readonly rateLimit?: import('../model.js').RateLimit;
  /** The doc passed a limit (src/limits.ts): reported as an error, nothing else was read. */
  readonly stopped?: boolean;
}
