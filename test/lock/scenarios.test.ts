import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { hasBreaking } from '../../src/diff/changes.js';
import { compareSpecs } from '../../src/diff/compare.js';
import { renderJson } from '../../src/diff/render-json.js';
import { renderText } from '../../src/diff/render-text.js';
import { lint } from '../../src/lint.js';
import { generate } from '../../src/project.js';
import {
  goCheck, hasGo, makeProject, readTree, requireTools, ROOT, runCli, typecheck, validateCatalog, validateOpenApi,
} from '../helpers/tools.js';

/**
 * The name lock on copies of the Hire v1 seed: each scenario starts from a project that
 * was generated once (its lock committed), edits the doc, the lock or the config the way
 * a user or Feishu would, regenerates, and checks all four targets and `diff`.
 */
const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');
const LOCK = 'seeds/feishu-errcodes.lock.json';

function run(dir: string, prune = false) {
  const result = generate({ cwd: dir, prune });
  const errors = result.files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map(String));
  expect(errors).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

const base = makeProject({ 'hire-v1.md': seed });
run(base);

/** A copy of the generated base project, with the seed edited. */
function scenario(editSeed: (text: string) => string = (text) => text): string {
  const dir = makeProject({});
  cpSync(base, dir, { recursive: true });
  const path = join(dir, 'seeds/hire-v1.md');
  writeFileSync(path, editSeed(readFileSync(path, 'utf8')));
  return dir;
}

function editLock(dir: string, edit: (lock: any) => void): void {
  const path = join(dir, LOCK);
  const lock = JSON.parse(readFileSync(path, 'utf8'));
  edit(lock);
  writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
}

const reword = (text: string) => text.replace('| 1002102          | Talent not exist|', '| 1002102          | Talent does not exist|');
const removeInterview = (text: string) => text.replace(/^\| 1002801 .*\n/m, '');
const addCanceled = (text: string) => text.replace(/^(\| 1002801 .*\n)/m, '$1| 1002802 | Interview canceled | 面试已取消 | 检查面试状态 |\n');

interface Outputs {
  ts: string;
  go: string;
  json: { errors: { code: number; name: string; message: string; deprecated?: boolean }[] };
  openapi: any;
  lock: any;
}

function outputs(dir: string): Outputs {
  const file = (path: string) => readFileSync(join(dir, path), 'utf8');
  return {
    ts: file('generated/ts/hire-v1.ts'),
    go: file('generated/go/hire/errors.go'),
    json: JSON.parse(file('generated/json/hire-v1.json')),
    openapi: parseYaml(file('generated/openapi/hire-v1.yaml')),
    lock: JSON.parse(file(LOCK)),
  };
}

/** The name each target gives `code` (undefined where it is missing). */
function namesOf(out: Outputs, code: number) {
  const schema = out.openapi.components.schemas.HireErrorCode;
  const index = (schema.enum as number[]).indexOf(code);
  return {
    ts: new RegExp(`^  (\\w+) = ${code},$`, 'm').exec(out.ts)?.[1],
    go: new RegExp(`^const (\\w+) Code = ${code}$`, 'm').exec(out.go)?.[1],
    json: out.json.errors.find((entry) => entry.code === code)?.name,
    openapi: index === -1 ? undefined : [schema['x-enum-varnames'][index], schema['x-feishu-errors'][index].name].join('/'),
    lock: out.lock.modules['hire-v1'][String(code)]?.name,
  };
}

/** `diff <old> <new>` in process (the CLI's exit codes are tested where it matters). */
function diffOf(dir: string, oldSpec: string, newSpec: string, render = renderText) {
  const outcome = compareSpecs(oldSpec, newSpec, { cwd: dir });
  if (!outcome.ok) throw new Error('unexpected errors in the seeds');
  return { text: render(outcome.diff, { old: 'old', new: 'new' }), breaking: hasBreaking(outcome.diff) };
}

const everywhere = (name: string | undefined) => ({ ts: name, go: name, json: name, openapi: name === undefined ? undefined : `${name}/${name}`, lock: name });

