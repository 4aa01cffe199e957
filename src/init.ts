/**
 * `init`: sets an existing npm project up for feishu-errcodes: a seed (the Hire page as
 * an example, or a page fetched through `sync --add`), a config with its `$schema`, the
 * npm scripts `generate` and `check`, and the GitHub workflow. It only ever adds: a file
 * that exists is kept as it is, a script that exists keeps its command, so a second run
 * changes nothing. Reads and writes the disk, never prints.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { applyEdits, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import { CONFIG_FILE } from './config.js';
import { displayPath, readConfig, UserError } from './project.js';
import { findProjectRoot } from './project-root.js';
import { idFromUrl, pageUrlOf, safeId } from './sync/doc-url.js';
import { sync } from './sync/sync.js';
import { applyWrite, planWrite, type PlannedFile } from './write/write-files.js';

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
const WORKFLOW_TEMPLATE = new URL('templates/init/feishu-errcodes.yml', PACKAGE_ROOT);

/** The config `init` writes: the defaults spelled out, so a user sees the keys there are. */
export const CONFIG_TEXT = `{
  "$schema": "./node_modules/feishu-errcodes/schema/config.schema.json",
  "$comment": [
    "feishu-errcodes settings; every key is optional and shows its default here.",
    "seeds: the Feishu error-code pages (*.md), one module each; out: what generate writes.",
    "targets: any of ts, json, go, openapi, docs. goModule: the module path of <out>/go/go.mod.",
    "Also: lock, typos, modules.<id>.typeName / goPackage / names, syncUrlTemplate.",
    "Reference: node_modules/feishu-errcodes/docs/configuration.md"
  ],
  "seeds": "seeds",
  "out": "generated",
  "targets": ["ts", "json", "go", "openapi", "docs"],
  "goModule": "feishu-errcodes/generated/go"
}
`;

export async function init(options: InitOptions): Promise<InitResult> {
  const root = projectRootFor(options.cwd);
  const steps: InitStep[] = [];
  const files: PlannedFile[] = [];
  const shown = (absolute: string) => displayPath(root, absolute);

  // The fetch is the step that can fail: it goes first, so a failure leaves nothing half set up.
  const config = readConfig(root, {});
  const seedsDir = resolve(root, config.seeds);
  const docs = seedDocs(seedsDir);
  if (docs.length > 0) {
    steps.push({ path: `${shown(seedsDir)}/`, status: 'kept', detail: `holds ${docs.length} doc(s) already` });
  } else if (options.from !== undefined) {
    steps.push(await addFromPage(root, options));
  } else {
    const example = join(seedsDir, 'hire-v1.md');
    files.push({ path: shown(example), absolute: example, contents: readFileSync(EXAMPLE_SEED, 'utf8') });
    steps.push({ path: shown(example), status: 'created', detail: 'the Hire error-code page, as an example' });
  }

  const configFile = join(root, CONFIG_FILE);
  if (existsSync(configFile)) steps.push({ path: CONFIG_FILE, status: 'kept', detail: 'exists' });
  else {
    files.push({ path: CONFIG_FILE, absolute: configFile, contents: CONFIG_TEXT });
    steps.push({ path: CONFIG_FILE, status: 'created', detail: 'with its $schema, for completion in your editor' });
  }

  const manifest = join(root, 'package.json');
  const manifestText = readFileSync(manifest, 'utf8');
  const scripts = addScripts(manifestText);
  if (scripts.text !== undefined) files.push({ path: 'package.json', absolute: manifest, contents: scripts.text });
  steps.push(...scripts.steps);

  const workflow = join(root, WORKFLOW_FILE);
  if (existsSync(workflow)) steps.push({ path: WORKFLOW_FILE, status: 'kept', detail: 'exists' });
  else {
    files.push({ path: WORKFLOW_FILE, absolute: workflow, contents: readFileSync(WORKFLOW_TEMPLATE, 'utf8') });
    steps.push({ path: WORKFLOW_FILE, status: 'created', detail: 'runs `npm run check` on every pull request' });
  }

  // planWrite skips files whose bytes are already there; each write is atomic, and none goes
  // through a symbolic link below the project folder.
  const plan = planWrite(files, [], { root, protected: [], display: shown, rootName: 'the project folder' });
  applyWrite(plan);
  return { root, steps, changed: steps.some((step) => step.status !== 'kept'), seeds: shown(seedsDir), installed: listsThisPackage(manifestText) };
}

/**
 * The project to set up: the root `generate` would find (config, or package.json beside
 * seeds/), else the nearest folder up with a package.json.
 */
function projectRootFor(cwd: string): string {
  const found = findProjectRoot(cwd);
  if (found.marker !== undefined && existsSync(join(found.root, 'package.json'))) return found.root;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new UserError(`No package.json in ${resolve(cwd)} or above it; run \`npm init -y\` first, then \`npm install --save-dev feishu-errcodes\``);
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
async function addFromPage(root: string, options: InitOptions): Promise<InitStep> {
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
      `${seed.path}: not added from ${seed.url ?? pageUrl}: ${seed.reason ?? seed.status}. Nothing was set up; fix that, or run \`feishu-errcodes init\` without --from to start from the Hire page example`,
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
  const tree = parseTree(text);
  if (tree === undefined || tree.type !== 'object') throw new UserError('package.json is not a JSON object; fix it, then run init again');
  const data = JSON.parse(text) as { scripts?: Record<string, unknown> };
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
    next = applyEdits(next, modify(next, ['scripts', name], command, { formattingOptions: formatting }));
    steps.push({ path: 'package.json', status: 'updated', detail: `script \`${name}\`: \`${command}\`` });
  }
  if (steps.length === 0) steps.push({ path: 'package.json', status: 'kept', detail: 'has the scripts generate and check' });
  return { ...(next !== text && { text: next }), steps };
}

/** Whether the project depends on feishu-errcodes, so that its npm scripts find the binary. */
function listsThisPackage(text: string): boolean {
  const data = JSON.parse(text) as { dependencies?: Record<string, unknown>; devDependencies?: Record<string, unknown> };
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
