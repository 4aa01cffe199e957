/**
 * The real tools every generated file is judged by: tsc --strict, gofmt + go vet, an
 * OpenAPI 3.1 validator, ajv against the catalogue schema. Shared by the tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse as parseYaml } from 'yaml';
import { main } from '../../src/cli/main.js';
import { CATALOG_SCHEMA } from '../../src/emit/json.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/cli.js');
/** A child process gets this long before it is killed, so a hung run fails its test instead of hanging the suite. */
export const SPAWN_TIMEOUT_MS = 60_000;

export const hasGo = spawnSync('go', ['version'], { timeout: SPAWN_TIMEOUT_MS }).status === 0;
/** In CI a missing tool fails the run; locally it is a loud skip. */
export const requireTools = process.env['CI'] !== undefined && process.env['CI'] !== '' && process.env['CI'] !== '0';
if (!hasGo && !requireTools) {
  console.warn('\n⚠  go is not installed: the gofmt/go vet/go test checks are SKIPPED (CI installs Go and runs them).\n');
}

/** A fresh temp folder under the OS temp dir. */
export function tempDir(prefix = 'feishu-errcodes-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** What a CLI run printed, and its exit code. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A stream that keeps what is written to it; not a terminal. */
class Captured {
  text = '';
  readonly isTTY = false;
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}

/**
 * Runs the CLI in this process (`main` of src/cli/main.ts) in `cwd`, with the test's
 * environment plus NO_COLOR and `env`; resolves with what it printed. Never rejects: the
 * CLI's one catch turns every error into a message and an exit code.
 */
export async function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new Captured();
  const stderr = new Captured();
  const code = await main(args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/**
 * Runs the built CLI (`dist/cli.js`, or `cli`) as a child process: for the few tests about
 * the process itself (the bin, exit codes, terminals, signals, module loading). Never throws.
 */
export function spawnCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, cli = CLI): CliResult {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: SPAWN_TIMEOUT_MS,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Makes a project folder with the given seeds (name → text) and returns its path. */
export function makeProject(seeds: Record<string, string | Uint8Array>, extra: Record<string, string> = {}): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'seeds'));
  for (const [name, text] of Object.entries(seeds)) writeFileSync(join(dir, 'seeds', name), text);
  for (const [name, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Every file under `dir`, relative path → contents. */
export function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

/** The compiler options the generated TypeScript must pass: a strict ESM (NodeNext) project without @types. */
const TSC_OPTIONS = {
  strict: true,
  noEmit: true,
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  types: [],
} as const;

type TypeScript = typeof import('typescript');
let compiler: { ts: TypeScript; options: import('typescript').CompilerOptions; libFiles: Map<string, import('typescript').SourceFile> } | undefined;

/** The TypeScript compiler, loaded on first use (most test files never type-check), with the strict options. */
function loadCompiler(): NonNullable<typeof compiler> {
  if (compiler === undefined) {
    const ts = createRequire(import.meta.url)('typescript') as TypeScript;
    const { options, errors } = ts.convertCompilerOptionsFromJson(TSC_OPTIONS, ROOT);
    if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, ts.createCompilerHost({})));
    compiler = { ts, options, libFiles: new Map() };
  }
  return compiler;
}

/**
 * A compiler host that parses each of TypeScript's lib files once per test file (per
 * language version), for every program after the first: they are most of a small program's cost.
 */
function cachingHost(options: import('typescript').CompilerOptions): import('typescript').CompilerHost {
  const { ts, libFiles } = loadCompiler();
  const host = ts.createCompilerHost(options);
  const libDir = host.getDefaultLibLocation!();
  const { getSourceFile } = host;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!fileName.startsWith(libDir)) return getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate);
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    let file = libFiles.get(key);
    if (file === undefined) libFiles.set(key, (file = getSourceFile.call(host, fileName, languageVersion, onError, shouldCreate)!));
    return file;
  };
  return host;
}

/**
 * `tsc --strict --noEmit` over every .ts under `tsDir` (ESM, NodeNext), through the
 * TypeScript API in this process: the compiler loads once per test file and keeps the
 * parsed lib files (lib.es2022.full.d.ts and what it references) for every later call.
 * The folder is read as a `"type": "module"` package, wherever it lies. Returns the
 * diagnostics as tsc prints them; '' when clean.
 */
