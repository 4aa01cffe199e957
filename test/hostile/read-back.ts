/**
 * Reads the texts of every code back out of each generated target with that target's own
 * runtime: the TS module is transpiled and imported, the Go package is compiled and run,
 * the JSON and the OpenAPI YAML are parsed. Each gives the same plain shape, so a test
 * can compare the four with each other and with the IR.
 */
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parse as parseYaml } from 'yaml';
import { runGo, runPython, tempDir } from '../helpers/tools.js';

export interface VariantView {
  message: string;
  description?: string;
  suggestion?: string;
  section?: string;
  httpStatus?: number;
}

export interface EntryView extends VariantView {
  code: number;
  name: string;
  variants: VariantView[];
}

/** Drops empty optional fields (Go has "" and 0 where the others leave a field out). */
function view(raw: Record<string, unknown>): VariantView {
  const out: VariantView = { message: String(raw['message'] ?? '') };
  for (const key of ['description', 'suggestion', 'section'] as const) {
    const value = raw[key];
    if (typeof value === 'string' && value !== '') out[key] = value;
  }
  const status = raw['httpStatus'];
  if (typeof status === 'number' && status !== 0) out.httpStatus = status;
  return out;
}

function entryView(raw: Record<string, unknown>): EntryView {
  const variants = (raw['variants'] as Record<string, unknown>[] | undefined) ?? [];
  return { code: raw['code'] as number, name: raw['name'] as string, ...view(raw), variants: variants.map(view) };
}

/** json/<id>.json. */
export function readBackJson(outDir: string, id: string): EntryView[] {
  const catalog = JSON.parse(readFileSync(join(outDir, 'json', `${id}.json`), 'utf8')) as { errors: Record<string, unknown>[] };
  return catalog.errors.map(entryView);
}

/** openapi/<id>.yaml: `x-feishu-errors`, checked against `enum` and `x-enum-descriptions`. */
export function readBackOpenApi(outDir: string, id: string, typeName: string): EntryView[] {
  const document = parseYaml(readFileSync(join(outDir, 'openapi', `${id}.yaml`), 'utf8')) as {
    components: { schemas: Record<string, { enum: number[]; 'x-enum-varnames': string[]; 'x-enum-descriptions': string[]; 'x-feishu-errors': Record<string, unknown>[] }> };
  };
  const schema = document.components.schemas[typeName]!;
  const entries = schema['x-feishu-errors'].map(entryView);
  // The enum and its two parallel lists must say the same as the detailed list.
  const fromLists = schema.enum.map((code, index) => ({ code, name: schema['x-enum-varnames'][index], message: schema['x-enum-descriptions'][index] }));
  const fromEntries = entries.map((entry) => ({ code: entry.code, name: entry.name, message: entry.message }));
  if (JSON.stringify(fromLists) !== JSON.stringify(fromEntries)) {
    throw new Error(`openapi/${id}.yaml: enum/x-enum-descriptions disagree with x-feishu-errors`);
  }
  return entries;
}

/** ts/<id>.ts, transpiled to JS and imported: what `lookup<Type>` answers for each code. */
export async function readBackTs(outDir: string, id: string, typeName: string, codes: readonly number[]): Promise<EntryView[]> {
  const source = readFileSync(join(outDir, 'ts', `${id}.ts`), 'utf8');
  const { outputText, diagnostics } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    reportDiagnostics: true,
  });
  if (diagnostics?.length) throw new Error(`ts/${id}.ts does not transpile: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, '\n')}`);
  const dir = tempDir('feishu-errcodes-import-');
  const file = join(dir, `${id}.mjs`);
  writeFileSync(file, outputText);
  const module = (await import(pathToFileURL(file).href)) as Record<string, (code: number) => unknown>;
  rmSync(dir, { recursive: true, force: true });
  const lookup = module[`lookup${typeName}`]!;
  const isKnown = module[`is${typeName}`]!;
  return codes.map((code) => {
    if (isKnown(code) !== true) throw new Error(`ts/${id}.ts: is${typeName}(${code}) is not true`);
    return entryView(lookup(code) as Record<string, unknown>);
  });
}

