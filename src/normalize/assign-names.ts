import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import type { LockedEntry } from './normalize-doc.js';
import { capWords, distinguishingWords, FUNCTION_WORDS, hasHan, isPlaceholderText, MAX_NAME_LENGTH } from './name-phrase.js';
import { docMemberName, isValidMemberName, RESERVED_MEMBER_NAMES, safeMemberName, toMemberName } from './names.js';
import type { Row } from './rows.js';
import type { Translation } from '../model.js';

export interface NamingOptions {
  /** Names (and last texts) held by the lock for this module, by code. */
  readonly locked: ReadonlyMap<number, LockedEntry>;
  /** Per-code names from the config; they win over the lock. */
  readonly overrides: ReadonlyMap<number, string>;
  readonly lockPath: string;
  readonly moduleId: string;
  /**
   * Derive names again: `true` every name the lock holds as derived (hand-picked ones stay,
   * see isHandPicked), `'all'` every name, ignoring the lock (config names still win).
   */
  readonly rename?: boolean | 'all';
  /** Texts of companion seeds: BCP 47 tag → code → texts; English ones name codes whose doc has no English. */
  readonly translations?: ReadonlyMap<string, ReadonlyMap<number, Translation>>;
  /** The file a code's messages go on (a module folder's page that lists it) (optional, default: the file passed). */
  readonly fileOf?: (code: number) => VFile;
}

/** Where a row's name came from, best first (see docs/naming.md). */
type Source = 'doc-name' | 'english' | 'glossary' | 'lock' | 'code';

interface Derived {
  readonly base: string;
  readonly source: Source;
}

/** Every code's member name, and the name the tool derived for it (the lock's `derived`). */
export interface AssignedNames {
  readonly names: Map<number, string>;
  readonly derived: Map<number, string>;
}

/**
 * A lock name the user chose: it differs from the name the tool recorded as derived. A
 * lock written before `derived` was recorded cannot tell the two apart, and a name that
 * differs from what today's rules derive may just be an older rule's (`TalentNotExist1002103`):
 * such entries count as derived, as `--rename` always treated them.
 */
export function isHandPicked(entry: LockedEntry): boolean {
  return entry.derived !== undefined && entry.derived !== entry.name;
}

/**
 * Names every code: config override first, then the lock (under `rename: true` only its
 * names chosen by hand, under `'all'` none), then derived from the row's best
 * text (the doc's own name, an English text, Chinese through the glossary, `Code<N>`).
 * Derived names that collide are told apart by the words in which their rows differ, and
 * only as a last resort by the code; codes of one range or list cell share their base by
 * design. Two chosen names that clash are an error naming the entry to edit.
 */