export function typecheck(tsDir: string): string {
  const { ts, options } = loadCompiler();
  const root = resolve(tsDir);
  const packageJson = join(root, 'package.json');
  const host = cachingHost(options);
  const { fileExists, readFile } = host;
  host.fileExists = (fileName) => fileName === packageJson || fileExists.call(host, fileName);
  host.readFile = (fileName) => (fileName === packageJson ? '{ "type": "module" }' : readFile.call(host, fileName));
  host.getCurrentDirectory = () => root; // diagnostics name files relative to the tree
  const program = ts.createProgram(
    Object.keys(readTree(root)).filter((path) => path.endsWith('.ts')).map((path) => join(root, path)),
    options,
    host,
  );
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return diagnostics.length === 0 ? '' : ts.formatDiagnostics(diagnostics, host);
}

/**
 * `tsc -p <dir>` (plus `overrides` of its compiler options) in this process, with the lib
 * files parsed once per test file: the tsconfig.json of `dir` read as tsc reads it, its
 * files checked and, unless it says `noEmit`, emitted. Returns tsc's diagnostics; '' when clean.
 */
export function tscProject(dir: string, overrides: Record<string, unknown> = {}): string {
  const { ts } = loadCompiler();
  const root = resolve(dir);
  const { options: extra, errors: overrideErrors } = ts.convertCompilerOptionsFromJson(overrides, root);
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), extra, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  const host = cachingHost(parsed!.options);
  host.getCurrentDirectory = () => root;
  const configErrors = [...overrideErrors, ...parsed!.errors];
  if (configErrors.length > 0) return ts.formatDiagnostics(configErrors, host);
  const program = ts.createProgram({ rootNames: parsed!.fileNames, options: parsed!.options, host, projectReferences: parsed!.projectReferences ?? [] });
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...(parsed!.options.noEmit ? [] : program.emit().diagnostics)];
  return diagnostics.length === 0 ? '' : ts.formatDiagnostics(diagnostics, host);
}

