/**
 * The TypeScript target in every shape (`typescript.style` enum | union, `typescript.emit`
 * ts | js+dts), on the seed and every real Feishu page in test/fixtures: each tree is
 * type-checked in memory by `verifyTypeScript` (what `generate --verify` runs) and by the
 * real `tsc -p` (one program per tree, in process); the union shape also with
 * `--erasableSyntaxOnly`, and run by Node's type stripping where the Node has it; the
 * `js+dts` shape is imported by a plain `.mjs` program and by a TS program that sees only
 * the `.d.ts` files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { emitTypeScript, type TypeScriptOptions } from '../../src/emit/typescript.js';
import { buildCatalog } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { verifyTypeScript } from '../../src/verify/typescript.js';
import type { OutputFile } from '../../src/emit/types.js';
import { ROOT, SAMPLE_PAGES, samplePage, tempDir, tscProject } from '../helpers/tools.js';

const FIXTURES = join(ROOT, 'test/fixtures');
/** The seed (the hire-v1 sample is the repository's seeds/hire-v1.md) and every sample page with an error table. */
const PAGES = SAMPLE_PAGES;
const inputOf = samplePage;

const { catalog } = buildCatalog(
  PAGES.map((name) => ({ path: `seeds/${name}.md`, bytes: inputOf(name) })),
  { config: resolveConfig({}), lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' },
);

/** Node 22.6+ runs `.ts` with `--experimental-strip-types`; Node 20 does not have the flag. */
const hasStripTypes = spawnSync(process.execPath, ['--experimental-strip-types', '-e', '0'], { timeout: 30_000 }).status === 0;
if (!hasStripTypes) {
  console.warn(`\n⚠  node ${process.version} has no --experimental-strip-types: running the union shape under Node's type stripping is SKIPPED (Node 22.6+ runs it).\n`);
}

const work = tempDir('feishu-errcodes-ts-shapes-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Writes `files` and extra files under `dir`; returns `dir`. */
function writeTree(dir: string, files: readonly OutputFile[], extra: Record<string, string> = {}): string {
  for (const [path, contents] of [...files.map((file) => [file.path, file.contents] as const), ...Object.entries(extra)]) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), contents);
  }
  return dir;
}

/**
 * `tsc -p` (in process) on a tsconfig with the strict ESM options plus `extra`; tsc's output, '' when clean.
 * DOM is the one library besides ES2022: feishu-error.ts's `feishuFetch` types `fetch`,
 * `Request` and `AbortSignal` from it (or from @types/node, which declares the same globals).
 */
function tsc(dir: string, include: readonly string[], extra: Record<string, unknown> = {}): string {
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true, lib: ['ES2022', 'DOM'], skipDefaultLibCheck: true, types: [], ...extra,
      },
      include,
    }),
  );
  return tscProject(dir);
}

/** A consumer of the seed's module: narrowing, the name union, the code list and the lookup. */
const CONSUMER = (from: string, style: 'enum' | 'union') => `import { HireErrorCode, hireErrorCodes, hireErrorCodeInfo, isHireErrorCode, lookupHireErrorCode, type HireErrorCodeName } from '${from}';

export function describeCode(code: number): string {
  if (!isHireErrorCode(code)) return 'unknown';
  const name: HireErrorCodeName = hireErrorCodeInfo[code].name;
  return \`\${name}: \${lookupHireErrorCode(code)?.message ?? ''}\`;
}
export const first: HireErrorCode = hireErrorCodes[0] ?? HireErrorCode.ParameterIllegal;
// @ts-expect-error a string that is no member name is not a HireErrorCodeName
export const notAName: HireErrorCodeName = 'NoSuchMember';
${style === 'union' ? '// @ts-expect-error a number that is not listed is not a HireErrorCode\n' : ''}export const anyNumber: HireErrorCode = Number('7');
`;

describe.each([
  { style: 'enum', extra: { verbatimModuleSyntax: true, isolatedModules: true } },
  { style: 'union', extra: { verbatimModuleSyntax: true, isolatedModules: true, erasableSyntaxOnly: true } },
] as const)('typescript.style $style, emit ts', ({ style, extra }) => {
  const files = emitTypeScript(catalog!, { style });
  const dir = writeTree(join(work, style), files, { 'use.ts': CONSUMER('./ts/index.js', style) });

  it('emits one module per page and an index, every one with the DO-NOT-EDIT header', () => {
    expect(files.map((file) => file.path).sort()).toEqual([...PAGES.map((name) => `ts/${name}.ts`), 'ts/feishu-error.ts', 'ts/index.ts'].sort());
    for (const file of files) expect(file.contents.split('\n')[0], file.path).toMatch(/^\/\/ Code generated by feishu-errcodes from (?:seeds\/.*|the seeds)\. DO NOT EDIT\.$/);
  });

  it('type-checks in memory (generate --verify)', () => {
    expect(verifyTypeScript(files, style)).toEqual([]);
  });

  it(`compiles with tsc --strict ${Object.keys(extra).map((flag) => `--${flag}`).join(' ')}, with a consumer`, () => {
    expect(tsc(dir, ['ts/**/*.ts', 'use.ts'], extra)).toBe('');
  });
});