export function assignNames(
  codes: readonly number[],
  byCode: ReadonlyMap<number, readonly Row[]>,
  deprecated: readonly number[],
  file: VFile,
  options: NamingOptions,
): AssignedNames {
  const names = new Map<number, string>();
  const taken = new Map<string, number>();
  const derived: number[] = [];
  const all = [...codes, ...deprecated].sort((a, b) => a - b);
  const place = (code: number) => byCode.get(code)?.[0]?.start ?? { line: 1, column: 1 };
  const fileOf = (code: number) => options.fileOf?.(code) ?? file;
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
    const entry = options.rename === 'all' ? undefined : options.locked.get(code);
    if (entry === undefined || (options.rename === true && !isHandPicked(entry))) return undefined;
    return { name: entry.name, from: 'lock' };
  };
  const order = [...all.filter((code) => options.overrides.has(code)), ...all.filter((code) => !options.overrides.has(code))];
  for (const code of order) {
    const choice = chosen(code);
    if (choice === undefined) {
      derived.push(code);
      continue;
    }
    const entry = choice.from === 'config' ? configEntry(code) : lockEntry(code);
    if (!isValidMemberName(choice.name)) {
      report(
        fileOf(code),
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
        fileOf(code),
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
  }

  // New codes: a base name each, then collisions told apart.
  const english = [...(options.translations ?? [])].filter(([lang]) => /^en(-|$)/i.test(lang)).map(([, texts]) => texts);
  const baseOf = (code: number) => {
    const companion = english.flatMap((texts) => { const found = texts.get(code); return found ? [found] : []; });
    return deriveBase(code, byCode.get(code), options.locked.get(code), companion);
  };
  const bases = new Map<number, Derived>();
  for (const code of derived) bases.set(code, baseOf(code));
  const groups = new Map<string, number[]>();
  for (const code of derived.sort((a, b) => a - b)) {
    const { base } = bases.get(code)!;
    const group = groups.get(base);
    if (group) group.push(code);
    else groups.set(base, [code]);
  }
  const suffixed: { code: number; name: string; owner: number }[] = [];
  const take = (code: number, name: string) => {
    names.set(code, name);
    taken.set(name, code);
  };
  /** `base` + the code, with a counter in the odd case that is taken too. */
  const withCode = (base: string, code: number) => {
    let name = `${base}${code}`;
    for (let counter = 2; taken.has(name); counter++) name = `${base}${code}N${counter}`;
    return name;
  };
  for (const [base, group] of [...groups].sort(([, a], [, b]) => a[0]! - b[0]!)) {
    // Codes of one range or list cell (`95201—95209`): one unit, the base on its first code.
    const units = new Map<string, number[]>();
    for (const code of group) {
      const key = cellKey(code, byCode.get(code)?.[0]);
      const unit = units.get(key);
      if (unit) unit.push(code);
      else units.set(key, [code]);
    }
    const unitList = [...units.values()];
    const otherWords = new Map<number[], string[]>();
    for (const unit of unitList) otherWords.set(unit, differingTexts(byCode.get(unit[0]!)).flatMap(distinguishingWords));
    // The row whose message says least beyond the base keeps it bare (`Failed to create card
    // content.` over `Failed to create card content, ext=…`); among equals, the lowest code.
    const messageRest = (unit: number[]) => distinguishingWords(byCode.get(unit[0]!)?.[0]?.message ?? '').length;
    const holder = taken.has(base) ? undefined : unitList.reduce((best, unit) => (messageRest(unit) < messageRest(best) ? unit : best));
    const holderWords = new Set(
      (holder ? otherWords.get(holder)! : textsOfCode(taken.get(base), byCode, options.locked).flatMap(distinguishingWords)).map(lowerWord),
    );
    // Words most rows of the group share (`ext`, `ErrCode`) tell none apart.
    const shared = sharedWords(unitList.map((unit) => otherWords.get(unit)!));
    for (const unit of unitList) {
      const [first, ...siblings] = unit as [number, ...number[]];
      let name: string | undefined;
      if (unit === holder) name = base;
      else {
        const words = uniqueWords(otherWords.get(unit)!).filter(
          (word) => !holderWords.has(lowerWord(word)) && !shared.has(lowerWord(word)) && !base.toLowerCase().includes(lowerWord(word)),
        );
        name = qualified(base, words, taken);
        if (name === undefined) {
          name = withCode(base, first);
          suffixed.push({ code: first, name, owner: taken.get(base) ?? holder?.[0] ?? first });
        }
      }
      take(first, name);
      for (const sibling of siblings) take(sibling, withCode(name, sibling));
    }
  }

  for (const { code, name, owner } of suffixed) {
    report(
      fileOf(code),
      'warning',
      `Code ${code} would be named \`${bases.get(code)!.base}\` like code ${owner}, and their texts do not tell them apart; named \`${name}\`. To choose a better name, edit ${lockEntry(code)}`,
      place(code),
      'name-collision',
    );
  }
  const unnamed = derived.filter((code) => bases.get(code)!.source === 'code').sort((a, b) => a - b);
  if (unnamed.length > 0) {
    report(
      fileOf(unnamed[0]!),
      'warning',
      `${unnamed.length} code(s) have no English text and no glossary words to be named from, so they are named \`Code<N>\`: ${unnamed.join(', ')}. Choose names in modules["${options.moduleId}"].names in the config (or edit the names in ${options.lockPath})`,
      place(unnamed[0]!),
      'unnamed-code',
    );
  }
  // What the lock records as derived: the name just derived; for a name kept from the lock,
  // what the lock recorded (an old lock's name counts as derived); for a config name, what
  // the lock recorded, else the doc's base (so the name stays chosen if the config drops it).
  const derivedNames = new Map<number, string>();
  const derivedNow = new Set(derived);
  for (const code of all) {
    const entry = options.rename === 'all' ? undefined : options.locked.get(code);
    let name: string;
    if (derivedNow.has(code)) name = names.get(code)!;
    else if (options.overrides.has(code)) name = entry?.derived ?? baseOf(code).base;
    else name = entry!.derived ?? entry!.name;
    derivedNames.set(code, name);
  }
  return { names, derived: derivedNames };
}

/**
 * A row's name base from its best text: the doc's own name; an English text (message,
 * then description); Chinese (or mixed) text through the glossary; the suggestion; the
 * lock's last message for a deprecated code; `Code<N>`.
 */
function deriveBase(code: number, rows: readonly Row[] | undefined, locked: LockedEntry | undefined, companion: readonly Translation[]): Derived {
  const row = rows?.[0];
  if (row) {
    const doc = row.docName === undefined ? undefined : docMemberName(row.docName);
    if (doc !== undefined) return { base: doc, source: 'doc-name' };
    const usable = (text: string | undefined): text is string => text !== undefined && !isPlaceholderText(text);
    const texts = [row.message, row.description].filter(usable);
    // English first: the row's own, then a companion `<id>.en.md`'s.
    const english = [...texts, ...companion.flatMap((texts) => [texts.message, texts.description])].filter(usable).filter((text) => !hasHan(text));
    for (const text of english) {
      const name = toMemberName(text);
      if (name !== undefined) return { base: name, source: 'english' };
    }
    texts.push(...[row.suggestion].filter(usable));
    for (const text of texts.filter((text) => !hasHan(text))) {
      const name = toMemberName(text);
      if (name !== undefined) return { base: name, source: 'english' };
    }
    for (const text of texts.filter(hasHan)) {
      const name = toMemberName(text);
      if (name !== undefined) return { base: name, source: 'glossary' };
    }
  }
  const fromLock = locked === undefined ? undefined : toMemberName(locked.message);
  if (fromLock !== undefined) return { base: fromLock, source: 'lock' };
  return { base: `Code${code}`, source: 'code' };
}

/** Rows of one range or list cell share the cell's place (and section). */
function cellKey(code: number, row: Row | undefined): string {
  return row ? `${row.page ?? ''}:${row.start.line}:${row.start.column}:${row.section ?? ''}` : `code:${code}`;
}

/** The texts in which rows sharing a base may differ, in the order they are read for words. */
function differingTexts(rows: readonly Row[] | undefined): string[] {
  const row = rows?.[0];
  if (!row) return [];
  return [row.message, row.description, row.suggestion, row.section].filter((text): text is string => text !== undefined);
}

function textsOfCode(code: number | undefined, byCode: ReadonlyMap<number, readonly Row[]>, locked: ReadonlyMap<number, LockedEntry>): string[] {
  if (code === undefined) return [];
  const rows = byCode.get(code);
  if (rows) return differingTexts(rows);
  const entry = locked.get(code);
  return entry ? [entry.message, entry.description, entry.suggestion, entry.section].filter((text): text is string => text !== undefined) : [];
}

const lowerWord = (word: string) => word.toLowerCase();

function uniqueWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = lowerWord(word);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Words in more than half of the units' texts (only for three units or more). */
function sharedWords(units: readonly (readonly string[])[]): Set<string> {
  if (units.length < 3) return new Set();
  const counts = new Map<string, number>();
  for (const words of units) for (const word of new Set(words.map(lowerWord))) counts.set(word, (counts.get(word) ?? 0) + 1);
  return new Set([...counts].filter(([, count]) => count * 2 > units.length).map(([word]) => word));
}

/** `base` + the first one to three differing words that make a free name, or undefined. */
function qualified(base: string, differing: readonly string[], taken: ReadonlyMap<string, number>): string | undefined {
  // `not`/`no` belong to the word they negate: `Template`, `NotVisible`.
  const words: string[] = [];
  for (let index = 0; index < differing.length; index++) {
    const word = differing[index]!;
    const next = differing[index + 1];
    if (/^(not|no)$/i.test(word) && next !== undefined) {
      words.push(word + next);
      index++;
    } else words.push(word);
  }
  if (words.length === 0) return undefined;
  // One content word where it is enough, more where it is not; a little past the length
  // cap beats the code as a last resort.
  for (const maxLength of [MAX_NAME_LENGTH, MAX_NAME_LENGTH + 8]) {
    for (const count of [1, 2, 3]) {
      const tail = capWords(words, Math.max(maxLength - base.length, words[0]!.length), count);
      if (tail.every((word) => FUNCTION_WORDS.has(word.toLowerCase()))) continue;
      const name = safeMemberName(base + tail.join(''));
      if (name !== undefined && !taken.has(name) && isValidMemberName(name)) return name;
    }
  }
  return undefined;
}