/** `gofmt -l` and `go vet ./...` in the generated Go module. Returns problems; '' when clean. */
export function goCheck(goDir: string): string {
  const gofmt = spawnSync('gofmt', ['-l', '.'], { cwd: goDir, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
  if (gofmt.status !== 0) return `gofmt failed: ${gofmt.stderr}`;
  if (gofmt.stdout.trim() !== '') {
    const diff = spawnSync('gofmt', ['-d', '.'], { cwd: goDir, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS }).stdout;
    return `gofmt -l lists:\n${gofmt.stdout}\n${diff.slice(0, 4000)}`;
  }
  const vet = spawnSync('go', ['vet', './...'], { cwd: goDir, encoding: 'utf8', env: goEnv(), timeout: SPAWN_TIMEOUT_MS });
  return vet.status === 0 ? '' : `go vet: ${vet.stdout}${vet.stderr}`;
}

/** Runs `go run` / `go test` style commands offline with a private cache. */
export function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' };
}

export function runGo(args: readonly string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('go', [...args], { cwd, encoding: 'utf8', env: goEnv(), timeout: SPAWN_TIMEOUT_MS });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

const openApiValidator = new Validator();
/** Validates OpenAPI 3.1 YAML text; returns the errors as text, '' when valid. */
export async function validateOpenApi(yamlText: string): Promise<string> {
  const document = parseYaml(yamlText) as Parameters<Validator["validate"]>[0];
  const result = await openApiValidator.validate(document);
  return result.valid ? '' : JSON.stringify(result.errors, null, 2);
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validateCatalogSchema = ajv.compile(CATALOG_SCHEMA as object);
/** Validates a json/<id>.json text against the catalogue schema; '' when valid. */
export function validateCatalog(jsonText: string): string {
  const data = JSON.parse(jsonText) as unknown;
  return validateCatalogSchema(data) ? '' : ajv.errorsText(validateCatalogSchema.errors);
}

/** Compiles a Go file's exported texts: runs a tiny program printing Message() of a code. */
export function execNode(script: string, cwd: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
}

const FIXTURES_DIR = join(ROOT, 'test/fixtures');

/**
 * The real Feishu error pages in test/fixtures (each a folder with its codes.txt), without
 * the attendance page, which has no error table. Sorted.
 */
export const SAMPLE_PAGES: readonly string[] = readdirSync(FIXTURES_DIR)
  .filter((page) => existsSync(join(FIXTURES_DIR, page, 'codes.txt')) && page !== 'attendance-guide-error-info')
  .sort();

/** A sample page's markdown: test/fixtures/<name>/input.md, or the repository's own seed of that name (Hire v1 is not copied twice). */
export function samplePage(name: string): Buffer {
  const fixture = join(FIXTURES_DIR, name, 'input.md');
  return readFileSync(existsSync(fixture) ? fixture : join(ROOT, 'seeds', `${name}.md`));
}

const toolRuns = (command: string, args: readonly string[]) => spawnSync(command, [...args], { timeout: SPAWN_TIMEOUT_MS }).status === 0;
/** python3 runs the generated packages; mypy and flake8 are Debian's commands (python3 on PATH may be another). */
export const hasPython = toolRuns('python3', ['--version']);
export const hasMypy = toolRuns('mypy', ['--version']);
export const hasFlake8 = toolRuns('flake8', ['--version']);
export const hasPythonTools = hasPython && hasMypy && hasFlake8;
if (!hasPythonTools && !requireTools) {
  const missing = [['python3', hasPython], ['mypy', hasMypy], ['flake8', hasFlake8]].filter(([, has]) => !has).map(([name]) => name);
  console.warn(`\n⚠  ${missing.join(', ')} not installed: the Python checks are SKIPPED (CI installs them and runs them).\n`);
}

const PYRIGHT = join(ROOT, 'node_modules/pyright/index.js');

/**
 * The generated Python packages as their community checks them, each tool run once over
 * every package given (their folder names must differ): `mypy --strict` and pyright in
 * strict mode (both for Python 3.9), `flake8 --max-line-length 120`, `python3 -m compileall`.
 * Returns the problems; '' when clean.
 */
export function pythonCheck(packageDirs: readonly string[]): string {
  const names = packageDirs.map((dir) => dir.slice(dir.lastIndexOf('/') + 1));
  if (new Set(names).size !== names.length) throw new Error(`pythonCheck: two packages share a name: ${names.join(', ')}`);
  const cacheDir = tempDir('feishu-errcodes-mypy-');
  const config = join(cacheDir, 'pyrightconfig.json');
  // One mypy cache per worker (its files run one after another): typeshed is analysed once,
  // not per call; mypy rechecks every module whose source differs, and any with errors.
  const mypyCache = join(tmpdir(), `feishu-errcodes-mypy-cache-${process.pid}-${threadId}`);
  writeFileSync(config, JSON.stringify({ typeCheckingMode: 'strict', pythonVersion: '3.9', reportMissingModuleSource: false }));
  const runs: [string, string, string[]][] = [
    ['mypy --strict', 'mypy', ['--strict', '--python-version', '3.9', '--no-color-output', '--cache-dir', mypyCache, ...packageDirs]],
    ['pyright', process.execPath, [PYRIGHT, '-p', config, ...packageDirs]],
    ['flake8', 'flake8', ['--max-line-length', '120', ...packageDirs]],
    ['compileall', 'python3', ['-m', 'compileall', '-q', ...packageDirs]],
  ];
  const problems: string[] = [];
  for (const [name, command, args] of runs) {
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 4 * SPAWN_TIMEOUT_MS, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '' } });
    if (result.status !== 0) problems.push(`${name} (exit ${result.status ?? result.signal}):\n${(result.stdout + result.stderr).slice(0, 6000)}`);
  }
  return problems.join('\n');
}

/** Runs a Python program (text) with `cwd` on its path; never throws. */
export function runPython(program: string, cwd: string, args: readonly string[] = []): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('python3', ['-c', program, ...args], { cwd, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS, env: { ...process.env, PYTHONPATH: cwd, PYTHONIOENCODING: 'utf-8' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
