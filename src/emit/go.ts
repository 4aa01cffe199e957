import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import type { ErrorCatalog, ErrorEntry, ErrorModule } from '../model.js';
import { commentLines, goString } from './escape.js';
import { moduleNotice, variantLine } from './header.js';
import { goMemberNames } from '../normalize/names.js';
import type { EmitOptions, OutputFile } from './types.js';

const eta = new Eta({ autoEscape: false, autoTrim: false, useWith: false });
const template = eta.compile(
  readFileSync(new URL('../../templates/go/errors.go.eta', import.meta.url), 'utf8'),
);

/**
 * Go: `go/<pkg>/errors.go` per module from `templates/go/errors.go.eta`, plus `go/go.mod`.
 * Layout avoids gofmt alignment (one `const` per code, one-line literals), so the
 * template's output is gofmt-clean as rendered.
 */
export function emitGo(catalog: ErrorCatalog, options: EmitOptions): OutputFile[] {
  const files = catalog.modules.map((module) => ({
    path: `go/${module.goPackage}/errors.go`,
    contents: eta.render(template, templateData(module)),
  }));
  files.push({ path: 'go/go.mod', contents: `module ${options.goModule}\n\ngo 1.19\n` });
  return files;
}

function templateData(module: ErrorModule) {
  // Go spells initialisms its own way (`AppIDUnauthorized`); String() still returns the locked name.
  const goNames = goMemberNames(module.entries.map((entry) => entry.name));
  const about = [
    '',
    ...(module.sourceUrl ? [`Source: ${module.sourceUrl}`] : []),
    ...(module.docUpdated ? [`Doc updated: ${module.docUpdated}`] : []),
  ].flatMap((line) => commentLines(line));
  return {
    notice: moduleNotice(module),
    pkg: module.goPackage,
    title: commentLines(module.title).join(' '),
    about: about.length > 1 ? about : [],
    entries: module.entries.map((entry) => {
      const name = goNames.get(entry.name)!;
      return { name, code: entry.code, doc: entryDoc(entry, name), literal: literal(entry, name) };
    }),
  };
}

function entryDoc(entry: ErrorEntry, goName: string): string[] {
  const lines = [`${goName} (${entry.code}): ${entry.message || 'no message in the doc'}`];
  if (entry.description) lines.push('', `说明: ${entry.description}`);
  if (entry.suggestion) lines.push('', `排查建议: ${entry.suggestion}`);
  if (entry.httpStatus !== undefined) lines.push('', `HTTP status: ${entry.httpStatus}`);
  for (const variant of entry.variants ?? []) lines.push('', variantLine(variant));
  const escaped = lines.flatMap((line) => commentLines(line));
  if (entry.deprecated) escaped.push('', 'Deprecated: no longer listed in the doc; kept by the name lock.');
  return escaped;
}

function literal(entry: ErrorEntry, goName: string): string {
  const fields = [`code: ${goName}`, `name: ${goString(entry.name)}`, `message: ${goString(entry.message)}`];
  if (entry.description !== undefined) fields.push(`description: ${goString(entry.description)}`);
  if (entry.suggestion !== undefined) fields.push(`suggestion: ${goString(entry.suggestion)}`);
  if (entry.section !== undefined) fields.push(`section: ${goString(entry.section)}`);
  if (entry.httpStatus !== undefined) fields.push(`httpStatus: ${entry.httpStatus}`);
  if (entry.deprecated) fields.push('deprecated: true');
  if (entry.variants?.length) {
    const variants = entry.variants.map((variant) => {
      const parts = [`Message: ${goString(variant.message)}`];
      if (variant.description !== undefined) parts.push(`Description: ${goString(variant.description)}`);
      if (variant.suggestion !== undefined) parts.push(`Suggestion: ${goString(variant.suggestion)}`);
      if (variant.section !== undefined) parts.push(`Section: ${goString(variant.section)}`);
      if (variant.httpStatus !== undefined) parts.push(`HTTPStatus: ${variant.httpStatus}`);
      return `{${parts.join(', ')}}`;
    });
    fields.push(`variants: []Variant{${variants.join(', ')}}`);
  }
  const messages = Object.entries(entry.translations ?? {}).filter(([, texts]) => texts.message !== undefined);
  if (messages.length > 0) {
    fields.push(`messageIn: map[string]string{${messages.map(([lang, texts]) => `${goString(lang)}: ${goString(texts.message!)}`).join(', ')}}`);
  }
  return fields.join(', ');
}
