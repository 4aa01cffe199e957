import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goCheck, hasGo, requireTools, ROOT, runGo, SPAWN_TIMEOUT_MS, tempDir, tscProject } from '../helpers/tools.js';

// Both examples use this repository's committed generated/ (kept up to date by test/generate.test.ts).
const EXAMPLES = join(ROOT, 'test/examples');

describe('TypeScript usage (test/examples/ts)', () => {
  it('compiles with ESM, verbatimModuleSyntax and isolatedModules, and narrows a response code with the type guard', () => {
    const tsconfig = JSON.parse(readFileSync(join(EXAMPLES, 'ts/tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
    expect(tsconfig.compilerOptions).toMatchObject({ module: 'NodeNext', strict: true, verbatimModuleSyntax: true, isolatedModules: true });

    const out = tempDir('feishu-errcodes-example-ts-');
    try {
      expect(tscProject(join(EXAMPLES, 'ts'), { noEmit: false, outDir: out })).toBe('');
      writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
      const run = spawnSync(process.execPath, [join(out, 'test/examples/ts/main.js')], { encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe(
        [
          'the talent is gone: refresh the talent list',
          'ResumeSourceDoesNotExist (1002108): 检查简历来源 ID',
          'unlisted Feishu error 99991663: Invalid access token for authorization',
          '',
        ].join('\n'),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('Go usage (test/examples/go)', () => {
  it.skipIf(!hasGo && !requireTools)('is a module that replaces the generated one; gofmt, go vet and its Example tests pass', () => {
    expect(hasGo, 'go is required in CI').toBe(true);
    const dir = join(EXAMPLES, 'go');
    expect(readFileSync(join(dir, 'go.mod'), 'utf8')).toContain('replace feishu-errcodes/generated/go => ../../../generated/go\n');
    expect(goCheck(dir)).toBe('');
    const test = runGo(['test', '-v', './...'], dir);
    expect(test.stdout + test.stderr).toMatch(/^--- PASS: ExampleExplain /m);
    expect(test.stdout + test.stderr).toMatch(/^--- PASS: ExampleLookup /m);
    expect(test.code).toBe(0);
  });
});