describe('typescript.style union', () => {
  const files = emitTypeScript(catalog!, { style: 'union' });
  const hire = files.find((file) => file.path === 'ts/hire-v1.ts')!.contents;

  it('declares the codes as an `as const` object and a union type of its values, with no enum', () => {
    expect(hire).toContain('export const HireErrorCode = {\n');
    expect(hire).toContain('} as const;\n');
    expect(hire).toContain('export type HireErrorCode = (typeof HireErrorCode)[keyof typeof HireErrorCode];\n');
    expect(hire).not.toMatch(/\benum\b/);
  });

  it.skipIf(!hasStripTypes)('runs under node --experimental-strip-types', () => {
    const dir = writeTree(join(work, 'strip'), files, {
      'package.json': '{ "type": "module" }\n',
      'main.ts': "import { hireErrorCodes, lookupHireErrorCode } from './ts/hire-v1.ts';\nconsole.log(hireErrorCodes.length, lookupHireErrorCode(1002108)?.name, lookupHireErrorCode(7));\n",
    });
    const run = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', join(dir, 'main.ts')], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('46 ResumeSourceDoesNotExist undefined\n');
  });
});

describe.each(['enum', 'union'] as const)('typescript.emit js+dts, style %s', (style) => {
  const options: TypeScriptOptions = { style, emit: 'js+dts' };
  const files = emitTypeScript(catalog!, options);
  const dir = writeTree(join(work, `js-${style}`), files);

  it('writes .js and .d.ts (each with the header) and ts/package.json, no .ts source', () => {
    const paths = files.map((file) => file.path);
    expect(paths.filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))).toEqual([]);
    for (const name of [...PAGES, 'index']) {
      expect(paths).toContain(`ts/${name}.js`);
      expect(paths).toContain(`ts/${name}.d.ts`);
    }
    expect(JSON.parse(files.find((file) => file.path === 'ts/package.json')!.contents)).toEqual({ type: 'module' });
    for (const file of files.filter((candidate) => /\.(?:js|d\.ts)$/.test(candidate.path))) {
      expect(file.contents.split('\n')[0], file.path).toMatch(/^\/\/ Code generated by feishu-errcodes from (?:seeds\/.*|the seeds)\. DO NOT EDIT\.$/);
    }
  });

  it('is imported by a plain .mjs program', () => {
    writeFileSync(
      join(dir, 'main.mjs'),
      "import { HireErrorCode, hireErrorCodes, isHireErrorCode, lookupHireErrorCode } from './ts/index.js';\n" +
        'console.log(hireErrorCodes.length, HireErrorCode.ResumeSourceDoesNotExist, isHireErrorCode(1002108), isHireErrorCode(7), lookupHireErrorCode(1002108).suggestion);\n',
    );
    const run = spawnSync(process.execPath, [join(dir, 'main.mjs')], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('46 1002108 true false 检查简历来源 ID\n');
  });

  it('is type-checked through the .d.ts files alone by a strict TS program', () => {
    writeFileSync(join(dir, 'use.ts'), CONSUMER('./ts/index.js', style));
    expect(tsc(dir, ['use.ts'], { verbatimModuleSyntax: true, isolatedModules: true })).toBe('');
  });
});

describe('typescript.emit ts+js+dts', () => {
  it('writes the sources and the compiled files side by side, all of which type-check', () => {
    const files = emitTypeScript({ modules: catalog!.modules.filter((module) => module.id === 'hire-v1') }, { emit: 'ts+js+dts' });
    const paths = new Set(files.map((file) => file.path));
    for (const suffix of ['.ts', '.js', '.d.ts']) expect(paths.has(`ts/hire-v1${suffix}`), suffix).toBe(true);
    expect(verifyTypeScript(files, 'enum')).toEqual([]);
  });
});

describe('verifyTypeScript', () => {
  /** The seed's module and the runtime whose types it imports, emitted for the seed alone: a small program. */
  const hireCatalog = { modules: catalog!.modules.filter((module) => module.id === 'hire-v1') };
  const hireOnly = (files: readonly OutputFile[]) => files.filter((file) => file.path === 'ts/hire-v1.ts' || file.path === 'ts/feishu-error.ts');

  it('reports a module that does not compile with its place and the compiler code', () => {
    const files = hireOnly(emitTypeScript(hireCatalog, {}));
    const broken = files.map((file) => (file.path === 'ts/hire-v1.ts' ? { ...file, contents: file.contents.replace('readonly name: HireErrorCodeName;', 'readonly name: number;') } : file));
    const problems = verifyTypeScript(broken, 'enum');
    expect(problems.length).toBeGreaterThan(0);
    // The runtime, which reads `name` as a string, fails too: the module's own error is the one to name.
    const inModule = problems.find((problem) => problem.path === 'ts/hire-v1.ts');
    expect(inModule).toMatchObject({ path: 'ts/hire-v1.ts', code: 'TS2322' });
    expect(inModule!.message).toMatch(/not assignable to type 'number'/);
  });

  it('holds the union shape to erasableSyntaxOnly: an enum fails there', () => {
    const enumFiles = hireOnly(emitTypeScript(hireCatalog, { style: 'enum' }));
    expect(verifyTypeScript(enumFiles, 'union').map((problem) => problem.code)).toContain('TS1294');
  });
});
