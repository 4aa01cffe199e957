/**
 * Module ids and names that would make an unsafe path or identifier are made safe, or
 * rejected with a clear error.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog, generate, moduleIdOf, resolveConfig } from '../../src/index.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { goCheck, hasGo, makeProject, readTree, requireTools, runCli, typecheck } from '../helpers/tools.js';
import { readBackGo, readBackJson, readBackTs } from './read-back.js';

/** A doc with one code per message; `_` escaped, so `__proto__` is not bold `proto`. */
const doc = (messages: readonly string[]) =>
  `| code | message | 说明 |\n| --- | --- | --- |\n${messages.map((message, index) => `| ${1001 + index} | ${message.replace(/_/g, '\\_')} | 说明 ${index} |`).join('\n')}\n`;

describe('module ids from seed file names', () => {
  it.each([
    ['../x.md', 'x'],
    ['a/../../b.md', 'b'],
    ['Hire V1.md', 'hire-v1'],
    ['.hidden.md', 'hidden'],
    ['--lead-and-trail--.md', 'lead-and-trail'],
    ['x\ny.md', 'x-y'],
  ])('%j → %j: a single safe path segment', (path, id) => {
    expect(moduleIdOf(path)).toBe(id);
  });

  it.each([
    ['..md', 'Unexpected seed file name without ASCII letters or digits, expected a name such as `hire-v1.md` (it names the generated files); rename the file module-id'],
    ['错误码.md', 'Unexpected seed file name without ASCII letters or digits, expected a name such as `hire-v1.md` (it names the generated files); rename the file module-id'],
    ['index.md', 'Unexpected seed name `index.md`: its outputs would overwrite the generated ts/index.ts; rename the file module-id'],
    ['Catalog.md', 'Unexpected seed name `catalog.md`: its outputs would overwrite the generated json/catalog.json; rename the file module-id'],
    ['feishu-error.md', 'Unexpected seed name `feishu-error.md`: its outputs would overwrite the generated ts/feishu-error.ts; rename the file module-id'],
  ])('%j is rejected with an error that says what to do', (name, message) => {
    const { catalog, files } = buildCatalog([{ path: `seeds/${name}`, bytes: new TextEncoder().encode(doc(['One'])) }], {
      config: resolveConfig({}),
      lock: EMPTY_LOCK,
      lockPath: 'seeds/feishu-errcodes.lock.json',
    });
    expect(catalog).toBeUndefined();
    expect(files.flatMap((file) => file.messages.map((m) => `${m.fatal ? 'error' : 'warning'} ${m.reason} ${m.ruleId}`))).toEqual([`error ${message}`]);
  });
});

describe('two seeds whose names would clash', () => {
  const build = (names: readonly string[], config = {}) =>
    buildCatalog(
      names.map((name) => ({ path: `seeds/${name}`, bytes: new TextEncoder().encode(doc(['One'])) })),
      { config: resolveConfig(config), lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' },
    );
  const errors = (files: readonly { path: string; messages: { fatal?: boolean | null; reason: string; ruleId?: string | null }[] }[]) =>
    files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => `${file.path}: ${message.reason} ${message.ruleId}`));

  it('the same module id from two file names: an error on the second, naming the first', () => {
    const { catalog, files } = build(['Hire V1.md', 'hire-v1.md']);
    expect(catalog).toBeUndefined();
    expect(errors(files)).toEqual(['seeds/hire-v1.md: Module id `hire-v1` is already taken by seeds/Hire V1.md; rename one of the two files module-id']);
  });

  it('the same Go package only: an error that names the config key, settled by setting it', () => {
    const { catalog, files } = build(['a-b.md', 'ab.md']);
    expect(catalog).toBeUndefined();
    expect(errors(files)).toEqual(['seeds: Modules a-b and ab would both be Go package `ab`; set modules["ab"].goPackage in the config go-package-collision']);
    const settled = build(['a-b.md', 'ab.md'], { modules: { ab: { goPackage: 'abcodes' } } });
    expect(errors(settled.files)).toEqual([]);
    expect(settled.catalog!.modules.map((module) => module.goPackage)).toEqual(['ab', 'abcodes']);
  });

  it('two versions of one API (hire-v1, hire-v2): the TS type and the Go package, each with its key', () => {
    const { catalog, files } = build(['hire-v1.md', 'hire-v2.md']);
    expect(catalog).toBeUndefined();
    expect(errors(files)).toEqual([
      'seeds: Modules hire-v1 and hire-v2 would both be Go package `hire`; set modules["hire-v2"].goPackage in the config go-package-collision',
      'seeds: Modules hire-v1 and hire-v2 would both be named `HireErrorCode`; set modules["hire-v2"].typeName in the config type-name-collision',
    ]);
    const settled = build(['hire-v1.md', 'hire-v2.md'], { modules: { 'hire-v2': { typeName: 'HireV2ErrorCode', goPackage: 'hirev2' } } });
    expect(errors(settled.files)).toEqual([]);
  });

  it('stop generate with exit 2 and the message, writing nothing', async () => {
    const dir = makeProject({ 'hire-v1.md': doc(['One']), 'hire-v2.md': doc(['Two']) });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Modules hire-v1 and hire-v2 would both be Go package `hire`; set modules["hire-v2"].goPackage in the config');
    expect(Object.keys(readTree(dir))).toEqual(['seeds/hire-v1.md', 'seeds/hire-v2.md']);
  });
});

