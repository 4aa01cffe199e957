import { VFile } from 'vfile';
import { applyRuleSeverities, hasErrors, report, sortMessages } from './diagnostics.js';
import { TARGETS, type OutputFile } from './emit/index.js';
import type { ResolvedConfig } from './config.js';
import { lockedEntries, serializeLock, updatedLock, type NameLock } from './lock.js';
import type { DocEntry, ErrorCatalog, ErrorEntry, ErrorModule, Translation } from './model.js';
import type { CategoryOverride } from './normalize/classify.js';
import { goModuleProblem, goPackageName, isValidGoPackage, moduleBaseName, toPascalCase, typeNameProblem } from './normalize/names.js';
import { GO_RESERVED_PACKAGES } from './emit/go.js';
import { TYPESCRIPT_RESERVED } from './emit/typescript.js';
import { moduleExports } from './emit/typescript-module.js';
import { classifyEntry } from './normalize/classify.js';
import { javaConstantName, javaConstantNames, javaPackageProblem, javaTypeNameProblem } from './emit/java.js';
import { pythonNameProblems } from './normalize/python-names.js';
import { normalizeDoc, type DocEntryWithSubCodes, type NormalizeOptions } from './normalize/normalize-doc.js';
import { normalizeModule, type ModulePage } from './normalize/module-merge.js';
import { pageEndpoint, pageUrl } from './normalize/module-pages.js';
import { companionOf, companionVerdict, readCompanion, reportMissing } from './normalize/companions.js';
import { DEFAULT_TYPOS } from './normalize/text.js';
import { moduleIdOf } from './normalize/module-of.js';
import { parseDoc } from './parse/parse-doc.js';
import type { ParsedDoc } from './parse/types.js';
import type { Point } from 'unist';

/** A seed as read from disk: its display path (relative, `/`-separated) and raw bytes. */
export interface SeedInput {
  readonly path: string;
  readonly bytes: Uint8Array;
  /**
   * The module of a page in a module folder (`seeds/im-v1/message/create.md` → `im-v1`, see
   * normalize/module-of.ts); absent for a flat seed, whose module is its file name (optional).
   */
  readonly module?: string;
  /** The module folder's display path (`seeds/im-v1`), with `module` (optional). */
  readonly moduleDir?: string;
}

export interface BuildOptions {
  readonly config: ResolvedConfig;
  readonly lock: NameLock;
  /** Display path of the lock, for messages. */
  readonly lockPath: string;
  /** Drop codes the docs no longer list instead of keeping them deprecated. */
  readonly prune?: boolean;
  /**
   * Derive member names again (config names still win): `true` every name the lock holds as
   * derived, keeping hand-picked ones; `'all'` every name, ignoring the lock's.
   */
  readonly rename?: boolean | 'all';
}

export interface BuildResult {
  /** Undefined when any file has an error: nothing may be written then. */
  readonly catalog?: ErrorCatalog;
  /** One vfile per seed, with its messages; plus one for problems across seeds. */
  readonly files: VFile[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a seed: UTF-8 only; a BOM is dropped. Problems go on the vfile. */
export function decodeSeed(seed: SeedInput): VFile {
  const file = new VFile({ path: seed.path });
  try {
    file.value = decoder.decode(seed.bytes);
  } catch {
    file.value = '';
    report(file, 'error', 'Unexpected bytes that are not UTF-8, expected a UTF-8 markdown file; re-save the doc as UTF-8', firstInvalidByte(seed.bytes), 'encoding');
  }
  return file;
}

/** Line and column of the first byte that is not UTF-8 (where a lenient decode put U+FFFD for it). */
function firstInvalidByte(bytes: Uint8Array): { line: number; column: number } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', index + 1)) {
    const at = encoder.encode(text.slice(0, index)).length;
    // A real U+FFFD in the file is EF BF BD; anything else was a bad byte.
    if (bytes[at] === 0xef && bytes[at + 1] === 0xbf && bytes[at + 2] === 0xbd) continue;
    const before = text.slice(0, index).replace(/^\uFEFF/, '');
    const lines = before.split(/\r\n|\r|\n/);
    return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
  }
  return { line: 1, column: 1 };
}

