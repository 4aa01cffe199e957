import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { EntryTexts, ErrorEntry, ErrorVariant } from '../model.js';
import type { ParsedDoc } from '../parse/types.js';
import { isValidMemberName, RESERVED_MEMBER_NAMES, toMemberName } from './names.js';
import { readRows, type Row } from './rows.js';
import { MAX_LISTED_LINES } from '../limits.js';

/**
 * What the name lock remembers of one code: its name and last texts (`deprecated` is
 * written by generate when the doc no longer lists the code; informational only).
 */
export type LockedEntry = EntryTexts;

export interface NormalizeOptions {
  /** Typo dictionary, lower-case word → correction. */
  readonly typos: Readonly<Record<string, string>>;
  /** Names (and last texts) held by the lock for this module, by code. */
  readonly locked: ReadonlyMap<number, LockedEntry>;
  /** Per-code names from the config; they win over the lock. */
  readonly overrides: ReadonlyMap<number, string>;
  /** Where the lock lives, for messages that tell the user what to edit. */
  readonly lockPath: string;
  readonly moduleId: string;
  /** Drop codes the doc no longer lists instead of keeping them as deprecated. */
  readonly prune: boolean;
}

/**
 * Turns a parsed doc into sorted entries: one per code, with the other meanings of a
 * repeated code as variants, names from the lock or derived, and a diagnostic on `file`
 * for everything changed or doubted.
 */
export function normalizeDoc(doc: ParsedDoc, file: VFile, options: NormalizeOptions): ErrorEntry[] {
  const rows = readRows(doc, file, options);
  return rows ? mergeAndName(rows, file, options) : [];
}

function mergeAndName(rows: readonly Row[], file: VFile, options: NormalizeOptions): ErrorEntry[] {
  const byCode = new Map<number, Row[]>();
  for (const row of rows) {
    const list = byCode.get(row.code);
    if (list) list.push(row);
    else byCode.set(row.code, [row]);
  }
  const codes = [...byCode.keys()].sort((a, b) => a - b);

  // Deprecated codes: held by the lock, gone from the doc.
  const deprecated = options.prune
    ? []
    : [...options.locked.keys()].filter((code) => !byCode.has(code)).sort((a, b) => a - b);
  for (const code of deprecated) {
    report(
      file,
      'warning',
      `Code ${code} is no longer in the doc; kept as deprecated by the name lock (to drop it, delete modules["${options.moduleId}"]["${code}"] from ${options.lockPath}, or run \`generate --prune\`)`,
      { line: 1, column: 1 },
      'removed-code',
    );
  }

  const names = assignNames(codes, byCode, deprecated, file, options);
  const entries: ErrorEntry[] = [];
  for (const code of codes) {
    const [first, ...others] = byCode.get(code)!;
    const variants: ErrorVariant[] = [];
    const seen = new Set([variantKey(first!)]);
    for (const other of others) {
      const key = variantKey(other);
      if (seen.has(key)) continue;
      seen.add(key);
      variants.push(
        clean({
          message: other.message,
          description: other.description,
          suggestion: other.suggestion,
          section: other.section,
          httpStatus: other.httpStatus,
        }),
      );
    }
    if (others.length > 0) {
      const all = [first!, ...others];
      const lines =
        all.slice(0, MAX_LISTED_LINES).map((row) => row.start.line).join(', ') + (all.length > MAX_LISTED_LINES ? `, … (${all.length - MAX_LISTED_LINES} more)` : '');
      if (variants.length > 0) {
        report(
          file,
          'warning',
          `Code ${code} is listed ${others.length + 1} times with different texts (lines ${lines}); kept as one entry with ${variants.length} variant(s)`,
          first!.start,
          'duplicate-code',
        );
      } else {
        report(file, 'info', `Code ${code} is listed ${others.length + 1} times with the same texts (lines ${lines}); merged`, first!.start, 'duplicate-code');
      }
    }
    const normalizations = dedupe([first!, ...others].flatMap((row) => row.normalizations));
    const links = dedupe([first!, ...others].flatMap((row) => row.links));
    entries.push(
      clean({
        code,
        name: names.get(code)!,
        message: first!.message,
        description: first!.description,
        suggestion: first!.suggestion,
        httpStatus: first!.httpStatus,
        section: first!.section,
        variants: variants.length ? variants : undefined,
        normalizations: normalizations.length ? normalizations : undefined,
        links: links.length ? links : undefined,
      }),
    );
  }
  for (const code of deprecated) {
    const locked = options.locked.get(code)!;
    entries.push(
      clean({
        code,
        name: names.get(code)!,
        message: locked.message,
        description: locked.description,
        suggestion: locked.suggestion,
        httpStatus: locked.httpStatus,
        section: locked.section,
        deprecated: true,
      }),
    );
  }
  return entries.sort((a, b) => a.code - b.code);
}

