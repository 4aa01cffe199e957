import { Option, type Command } from 'commander';
import { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { hasBreaking } from '../diff/changes.js';
import { compareSpecs } from '../diff/compare.js';
import { renderJson } from '../diff/render-json.js';
import { renderMarkdown } from '../diff/render-markdown.js';
import { renderText } from '../diff/render-text.js';
import type { DiffSource } from '../diff/sources.js';
import { readConfig } from '../project.js';
import { absoluteFrom } from '../project-root.js';
import { cliIo, err, locateProject, out, useColor, type SetExit } from './common.js';

interface DiffFlags {
  format: 'text' | 'markdown' | 'json';
  failOn: 'breaking' | 'any' | 'none';
  config?: string;
}

const RENDERERS = { text: renderText, markdown: renderMarkdown, json: renderJson } as const;

function runDiff(oldArg: string, newGiven: string | undefined, given: DiffFlags, cwd: string): number {
  // From a subfolder: the project root's config and seeds; paths typed here stay relative to here.
  const located = locateProject(given, cwd);
  const flags = located.flags;
  const side = (spec: string) => (located.root === cwd || spec.startsWith('git:') ? spec : absoluteFrom(cwd, spec)!);
  const oldSpec = side(oldArg);
  const newArg = newGiven === undefined ? undefined : side(newGiven);
  const options = { cwd: located.root, config: flags.config };
  const newSpec = newArg ?? readConfig(options.cwd, { config: flags.config, allowOutside: true /* diff only reads */ }).seeds;
  const outcome = compareSpecs(oldSpec, newSpec, options);
  if (!outcome.ok) return failed(outcome.source, outcome.files);
  // Labelled as the user typed them, not as made absolute for the project root.
  out(RENDERERS[flags.format](outcome.diff, { old: oldArg, new: newGiven ?? newSpec }).replace(/\n$/, ''));
  if (flags.failOn === 'breaking') return hasBreaking(outcome.diff) ? 1 : 0;
  if (flags.failOn === 'any') return outcome.diff.modules.length > 0 ? 1 : 0;
  return 0;
}

/** Errors only: warnings about a doc's layout are `lint`'s business, not the diff's. */
function failed(source: DiffSource, files: readonly VFile[]): number {
  const shown = files
    .map((file) => {
      const copy = new VFile({ path: file.path });
      copy.messages = file.messages.filter((message) => message.fatal === true);
      return copy;
    })
    .filter((file) => file.messages.length > 0);
  if (shown.length > 0) err(reporter(shown, { color: useColor() }));
  err(`feishu-errcodes: errors in the seeds of ${source.label} (above); cannot diff. Run \`feishu-errcodes lint\` on them for details.`);
  return 2;
}

export function registerDiff(program: Command, setExit: SetExit): void {
  program
    .command('diff')
    .argument('<old>', 'the older version: a seed doc (.md), a seeds folder, a generated JSON catalogue (json/<id>.json or a folder of them), or git:<rev>[:<path>]')
    .argument('[new]', 'the newer version, in any of the same forms (default: the seeds folder of the config)')
    .description('report what changed between two versions of the docs: codes added, removed or deprecated, names, texts and HTTP statuses')
    .addOption(new Option('--format <format>', 'output format (markdown: a ready PR description)').choices(['text', 'markdown', 'json']).default('text'))
    .addOption(
      new Option('--fail-on <level>', 'exit 1 on breaking changes (removed codes, renamed members or types), or on any change').choices(['breaking', 'any', 'none']).default('none'),
    )
    .option('--config <file>', 'config file (default: feishu-errcodes.config.json when present; a git:<rev> side reads the one committed at <rev>)')
    .option('--debug', 'show stack traces of internal errors')
    .addHelpText(
      'after',
      `
Sides:
  seeds/hire-v1.md          one seed doc (names from the lock beside it)
  seeds/                    a seeds folder (names from its lock)
  generated/json/hire-v1.json, generated/json/, generated/
                            generated JSON catalogues
  git:origin/main           the configured seeds folder as committed at origin/main
  git:HEAD~1:docs/seeds     a path as committed at HEAD~1

A seeds side without a lock of its own keeps the old side's names, as generate would.
A code gone from the doc that the lock keeps is "deprecated" (not breaking); a code gone
from the lock too is "removed" (breaking), as is a changed member or type name.

Examples:
  feishu-errcodes diff git:origin/main seeds/ --format markdown > pr.md
  feishu-errcodes diff git:HEAD --fail-on breaking    (new: the configured seeds folder)`,
    )
    .action((oldSpec: string, newSpec: string | undefined, flags: DiffFlags) => setExit(runDiff(oldSpec, newSpec, flags, cliIo().cwd)));
}
