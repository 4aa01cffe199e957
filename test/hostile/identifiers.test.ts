/**
 * Names, codes and URLs a user chooses (config, lock, seed file name) are checked against
 * every target's rules before anything is written: one clear message each, exit 2, never
 * an output that does not compile.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, resolveConfig, validateConfig, type UserConfig } from '../../src/config.js';
import { buildCatalog, emitAll } from '../../src/generate.js';
import { EMPTY_LOCK, LockError, parseLock } from '../../src/lock.js';
import { goModuleProblem } from '../../src/normalize/names.js';
import { goCheck, goEnv, hasGo, makeProject, requireTools, runCli, validateCatalog } from '../helpers/tools.js';

const TABLE = '| code | message |\n| --- | --- |\n| 1001 | Talent not exist |\n';

function configError(config: unknown): string {
  try {
    validateConfig(config, 'feishu-errcodes.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

function build(seeds: Record<string, string>, config: UserConfig = {}) {
  const resolved = resolveConfig(config);
  const result = buildCatalog(
    Object.entries(seeds).map(([name, text]) => ({ path: `seeds/${name}`, bytes: new TextEncoder().encode(text) })),
    { config: resolved, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' },
  );
  return { ...result, errors: result.files.flatMap((file) => file.messages.filter((message) => message.fatal === true).map((message) => message.reason)), config: resolved };
}

describe('codes beyond a signed 32-bit int', () => {
  it('are refused in the lock, with file:line:col', () => {
    const text = JSON.stringify({ version: 1, modules: { 'hire-v1': { '9999999999': { name: 'Big', message: 'Big' } } } }, null, 2);
    let message = '';
    try {
      parseLock(text, 'seeds/feishu-errcodes.lock.json');
    } catch (error) {
      expect(error).toBeInstanceOf(LockError);
      message = (error as Error).message;
    }
    expect(message).toContain('seeds/feishu-errcodes.lock.json:5:7: modules["hire-v1"]: unexpected code "9999999999", expected the code in digits without leading zeros, at most 2147483647');
  });

  it('2147483647 itself is accepted; 2147483648 is not', () => {
    const lock = (code: string) => JSON.stringify({ version: 1, modules: { m: { [code]: { name: 'Big', message: 'Big' } } } });
    expect(() => parseLock(lock('2147483647'), 'lock.json')).not.toThrow();
    expect(() => parseLock(lock('2147483648'), 'lock.json')).toThrow(LockError);
  });

  it('are refused as config name keys', () => {
    expect(configError({ modules: { m: { names: { '9999999999': 'Big' } } } })).toContain('at most 2147483647');
  });

  it('exit 2 from the CLI, nothing written', async () => {
    const dir = makeProject({ 'hire-v1.md': TABLE }, { 'seeds/feishu-errcodes.lock.json': JSON.stringify({ version: 1, modules: { 'hire-v1': { '9999999999': { name: 'Big', message: 'Big' } } } }) });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unexpected code "9999999999"');
    expect(spawnSync('ls', [dir], { encoding: 'utf8' }).stdout).not.toContain('generated');
  });
});

describe('goModule follows Go\'s module path rules', () => {
  const rejected: [string, string][] = [
    ['x.', 'element `x.` ends with a dot'],
    ['foo./bar', 'element `foo.` ends with a dot'],
    ['CON/x', 'element `CON` is a device name Windows reserves (`CON`)'],
    ['a~1/b', 'element `a~1` ends in `~` and digits (a Windows short name)'],
    ['com1.txt/b', 'element `com1.txt` is a device name Windows reserves (`com1`)'],
    ['a/.b', 'element `.b` starts with a dot'],
    ['-x/y', 'its first element starts with `-`'],
  ];
  const accepted = ['feishu-errcodes/generated/go', 'github.com/Acme/app/generated/go', 'x/_y', 'a..b/c', 'example.com/v2'];

  for (const [path, why] of rejected) {
    it(`refuses ${path} with one message`, () => {
      expect(goModuleProblem(path)).toBe(why);
      if (/^[A-Za-z0-9][A-Za-z0-9._~-]*(\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/.test(path)) {
        expect(configError({ goModule: path })).toBe(
          `feishu-errcodes.config.json: invalid config: \`goModule\` is ${JSON.stringify(path)}, which Go rejects: ${why}; use a module path such as github.com/acme/app/generated/go`,
        );
      } else {
        expect(configError({ goModule: path })).toContain('`goModule`'); // the schema's pattern already refuses it
      }
    });
  }
  it('is checked by buildCatalog too, for a config built in code', () => {
    const { errors } = build({ 'hire-v1.md': TABLE }, { goModule: 'CON/x' });
    expect(errors).toEqual(['Unexpected goModule `CON/x`, which Go rejects: element `CON` is a device name Windows reserves (`CON`); set goModule in the config to a module path such as github.com/acme/app/generated/go']);
  });

  it('accepts paths Go builds', () => {
    for (const path of accepted) expect(goModuleProblem(path), path).toBeUndefined();
  });

  it.skipIf(!hasGo && !requireTools)('refuses every path above that `go build` refuses, and accepts only paths it builds', () => {
    for (const path of [...rejected.map(([path]) => path), ...accepted]) {
      const dir = mkdtempSync(join(tmpdir(), 'feishu-errcodes-gomod-'));
      writeFileSync(join(dir, 'go.mod'), `module ${path}\n\ngo 1.19\n`);
      mkdirSync(join(dir, 'p'));
      writeFileSync(join(dir, 'p/p.go'), 'package p\n\nconst X = 1\n');
      writeFileSync(join(dir, 'main.go'), `package main\n\nimport _ "${path}/p"\n\nfunc main() {}\n`);
      const result = spawnSync('go', ['build', './...'], { cwd: dir, env: goEnv(), encoding: 'utf8', timeout: 120_000 });
      // We may be stricter than `go build` (CheckPath refuses a leading dot), never looser.
      if (result.status !== 0) expect(goModuleProblem(path), `${path}: go says ${result.stderr}`).toBeDefined();
      if (goModuleProblem(path) === undefined) expect(result.status, `${path}: ${result.stderr}`).toBe(0);
    }
  });
});

describe('Go packages', () => {
  for (const name of ['init', 'main', 'feishuerr']) {
    it(`refuses goPackage "${name}" in the config`, () => {
      expect(configError({ modules: { m: { goPackage: name } } })).toContain(`\`modules["m"].goPackage\` is "${name}", a Go keyword or a name Go or the generated code reserves`);
    });
  }

  for (const name of ['http', 'time', 'json', 'io', 'strings', 'httptest']) {
    it(`refuses goPackage "${name}", a package the generated Go imports, and derives ${name}codes from ${name}.md`, () => {
      const { errors } = build({ 'hire-v1.md': TABLE }, { modules: { 'hire-v1': { goPackage: name } } });
      expect(errors).toEqual([expect.stringMatching(new RegExp(`^Unexpected Go package \`${name}\` for hire-v1: it clashes with import "([a-z]+/)*${name}" of the generated Go; set modules\\["hire-v1"\\]\\.goPackage in the config`))]);
      const derived = build({ [`${name}.md`]: TABLE });
      expect(derived.errors).toEqual([]);
      expect(derived.catalog!.modules[0]!.goPackage).toBe(`${name}codes`);
    });
  }

  it('derives a package that builds from a seed named init.md (initcodes)', () => {
    const { catalog, errors, config } = build({ 'init.md': TABLE });
    expect(errors).toEqual([]);
    expect(catalog!.modules[0]!.goPackage).toBe('initcodes');
    if (!hasGo && !requireTools) return;
    const dir = mkdtempSync(join(tmpdir(), 'feishu-errcodes-init-'));
    for (const file of emitAll(catalog!, config).filter((file) => file.path.startsWith('go/'))) {
      mkdirSync(join(dir, file.path, '..'), { recursive: true });
      writeFileSync(join(dir, file.path), file.contents);
    }
    expect(goCheck(join(dir, 'go'))).toBe('');
  });
});

describe('TypeScript type names', () => {
  for (const name of ['Object', 'Map', 'Error', 'Record', 'Code', 'FeishuApiError']) {
    it(`refuses typeName "${name}" in the config`, () => {
      expect(configError({ modules: { m: { typeName: name } } })).toMatch(new RegExp(`^feishu-errcodes\\.config\\.json: invalid config: \`modules\\["m"\\]\\.typeName\` is "${name}": `));
    });
  }

  it('refuses type names whose exports clash across modules in ts/index.ts (Foo + FooInfo)', () => {
    const { errors } = build({ 'a-v1.md': TABLE, 'b-v1.md': TABLE }, { modules: { 'a-v1': { typeName: 'Foo' }, 'b-v1': { typeName: 'FooInfo' } } });
    expect(errors).toEqual([
      'Modules a-v1 (type name `Foo`) and b-v1 (type name `FooInfo`) would both export `FooInfo` from ts/index.ts; set modules["b-v1"].typeName in the config to a name that is not another module\'s name plus Info, Variant, Name or s',
    ]);
  });

  it('refuses modules Hire and HireName: both would export HireName', () => {
    const { errors } = build({ 'a-v1.md': TABLE, 'b-v1.md': TABLE }, { modules: { 'a-v1': { typeName: 'Hire' }, 'b-v1': { typeName: 'HireName' } } });
    expect(errors).toEqual([
      'Modules a-v1 (type name `Hire`) and b-v1 (type name `HireName`) would both export `HireName` from ts/index.ts; set modules["b-v1"].typeName in the config to a name that is not another module\'s name plus Info, Variant, Name or s',
    ]);
  });

  for (const [typeName, clash] of [['FeishuErrorBody', 'FeishuErrorBody'], ['FeishuErrorCategory', 'FeishuErrorCategory'], ['FeishuCodeInfo', 'FeishuCodeInfo'], ['FeishuHeaders', 'FeishuHeaders'], ['FeishuPermissionViolation', 'FeishuPermissionViolation']]) {
    it(`refuses typeName "${typeName}", whose module would export ${clash} beside the runtime's`, () => {
      const { errors } = build({ 'hire-v1.md': TABLE }, { modules: { 'hire-v1': { typeName } } });
      expect(errors).toContain(`Unexpected type name \`${typeName}\` for hire-v1: its module would export \`${clash}\`, which ts/feishu-error.ts declares; set modules["hire-v1"].typeName in the config`);
    });
  }

  it('refuses a seed x.d.md, whose ts/x.d.ts would be a declaration file', () => {
    for (const name of ['x.d.md', 'y.d.json.md']) {
      const id = name.slice(0, -3);
      expect(build({ [name]: TABLE }).errors).toEqual([`Unexpected seed name \`${id}.md\`: ts/${id}.ts would be a TypeScript declaration-file name, which imports cannot load; rename the file`]);
    }
  });

  it('exit 2 from the CLI for typeName "Object", nothing written', async () => {
    const dir = makeProject({ 'hire-v1.md': TABLE }, { 'feishu-errcodes.config.json': JSON.stringify({ modules: { 'hire-v1': { typeName: 'Object' } } }) });
    const result = await runCli(['generate'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`modules["hire-v1"].typeName` is "Object": it would shadow a global');
  });
});

describe('source_url', () => {
  it('is written as a valid URI: `{`, `}`, a backtick, `|`, `^`, `"` and brackets are percent-encoded', () => {
    const { catalog, errors, config } = build({ 'hire-v1.md': `---\nsource_url: "https://open.feishu.cn/doc/{a}/p?q={x}\`|^[1]#f{\`}\\"x"\n---\n${TABLE}` });
    expect(errors).toEqual([]);
    const url = catalog!.modules[0]!.sourceUrl!;
    expect(url).toBe('https://open.feishu.cn/doc/%7Ba%7D/p?q=%7Bx%7D%60%7C%5E%5B1%5D#f%7B%60%7D%22x');
    // RFC 3986: only unreserved, reserved and percent-encoded characters.
    expect(url).toMatch(/^[A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]+$/);
    const text = emitAll(catalog!, config).find((file) => file.path === 'json/hire-v1.json')!.contents;
    expect((JSON.parse(text) as { sourceUrl: string }).sourceUrl).toBe(url);
    expect(validateCatalog(text)).toBe('');
  });
});
