/**
 * What `generate` prints of its diagnostics: every error in full, one summary line of the
 * warnings and infos by rule, every message with --verbose; no line padded. What Feishu's
 * own page does and the tool resolves (name collisions, repeated codes) is an info, not a
 * warning. The config's `rules` set a rule's severity (off, info, warning, error).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, ROOT, runCli } from '../helpers/tools.js';

const GENERIC = readFileSync(join(ROOT, 'test/fixtures/feishu-generic-error-code-pipe/input.md'));
const seeds = { 'generic.md': GENERIC };
const line = /^seeds\/generic\.md:\d+:\d+ (error|warning|info) .+ [a-z]+(-[a-z]+)*$/;

describe('generate on the general error page (549 codes, 37 infos of what the page does)', async () => {
  const dir = makeProject(seeds);
  const result = await runCli(['generate'], dir);

  it('prints no warning: the infos are counted by rule on the summary line, with where to see them', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(
      'feishu-errcodes: 1 module(s), 549 code(s): 16 file(s) written, 0 removed, 0 unchanged; 39 info: 33 name-collision, 4 duplicate-code, 1 typo, 1 unknown-category (`feishu-errcodes lint` lists them).',
    );
  });

  it('prints every diagnostic with --verbose, one unpadded line each as lint does', async () => {
    const project = makeProject(seeds);
    const verbose = await runCli(['generate', '--verbose', '--full'], project);
    const [root, ...lines] = verbose.stderr.trimEnd().split('\n');
    // First, which project root was chosen and why.
    expect(root).toBe(`feishu-errcodes: no project root found in ${project} or above it: no feishu-errcodes.config.json, nor package.json beside seeds/; running in ${project}`);
    expect(lines.at(-1)).toMatch(/^0 warnings, \d+ info$/);
    for (const text of lines.slice(0, -1)) {
      expect(text).toMatch(line);
      expect(text).toBe(text.trim());
    }
    expect(lines.filter((text) => text.includes(' warning '))).toHaveLength(0);
    expect(lines.filter((text) => / info .* (name-collision|duplicate-code)$/.test(text))).toHaveLength(37);
  });

  it('lint still prints every diagnostic; the names the first run locked are no collision any more', async () => {
    const lint = await runCli(['lint'], dir);
    expect(lint.code).toBe(0);
    expect(lint.stdout).not.toContain('name-collision');
    const fresh = await runCli(['lint'], makeProject(seeds));
    expect(fresh.stdout.split('\n').filter((text) => text.endsWith(' name-collision'))).toHaveLength(33);
  });
});

describe('rules in the config', () => {
  const config = (rules: unknown) => ({ 'feishu-errcodes.config.json': JSON.stringify({ rules }) });

  it('"off" silences a rule in generate and lint', async () => {
    const dir = makeProject(seeds, config({ 'name-collision': 'off' }));
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(0);
    expect(generate.stderr).toBe('');
    expect(generate.stdout).toContain(' info: 4 duplicate-code');
    expect(generate.stdout).not.toContain('name-collision');
    const lint = await runCli(['lint'], makeProject(seeds, config({ 'name-collision': 'off' })));
    expect(lint.stdout).not.toContain('name-collision');
    expect(lint.stdout).toMatch(/ info Code \d+ is listed 2 times .* duplicate-code$/m);
  });

  it('"warning" raises an info rule again: one line counts the warnings, then the infos', async () => {
    const dir = makeProject(seeds, config({ 'duplicate-code': 'warning' }));
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(0);
    expect(generate.stderr).toBe('4 warnings: 4 duplicate-code; 35 info: 33 name-collision, 1 typo, 1 unknown-category; run `feishu-errcodes lint` to see them\n');
  });

  it('"error" makes a warning stop generate, printed in full, and writes nothing', async () => {
    const dir = makeProject(seeds, config({ 'duplicate-code': 'error' }));
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(2);
    const lines = generate.stderr.trimEnd().split('\n');
    expect(lines.filter((text) => / error Code \d+ is listed 2 times .* duplicate-code$/.test(text))).toHaveLength(4);
    // The name collisions are infos: no line counts warnings.
    expect(lines.at(-2)).toMatch(/ error Code \d+ is listed 2 times .* duplicate-code$/);
    expect(lines.at(-1)).toBe('feishu-errcodes: errors in the seeds (above); nothing was written.');
  });

  it('an error stays an error', async () => {
    const dir = makeProject({ 'x.md': '| code | message |\n| --- | --- |\n' }, config({ 'no-usable-row': 'off' }));
    expect((await runCli(['generate'], dir)).code).toBe(2);
  });

  it('an unknown severity is a config error that lists the allowed values', async () => {
    const dir = makeProject(seeds, config({ 'name-collision': 'loud' }));
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(2);
    expect(generate.stderr).toBe(
      'feishu-errcodes: feishu-errcodes.config.json: invalid config: `rules["name-collision"]` is "loud"; allowed values: "off", "info", "warning", "error"\n',
    );
  });
});
