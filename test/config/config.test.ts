import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA, ConfigError, DEFAULT_TARGETS, loadConfigFile, resolveConfig, validateConfig } from '../../src/config.js';
import { TARGET_NAMES } from '../../src/emit/index.js';
import { RULE_IDS } from '../../src/diagnostics.js';
import { lint } from '../../src/lint.js';
import { goEnv, hasGo, makeProject, readTree, requireTools, ROOT, runCli, runGo, typecheck } from '../helpers/tools.js';

const seed = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');
const TOP_KEYS = '$schema, $comment, seeds, out, lock, targets, goModule, typescript, python, java, typos, syncUrlTemplate, syncHosts, rules, modules';
const PASCAL = 'a PascalCase identifier (ASCII letters and digits, first letter upper-case)';

function problemOf(config: unknown): string {
  try {
    validateConfig(config, 'feishu-errcodes.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.replace('feishu-errcodes.config.json: invalid config: ', '');
  }
  throw new Error(`accepted ${JSON.stringify(config)}`);
}

describe('validateConfig names the key and what it allows', () => {
  const cases: [string, unknown, string][] = [
    ['unknown target', { targets: ['ts', 'rust'] }, '`targets[1]` is "rust"; allowed values: "ts", "json", "go", "openapi", "docs", "python", "java"'],
    ['no target', { targets: [] }, '`targets` must not be empty; allowed values: "ts", "json", "go", "openapi", "docs", "python", "java"'],
    ['repeated target', { targets: ['go', 'go'] }, '`targets` lists "go" twice'],
    ['targets not a list', { targets: 'ts' }, '`targets` must be an array, got string "ts"'],
    ['misspelled key', { seed: 'docs' }, `unknown key \`seed\` (did you mean \`seeds\`?); allowed keys: ${TOP_KEYS}`],
    ['unknown key', { output: 'x' }, `unknown key \`output\`; allowed keys: ${TOP_KEYS}`],
    ['wrong type', { seeds: 3 }, '`seeds` must be a string, got number 3'],
    ['empty path', { out: '' }, '`out` must not be empty'],
    ['bad Go module path', { goModule: 'github.com/acme/' }, '`goModule` is "github.com/acme/"; expected a Go module path such as github.com/acme/app/generated/go'],
    ['typo key not a word', { typos: { 'ex sit': 'exist' } }, 'key "ex sit" in `typos` must be a single word of ASCII letters'],
    ['typo correction not a word', { typos: { exsit: 42 } }, '`typos.exsit` must be a string, got number 42'],
    ['module not an object', { modules: { 'hire-v1': 'hire' } }, '`modules["hire-v1"]` must be an object, got string "hire"'],
    ['misspelled module key', { modules: { 'hire-v1': { typename: 'Hire' } } }, 'unknown key `typename` in `modules["hire-v1"]` (did you mean `typeName`?); allowed keys: typeName, goPackage, names, categories'],
    ['bad type name', { modules: { 'hire-v1': { typeName: 'hireErrors' } } }, `\`modules["hire-v1"].typeName\` is "hireErrors"; expected ${PASCAL}`],
    ['bad Go package', { modules: { 'hire-v1': { goPackage: 'Hire' } } }, '`modules["hire-v1"].goPackage` is "Hire"; expected a Go package name (lower-case ASCII letters and digits, first a letter)'],
    ['name for a non-code', { modules: { 'hire-v1': { names: { E12: 'Foo' } } } }, 'key "E12" in `modules["hire-v1"].names` must be an error code in digits, without leading zeros, at most 2147483647 (a signed 32-bit int)'],
    ['bad member name', { modules: { 'hire-v1': { names: { '1002103': 'talent-hired' } } } }, `\`modules["hire-v1"].names["1002103"]\` is "talent-hired"; expected ${PASCAL}`],
    ['misspelt rule id', { rules: { 'name-colision': 'off' } }, '`rules` has "name-colision", which is no rule id (did you mean "name-collision"?); the rule ids are those `feishu-errcodes lint` prints last (docs/commands.md, "Errors")'],
    ['unknown rule id', { rules: { 'no-such-thing-at-all': 'off' } }, '`rules` has "no-such-thing-at-all", which is no rule id; the rule ids are those `feishu-errcodes lint` prints last (docs/commands.md, "Errors")'],
    ['category for a code with a leading zero', { modules: { 'hire-v1': { categories: { '01001': { category: 'server' } } } } }, '`modules["hire-v1"].categories` key "01001" is not a code as the seed writes it; did you mean "1001"?'],
    ['not an object', ['ts'], 'the config must be a JSON object, got an array'],
    ['unknown TypeScript style', { typescript: { style: 'const-enum' } }, '`typescript.style` is "const-enum"; allowed values: "enum", "union"'],
    ['unknown TypeScript emit', { typescript: { emit: 'js' } }, '`typescript.emit` is "js"; allowed values: "ts", "js+dts", "ts+js+dts"'],
    ['Python package that is a keyword', { python: { package: 'import' } }, '`python.package` is "import": it is a Python keyword; use a name such as "feishu_errcodes"'],
    ['Python package Python cannot import', { python: { package: 'feishu-errcodes' } }, '`python.package` is "feishu-errcodes"; expected a Python package name (lower-case ASCII letters, digits and _)'],
    ['misspelled TypeScript key', { typescript: { styles: 'union' } }, 'unknown key `styles` in `typescript` (did you mean `style`?); allowed keys: style, emit'],
    ['a Java package that is not one', { java: { package: 'com..acme' } }, '`java.package` is "com..acme"; expected a Java package name such as com.acme.feishu.errcodes'],
    ['a Java keyword in the Java package', { java: { package: 'com.acme.int' } }, '`java.package` is "com.acme.int": segment `int` is a Java keyword; use a package such as com.acme.feishu.errcodes'],
    ['a Java package under java.', { java: { package: 'java.feishu' } }, '`java.package` is "java.feishu": packages under `java.` belong to the JDK and javac refuses them; use a package such as com.acme.feishu.errcodes'],
  ];
  it.each(cases)('%s', (_name, config, want) => {
    expect(problemOf(config)).toBe(want);
  });

  it('knows every rule id the docs list, and the docs list every rule id', () => {
    const table = readFileSync(join(ROOT, 'docs/commands.md'), 'utf8').split('## Errors')[1]!.split('\n\n')[2]!;
    const documented = new Set([...table.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+)`/g)].map((match) => match[1]!));
    for (const rule of RULE_IDS) expect(documented.has(rule), rule).toBe(true);
  });

  it('lists every problem, one per line, when there are several', () => {
    expect(problemOf({ seeds: 1, targets: ['rust'] })).toBe('feishu-errcodes.config.json: invalid config:\n  - `seeds` must be a string, got number 1\n  - `targets[0]` is "rust"; allowed values: "ts", "json", "go", "openapi", "docs", "python", "java"');
  });

  it('accepts every key with a valid value, $schema included', () => {
    const full = {
      $schema: './node_modules/feishu-errcodes/schema/config.schema.json',
      seeds: 'docs/feishu',
      out: 'src/generated',
      lock: 'feishu-errcodes.lock.json',
      targets: ['ts', 'go'],
      goModule: 'github.com/acme/app/generated/go',
      typescript: { style: 'union', emit: 'ts+js+dts' },
      python: { package: 'acme_feishu' },
      typos: { illegall: 'illegal' },
      modules: { 'hire-v1': { typeName: 'HireError', goPackage: 'hireerr', names: { '1002103': 'TalentOnboarded' } } },
    };
    expect(validateConfig(full, 'x.json')).toBe(full);
  });
});

describe('the config schema', () => {
  it('is a valid JSON Schema 2020-12 whose targets are exactly the registered targets', () => {
    const ajv = new Ajv2020({ strict: true, keywords: ['patternErrorMessage'] });
    expect(() => ajv.compile(CONFIG_SCHEMA)).not.toThrow();
    const targets = (CONFIG_SCHEMA as { properties: { targets: { items: { enum: string[] } } } }).properties.targets.items.enum;
    expect(targets).toEqual([...TARGET_NAMES]);
    // The default set stays the five of old, so an upgrade changes no existing project's output; the rest are opt-in.
    expect(DEFAULT_TARGETS).toEqual(['ts', 'json', 'go', 'openapi', 'docs']);
    expect(TARGET_NAMES.filter((name) => !DEFAULT_TARGETS.includes(name))).toEqual(['python', 'java']);
  });
});

describe('loadConfigFile', () => {
  it('says where JSON is broken', () => {
    const dir = makeProject({}, { 'bad.json': '{\n  "seeds": "x",\n}\n' });
    expect(() => loadConfigFile(join(dir, 'bad.json'), 'bad.json')).toThrow(/^bad\.json:3:1: not valid JSON \(/);
  });
});

describe('resolveConfig', () => {
  it('applies every default once', () => {
    expect(resolveConfig({})).toEqual({
      seeds: 'seeds',
      out: 'generated',
      lock: 'seeds/feishu-errcodes.lock.json',
      targets: ['ts', 'json', 'go', 'openapi', 'docs'],
      goModule: 'feishu-errcodes/generated/go',
      typescript: { style: 'enum', emit: 'ts' },
      java: { package: 'feishu.errcodes' },
      python: { package: 'feishu_errcodes' },
      typos: {},
      modules: {},
      rules: {},
      syncHosts: { en: 'open.larksuite.com' },
    });
  });

  it('reads config paths from the config folder and flags from the working directory', () => {
    const resolved = resolveConfig({ seeds: 'docs', out: '../out', lock: 'names.lock.json' }, { seeds: 'flagged' }, 'conf');
    expect([resolved.seeds, resolved.out, resolved.lock]).toEqual(['flagged', 'out', 'conf/names.lock.json']);
  });
});

describe('every key works end to end (CLI)', async () => {
  const config = {
    $schema: './node_modules/feishu-errcodes/schema/config.schema.json',
    seeds: 'docs/feishu',
    out: 'src/errors',
    lock: 'errcodes.lock.json',
    targets: ['ts', 'go', 'docs'],
    goModule: 'github.com/acme/app/errors/go',
    typos: { illegal: 'invalid' },
    modules: { 'hire-v1': { typeName: 'HireError', goPackage: 'hireerr', names: { '1002103': 'TalentOnboarded' } } },
  };
  const dir = makeProject({}, { 'docs/feishu/hire-v1.md': seed, 'feishu-errcodes.config.json': JSON.stringify(config, null, 2) });
  const result = await runCli(['generate'], dir);
  const out = join(dir, 'src/errors');

  it('writes only the chosen targets into `out`, and the lock where `lock` says', () => {
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(Object.keys(readTree(out)).sort()).toEqual([
      '.feishu-errcodes.json',
      'docs/hire-v1.md',
      'go/feishuerr/example_test.go',
      'go/feishuerr/feishuerr.go',
      'go/go.mod',
      'go/hireerr/errors.go',
      'ts/feishu-error.ts',
      'ts/hire-v1.ts',
      'ts/index.ts',
    ]);
    expect(existsSync(join(dir, 'errcodes.lock.json'))).toBe(true);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
    expect(readFileSync(join(out, 'ts/hire-v1.ts'), 'utf8').split('\n')[0]).toBe('// Code generated by feishu-errcodes from docs/feishu/hire-v1.md. DO NOT EDIT.');
  });

  it('names the enum, the package and code 1002103 as configured, and applies the extra typo', () => {
    const ts = readFileSync(join(out, 'ts/hire-v1.ts'), 'utf8');
    expect(ts).toContain('export enum HireError {');
    expect(ts).toContain('  TalentOnboarded = 1002103,');
    expect(ts).toContain('  ParameterInvalid = 1002002,');
    expect(ts).toContain('message: "Parameter invalid"');
    expect(typecheck(join(out, 'ts'))).toBe('');
    expect(readFileSync(join(out, 'go/hireerr/errors.go'), 'utf8')).toContain('package hireerr');
    expect(readFileSync(join(out, 'docs/hire-v1.md'), 'utf8')).toContain('| 1002002 | `ParameterInvalid` | `validation` (text) | `never` | Parameter invalid | 参数异常 | 检查参数是否按照要求传入 |');
  });

  it.skipIf(!hasGo && !requireTools)('writes go.mod with `goModule`, so the package imports as <goModule>/<package>', () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    expect(readFileSync(join(out, 'go/go.mod'), 'utf8')).toBe('module github.com/acme/app/errors/go\n\ngo 1.19\n');
    const list = runGo(['list', './...'], join(out, 'go'));
    expect(list.stdout.trim().split('\n')).toEqual(['github.com/acme/app/errors/go/feishuerr', 'github.com/acme/app/errors/go/hireerr']);
    expect(goEnv()['GOPROXY']).toBe('off');
  });

  it('lets --seeds and --out win over the config, relative to the working directory', async () => {
    const other = makeProject({ 'hire-v1.md': seed }, { 'feishu-errcodes.config.json': JSON.stringify({ seeds: 'nowhere', targets: ['json'] }) });
    const run = await runCli(['generate', '--seeds', 'seeds', '--out', 'elsewhere'], other);
    expect(run.code).toBe(0);
    expect(Object.keys(readTree(join(other, 'elsewhere'))).sort()).toEqual([
      '.feishu-errcodes.json',
      'json/catalog.json',
      'json/hire-v1.json',
      'json/schema/catalog.schema.json',
      'json/schema/error-catalog.schema.json',
    ]);
  });

  it('reads paths in a --config file from the config file folder', async () => {
    const other = makeProject({}, { 'config/seeds/hire-v1.md': seed, 'config/errcodes.json': JSON.stringify({ targets: ['json'] }) });
    const run = await runCli(['generate', '--config', 'config/errcodes.json'], other);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('created config/generated/json/hire-v1.json');
    expect(existsSync(join(other, 'config/seeds/feishu-errcodes.lock.json'))).toBe(true);
  });

  it('warns about a module the config names but no seed has', () => {
    const other = makeProject({ 'hire-v1.md': seed }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['json'], modules: { 'hire-v2': { goPackage: 'hire' } } }) });
    const messages = lint([], { cwd: other }).files.flatMap((file) => file.messages.map((message) => `${file.path} ${message.reason}`));
    expect(messages).toContain('seeds Config names module `hire-v2` but no seed `hire-v2.md` exists; the setting is unused');
  });
});

describe('an invalid config stops every command with one message and exit 2', () => {
  const dir = makeProject({ 'hire-v1.md': seed }, { 'feishu-errcodes.config.json': JSON.stringify({ targets: ['ts', 'swift'] }) });
  const want = 'feishu-errcodes: feishu-errcodes.config.json: invalid config: `targets[1]` is "swift"; allowed values: "ts", "json", "go", "openapi", "docs", "python", "java"\n';

  it.each([['generate'], ['lint']])('%s', async (command) => {
    const result = await runCli([command], dir);
    expect(result.stderr).toBe(want);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(existsSync(join(dir, 'generated'))).toBe(false);
  });

  it('and a missing --config file says what to do', async () => {
    const result = await runCli(['generate', '--config', 'nope.json'], dir);
    expect(result.stderr).toBe('feishu-errcodes: nope.json: config file not found; create it or drop --config\n');
    expect(result.code).toBe(2);
  });
});

describe('docs/configuration.md', () => {
  // Its error transcript is run by test/docs-examples.test.ts.
  const section = readFileSync(join(ROOT, 'docs/configuration.md'), 'utf8');

  it('shows a config that validates, and a table row for every key of the schema', () => {
    const example = /```json\n([\s\S]*?)```/.exec(section)![1]!;
    expect(() => validateConfig(JSON.parse(example), 'docs/configuration.md')).not.toThrow();
    const documented = [...section.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!.replace(/^(modules|typescript|python|java)\..*/, '$1'));
    expect([...new Set(documented)].sort()).toEqual(Object.keys((CONFIG_SCHEMA as { properties: object }).properties).sort());
  });

  it('accepts $comment as text or lines, and nothing else there', () => {
    expect(() => validateConfig({ $comment: 'note' }, 'c.json')).not.toThrow();
    expect(() => validateConfig({ $comment: ['a', 'b'] }, 'c.json')).not.toThrow();
    expect(() => validateConfig({ $comment: 3 }, 'c.json')).toThrow(ConfigError);
  });
});