describe('a reworded message', async () => {
  const dir = scenario(reword);
  const result = await runCli(['generate'], dir);

  it('keeps the name in all four targets and the lock, with the new text', () => {
    expect(result.code).toBe(0);
    const out = outputs(dir);
    expect(namesOf(out, 1002102)).toEqual(everywhere('TalentNotExist'));
    expect(out.json.errors.find((entry) => entry.code === 1002102)?.message).toBe('Talent does not exist');
    expect(out.lock.modules['hire-v1']['1002102'].message).toBe('Talent does not exist');
  });

  it('is summed up in one line by generate', () => {
    // Outside a git repository, without the `diff git:HEAD` hint (that command needs one); see test/cli/project-root.test.ts.
    expect(result.stdout).toContain('\ncode changes: no breaking change; 1 message changed\n');
  });

  it('shows in diff as a message change with a word diff, not breaking', async () => {
    const diff = await runCli(['diff', join(base, 'seeds'), 'seeds', '--fail-on', 'breaking'], dir);
    expect(diff.stderr).toBe('');
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain(': no breaking change; 1 message changed\n');
    expect(diff.stdout).toContain('\n            message  1002102  TalentNotExist  Talent {+does+} not exist\n');
  });
});

describe('a code removed from the doc', () => {
  const dir = scenario(removeInterview);
  run(dir);

  it('stays in all four targets as deprecated, with its last texts', () => {
    const out = outputs(dir);
    expect(namesOf(out, 1002801)).toEqual(everywhere('InterviewNotExist'));
    expect(out.ts).toMatch(/ \* @deprecated No longer listed in the doc; kept by the name lock\.\n {3}\*\/\n {2}InterviewNotExist = 1002801,/);
    expect(out.ts).toContain('[HireErrorCode.InterviewNotExist]: { code: HireErrorCode.InterviewNotExist, name: "InterviewNotExist", message: "Interview not exist"');
    expect(out.go).toMatch(/\/\/ Deprecated: no longer listed in the doc; kept by the name lock\.\nconst InterviewNotExist Code = 1002801\n/);
    expect(out.json.errors.find((entry) => entry.code === 1002801)).toMatchObject({ message: 'Interview not exist', deprecated: true });
    const schema = out.openapi.components.schemas.HireErrorCode;
    expect(schema['x-feishu-errors'].find((entry: { code: number }) => entry.code === 1002801)).toMatchObject({ message: 'Interview not exist', deprecated: true });
    expect(out.lock.modules['hire-v1']['1002801']).toEqual({ name: 'InterviewNotExist', derived: 'InterviewNotExist', message: 'Interview not exist', description: '面试不存在', suggestion: '检查面试 ID', deprecated: true });
  });

  it('is a warning that says how to drop it', () => {
    const messages = lint([], { cwd: dir }).files.flatMap((file) => file.messages.map((message) => message.reason));
    expect(messages).toContain(
      'Code 1002801 is no longer in the doc; kept as deprecated by the name lock (to drop it, delete modules["hire-v1"]["1002801"] from seeds/feishu-errcodes.lock.json, or run `generate --prune`)',
    );
  });

  it('shows in diff as deprecated, not breaking', () => {
    const diff = diffOf(dir, join(base, 'seeds'), 'seeds');
    expect(diff.breaking).toBe(false);
    expect(diff.text).toContain('\n            deprecated  1002801  InterviewNotExist  gone from the doc; kept by the name lock as deprecated\n');
  });

  it('goes with generate --prune: out of every target and the lock, a breaking removal for diff', async () => {
    const pruned = scenario(removeInterview);
    run(pruned);
    const result = await runCli(['generate', '--prune'], pruned);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('\ncode changes: 1 breaking change (1 code removed)\n');
    expect(namesOf(outputs(pruned), 1002801)).toEqual({ ts: undefined, go: undefined, json: undefined, openapi: undefined, lock: undefined });
    for (const text of Object.values(readTree(join(pruned, 'generated')))) expect(text).not.toContain('1002801');
    const diff = await runCli(['diff', join(base, 'seeds'), 'seeds', '--fail-on', 'breaking'], pruned);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain('\n  breaking  removed  1002801  InterviewNotExist  Interview not exist (gone from the doc, not kept by the name lock)\n');
  });
});

