#!/usr/bin/env node
/**
 * `npm run test:snapshot` (issue 29, "Numbers"): the shipped Server API snapshot (`snapshot/`)
 * copied as it is into the `seeds/` of a temp project, generated with every target (ts, json,
 * go, openapi, docs, python, java), then every file checked by its real tool:
 *   - generated/ts: tsc --strict --exactOptionalPropertyTypes (noUncheckedIndexedAccess, NodeNext);
 *   - generated/go: gofmt -l (must list nothing) and go vet ./...;
 *   - generated/python: mypy --strict, flake8 --max-line-length 120, pyright (strict);
 *   - generated/java: javac --release 17 -Xlint:all -Xdoclint:all/protected -Werror;
 *   - generated/json/*.json: ajv (2020-12, strict) against the schema its `$schema` names;
 *   - generated/openapi/*.yaml: @seriousme/openapi-schema-validator (OpenAPI 3.1).
 * Needs dist/ (`npm run build`). A missing tool fails the run (it is CI's job). Prints each
 * step's wall time; exits 1 naming every check that failed. The temp project is removed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse as parseYaml } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const TARGETS = ['ts', 'json', 'go', 'openapi', 'docs', 'python', 'java'];
/** Each tool run's limit: javac and mypy over 3,000 codes take minutes on a busy 2-core machine. */
const TIMEOUT_MS = 15 * 60_000;

const failures = [];
const started = Date.now();

async function step(name, check) {
  const at = Date.now();
  let problem;
  try {
    problem = await check();
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  const seconds = ((Date.now() - at) / 1000).toFixed(1);
  if (problem) {
    failures.push(name);
    console.log(`✗ ${name} (${seconds} s)\n${problem.slice(0, 20_000)}`);
  } else {
    console.log(`✓ ${name} (${seconds} s)`);
  }
}

/** Runs a command; '' when it exits 0 (and, with `quiet`, prints nothing), else what it said. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024, ...options });
  if (result.error) return `${command}: ${result.error.code === 'ENOENT' ? 'not found (install it: CI does)' : result.error.message}`;
  const said = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) return `${command} ${args.slice(0, 3).join(' ')} … exited ${result.status ?? result.signal}:\n${said}`;
  if (options.quiet && said.trim() !== '') return `${command} printed:\n${said}`;
  return '';
}

function filesUnder(dir, suffix) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path, suffix));
    else if (entry.name.endsWith(suffix)) found.push(path);
  }
  return found.sort();
}

const project = mkdtempSync(join(tmpdir(), 'feishu-errcodes-snapshot-'));
try {
  const out = join(project, 'generated');
  await step(`generate the snapshot (${TARGETS.join(', ')})`, () => {
    cpSync(join(ROOT, 'snapshot'), join(project, 'seeds'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "snapshot-check", "private": true, "type": "module" }\n');
    writeFileSync(join(project, 'feishu-errcodes.config.json'), `${JSON.stringify({ targets: TARGETS, goModule: 'example.com/snapshot' }, null, 2)}\n`);
    return run(process.execPath, [join(ROOT, 'dist/cli.js'), 'generate'], { cwd: project });
  });
  if (failures.length > 0) throw new Error('generate failed: nothing to check');
  const count = (dir, suffix) => filesUnder(join(out, dir), suffix).length;
  console.log(`  ${count('ts', '.ts')} .ts, ${count('go', '.go')} .go, ${count('python', '.py')} .py, ${count('java', '.java')} .java, ${count('json', '.json')} .json, ${count('openapi', '.yaml')} .yaml, ${count('docs', '.md')} .md`);

  await step('tsc --strict --exactOptionalPropertyTypes generated/ts', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noEmit: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', verbatimModuleSyntax: true, isolatedModules: true, skipLibCheck: true, types: [] },
        include: ['generated/ts/**/*.ts'],
      }),
    );
    return run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', project], { cwd: project });
  });

  const goEnv = { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' };
  await step('gofmt -l generated/go', () => run('gofmt', ['-l', '.'], { cwd: join(out, 'go'), quiet: true }));
  await step('go vet ./... generated/go', () => run('go', ['vet', './...'], { cwd: join(out, 'go'), env: goEnv }));

  const python = join(out, 'python');
  const packages = readdirSync(python).filter((name) => statSync(join(python, name)).isDirectory()).map((name) => join(python, name));
  await step('mypy --strict generated/python', () => run('mypy', ['--strict', '--python-version', '3.9', '--no-color-output', '--cache-dir', join(project, '.mypy_cache'), ...packages], { cwd: python }));
  await step('flake8 --max-line-length 120 generated/python', () => run('flake8', ['--max-line-length', '120', ...packages], { cwd: python }));
  await step('pyright (strict) generated/python', () => {
    writeFileSync(join(project, 'pyrightconfig.json'), JSON.stringify({ typeCheckingMode: 'strict', pythonVersion: '3.9', reportMissingModuleSource: false }));
    return run(process.execPath, [join(ROOT, 'node_modules/pyright/index.js'), '-p', join(project, 'pyrightconfig.json'), ...packages], { cwd: python });
  });

  await step('javac --release 17 -Xlint:all -Werror generated/java', () => {
    const sources = join(project, 'java-sources.txt');
    writeFileSync(sources, filesUnder(join(out, 'java'), '.java').map((path) => `"${path}"`).join('\n'));
    return run('javac', ['--release', '17', '-encoding', 'UTF-8', '-Xlint:all', '-Xdoclint:all/protected', '-Werror', '-d', join(project, 'classes'), `@${sources}`]);
  });

  await step('ajv: every generated/json/*.json against its $schema', async () => {
    const { default: Ajv2020 } = await import('ajv/dist/2020.js');
    const { default: addFormats } = await import('ajv-formats');
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    const validators = new Map();
    const problems = [];
    for (const file of filesUnder(join(out, 'json'), '.json').filter((path) => !path.includes('/schema/'))) {
      const data = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof data.$schema !== 'string') {
        problems.push(`${relative(out, file)}: no $schema`);
        continue;
      }
      const schemaPath = resolve(dirname(file), data.$schema);
      if (!validators.has(schemaPath)) validators.set(schemaPath, ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8'))));
      const validate = validators.get(schemaPath);
      if (!validate(data)) problems.push(`${relative(out, file)}: ${ajv.errorsText(validate.errors)}`);
    }
    return problems.join('\n');
  });

  await step('OpenAPI 3.1 validator: every generated/openapi/*.yaml', async () => {
    const problems = [];
    for (const file of filesUnder(join(out, 'openapi'), '.yaml')) {
      const result = await new Validator().validate(parseYaml(readFileSync(file, 'utf8')));
      if (!result.valid) problems.push(`${relative(out, file)}: ${JSON.stringify(result.errors).slice(0, 2000)}`);
    }
    return problems.join('\n');
  });
} catch (error) {
  console.log(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(project, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.log(`test:snapshot: ${failures.length} check(s) failed in ${seconds} s: ${failures.join('; ')}`);
  process.exit(1);
}
console.log(`test:snapshot: every generated file of the snapshot passes its tool (${seconds} s)`);