describe('keywords, reserved words and digits as module ids and messages', () => {
  // Messages that are keywords, reserved or global names, start with a digit, or hold no ASCII letter.
  const MESSAGES = [
    'default', 'type', 'func', '404 not found', '参数错误', 'Code', 'Lookup', 'constructor', '__proto__',
    'toString', 'hasOwnProperty', 'NaN', 'Infinity', 'String', 'init', 'Known', 'Codes', '',
  ];
  const SEEDS = ['default.md', 'type.md', 'func.md', '1abc.md', 'go.md', 'package.md', 'string.md', 'constructor.md', 'a.b.md'];
  const dir = makeProject(Object.fromEntries(SEEDS.map((name) => [name, doc(MESSAGES)])));
  const result = generate({ cwd: dir });
  const out = join(dir, 'generated');

  it('gives every module a type name and a Go package that are safe', () => {
    expect(result.ok).toBe(true);
    expect(result.catalog!.modules.map((module) => [module.id, module.typeName, module.goPackage])).toEqual([
      ['1abc', 'M1abcErrorCode', 'm1abc'],
      ['a.b', 'ABErrorCode', 'ab'],
      ['constructor', 'ConstructorErrorCode', 'constructor'],
      ['default', 'DefaultErrorCode', 'defaultcodes'],
      ['func', 'FuncErrorCode', 'funccodes'],
      ['go', 'GoErrorCode', 'gocodes'],
      ['package', 'PackageErrorCode', 'packagecodes'],
      ['string', 'StringErrorCode', 'stringcodes'],
      ['type', 'TypeErrorCode', 'typecodes'],
    ]);
    expect(Object.keys(readTree(out)).filter((path) => path.startsWith('ts/')).sort()).toEqual(
      ['ts/1abc.ts', 'ts/a.b.ts', 'ts/constructor.ts', 'ts/default.ts', 'ts/feishu-error.ts', 'ts/func.ts', 'ts/go.ts', 'ts/index.ts', 'ts/package.ts', 'ts/string.ts', 'ts/type.ts'],
    );
  });

  it('gives every code a member name that is an identifier in TS and Go, and keeps the text as written (参数错误 through the glossary)', () => {
    const entries = result.catalog!.modules[0]!.entries;
    expect(entries.map((entry) => entry.name)).toEqual([
      'Default', 'Type', 'Func', 'E404NotFound', 'ParamError', 'CodeError', 'LookupError', 'Constructor', 'Proto',
      'ToString', 'HasOwnProperty', 'NaNError', 'InfinityError', 'String', 'Init', 'KnownError', 'CodesError', 'Code1018',
    ]);
    // `constructor` is a word, not a key of Object.prototype: the text stays as the doc has it.
    expect(entries.map((entry) => entry.message)).toEqual([...MESSAGES.slice(0, -1), '说明 17']);
  });

  it('compiles with tsc --strict and looks every code up', async () => {
    expect(typecheck(join(out, 'ts'))).toBe('');
    const json = readBackJson(out, 'default');
    expect(await readBackTs(out, 'default', 'DefaultErrorCode', json.map((entry) => entry.code))).toEqual(json);
  });

  it.skipIf(!hasGo && !requireTools)('is gofmt- and go vet-clean, and Go looks every code up', () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    expect(goCheck(join(out, 'go'))).toBe('');
    const go = readBackGo(join(out, 'go'), 'feishu-errcodes/generated/go', ['defaultcodes', 'constructor']);
    expect(go['defaultcodes']).toEqual(readBackJson(out, 'default'));
    expect(go['constructor']).toEqual(readBackJson(out, 'constructor'));
  });
});