/**
 * Names every code: config override first, then the lock, then derived from the doc's
 * own name, the message, the description, or `Code<code>`. A derived name that is taken
 * goes to the higher code with its code as a suffix; two chosen names that clash are an
 * error naming the entry to edit, never a silent rename.
 */
function assignNames(
  codes: readonly number[],
  byCode: ReadonlyMap<number, Row[]>,
  deprecated: readonly number[],
  file: VFile,
  options: NormalizeOptions,
): Map<number, string> {
  const names = new Map<number, string>();
  const taken = new Map<string, number>();
  const derived: number[] = [];
  const all = [...codes, ...deprecated].sort((a, b) => a - b);
  const place = (code: number) => byCode.get(code)?.[0]?.start ?? { line: 1, column: 1 };
  const lockEntry = (code: number) => `modules["${options.moduleId}"]["${code}"].name in ${options.lockPath}`;
  const configEntry = (code: number) => `modules["${options.moduleId}"].names["${code}"] in the config`;

  for (const code of options.overrides.keys()) {
    if (!byCode.has(code) && !deprecated.includes(code)) {
      report(file, 'warning', `Config names code ${code}, which neither the doc nor the name lock has; remove ${configEntry(code)}`, { line: 1, column: 1 }, 'unknown-code-name');
    }
  }
  // Overrides win over the lock, so they take their names first.
  const chosen = (code: number): { name: string; from: 'config' | 'lock' } | undefined => {
    const override = options.overrides.get(code);
    if (override !== undefined) return { name: override, from: 'config' };
    const locked = options.locked.get(code)?.name;
    return locked === undefined ? undefined : { name: locked, from: 'lock' };
  };
  const order = [...all.filter((code) => options.overrides.has(code)), ...all.filter((code) => !options.overrides.has(code))];
  // Locked names that a collision made (`TalentNotExist1002103`): still worth a warning.
  const collisionNames = new Map<number, string>();
  for (const code of order) {
    const choice = chosen(code);
    if (choice === undefined) {
      derived.push(code);
      continue;
    }
    const entry = choice.from === 'config' ? configEntry(code) : lockEntry(code);
    if (!isValidMemberName(choice.name)) {
      report(
        file,
        'error',
        `Unexpected name \`${choice.name}\` for code ${code}, expected a PascalCase identifier (A-Z first, then letters and digits) that is not one of ${[...RESERVED_MEMBER_NAMES].join(', ')}; fix ${entry}`,
        place(code),
        'invalid-name',
      );
      derived.push(code);
      continue;
    }
    const owner = taken.get(choice.name);
    if (owner !== undefined) {
      const ownerFrom = chosen(owner)!.from === 'config' ? 'the config' : 'the lock';
      report(
        file,
        'error',
        `Name \`${choice.name}\` of code ${code} is already the name of code ${owner} (from ${ownerFrom}), expected one name per code; edit ${entry}`,
        place(code),
        'name-conflict',
      );
      derived.push(code);
      continue;
    }
    names.set(code, choice.name);
    taken.set(choice.name, code);
    if (choice.from === 'lock') collisionNames.set(code, choice.name);
  }
  for (const [code, name] of collisionNames) {
    const row = byCode.get(code)?.[0];
    const base = row && (toMemberName(row.docName ?? '') ?? toMemberName(row.message));
    const owner = base === undefined ? undefined : taken.get(base);
    if (base === undefined || name !== `${base}${code}` || owner === undefined || owner === code) continue;
    report(
      file,
      'warning',
      `Code ${code} is named \`${name}\` because code ${owner} has the same message; to choose a better name, edit ${lockEntry(code)}`,
      row?.start ?? { line: 1, column: 1 },
      'name-collision',
    );
  }
  for (const code of derived.sort((a, b) => a - b)) {
    const row = byCode.get(code)?.[0];
    const locked = options.locked.get(code);
    const base =
      (row && (toMemberName(row.docName ?? '') ?? toMemberName(row.message) ?? toMemberName(row.description ?? ''))) ??
      (locked && toMemberName(locked.message)) ??
      `Code${code}`;
    let name = base;
    const owner = taken.get(name);
    if (owner !== undefined) {
      // `TalentNotExist1002103`; in the odd case that is taken too, a counter follows.
      name = `${base}${code}`;
      for (let counter = 2; taken.has(name); counter++) name = `${base}${code}N${counter}`;
      report(
        file,
        'warning',
        `Code ${code} would be named \`${base}\` like code ${owner}; named \`${name}\` instead. To choose a better name, edit ${lockEntry(code)}`,
        row?.start ?? { line: 1, column: 1 },
        'name-collision',
      );
    }
    names.set(code, name);
    taken.set(name, code);
  }
  return names;
}

function variantKey(row: Row): string {
  return JSON.stringify([row.message, row.description ?? '', row.suggestion ?? '', row.httpStatus ?? 0, row.section ?? '']);
}

function dedupe<T>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = JSON.stringify(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Drops undefined fields so JSON output and equality stay clean. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
