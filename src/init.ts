/**
 * `init`: sets an existing npm project up for feishu-errcodes: seeds (Feishu's general
 * error-code page, with the Hire page as an example or a page fetched through `sync --add`),
 * a config with its `$schema` (targets and TypeScript style fitted to the project), the npm
 * scripts `generate` and `check`, the GitHub workflow and a `.gitignore`. It only ever adds:
 * a file that exists is kept as it is, a script that exists keeps its command, so a second
 * run changes nothing. Reads and writes the disk, never prints.
 */
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { applyEdits, modify, parse, printParseErrorCode, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { CONFIG_FILE, type ResolvedConfig } from './config.js';
import { TARGET_NAMES } from './emit/index.js';
import type { TargetName } from './emit/types.js';
import { displayPath, readConfig, UserError } from './project.js';
import { findPackageRoot, findProjectRoot } from './project-root.js';
import { InputFileError, pathTaken, readInputFile } from './read-input.js';
import { idFromUrl, pageUrlOf, safeId } from './sync/doc-url.js';
import { sync } from './sync/sync.js';
import { modulePages, pickModules, type SnapshotModule } from './snapshot-seeds.js';
import { UnsafePathError } from './write/safe-paths.js';
import { applyWrite, planWrite, WriteError, type PlannedFile } from './write/write-files.js';

export interface InitOptions {
  /** The folder `init` was run in; the project is the nearest folder up with a package.json (required). */
  readonly cwd: string;
  /** Seed the project from this Feishu page instead of the Hire example (optional). */
  readonly from?: string;
  /** Module id of the seed `from` adds (optional, default: from the URL, `…/im-v1/error_code` → `im-v1`). */
  readonly as?: string;
  /** As for `sync`: markdown URL template, timeout and size limit of the fetch (optional). */
  readonly urlTemplate?: string;
  readonly timeoutSeconds?: number;
  readonly maxBytes?: number;
  /** Environment the proxy variables are read from (optional, default: `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Copy these modules of the shipped Server API snapshot into `seeds/<module>/` (optional). */
  readonly modules?: readonly string[];
  /** Copy every module of the snapshot (optional, default: false). */
  readonly all?: boolean;
}

export interface InitStep {
  /** Display path relative to the project root, e.g. `seeds/hire-v1.md` or `package.json`. */
  readonly path: string;
  readonly status: 'created' | 'updated' | 'kept';
  /** What was added, or why a file was kept. */
  readonly detail: string;
}

export interface InitResult {
  /** The project root set up. */
  readonly root: string;
  readonly steps: readonly InitStep[];
  /** True when anything was written. */
  readonly changed: boolean;
  /** The seeds folder, relative to the root. */
  readonly seeds: string;
  /** False when package.json lists feishu-errcodes in neither dependencies nor devDependencies (`npx` ran a copy of its own). */
  readonly installed: boolean;
  /** What to `git add` after `generate`: what init created or updated, the output folder and the name lock (display paths). */
  readonly stage: readonly string[];
}

/** The scripts `init` adds; the workflow runs `npm run check`. */
export const INIT_SCRIPTS: Readonly<Record<string, string>> = {
  generate: 'feishu-errcodes generate',
  check: 'feishu-errcodes check',
};

export const WORKFLOW_FILE = '.github/workflows/feishu-errcodes.yml';
const PACKAGE_ROOT = new URL('../', import.meta.url);
/** The example seed: the Hire page this repository generates from. */
const EXAMPLE_SEED = new URL('seeds/hire-v1.md', PACKAGE_ROOT);
/**
 * Feishu's general (platform-wide) error-code page: the token, scope and rate-limit codes
 * every API may return. `general`, not the page's own slug `generic-error-code`: the module
 * id names the types (`GeneralErrorCode`, Go package `general`).
 */
export const GENERAL_SEED_FILE = 'general.md';
const GENERAL_SEED = new URL(`seeds/${GENERAL_SEED_FILE}`, PACKAGE_ROOT);
const WORKFLOW_TEMPLATE = new URL('templates/init/feishu-errcodes.yml', PACKAGE_ROOT);
/** package.json is a few KB; the largest real ones (monorepo roots) are far below this. */
export const MAX_PACKAGE_JSON_BYTES = 8 * 1024 * 1024;
/** tsconfig.json, read for `erasableSyntaxOnly` only. */
const MAX_TSCONFIG_BYTES = 1024 * 1024;
/** What `.gitignore` holds when init writes one: what `npm install` adds must never be staged. */
export const GITIGNORE_TEXT = 'node_modules/\n';
/** The targets init turns on beside the defaults, when the project has one of these files in its root. */
const LANGUAGE_MARKERS: readonly { target: string; files: readonly string[] }[] = [
  { target: 'python', files: ['pyproject.toml', 'requirements.txt', 'setup.py'] },
  { target: 'java', files: ['pom.xml', 'build.gradle', 'build.gradle.kts'] },
];
const DEFAULT_INIT_TARGETS = ['ts', 'json', 'go', 'openapi', 'docs'];

/** What the config init writes is fitted to (see `configText`). */
export interface ConfigFit {
  /** Targets on top of the defaults (registered targets only). */
  readonly extraTargets?: readonly string[];
  /** Why the TypeScript style is `union` (undefined: the default, `enum`). */
  readonly unionBecause?: string;
}

/** The config `init` writes: the defaults spelled out, so a user sees the keys there are. */
export function configText(fit: ConfigFit = {}): string {
  const targets = [...DEFAULT_INIT_TARGETS, ...(fit.extraTargets ?? [])];
  const comment = [
    'feishu-errcodes settings; every key is optional and shows its default here.',
    'seeds: the Feishu error-code pages (*.md), one module each; out: what generate writes.',
    `targets: any of ${TARGET_NAMES.join(', ')}. Go: beside your go.mod the packages join your module;`,
    'set goModule (a module path) to give <out>/go a go.mod of its own instead.',
    'Also: lock, typos, typescript.style / emit, modules.<id>.typeName / goPackage / names, syncUrlTemplate.',
    ...(fit.unionBecause !== undefined ? [`typescript.style is "union": ${fit.unionBecause}.`] : []),
    'Reference: node_modules/feishu-errcodes/docs/configuration.md',
  ];
  const lines = [
    '{',
    '  "$schema": "./node_modules/feishu-errcodes/schema/config.schema.json",',
    `  "$comment": [\n${comment.map((line) => `    ${JSON.stringify(line)}`).join(',\n')}\n  ],`,
    '  "seeds": "seeds",',
    '  "out": "generated",',
    `  "targets": [${targets.map((target) => JSON.stringify(target)).join(', ')}]${fit.unionBecause !== undefined ? ',' : ''}`,
    ...(fit.unionBecause !== undefined ? ['  "typescript": { "style": "union" }'] : []),
    '}',
    '',
  ];
  return lines.join('\n');
}

/** The config for a project with nothing special: the defaults. */
export const CONFIG_TEXT = configText();

export async function init(options: InitOptions): Promise<InitResult> {
  const root = projectRootFor(options.cwd);
  const steps: InitStep[] = [];
  const files: PlannedFile[] = [];
  const shown = (absolute: string) => displayPath(root, absolute);

  // Everything is read and checked first, and the fetch (the step that can fail) goes
  // before any write: a failure leaves nothing half set up.
  const manifest = join(root, 'package.json');
  const manifestText = readPackageJson(manifest);
  const scripts = addScripts(manifestText.text);
  const config = readConfig(root, {});
  const seedsDir = resolve(root, config.seeds);
  const docs = seedDocs(seedsDir);
  const snapshot = options.modules !== undefined || options.all === true ? pickModules(options.modules ?? [], options.all === true) : undefined;
  if (snapshot !== undefined) steps.push(...snapshotSteps(snapshot, seedsDir, files, shown));
  if (docs.length > 0) {
    if (options.from !== undefined) steps.push(await addFromPage(root, options, 'Nothing was added; fix that, or pass --as <another id> for a seed of another name'));
    else if (snapshot === undefined) steps.push({ path: `${shown(seedsDir)}/`, status: 'kept', detail: `holds ${docs.length} doc(s) already` });
  } else {
    let fromPage: string | undefined;
    if (options.from !== undefined) {
      fromPage = pageUrlOf(options.from);
      steps.push(await addFromPage(root, options, 'Nothing was set up; fix that, or run `feishu-errcodes init` without --from to start from the Hire page example'));
    } else if (snapshot === undefined) {
      const example = join(seedsDir, 'hire-v1.md');
      files.push({ path: shown(example), absolute: example, contents: readFileSync(EXAMPLE_SEED, 'utf8') });
      steps.push({ path: shown(example), status: 'created', detail: 'the Hire error-code page, as an example' });
    }
    const generalText = readFileSync(GENERAL_SEED, 'utf8');
    if (fromPage === undefined || fromPage !== sourceUrlOf(generalText)) {
      const general = join(seedsDir, GENERAL_SEED_FILE);
      files.push({ path: shown(general), absolute: general, contents: generalText });
      steps.push({ path: shown(general), status: 'created', detail: "Feishu's general error codes: token, scope, rate limit" });
    }
  }

  const configFile = join(root, CONFIG_FILE);
  if (pathTaken(configFile)) steps.push({ path: CONFIG_FILE, status: 'kept', detail: 'exists' });
  else {
    const fit = fitConfig(root, manifestText.data);
    files.push({ path: CONFIG_FILE, absolute: configFile, contents: configText(fit) });
    const extras = [...(fit.extraTargets ?? []).map((target) => `target ${target}`), ...(fit.unionBecause !== undefined ? ['typescript.style "union"'] : [])];
    steps.push({ path: CONFIG_FILE, status: 'created', detail: `with its $schema, for completion in your editor${extras.length > 0 ? `; ${extras.join(', ')} (see its $comment)` : ''}` });
  }

  if (scripts.text !== undefined) files.push({ path: 'package.json', absolute: manifest, contents: manifestText.bom + scripts.text });
  steps.push(...scripts.steps);

  const workflow = join(root, WORKFLOW_FILE);
  if (pathTaken(workflow)) steps.push({ path: WORKFLOW_FILE, status: 'kept', detail: 'exists' });
  else {
    files.push({ path: WORKFLOW_FILE, absolute: workflow, contents: readFileSync(WORKFLOW_TEMPLATE, 'utf8') });
    steps.push({ path: WORKFLOW_FILE, status: 'created', detail: 'runs `npm run check` on every pull request' });
  }

  const gitignore = join(root, '.gitignore');
  if (!pathTaken(gitignore)) {
    files.push({ path: '.gitignore', absolute: gitignore, contents: GITIGNORE_TEXT });
    steps.push({ path: '.gitignore', status: 'created', detail: 'node_modules/, so that git never stages installed packages' });
  }

  // planWrite skips files whose bytes are already there; each write is atomic, and none goes
  // through a symbolic link below the project folder.
  writeAll(root, files, shown);
  return {
    root,
    steps,
    changed: steps.some((step) => step.status !== 'kept'),
    seeds: shown(seedsDir),
    installed: listsThisPackage(manifestText.data),
    stage: stagePaths(root, steps, config, listsThisPackage(manifestText.data)),
  };
}

/**
 * The pages of the snapshot's modules, planned into `seeds/<module>/`: one step a module. A
 * page already there is kept (init never overwrites a file).
 */
function snapshotSteps(modules: readonly SnapshotModule[], seedsDir: string, files: PlannedFile[], shown: (absolute: string) => string): InitStep[] {
  return modules.map((module) => {
    let kept = 0;
    let added = 0;
    for (const page of modulePages(module)) {
      const absolute = join(seedsDir, ...page.path.split('/'));
      if (pathTaken(absolute)) kept++;
      else {
        files.push({ path: shown(absolute), absolute, contents: page.contents });
        added++;
      }
    }
    const what = `${module.pages.length} page(s) of Feishu's Server API (${module.endpoints} endpoint(s), ${module.codes} code(s))`;
    return {
      path: `${shown(join(seedsDir, module.id))}/`,
      status: added === 0 ? 'kept' : kept === 0 ? 'created' : 'updated',
      detail: added === 0 ? `${what}: every page is there already` : kept === 0 ? what : `${what}: ${added} added, ${kept} kept`,
    } satisfies InitStep;
  });
}

/** Plans and writes; a link, a read-only folder or a full disk is the user's to fix: one line, exit 2. */
function writeAll(root: string, files: readonly PlannedFile[], shown: (absolute: string) => string): void {
  try {
    applyWrite(planWrite(files, [], { root, protected: [], display: shown, rootName: 'the project folder' }));
  } catch (error) {
    if (error instanceof UnsafePathError) throw new UserError(error.message);
    if (error instanceof WriteError) {
      const why = error.code === 'EACCES' || error.code === 'EPERM' || error.code === 'EROFS' ? 'you cannot write there' : error.message.replace(/;.*$/s, '');
      const outcome = error.partial ? 'Some files were written; run init again once it is fixed, it adds only what is missing.' : 'Nothing was changed.';
      throw new UserError(`Cannot write ${error.path} in ${root}: ${why}${error.code ? ` (${error.code})` : ''}; run init as a user who can write the project folder, or make it writable. ${outcome}`);
    }
    throw error;
  }
}

/**
 * What the next steps stage: what init wrote, the output folder and the name lock, and
 * what the workflow's `npm ci` needs (package.json and package-lock.json when present or
 * when the next steps install the package, a tarball in vendor/); never `git add -A`.
 */
function stagePaths(root: string, steps: readonly InitStep[], config: ResolvedConfig, installed: boolean): string[] {
  const written = steps.filter((step) => step.status !== 'kept').map((step) => step.path);
  const generated = [`${displayPath(root, resolve(root, config.out))}/`, displayPath(root, resolve(root, config.lock))];
  const npm = [
    ...(installed ? [] : ['package.json']),
    ...(!installed || pathTaken(join(root, 'package-lock.json')) ? ['package-lock.json'] : []),
    ...vendorTarballs(root).map((name) => `vendor/${name}`),
  ];
  return [...new Set([...written, ...generated, ...npm])];
}

/** The `*.tgz` files in the project's vendor/ folder (the README's tarball install), sorted. */
function vendorTarballs(root: string): string[] {
  try {
    return readdirSync(join(root, 'vendor'), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.tgz'))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}

/** The project's package.json: read with a bound, parsed as npm does (strict JSON, a BOM allowed). */
function readPackageJson(file: string): { text: string; bom: string; data: PackageJson } {
  let bytes: Buffer;
  try {
    if (lstatSync(file).isSymbolicLink()) {
      throw new UserError('package.json is a symbolic link; init edits package.json in place and never through a link: replace the link with the file, or add the scripts `generate` and `check` by hand');
    }
    bytes = readInputFile(file, { kind: 'package.json', shown: 'package.json', maxBytes: MAX_PACKAGE_JSON_BYTES });
  } catch (error) {
    if (error instanceof InputFileError) throw new UserError(error.message.replace(/pass a regular file$/, 'make package.json the regular file npm reads'));
    throw error;
  }
  const raw = bytes.toString('utf8');
  // npm accepts a byte order mark; it is kept as it was when the file is written back.
  const bom = raw.charCodeAt(0) === 0xfeff ? '\uFEFF' : '';
  const text = raw.slice(bom.length);
  const errors: ParseError[] = [];
  const data = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false }) as unknown;
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new UserError(`package.json:${lineColumn(text, first.offset)}: ${parseProblem(text, first)}; npm reads package.json as strict JSON: fix it, then run init again`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UserError('package.json is not a JSON object; fix it, then run init again');
  const scripts = (data as PackageJson).scripts;
  if (scripts !== undefined && (typeof scripts !== 'object' || scripts === null || Array.isArray(scripts))) {
    throw new UserError(`package.json: "scripts" is ${scripts === null ? 'null' : Array.isArray(scripts) ? 'an array' : `a ${typeof scripts}`}; npm wants an object of script names and commands: make it {} (or delete it), then run init again`);
  }
  return { text, bom, data: data as PackageJson };
}

interface PackageJson {
  readonly scripts?: Record<string, unknown>;
  readonly dependencies?: Record<string, unknown>;
  readonly devDependencies?: Record<string, unknown>;
}

/** `3:7`, 1-based, of an offset in `text`. */
function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - before.lastIndexOf('\n')}`;
}

/** What is wrong at a JSON parse error, in the words a user looks for. */
function parseProblem(text: string, error: ParseError): string {
  if (error.error === 8 /* InvalidCommentToken */ || /^\s*\/[/*]/.test(text.slice(error.offset))) return 'a comment';
  if (/,\s*$/.test(text.slice(0, error.offset)) && /^\s*[}\]]/.test(text.slice(error.offset))) return 'a trailing comma';
  return `not valid JSON (${printParseErrorCode(error.error)})`;
}

/**
 * The config fitted to the project: the targets of the languages it holds (those this
 * version can generate), and the `union` style where enums do not compile or run.
 */
function fitConfig(root: string, manifest: PackageJson): ConfigFit {
  const extraTargets = LANGUAGE_MARKERS.filter(({ target, files }) => (TARGET_NAMES as readonly string[]).includes(target as TargetName) && files.some((file) => pathTaken(join(root, file)))).map(({ target }) => target);
  const unionBecause = erasableOnlyReason(root, manifest);
  return { ...(extraTargets.length > 0 && { extraTargets }), ...(unionBecause !== undefined && { unionBecause }) };
}

/** Why the project can only run erasable TypeScript (no enums), or undefined. */
function erasableOnlyReason(root: string, manifest: PackageJson): string | undefined {
  const tsconfig = readTsconfig(join(root, 'tsconfig.json'));
  if (tsconfig?.compilerOptions?.erasableSyntaxOnly === true) return 'tsconfig.json sets erasableSyntaxOnly, which rejects enums (TS1294)';
  for (const [name, command] of Object.entries(manifest.scripts ?? {})) {
    if (typeof command !== 'string') continue;
    if (/--experimental-strip-types\b/.test(command)) return `the script "${name}" runs node --experimental-strip-types, which cannot run enums`;
    // `node src/main.ts`: Node's own type stripping (Node 23.6+), which cannot run enums either.
    if (!/--experimental-transform-types\b/.test(command) && runsTsWithNode(command)) {
      return `the script "${name}" runs a .ts file with node, whose type stripping cannot run enums`;
    }
  }
  return undefined;
}

/**
 * True when a script runs `node [flags…] <file>.ts` (or .mts/.cts) in one of its commands:
 * read word by word, not with one pattern, so a script with many flags cannot make it
 * backtrack (a nested quantifier over `--flag` took 27 s on 27 flags).
 */
function runsTsWithNode(script: string): boolean {
  for (const command of script.split(/[;&|]/)) {
    const words = command.split(/\s+/).filter((word) => word !== '');
    for (let at = words.indexOf('node'); at !== -1; at = words.indexOf('node', at + 1)) {
      let next = at + 1;
      while (next < words.length && /^--?\w[\w-]*(?:=\S+)?$/.test(words[next]!)) next++;
      if (next < words.length && /\.[cm]?ts$/.test(words[next]!)) return true;
    }
  }
  return false;
}

function readTsconfig(file: string): { compilerOptions?: { erasableSyntaxOnly?: unknown } } | undefined {
  try {
    // tsconfig.json is JSON with comments and trailing commas, as tsc reads it.
    const text = readInputFile(file, { kind: 'tsconfig', shown: 'tsconfig.json', maxBytes: MAX_TSCONFIG_BYTES }).toString('utf8');
    const data = parse(text, [], { allowTrailingComma: true }) as unknown;
    return typeof data === 'object' && data !== null ? (data as { compilerOptions?: { erasableSyntaxOnly?: unknown } }) : undefined;
  } catch (error) {
    if (error instanceof InputFileError) return undefined; // none, or not one init can read: the default style
    throw error;
  }
}

/** The `source_url` in a seed's front matter. */
function sourceUrlOf(seed: string): string | undefined {
  return /^source_url:\s*(\S+)\s*$/m.exec(seed)?.[1];
}

/**
 * The project to set up: the root `generate` would find (config, or package.json beside
 * seeds/), else the nearest folder up with a package.json.
 */
function projectRootFor(cwd: string): string {
  const found = findProjectRoot(cwd);
  if (found.marker !== undefined && existsSync(join(found.root, 'package.json'))) return found.root;
  const withPackage = findPackageRoot(cwd);
  if (withPackage.marker !== undefined) return withPackage.root;
  const ignored = withPackage.ignored === undefined ? '' : ` (${withPackage.ignored}, so it is not taken)`;
  throw new UserError(`No package.json in ${resolve(cwd)} or above it${ignored}; run \`npm init -y\` first, then \`npm install --save-dev feishu-errcodes\``);
}