export { moduleIdOf } from './normalize/module-of.js';

/** Module ids whose outputs would take the path of a file every run writes. */
const RESERVED_MODULE_IDS: ReadonlyMap<string, string> = new Map([
  ['index', 'ts/index.ts'],
  ['catalog', 'json/catalog.json'],
  ['feishu-error', 'ts/feishu-error.ts'],
]);

interface CompanionSeed {
  readonly seed: SeedInput;
  readonly lang: string;
  readonly file: VFile;
  /** Undefined when the file did not decode. */
  readonly doc?: ParsedDoc;
}

/**
 * Which seeds are modules and which are companions of one (companions.ts decides), by main
 * seed path in path order. A seed that cannot be either is `refused`, with its error: none
 * is left unread.
 */
function splitCompanions(seeds: readonly SeedInput[], options: BuildOptions): { mainSeeds: SeedInput[]; companions: Map<string, CompanionSeed[]>; refused: VFile[] } {
  const names = new Set(seeds.map((seed) => seed.path));
  const companions = new Map<string, CompanionSeed[]>();
  const companionOfPath = new Map<string, string>();
  const mainSeeds: SeedInput[] = [];
  const refused: VFile[] = [];
  for (const seed of [...seeds].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const slash = seed.path.lastIndexOf('/') + 1;
    const name = companionOf(seed.path.slice(slash));
    const mainPath = name && seed.path.slice(0, slash) + name.base;
    if (name === undefined || mainPath === undefined || !names.has(mainPath)) {
      mainSeeds.push(seed);
      continue;
    }
    const file = decodeSeed(seed);
    const doc = hasErrors(file) ? undefined : parseDoc(file);
    const id = moduleIdOf(seed.path);
    const existing = Object.hasOwn(options.lock.modules, id)
      ? `the lock ${options.lockPath}`
      : Object.hasOwn(options.config.modules, id)
        ? 'the config (its `modules`)'
        : undefined;
    const verdict = companionVerdict(
      { path: seed.path, mainPath, lang: name.lang },
      { ...(doc?.frontMatter.lang !== undefined && { lang: doc.frontMatter.lang }), ...(doc?.frontMatter.sourceUrl !== undefined && { sourceUrl: doc.frontMatter.sourceUrl }) },
      { syncHosts: options.config.syncHosts, ...(existing !== undefined && { existingModule: { id, where: existing } }) },
    );
    if (verdict.kind === 'module') {
      // Read again from scratch as a module: the messages of this read are not its own.
      mainSeeds.push(seed);
    } else if (verdict.kind === 'error') {
      report(file, 'error', verdict.message, { line: 1, column: 1 }, 'companion');
      refused.push(file);
    } else {
      const list = companions.get(mainPath) ?? [];
      list.push({ seed, lang: name.lang, file, ...(doc !== undefined && { doc }) });
      companions.set(mainPath, list);
      companionOfPath.set(seed.path, mainPath);
    }
  }
  // `a.en.de.md` beside `a.md` and `a.en.md`: a companion of a companion, which nothing reads.
  for (const [mainPath, list] of companions) {
    const mainOfMain = companionOfPath.get(mainPath);
    if (mainOfMain === undefined) continue;
    for (const companion of list) {
      report(
        companion.file,
        'error',
        `Unexpected companion of ${mainPath}, which is itself a companion (of ${mainOfMain}), so nothing would read it; rename ${companion.seed.path} (e.g. to the ${companion.lang} companion of ${mainOfMain})`,
        { line: 1, column: 1 },
        'companion',
      );
      refused.push(companion.file);
    }
    companions.delete(mainPath);
  }
  return { mainSeeds, companions, refused };
}

