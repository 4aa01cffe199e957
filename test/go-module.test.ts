import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUserGoModule } from '../src/go-module.js';
import { hasGo, requireTools, ROOT, runCli, runGo, SPAWN_TIMEOUT_MS, tempDir } from './helpers/tools.js';

const HIRE = readFileSync(join(ROOT, 'seeds/hire-v1.md'));

/** A repository with its own Go module at the root and the Hire seed; `config` is the feishu-errcodes config (none when undefined). */
function goRepository(config?: object): string {
  const dir = tempDir('feishu-errcodes-gomod-');
  expect(spawnSync('git', ['init', '-q'], { cwd: dir, timeout: SPAWN_TIMEOUT_MS }).status).toBe(0);
  writeFileSync(join(dir, 'go.mod'), 'module example.com/acme/app // the app\n\ngo 1.19\n');
  writeFileSync(join(dir, 'package.json'), '{ "name": "app" }\n');
  mkdirSync(join(dir, 'seeds'));
  writeFileSync(join(dir, 'seeds/hire-v1.md'), HIRE);
  if (config) writeFileSync(join(dir, 'feishu-errcodes.config.json'), JSON.stringify(config));
  return dir;
}

describe('Go packages join the user\'s module', () => {
  it('finds the nearest go.mod up to the git root, and the import path of the output folder inside it', () => {
    const dir = goRepository();
    mkdirSync(join(dir, 'services/api'), { recursive: true });
    expect(findUserGoModule(join(dir, 'services/api'), join(dir, 'services/api/generated/go'))).toEqual({
      file: join(dir, 'go.mod'),
      path: 'example.com/acme/app',
      importPath: 'example.com/acme/app/services/api/generated/go',
    });
    // Past the git root there is no looking: a go.mod above it is someone else's.
    const outer = tempDir('feishu-errcodes-gomod-');
    writeFileSync(join(outer, 'go.mod'), 'module example.com/outer\n');
    mkdirSync(join(outer, 'repo/.git'), { recursive: true });
    expect(findUserGoModule(join(outer, 'repo'), join(outer, 'repo/generated/go'))).toBeUndefined();
  });

  it('writes no nested go.mod and imports through the user\'s module path', async () => {
    const dir = goRepository();
    const run = await runCli(['generate'], dir);
    expect(run.stderr).not.toMatch(/error/);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('generated/go/go.mod');
    expect(existsSync(join(dir, 'generated/go/go.mod'))).toBe(false);
    expect(readFileSync(join(dir, 'generated/go/feishuerr/feishuerr.go'), 'utf8')).toContain('"example.com/acme/app/generated/go/hire"');
  });

  it('`goModule` in the config still makes a module of its own', async () => {
    const dir = goRepository({ goModule: 'example.com/errors' });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'generated/go/go.mod'), 'utf8')).toBe('module example.com/errors\n\ngo 1.19\n');
  });

  it.skipIf(!hasGo && !requireTools)('`go build ./...` at the root builds a main that imports hire and feishuerr, with no replace', async () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const dir = goRepository();
    expect((await runCli(['generate'], dir)).code).toBe(0);
    mkdirSync(join(dir, 'cmd/app'), { recursive: true });
    writeFileSync(
      join(dir, 'cmd/app/main.go'),
      `package main

import (
\t"fmt"

\t"example.com/acme/app/generated/go/feishuerr"
\t"example.com/acme/app/generated/go/hire"
)

func main() {
\tfmt.Println(hire.Code(1002108).Message(), feishuerr.Parse != nil)
}
`,
    );
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).not.toContain('replace');
    const build = runGo(['build', './...'], dir);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const ran = runGo(['run', './cmd/app'], dir);
    expect(ran.stdout).toBe('Resume source does not exist true\n');
  });
});