describe('a code removed from the middle of the doc', () => {
  const dir = scenario((text) => text.replace(/^\| 1002201 .*\n/m, ''));
  run(dir);

  it('keeps its place in code order in every target, as it had before', () => {
    const out = outputs(dir);
    const page = readFileSync(join(dir, 'generated/docs/hire-v1.md'), 'utf8');
    const docs = page.slice(page.indexOf('\n## Codes\n'), page.indexOf('\n## ', page.indexOf('\n## Codes\n') + 1));
    const order = {
      ts: [...out.ts.matchAll(/^ {2}\w+ = (\d+),$/gm)].map((match) => Number(match[1])),
      go: [...out.go.matchAll(/^const \w+ Code = (\d+)$/gm)].map((match) => Number(match[1])),
      json: out.json.errors.map((entry) => entry.code),
      openapi: out.openapi.components.schemas.HireErrorCode.enum as number[],
      docs: [...docs.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1])),
    };
    const before = outputs(base).json.errors.map((entry) => entry.code);
    expect(before).toContain(1002201);
    expect(before).toEqual([...before].sort((a, b) => a - b));
    for (const [target, codes] of Object.entries(order)) expect(codes, target).toEqual(before);
    expect(out.json.errors.find((entry) => entry.code === 1002201)).toMatchObject({ deprecated: true });
  });
});

describe('a code added to the doc', () => {
  const dir = scenario(addCanceled);
  run(dir);

  it('becomes a new member of every target and a new lock entry', () => {
    expect(namesOf(outputs(dir), 1002802)).toEqual(everywhere('InterviewCanceled'));
  });

  it('shows in diff as added, not breaking', () => {
    const diff = diffOf(dir, join(base, 'seeds'), 'seeds');
    expect(diff.breaking).toBe(false);
    expect(diff.text).toContain(': no breaking change; 1 code added\n');
    expect(diff.text).toContain('\n            added  1002802  InterviewCanceled  Interview canceled\n');
  });
});

describe('a name overridden by the user', () => {
  it('in the lock: every target uses it, the collision warning goes, diff calls it breaking', () => {
    const dir = scenario();
    editLock(dir, (lock) => (lock.modules['hire-v1']['1002103'].name = 'TalentAlreadyOnboard'));
    const result = run(dir);
    expect(namesOf(outputs(dir), 1002103)).toEqual(everywhere('TalentAlreadyOnboard'));
    for (const text of Object.values(readTree(join(dir, 'generated')))) expect(text).not.toContain('TalentNotExistEmployed');
    expect(result.files.flatMap((file) => file.messages).filter((message) => message.ruleId === 'name-collision')).toEqual([]);

    const diff = diffOf(dir, join(base, 'generated'), 'generated', renderJson);
    expect(diff.breaking).toBe(true);
    expect(JSON.parse(diff.text).modules[0].changes).toEqual([
      { kind: 'name-changed', breaking: true, code: 1002103, name: 'TalentAlreadyOnboard', before: 'TalentNotExistEmployed', after: 'TalentAlreadyOnboard' },
    ]);
  });

  it('in the config: wins over the lock in every target, and the lock records it', () => {
    const dir = scenario();
    editLock(dir, (lock) => (lock.modules['hire-v1']['1002103'].name = 'TalentAlreadyOnboard'));
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify({ modules: { 'hire-v1': { names: { '1002103': 'TalentOnboarded' } } } }));
    run(dir);
    expect(namesOf(outputs(dir), 1002103)).toEqual(everywhere('TalentOnboarded'));
  });

  it('that clashes with another name is an error naming the entry to edit', () => {
    const dir = scenario();
    editLock(dir, (lock) => (lock.modules['hire-v1']['1002103'].name = 'TalentNotExist'));
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify({ modules: { 'hire-v1': { names: { '1002002': 'SystemError' } } } }));
    const result = generate({ cwd: dir });
    expect(result.ok).toBe(false);
    expect(result.files.flatMap((file) => file.messages.filter((message) => message.fatal).map((message) => `${message.line}:${message.column} ${message.reason}`))).toEqual([
      '10:1 Name `SystemError` of code 1020001 is already the name of code 1002002 (from the config), expected one name per code; edit modules["hire-v1"]["1020001"].name in seeds/feishu-errcodes.lock.json',
      '14:1 Name `TalentNotExist` of code 1002103 is already the name of code 1002102 (from the lock), expected one name per code; edit modules["hire-v1"]["1002103"].name in seeds/feishu-errcodes.lock.json',
    ]);
  });

  it('that is invalid stops generate (exit 2) with the entry and its place, and writes nothing', async () => {
    const dir = scenario();
    editLock(dir, (lock) => (lock.modules['hire-v1']['1002103'].name = 'talent onboard'));
    const before = readTree(join(dir, 'generated'));
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'feishu-errcodes: invalid name lock (fix the entries, or delete one to derive its name from the doc again; schema: schema/names-lock.schema.json):\n' +
        '  seeds/feishu-errcodes.lock.json:28:9: modules["hire-v1"]["1002103"].name: expected a PascalCase identifier (A-Z first, then letters and digits), got "talent onboard"\n',
    );
    expect(readTree(join(dir, 'generated'))).toEqual(before);
  });
});