/** parse → normalize for every seed; checks names across modules. Reads nothing from disk. */
export function buildCatalog(seeds: readonly SeedInput[], options: BuildOptions): BuildResult {
  const { config } = options;
  const typos = { ...DEFAULT_TYPOS, ...lowerKeys(config.typos) };
  const files: VFile[] = [];
  const modules: ErrorModule[] = [];
  const project = new VFile({ path: config.seeds });
  const byId = new Map<string, string>();
  // Where each module lists each code, for the cross-module-conflict warning.
  const codeLines = new Map<string, { readonly file: VFile; readonly lines: ReadonlyMap<number, Point> }>();

  // Companion seeds (`hire-v1.en.md` beside `hire-v1.md`) are read with their main seed.
  // Pages of module folders (`seeds/im-v1/…`) are read by module, after the flat seeds.
  const folderPages = new Map<string, SeedInput[]>();
  for (const seed of seeds) {
    if (seed.module === undefined) continue;
    const list = folderPages.get(seed.module) ?? [];
    list.push(seed);
    folderPages.set(seed.module, list);
  }
  const { mainSeeds, companions, refused } = splitCompanions(
    seeds.filter((seed) => seed.module === undefined),
    options,
  );
  files.push(...refused);

  for (const seed of [...mainSeeds].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const file = decodeSeed(seed);
    files.push(file);
    if (hasErrors(file)) continue;
    const id = moduleIdOf(seed.path);
    if (id === '') {
      report(file, 'error', 'Unexpected seed file name without ASCII letters or digits, expected a name such as `hire-v1.md` (it names the generated files); rename the file', undefined, 'module-id');
      continue;
    }
    if (RESERVED_MODULE_IDS.has(id)) {
      report(file, 'error', `Unexpected seed name \`${id}.md\`: its outputs would overwrite the generated ${RESERVED_MODULE_IDS.get(id)}; rename the file`, undefined, 'module-id');
      continue;
    }
    const idProblem = TYPESCRIPT_RESERVED.moduleIdProblem(id);
    if (idProblem !== undefined) {
      report(file, 'error', `Unexpected seed name \`${id}.md\`: ${idProblem}; rename the file`, undefined, 'module-id');
      continue;
    }
    const other = byId.get(id);
    if (other !== undefined) {
      report(file, 'error', `Module id \`${id}\` is already taken by ${other}; rename one of the two files`, undefined, 'module-id');
      continue;
    }
    byId.set(id, seed.path);
    if (String(file.value).trim() === '') {
      report(file, 'error', 'Unexpected empty file, expected a doc with an error-code table', { line: 1, column: 1 }, 'empty-file');
      continue;
    }
    const doc = parseDoc(file);
    if (doc.stopped) continue;
    const translations = new Map<string, Map<number, Translation>>();
    const companionFiles: { file: VFile; lang: string; path: string }[] = [];
    for (const companion of companions.get(seed.path) ?? []) {
      const companionFile = companion.file;
      files.push(companionFile);
      if (hasErrors(companionFile) || companion.doc === undefined || companion.doc.stopped) continue;
      const taken = [...translations.keys()].find((lang) => lang.toLowerCase() === companion.lang.toLowerCase());
      if (taken !== undefined) {
        report(companionFile, 'error', `Unexpected second ${companion.lang} companion of ${seed.path}, expected one per language; remove one`, undefined, 'companion');
        continue;
      }
      translations.set(companion.lang, readCompanion(companion.doc, companionFile, typos));
      companionFiles.push({ file: companionFile, lang: companion.lang, path: companion.seed.path });
    }
    const moduleConfig = moduleConfigOf(config, id);
    const docEntries = normalizeDoc(doc, file, { ...normalizeOptions(moduleConfig, id, typos, options), translations });
    const entries = classifyEntries(docEntries, moduleConfig.categories ?? {}, file, id, config.categoryPlaces?.[id]);
    codeLines.set(id, { file, lines: codeStarts(doc, entries) });
    const listed = entries.filter((entry) => !entry.deprecated).map((entry) => entry.code);
    for (const companion of companionFiles) reportMissing(companion.file, companion.lang, seed.path, listed, translations.get(companion.lang)!);
    const sourceUrl = doc.frontMatter.sourceUrl === undefined ? undefined : httpUrl(doc.frontMatter.sourceUrl);
    // A front matter that does not parse has its own error; the info would only repeat it.
    if (doc.frontMatter.sourceUrl === undefined) {
      if (!file.messages.some((message) => message.ruleId === 'front-matter')) {
        report(
          file,
          'info',
          'No `source_url` in the front matter, so `sync` skips this seed; to sync it, start the file with `---`, `source_url: <the page URL>`, `---`',
          { line: 1, column: 1 },
          'missing-source-url',
        );
      }
    } else if (sourceUrl === undefined) {
      report(file, 'warning', `Unexpected source_url \`${doc.frontMatter.sourceUrl}\`, expected an http(s) URL without spaces; left out`, { line: frontMatterKeyLine(String(file.value), 'source_url'), column: 1 }, 'source-url');
    }
    modules.push({
      id,
      seed: seed.path,
      title: doc.frontMatter.title ?? doc.firstHeading ?? id,
      ...(sourceUrl !== undefined && { sourceUrl }),
      ...(doc.docUpdated !== undefined && { docUpdated: doc.docUpdated }),
      typeName: moduleConfig.typeName ?? `${moduleBaseName(id)}ErrorCode`,
      goPackage: moduleConfig.goPackage ?? goPackageName(id, GO_RESERVED_PACKAGES),
      entries,
    });
  }

  for (const [id, pages] of [...folderPages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const module = buildFolderModule(id, pages, { options, typos, byId, files, project });
    if (module !== undefined) modules.push(module);
  }
  if (folderPages.size > 0) {
    modules.sort((a, b) => (a.seed < b.seed ? -1 : a.seed > b.seed ? 1 : 0));
    checkSharedEndpoints(modules, project);
  }
  const named = distinctTypeNames(modules, config);
  modules.splice(0, modules.length, ...named);

  for (const id of Object.keys(config.modules)) {
    if (!byId.has(id)) report(project, 'warning', `Config names module \`${id}\` but no seed \`${id}.md\` exists; the setting is unused`, undefined, 'unknown-module');
  }
  checkModuleNames(modules, project);
  checkCrossModuleConflicts(modules, codeLines);
  if (config.targets.includes('java')) checkJavaNames(modules, config.java.package, project);
  if (config.targets.includes('python')) {
    for (const problem of pythonNameProblems(modules)) report(project, problem.severity, problem.message, undefined, problem.ruleId);
  }
  // The config file is checked when loaded; a config built in code reaches here unchecked.
  const goModule = goModuleProblem(config.goModule);
  if (goModule !== undefined && config.targets.includes('go')) {
    report(project, 'error', `Unexpected goModule \`${config.goModule}\`, which Go rejects: ${goModule}; set goModule in the config to a module path such as github.com/acme/app/generated/go`, undefined, 'go-module');
  }
  if (project.messages.length) files.push(project);
  for (const file of files) {
    applyRuleSeverities(file, config.rules);
    sortMessages(file);
  }
  if (files.some(hasErrors)) return { files };
  return { catalog: { modules }, files };
}

/**
 * Classifies every entry; reports a config verdict for a code the doc does not list
 * (an error at the config key's place: a setting that does nothing) and the codes left `unknown` (one info line per module).
 */
function classifyEntries(entries: readonly DocEntryWithSubCodes[], overrides: Readonly<Record<string, CategoryOverride>>, file: VFile, id: string, places?: Readonly<Record<string, string>>): ErrorEntry[] {
  const codes = new Set(entries.map((entry) => entry.code));
  for (const code of Object.keys(overrides).sort((a, b) => Number(a) - Number(b))) {
    if (!codes.has(Number(code))) {
      const place = places?.[code];
      report(file, 'error', `${place === undefined ? '' : `${place}: `}Config sets a category for code ${code}, which the doc does not list; remove modules["${id}"].categories["${code}"] from the config`, { line: 1, column: 1 }, 'unknown-code-category');
    }
  }
  const classified = entries.map((entry) => ({ ...entry, ...classifyEntry(entry, Object.hasOwn(overrides, String(entry.code)) ? overrides[String(entry.code)] : undefined) }));
  const unknown = classified.filter((entry) => entry.category === 'unknown').map((entry) => entry.code);
  if (unknown.length > 0) {
    report(
      file,
      'info',
      `${unknown.length} of ${classified.length} codes have no category (no rule recognises their texts): ${unknown.join(', ')}; set modules["${id}"].categories in the config to classify them`,
      { line: 1, column: 1 },
      'unknown-category',
    );
  }
  return classified;
}

/** The row where each entry's code first appears: the first cell that holds just the code. */
function codeStarts(doc: ParsedDoc, entries: readonly ErrorEntry[]): Map<number, Point> {
  const wanted = new Set(entries.map((entry) => entry.code));
  const starts = new Map<number, Point>();
  for (const table of doc.tables) {
    for (const row of table.rows) {
      for (const cell of row.cells) {
        const text = cell.text.trim();
        if (!/^\d+$/.test(text)) continue;
        const code = Number(text);
        if (wanted.has(code) && !starts.has(code)) starts.set(code, row.start);
      }
    }
  }
  return starts;
}

/**
 * One warning per code whose modules give it different categories: the runtimes then
 * choose by the `module` hint, live entries, the HTTP status and the module id, and a
 * reviewer should know (rule `cross-module-conflict`, on the first module's row).
 */
function checkCrossModuleConflicts(modules: readonly ErrorModule[], codeLines: ReadonlyMap<string, { readonly file: VFile; readonly lines: ReadonlyMap<number, Point> }>): void {
  const byCode = new Map<number, { module: ErrorModule; entry: ErrorEntry }[]>();
  for (const module of [...modules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    for (const entry of module.entries) {
      const list = byCode.get(entry.code);
      if (list === undefined) byCode.set(entry.code, [{ module, entry }]);
      else list.push({ module, entry });
    }
  }
  for (const [code, listed] of [...byCode].sort(([a], [b]) => a - b)) {
    if (listed.length < 2 || listed.every(({ entry }) => entry.category === listed[0]!.entry.category)) continue;
    const where = (id: string) => {
      const at = codeLines.get(id);
      const point = at?.lines.get(code);
      return `${at?.file.path ?? id}${point ? `:${point.line}` : ''}`;
    };
    const meanings = listed.map(({ module, entry }) => `${module.id} \`${entry.category}\`/${entry.retry}${entry.deprecated ? ' (deprecated)' : ''} (${where(module.id)})`);
    const first = codeLines.get(listed[0]!.module.id);
    if (first === undefined) continue;
    report(
      first.file,
      'warning',
      `Code ${code} has a different category in each module that lists it: ${meanings.join(', ')}; the runtimes take the \`module\` hint, else live entries, the HTTP status, then the first module id. Pass \`module\` when calling, or set modules["<id>"].categories["${code}"] in the config to make them agree`,
      first.lines.get(code) ?? { line: 1, column: 1 },
      'cross-module-conflict',
    );
  }
}

/** Two modules must not share a TS type name or a Go package. */
function checkModuleNames(modules: readonly ErrorModule[], project: VFile): void {
  const typeOwners = new Map<string, string>();
  const packageOwners = new Map<string, string>();
  const exportOwners = new Map<string, ErrorModule>();
  for (const module of modules) {
    const typeProblem = typeNameProblem(module.typeName);
    if (typeProblem !== undefined) {
      report(project, 'error', `Unexpected type name \`${module.typeName}\` for ${module.id}: ${typeProblem}; set modules["${module.id}"].typeName in the config`, undefined, 'type-name');
    }
    if (!isValidGoPackage(module.goPackage)) {
      report(project, 'error', `Unexpected Go package \`${module.goPackage}\` for ${module.id}, expected lower-case letters and digits, not a Go keyword; set modules["${module.id}"].goPackage in the config`, undefined, 'go-package');
    } else if (GO_RESERVED_PACKAGES.has(module.goPackage)) {
      report(project, 'error', `Unexpected Go package \`${module.goPackage}\` for ${module.id}: it clashes with ${GO_RESERVED_PACKAGES.get(module.goPackage)}; set modules["${module.id}"].goPackage in the config, e.g. to "${module.goPackage}codes"`, undefined, 'go-package');
    }
    const runtimeName = typeProblem === undefined ? moduleExports(module.typeName).find((name) => TYPESCRIPT_RESERVED.runtimeNames.has(name)) : undefined;
    if (runtimeName !== undefined) {
      report(project, 'error', `Unexpected type name \`${module.typeName}\` for ${module.id}: its module would export \`${runtimeName}\`, which ts/feishu-error.ts declares; set modules["${module.id}"].typeName in the config`, undefined, 'type-name');
    }
    const typeOwner = typeOwners.get(module.typeName);
    if (typeOwner !== undefined) {
      report(project, 'error', `Modules ${typeOwner} and ${module.id} would both be named \`${module.typeName}\`; set modules["${module.id}"].typeName in the config`, undefined, 'type-name-collision');
    } else typeOwners.set(module.typeName, module.id);
    // ts/index.ts re-exports every module: no two may export the same derived name (`Hire` + `HireName`).
    if (typeOwner === undefined) {
      for (const name of moduleExports(module.typeName)) {
        const owner = exportOwners.get(name);
        if (owner !== undefined && owner.id !== module.id) {
          report(project, 'error', `Modules ${owner.id} (type name \`${owner.typeName}\`) and ${module.id} (type name \`${module.typeName}\`) would both export \`${name}\` from ts/index.ts; set modules["${module.id}"].typeName in the config to a name that is not another module's name plus Info, Variant, Name or s`, undefined, 'type-name-collision');
          break;
        }
        exportOwners.set(name, module);
      }
    }
    const packageOwner = packageOwners.get(module.goPackage);
    if (packageOwner !== undefined) {
      report(project, 'error', `Modules ${packageOwner} and ${module.id} would both be Go package \`${module.goPackage}\`; set modules["${module.id}"].goPackage in the config`, undefined, 'go-package-collision');
    } else packageOwners.set(module.goPackage, module.id);
  }
}

/** The Java target's package and class names (only when it is a target). */
function checkJavaNames(modules: readonly ErrorModule[], javaPackage: string, project: VFile): void {
  const packageProblem = javaPackageProblem(javaPackage);
  if (packageProblem !== undefined) {
    report(project, 'error', `Unexpected java.package \`${javaPackage}\`: ${packageProblem}; set java.package in the config to a package such as com.acme.feishu.errcodes`, undefined, 'java-package');
  }
  for (const module of modules) {
    const constants = javaConstantNames(module.entries);
    module.entries.forEach((entry, index) => {
      if (constants[index] === javaConstantName(entry.name)) return;
      report(project, 'warning', `Unexpected Java constant \`${javaConstantName(entry.name)}\` twice in ${module.id}: \`${entry.name}\` (${entry.code}) folds onto an earlier name, so it is written \`${constants[index]}\`; to choose, rename one in modules["${module.id}"].names in the config`, undefined, 'java-name-collision');
    });
    const problem = javaTypeNameProblem(module.typeName);
    if (problem !== undefined) {
      report(project, 'error', `Unexpected type name \`${module.typeName}\` for ${module.id} in Java: ${problem}; set modules["${module.id}"].typeName in the config`, undefined, 'type-name');
    }
  }
}

/** Every output of the catalog, paths relative to the output folder. Pure. */
export function emitAll(catalog: ErrorCatalog, config: ResolvedConfig): OutputFile[] {
  const files = TARGETS.filter((target) => config.targets.includes(target.name)).flatMap((target) =>
    target.emit(catalog, { goModule: config.goModule, goModFile: config.goUserModule === undefined, typescript: config.typescript, python: config.python, javaPackage: config.java.package }),
  );
  // One file must never be rendered twice: the second would silently replace the first.
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`Two outputs share the path ${file.path}`);
    seen.add(file.path);
  }
  return files;
}