function seedDocs(seedsDir: string): string[] {
  try {
    if (!statSync(seedsDir).isDirectory()) throw new UserError(`${seedsDir} is not a folder; the config's \`seeds\` must name the folder of your seed docs`);
    return readdirSync(seedsDir).filter((name) => name.toLowerCase().endsWith('.md') && !name.startsWith('.'));
  } catch (error) {
    if (error instanceof UserError) throw error;
    return [];
  }
}

/** Adds the seed of one page through `sync --add`; throws (exit 1) when the page cannot be used. */
async function addFromPage(root: string, options: InitOptions, otherwise: string): Promise<InitStep> {
  const pageUrl = pageUrlOf(options.from!);
  const result = await sync({
    cwd: root,
    add: pageUrl,
    as: options.as ?? defaultId(pageUrl),
    ...(options.urlTemplate !== undefined && { urlTemplate: options.urlTemplate }),
    ...(options.timeoutSeconds !== undefined && { timeoutSeconds: options.timeoutSeconds }),
    ...(options.maxBytes !== undefined && { maxBytes: options.maxBytes }),
    ...(options.env !== undefined && { env: options.env }),
  });
  const seed = result.seeds[0]!;
  if (seed.status !== 'created') {
    throw new UserError(
      `${seed.path}: not added from ${seed.url ?? pageUrl}: ${seed.reason ?? seed.status}. ${otherwise}`,
      1,
    );
  }
  return { path: seed.path, status: 'created', detail: `from ${seed.url}` };
}

