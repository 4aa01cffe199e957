/**
 * What `generate` prints of its diagnostics: every error in full, one summary line of the
 * warnings by rule, every message with --verbose; no line padded. The config's `rules`
 * set a rule's severity (off, info, warning, error).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, ROOT, runCli } from '../helpers/tools.js';

const GENERIC = readFileSync(join(ROOT, 'test/fixtures/feishu-generic-error-code-pipe/input.md'));
const seeds = { 'generic.md': GENERIC };
const line = /^seeds\/generic\.md:\d+:\d+ (error|warning|info) .+ [a-z]+(-[a-z]+)*$/;

describe('generate on the general error page (549 codes, 37 warnings)', async () => {
  const dir = makeProject(seeds);
  const result = await runCli(['generate'], dir);

  it('prints one line of diagnostics: the warnings counted by rule, and where to see them', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('37 warnings: 33 name-collision, 4 duplicate-code; run `feishu-errcodes lint` to see them\n');
  });

  it('prints every diagnostic with --verbose, one unpadded line each as lint does', async () => {
    const project = makeProject(seeds);
    const verbose = await runCli(['generate', '--verbose', '--full'], project);
    const [root, ...lines] = verbose.stderr.trimEnd().split('\n');
    // First, which project root was chosen and why.
    expect(root).toBe(`feishu-errcodes: no project root found in ${project} or above it: no feishu-errcodes.config.json, nor package.json beside seeds/; running in ${project}`);
    expect(lines.at(-1)).toMatch(/^37 warnings, \d+ info$/);
    for (const text of lines.slice(0, -1)) {
      expect(text).toMatch(line);
      expect(text).toBe(text.trim());
    }
    expect(lines.filter((text) => text.includes(' warning '))).toHaveLength(37);
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
    const dir = makeProject(seeds, config({ 'name-collision': 'off', 'duplicate-code': 'info' }));
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(0);
    expect(generate.stderr).toBe('');
    const lint = await runCli(['lint'], makeProject(seeds, config({ 'name-collision': 'off' })));
    expect(lint.stdout).not.toContain('name-collision');
    expect(lint.stdout).toContain(' warning ');
  });

  it('"error" makes a warning stop generate, printed in full, and writes nothing', async () => {
    const dir = makeProject(seeds, config({ 'duplicate-code': 'error' }));
    const generate = await runCli(['generate'], dir);
    expect(generate.code).toBe(2);
    const lines = generate.stderr.trimEnd().split('\n');
    expect(lines.filter((text) => / error Code \d+ is listed 2 times .* duplicate-code$/.test(text))).toHaveLength(4);
    expect(lines.at(-2)).toBe('33 warnings: 33 name-collision; run `feishu-errcodes lint` to see them');
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