/** The lock text a run leaves behind. */
export function lockText(catalog: ErrorCatalog, schemaRef?: string): string {
  return serializeLock(updatedLock(catalog, schemaRef));
}

/**
 * An http(s) URL as RFC 3986 wants it (every character it does not allow percent-encoded), or
 * undefined. Blanks and controls reject the URL: they would break comment lines.
 */
function httpUrl(text: string): string | undefined {
  if (/[\s\u0000-\u001F\u007F-\u009F]/.test(text)) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    // WHATWG leaves some characters RFC 3986 forbids (`{}|^` and the backtick in a query
    // or fragment, `"` in a fragment…); every one of them is percent-encoded here.
    // Brackets are allowed only around an IPv6 host, so the rest is encoded apart.
    const pathStart = url.href.indexOf('/', url.protocol.length + 2);
    const rest = url.href.slice(pathStart).replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (char) =>
      [...new TextEncoder().encode(char)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    );
    const href = url.href.slice(0, pathStart) + rest;
    return /%(?![0-9A-Fa-f]{2})/.test(href) ? undefined : href;
  } catch {
    return undefined;
  }
}

function lowerKeys(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}

/** The 1-based line of a front matter key, for messages (the front matter opens the file). */
function frontMatterKeyLine(text: string, key: string): number {
  const lines = text.split('\n');
  for (let index = 1; index < lines.length && !lines[index]!.startsWith('---'); index++) {
    if (lines[index]!.startsWith(`${key}:`)) return index + 1;
  }
  return 1;
}