/** `…/im-v1/error_code` → `im-v1`: the page's own name says nothing when it is just "error code". */
function defaultId(pageUrl: string): string {
  const segments = new URL(pageUrl).pathname.split('/').filter((segment) => segment !== '');
  const last = idFromUrl(pageUrl);
  if (segments.length >= 2 && /^(?:error[-_.]?codes?|errors?|errcodes?)$/.test(last)) {
    const parent = safeId(segments[segments.length - 2]!);
    if (parent !== '') return parent;
  }
  return last;
}

/**
 * Adds the missing scripts to package.json's text with minimal edits (jsonc-parser), so its
 * indentation, key order and everything else stay exactly as the user wrote them.
 */
function addScripts(text: string): { text?: string; steps: InitStep[] } {
  const data = parse(text) as PackageJson;
  const formatting = formattingOf(text);
  const steps: InitStep[] = [];
  let next = text;
  for (const [name, command] of Object.entries(INIT_SCRIPTS)) {
    const existing = data.scripts?.[name];
    if (existing === command) continue;
    if (existing !== undefined) {
      steps.push({ path: 'package.json', status: 'kept', detail: `script \`${name}\` is \`${String(existing)}\`; kept (init would add \`${command}\`)` });
      continue;
    }
    next = applyEdits(next, scriptEdits(next, name, command, formatting));
    steps.push({ path: 'package.json', status: 'updated', detail: `script \`${name}\`: \`${command}\`` });
  }
  if (steps.length === 0) steps.push({ path: 'package.json', status: 'kept', detail: 'has the scripts generate and check' });
  return { ...(next !== text && { text: next }), steps };
}

