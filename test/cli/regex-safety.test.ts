/**
 * No regular expression in src/ may backtrack super-linearly on user text (seeds, configs,
 * package.json scripts, go.mod, responses): a user notices a hang. Two checks over every
 * pattern written in src/ (regex literals and `new RegExp('…')` with a literal):
 * - a safe-regex style static check: no quantified group that holds an unbounded
 *   quantifier (`(a+)*`, `(?:\s+--?[\w-]+)*`), the shape of exponential backtracking;
 * - every pattern runs on long adversarial inputs in a child process that must finish
 *   (a hang fails by the child's timeout, minutes away from the milliseconds it takes).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT, SPAWN_TIMEOUT_MS, tempDir } from '../helpers/tools.js';

type TypeScript = typeof import('typescript');
const ts = createRequire(import.meta.url)('typescript') as TypeScript;

interface Pattern {
  readonly where: string;
  readonly source: string;
  readonly flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every regex literal and `new RegExp(<string literal>, <flags>?)` in src/, with its file:line. */
function collectPatterns(): Pattern[] {
  const patterns: Pattern[] = [];
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: import('typescript').Node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: import('typescript').Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const literal = node.text;
        const end = literal.lastIndexOf('/');
        patterns.push({ where: where(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && node.expression.getText() === 'RegExp') {
        const [first, second] = node.arguments ?? [];
        if (first !== undefined && ts.isStringLiteralLike(first)) {
          patterns.push({ where: where(node), source: first.text, flags: second !== undefined && ts.isStringLiteralLike(second) ? second.text : '' });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return patterns;
}

/**
 * Where a pattern nests an unbounded quantifier inside a quantified group (star height
 * above 1), or undefined. Character classes and escapes are skipped; `?` and `{0,1}`
 * do not count as repeating; `{n}` and `{n,m}` repeat a bounded number of times, so only
 * `*`, `+` and `{n,}` make a group repeat without bound.
 */
export function nestedQuantifier(source: string): string | undefined {
  // For each open group: does it hold an unbounded quantifier?
  const stack: { start: number; unbounded: boolean }[] = [{ start: 0, unbounded: false }];
  /** Length of the quantifier at `at` and whether it repeats without bound (0: none). */
  const quantifier = (at: number): { length: number; unbounded: boolean; repeats: boolean } => {
    const char = source[at];
    if (char === '*' || char === '+') return { length: source[at + 1] === '?' || source[at + 1] === '+' ? 2 : 1, unbounded: true, repeats: true };
    if (char === '?') return { length: 1, unbounded: false, repeats: false };
    if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at, at + 20));
      if (match) {
        const unbounded = match[2] !== undefined && match[3] === '';
        const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
        return { length: match[0].length, unbounded, repeats: max > 1 };
      }
    }
    return { length: 0, unbounded: false, repeats: false };
  };
  for (let at = 0; at < source.length; ) {
    const char = source[at]!;
    let atomEnd: number;
    if (char === '\\') atomEnd = at + 2;
    else if (char === '[') {
      let end = at + 1;
      if (source[end] === '^') end++;
      if (source[end] === ']') end++;
      while (end < source.length && source[end] !== ']') end += source[end] === '\\' ? 2 : 1;
      atomEnd = end + 1;
    } else if (char === '(') {
      stack.push({ start: at, unbounded: false });
      at += 1;
      continue;
    } else if (char === ')') {
      const group = stack.pop()!;
      const after = quantifier(at + 1);
      if (after.repeats && group.unbounded) return `the group at ${group.start} (${source.slice(group.start, at + 1)}) repeats and holds an unbounded quantifier`;
      const parent = stack[stack.length - 1]!;
      parent.unbounded ||= group.unbounded || after.unbounded;
      at += 1 + after.length;
      continue;
    } else atomEnd = at + 1;
    const after = quantifier(atomEnd);
    if (after.unbounded) stack[stack.length - 1]!.unbounded = true;
    at = atomEnd + after.length;
  }
  return undefined;
}

/** Patterns the static check flags that are safe, each with why (the dynamic check still runs them). */
const REVIEWED: Readonly<Record<string, string>> = {
  // A GFM delimiter row: every repetition starts with `|`, which none of the quantifiers inside matches, so there is one way to split.
  '^ {0,3}\\|?[ \\t]*:?-+:?[ \\t]*(?:\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*\\r?$': 'each repetition starts with a `|` no inner quantifier matches',
  // A thematic break: each repetition ends with the marker character (`*`, `_` or `-`), which ` *` never matches.
  '^([*_-])(?: *\\1){2,} *$': 'each repetition ends with the marker, which ` *` never matches',
};

const PIECES = [' ', 'a', 'A', '0', '-', '--a', ' --a', ' -a', ' a', 'a ', '_', '.', 'a.', '/', 'a/', ':', '=', 'a=b ', ',', ', ', ';', '|', '\t', '\n', '\r\n', '\\', '"', "'", '`', '<', '>', '<!--', '&', '#', '*', '**', '~', '[', ']', '(', ')', '{', '}', '$', '!', '%', '@', '^', '+', '·', '。', '错误', '\u3000', '\u00a0', '\uFEFF'];

describe('regular expressions in src/ on user text', () => {
  const patterns = collectPatterns();

  it('finds the patterns (the scan itself works)', () => {
    expect(patterns.length).toBeGreaterThan(50);
    expect(patterns.some((pattern) => pattern.where.startsWith('src/init.ts:'))).toBe(true);
  });

  it('the static check flags nested quantifiers and nothing else', () => {
    expect(nestedQuantifier('(?:^|[;&|]\\s*|\\s)node(?:\\s+--?[\\w-]+(?:=\\S+)?)*\\s+[^\\s;&|]+\\.[cm]?ts(?:\\s|$)')).toMatch(/repeats and holds an unbounded quantifier/);
    expect(nestedQuantifier('(a+)+')).toBeDefined();
    expect(nestedQuantifier('(?:a|b*){2,}')).toBeDefined();
    expect(nestedQuantifier('(?:x(?:a+))*')).toBeDefined();
    expect(nestedQuantifier('(?:a+)?b')).toBeUndefined();
    expect(nestedQuantifier('(?:ab)*[+*(]+\\(+')).toBeUndefined();
    expect(nestedQuantifier('^(\\d+)(?:\\.(\\d+)){0,1}$')).toBeUndefined();
  });

  it('no pattern nests an unbounded quantifier in a repeated group (safe-regex style)', () => {
    const flagged = patterns
      .map((pattern) => ({ pattern, why: nestedQuantifier(pattern.source) }))
      .filter(({ pattern, why }) => why !== undefined && !Object.hasOwn(REVIEWED, pattern.source))
      .map(({ pattern, why }) => `${pattern.where}: /${pattern.source}/ — ${why}`);
    expect(flagged).toEqual([]);
  });

  it('every pattern finishes on long adversarial inputs (child process with a timeout)', { timeout: 300_000 }, () => {
    // Inputs: each piece repeated 3,000 times and ended by a character no pattern expects,
    // after each word the pattern itself spells (`node`, `module`, `source_url`).
    const runner = `
      const patterns = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      const pieces = ${JSON.stringify(PIECES)};
      let runs = 0;
      for (const { source, flags } of patterns) {
        const regex = new RegExp(source, flags.replace(/[gy]/g, ''));
        const words = ['', ...new Set((source.match(/[A-Za-z_]{3,}/g) || []).filter((word) => !/^[a-z]$/.test(word)))];
        for (const word of words.slice(0, 6)) for (const piece of pieces) {
          for (const input of [word + piece.repeat(3000) + '\\u0000', word + ' ' + piece.repeat(3000) + ' !', piece.repeat(3000) + word + '\\u0000']) {
            regex.test(input); input.replace(regex, ''); runs++;
          }
        }
      }
      process.stdout.write(String(runs));
    `;
    const file = join(tempDir(), 'run-patterns.cjs');
    writeFileSync(file, runner);
    const run = spawnSync(process.execPath, [file], { input: JSON.stringify(patterns), encoding: 'utf8', timeout: 4 * SPAWN_TIMEOUT_MS });
    expect(run.error?.message, run.stderr).toBeUndefined();
    expect(run.status, run.stderr).toBe(0);
    expect(Number(run.stdout)).toBeGreaterThan(patterns.length * PIECES.length);
  });
});

describe('init on a package.json script with many flags', () => {
  it('reads `node --a … --z src/main.ts` and 60 flags before a .js file without backtracking', async () => {
    const flags = Array.from({ length: 60 }, (_, index) => `--flag-${index}`).join(' ');
    for (const [start, style] of [[`node ${flags} src/main.ts`, 'union'], [`node ${flags} --x=1 dist/main.js`, undefined], [`node ${flags}`, undefined]] as const) {
      const dir = tempDir();
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'app', scripts: { start } }));
      const run = await runCli(['init'], dir);
      expect(run.code, run.stderr).toBe(0);
      const config = JSON.parse(readFileSync(join(dir, 'feishu-errcodes.config.json'), 'utf8')) as { typescript?: { style?: string } };
      expect(config.typescript?.style).toBe(style);
    }
  });
});