describe('names are stable', () => {
  // Everything at once: reworded, removed, added, renamed in the lock.
  const dir = scenario((text) => addCanceled(removeInterview(reword(text))));
  editLock(dir, (lock) => (lock.modules['hire-v1']['1002103'].name = 'TalentAlreadyOnboard'));
  run(dir);
  const tree = readTree(join(dir, 'generated'));
  const lock = readFileSync(join(dir, LOCK), 'utf8');

  it('deleting generated/ and regenerating gives byte-identical outputs and lock', () => {
    rmSync(join(dir, 'generated'), { recursive: true });
    run(dir);
    expect(readTree(join(dir, 'generated'))).toEqual(tree);
    expect(readFileSync(join(dir, LOCK), 'utf8')).toBe(lock);
  });

  it('a fresh derivation (no lock) gives the same names on the same doc, collisions included', () => {
    const fresh = makeProject({ 'hire-v1.md': seed });
    run(fresh);
    expect(readFileSync(join(fresh, LOCK), 'utf8')).toBe(readFileSync(join(base, LOCK), 'utf8'));
    expect(namesOf(outputs(fresh), 1002103)).toEqual(everywhere('TalentNotExistEmployed'));
  });

  it('the outputs of the combined scenario compile and validate', async () => {
    expect(typecheck(join(dir, 'generated/ts'))).toBe('');
    expect(validateCatalog(tree['json/hire-v1.json']!)).toBe('');
    expect(await validateOpenApi(tree['openapi/hire-v1.yaml']!)).toBe('');
  });

  it.skipIf(!hasGo && !requireTools)('the Go package of the combined scenario is gofmt- and go vet-clean', () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    expect(goCheck(join(dir, 'generated/go'))).toBe('');
  });
});

describe('the lock file', () => {
  it("carries a $schema that resolves once feishu-errcodes is installed, and validates against it", () => {
    const lock = JSON.parse(readFileSync(join(base, LOCK), 'utf8'));
    expect(lock.$schema).toBe('../node_modules/feishu-errcodes/schema/names-lock.schema.json');
    const dir = makeProject({});
    cpSync(base, dir, { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/feishu-errcodes'), 'dir');
    const schema = JSON.parse(readFileSync(resolve(dirname(join(dir, LOCK)), lock.$schema), 'utf8'));
    const validate = new Ajv2020({ strict: true }).compile(schema);
    expect(validate(lock), JSON.stringify(validate.errors)).toBe(true);
  });
});