/** Longest line jsonc-parser lays out around an edit; past it the edit is inserted compact, as such a file is written. */
const MAX_FORMATTED_LINE = 4096;

/**
 * The edits that add one script. jsonc-parser lays out the whole lines an edit touches: on
 * a one-line package.json that is the whole file (reformatted, and slow on a big one), so
 * a one-line file or a long line gets the edit without layout, in the file's compact style.
 */
function scriptEdits(text: string, name: string, command: string, formatting: FormattingOptions) {
  const plain = modify(text, ['scripts', name], command, {});
  const offset = plain[0]?.offset ?? 0;
  const lineStart = text.lastIndexOf('\n', offset) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const lineLength = (lineEnd === -1 ? text.length : lineEnd) - lineStart;
  const oneLine = !text.trim().includes('\n');
  return oneLine || lineLength > MAX_FORMATTED_LINE ? plain : modify(text, ['scripts', name], command, { formattingOptions: formatting });
}

/** Whether the project depends on feishu-errcodes, so that its npm scripts find the binary. */
function listsThisPackage(data: PackageJson): boolean {
  return Object.hasOwn(data.devDependencies ?? {}, 'feishu-errcodes') || Object.hasOwn(data.dependencies ?? {}, 'feishu-errcodes');
}

/** The indentation and line ending package.json already uses (npm writes 2 spaces and `\n`). */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
