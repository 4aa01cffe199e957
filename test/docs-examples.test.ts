/**
 * The README and docs/*.md cannot drift from the tool: every shell transcript in them runs
 * in a scratch project and must print what the page shows (see helpers/doc-examples.ts
 * for the placeholders). The README starts from an empty npm project; a docs page starts
 * from one that `init` set up, generated and committed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesOf, matches, runCommand, runStep, scratchProject, type Example } from './helpers/doc-examples.js';
import { ROOT } from './helpers/tools.js';

const pages = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).sort().map((name) => `docs/${name}`)];
const examplesByPage = new Map(pages.map((page) => [page, examplesOf(readFileSync(join(ROOT, page), 'utf8'), page)]));

describe('shell examples in the README and docs/', () => {
  it('the README shows the newcomer path as transcripts: install, init, generate, check, explain', () => {
    const commands = examplesByPage.get('README.md')!.flatMap((example) => example.steps.map((step) => step.command.replace(/\s+#.*$/, '')));
    for (const command of ['npx feishu-errcodes init', 'npm run generate', 'npm run check', 'npx feishu-errcodes explain 1002108']) expect(commands).toContain(command);
  });

  for (const page of pages) {
    const examples = examplesByPage.get(page)!;
    if (examples.length === 0) continue;
    // Every page runs many CLI steps on a project with the general page (549 codes) and Hire.
    it(`${page}: every transcript prints what the page shows`, () => {
      const failures = runPage(page, examples);
      expect(failures.join('\n\n')).toBe('');
    }, 240_000);
  }

  it('a transcript edited to show output the tool does not print fails the comparison', () => {
    const example = examplesByPage.get('README.md')!.find((candidate) => candidate.steps.some((step) => step.expected.some((line) => !line.includes('…'))))!;
    const step = example.steps.find((candidate) => candidate.expected.some((line) => !line.includes('…')))!;
    const at = step.expected.findIndex((line) => !line.includes('…'));
    // What the step prints is what the page shows, with its placeholders resolved; any edit of a literal line breaks the match.
    const printed = step.expected.filter((line) => line.trim() !== '…').map((line) => line.replace(/…/g, 'x'));
    expect(matches(step.expected, printed)).toBe(true);
    const edited = step.expected.map((line, index) => (index === at ? `${line} (edited)` : line));
    expect(matches(edited, printed)).toBe(false);
    expect(matches(step.expected.filter((_, index) => index !== at), printed)).toBe(false);
  });

  it('placeholders: … on its own line is any lines, inside a line any text; nothing else is loose', () => {
    expect(matches(['a', '…', 'z'], ['a', 'b', 'c', 'z'])).toBe(true);
    expect(matches(['a', '…', 'z'], ['a', 'z'])).toBe(true);
    expect(matches(['created … file(s)'], ['created 10 file(s)'])).toBe(true);
    expect(matches(['created … file(s)'], ['created 10 files'])).toBe(false);
    expect(matches(['a'], ['a', 'b'])).toBe(false);
    expect(matches(['a.b'], ['aXb'])).toBe(false);
  });
});

/** Runs a page's transcripts in order in one scratch project; returns one message per mismatch. */
function runPage(page: string, examples: readonly Example[]): string[] {
  const { dir, env, cleanup } = scratchProject();
  const failures: string[] = [];
  try {
    if (page !== 'README.md') {
      for (const command of ['feishu-errcodes init', 'feishu-errcodes generate', 'git add -A && git commit -qm "Add Feishu error codes"']) {
        const setup = runStep(command, dir, dir, env);
        if (setup.code !== 0) throw new Error(`set-up \`${command}\` failed:\n${setup.lines.join('\n')}`);
      }
    }
    const state = { cwd: dir };
    for (const example of examples) {
      if (example.notRun !== undefined) {
        console.warn(`${example.file}:${example.line}: transcript NOT RUN (${example.notRun})`);
        continue;
      }
      for (const step of example.steps) {
        const { lines, code } = runCommand(step.command, state, dir, env);
        if (!matches(step.expected, lines) || code !== step.exitCode) {
          failures.push(
            `${page}:${step.line}: \`$ ${step.command}\` printed (exit ${code}, expected ${step.exitCode}):\n${lines.map((line) => `  | ${line}`).join('\n')}\n` +
              `the page shows:\n${step.expected.map((line) => `  | ${line}`).join('\n')}`,
          );
        }
      }
    }
  } finally {
    cleanup();
  }
  return failures;
}