interface FolderContext {
  readonly options: BuildOptions;
  readonly typos: Readonly<Record<string, string>>;
  readonly byId: Map<string, string>;
  readonly files: VFile[];
  readonly project: VFile;
}

/**
 * A module folder (docs/modules.md): every page read, then merged into one module by
 * normalizeModule. Undefined (with an error) when the folder's id cannot be a module.
 */
function buildFolderModule(id: string, pages: readonly SeedInput[], context: FolderContext): ErrorModule | undefined {
  const { options, typos, byId, files } = context;
  const { config } = options;
  const seedPath = [...pages].map((page) => page.moduleDir ?? page.path).sort()[0]!;
  const moduleFile = new VFile({ path: seedPath });
  files.push(moduleFile);
  const refuse = (reason: string) => {
    report(moduleFile, 'error', reason, undefined, 'module-id');
    return undefined;
  };
  if (id === '') return refuse('Unexpected module folder name without ASCII letters or digits, expected a name such as `im-v1` (it names the generated files); rename the folder');
  if (RESERVED_MODULE_IDS.has(id)) return refuse(`Unexpected module folder \`${id}\`: its outputs would overwrite the generated ${RESERVED_MODULE_IDS.get(id)}; rename the folder`);
  const idProblem = TYPESCRIPT_RESERVED.moduleIdProblem(id);
  if (idProblem !== undefined) return refuse(`Unexpected module folder \`${id}\`: ${idProblem}; rename the folder`);
  const other = byId.get(id);
  if (other !== undefined) return refuse(`Module id \`${id}\` is already taken by ${other}; rename the folder or the file`);
  byId.set(id, seedPath);

  const parsed: ModulePage[] = [];
  for (const seed of [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const file = decodeSeed(seed);
    files.push(file);
    if (hasErrors(file)) continue;
    if (String(file.value).trim() === '') {
      report(file, 'info', 'Empty page: it adds no codes to its module', { line: 1, column: 1 }, 'empty-file');
      continue;
    }
    const doc = parseDoc(file);
    if (doc.stopped) continue;
    const endpoint = pageEndpoint(doc);
    const page = pageUrl(doc);
    const docUrl = page === undefined ? undefined : httpUrl(page);
    parsed.push({ file, doc, ...(endpoint !== undefined && { endpoint }), ...(docUrl !== undefined && { docUrl }), ...(doc.rateLimit !== undefined && { rateLimit: doc.rateLimit }) });
  }
  const moduleConfig = moduleConfigOf(config, id);
  const { entries, endpoints } = normalizeModule(parsed, moduleFile, normalizeOptions(moduleConfig, id, typos, options));
  const categories = moduleConfig.categories ?? {};
  const codes = new Set(entries.map((entry) => entry.code));
  for (const code of Object.keys(categories).sort((a, b) => Number(a) - Number(b))) {
    if (!codes.has(Number(code))) {
      report(moduleFile, 'warning', `Config sets a category for code ${code}, which no page of the module lists; remove modules["${id}"].categories["${code}"] from the config`, { line: 1, column: 1 }, 'unknown-code-category');
    }
  }
  // A folder without a page of codes was reported (empty-module): nothing to generate for it.
  if (entries.length === 0) return undefined;
  const unknown = entries.filter((entry) => entry.category === 'unknown').length;
  if (unknown > 0) {
    report(moduleFile, 'info', `${unknown} of ${entries.length} codes have no category (no rule recognises their texts); set modules["${id}"].categories in the config to classify them`, { line: 1, column: 1 }, 'unknown-category');
  }
  return {
    id,
    seed: seedPath,
    title: id,
    typeName: moduleConfig.typeName ?? `${moduleBaseName(id)}ErrorCode`,
    goPackage: moduleConfig.goPackage ?? goPackageName(id, GO_RESERVED_PACKAGES),
    entries,
    ...(endpoints.length > 0 && { endpoints }),
  };
}

/**
 * Type names and Go packages told apart without config (docs/modules.md): a folder module
 * whose version-less name another module also takes keeps its version (`im-v1`, `im-v2` →
 * `ImV1ErrorCode`, `ImV2ErrorCode`, packages `imv1`, `imv2`). Flat seeds keep their names
 * (`hire-v1` → `HireErrorCode`); names set in the config are kept.
 */
function distinctTypeNames(modules: readonly ErrorModule[], config: BuildOptions['config']): ErrorModule[] {
  const owners = new Map<string, number>();
  for (const module of modules) owners.set(module.typeName, (owners.get(module.typeName) ?? 0) + 1);
  const packages = new Map<string, number>();
  for (const module of modules) packages.set(module.goPackage, (packages.get(module.goPackage) ?? 0) + 1);
  return modules.map((module) => {
    if (module.endpoints === undefined && !isFolderSeed(module)) return module;
    const moduleConfig = (Object.hasOwn(config.modules, module.id) ? config.modules[module.id] : undefined) ?? {};
    const versioned = versionedBaseName(module.id);
    const typeName = moduleConfig.typeName === undefined && (owners.get(module.typeName) ?? 0) > 1 && versioned !== undefined ? `${versioned}ErrorCode` : module.typeName;
    const goPackage =
      moduleConfig.goPackage === undefined && (packages.get(module.goPackage) ?? 0) > 1 && versioned !== undefined ? versioned.toLowerCase() : module.goPackage;
    return typeName === module.typeName && goPackage === module.goPackage ? module : { ...module, typeName, goPackage };
  });
}

/** A folder module's seed is its folder, not a `.md` file. */
function isFolderSeed(module: ErrorModule): boolean {
  return !module.seed.toLowerCase().endsWith('.md');
}

/** `im-v1` → `ImV1`; undefined when the id has no version. */
function versionedBaseName(id: string): string | undefined {
  if (!/[-_.]?v\d+$/i.test(id)) return undefined;
  const base = toPascalCase(id);
  return base === '' || /^[0-9]/.test(base) ? undefined : base;
}

/**
 * Two modules whose pages declare one endpoint: each keeps it (the endpoint belongs to the
 * folder that declares it), and a warning names both, since a runtime asked for that endpoint
 * answers from the module its caller names.
 */
function checkSharedEndpoints(modules: readonly ErrorModule[], project: VFile): void {
  const owners = new Map<string, string>();
  for (const module of modules) {
    for (const endpoint of module.endpoints ?? []) {
      const key = `${endpoint.method} ${endpoint.path}`;
      const owner = owners.get(key);
      if (owner === undefined) owners.set(key, module.id);
      else report(project, 'warning', `Endpoint \`${key}\` is declared in modules ${owner} and ${module.id}; each keeps its own meanings, and a runtime resolves it in the module the caller names (else ${owner})`, undefined, 'shared-endpoint');
    }
  }
}

/** A module's settings in the config (`modules.<id>`), empty when it has none. */
function moduleConfigOf(config: ResolvedConfig, id: string): NonNullable<ResolvedConfig['modules'][string]> {
  return (Object.hasOwn(config.modules, id) ? config.modules[id] : undefined) ?? {};
}

/** What normalize needs of a module, from its settings, the lock and the run's options: the same for a page and a folder. */
function normalizeOptions(moduleConfig: NonNullable<ResolvedConfig['modules'][string]>, id: string, typos: Readonly<Record<string, string>>, options: BuildOptions): NormalizeOptions {
  return {
    categories: moduleConfig.categories ?? {},
    typos,
    locked: lockedEntries(options.lock, id),
    overrides: new Map(Object.entries(moduleConfig.names ?? {}).map(([code, name]) => [Number(code), name])),
    lockPath: options.lockPath,
    moduleId: id,
    prune: options.prune ?? false,
    rename: options.rename ?? false,
  };
}