/**
 * The Go packages, compiled and run: a program in the generated module prints, for every
 * code of every package, what `String`, `Message`, … and `Variants` return, as JSON.
 */
export function readBackGo(goDir: string, goModule: string, packages: readonly string[]): Record<string, EntryView[]> {
  const cmd = join(goDir, 'readback');
  mkdirSync(cmd, { recursive: true });
  const imports = packages.map((pkg, index) => `\tp${index} "${goModule}/${pkg}"`).join('\n');
  const dumps = packages
    .map(
      (pkg, index) => `\tfor _, c := range p${index}.Codes() {
\t\tvar vs []variant
\t\tfor _, v := range c.Variants() {
\t\t\tvs = append(vs, variant{v.Message, v.Description, v.Suggestion, v.Section, v.HTTPStatus})
\t\t}
\t\tout["${pkg}"] = append(out["${pkg}"], entry{int(c), c.String(), c.Message(), c.Description(), c.Suggestion(), c.Section(), c.HTTPStatus(), vs})
\t}`,
    )
    .join('\n');
  writeFileSync(
    join(cmd, 'main.go'),
    `package main

import (
\t"encoding/json"
\t"os"

${imports}
)

type variant struct {
\tMessage     string \`json:"message"\`
\tDescription string \`json:"description"\`
\tSuggestion  string \`json:"suggestion"\`
\tSection     string \`json:"section"\`
\tHTTPStatus  int    \`json:"httpStatus"\`
}

type entry struct {
\tCode        int       \`json:"code"\`
\tName        string    \`json:"name"\`
\tMessage     string    \`json:"message"\`
\tDescription string    \`json:"description"\`
\tSuggestion  string    \`json:"suggestion"\`
\tSection     string    \`json:"section"\`
\tHTTPStatus  int       \`json:"httpStatus"\`
\tVariants    []variant \`json:"variants"\`
}

func main() {
\tout := map[string][]entry{}
${dumps}
\tif err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
\t\tpanic(err)
\t}
}
`,
  );
  const result = runGo(['run', './readback'], goDir);
  rmSync(cmd, { recursive: true, force: true });
  if (result.code !== 0) throw new Error(`go run failed:\n${result.stderr}`);
  const raw = JSON.parse(result.stdout) as Record<string, Record<string, unknown>[]>;
  return Object.fromEntries(packages.map((pkg) => [pkg, (raw[pkg] ?? []).map(entryView)]));
}

/**
 * The Python package, imported and run: for every module, what its info table says of
 * each member of its IntEnum, as JSON. Names come back as the Python members (UPPER_SNAKE).
 */
export function readBackPython(pythonDir: string, pkg: string, modules: readonly { file: string; className: string; table: string }[]): Record<string, EntryView[]> {
  const program = `
import json
import importlib

out = {}
for file, class_name, table in json.loads(${JSON.stringify(JSON.stringify(modules.map((module) => [module.file, module.className, module.table])))}):
    module = importlib.import_module(${JSON.stringify(pkg)} + "." + file)
    infos = getattr(module, table)
    entries = []
    for member in getattr(module, class_name):
        info = infos[member.value]
        if info.name != member.name or info.code != member.value:
            raise SystemExit(f"{file}: {member!r} and its info disagree")
        fields = ["message", "description", "suggestion", "section", "http_status"]
        view = {"code": info.code, "name": info.name}
        view.update({("httpStatus" if k == "http_status" else k): getattr(info, k) for k in fields})
        view["variants"] = [
            {("httpStatus" if k == "http_status" else k): getattr(v, k) for k in fields} for v in info.variants
        ]
        entries.append(view)
    out[file] = entries
print(json.dumps(out))
`;
  const run = runPython(program, pythonDir);
  if (run.code !== 0) throw new Error(`python read-back failed: ${run.stderr}`);
  const raw = JSON.parse(run.stdout) as Record<string, Record<string, unknown>[]>;
  return Object.fromEntries(Object.entries(raw).map(([file, entries]) => [file, entries.map(entryView)]));
}
