/**
 * The Python example of docs/outputs.md is code a user copies: it must pass `mypy --strict`
 * against the generated package, imported the way the page says (MYPYPATH=generated/python).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMypy, makeProject, requireTools, ROOT, runCli, SPAWN_TIMEOUT_MS } from '../helpers/tools.js';

const page = readFileSync(join(ROOT, 'docs/outputs.md'), 'utf8');
const example = /```python\n([\s\S]*?)```/.exec(page)![1]!;

describe('docs/outputs.md: the Python example', () => {
  it('says how an app imports generated/python (MYPYPATH, PYTHONPATH, pyproject)', () => {
    expect(page).toContain('MYPYPATH=generated/python mypy --strict app.py');
    expect(page).toContain('mypy_path = "generated/python"');
    expect(example).not.toMatch(/-> dict:/);
  });

  it.skipIf(!hasMypy && !requireTools)('passes mypy --strict against the generated package', async () => {
    expect(hasMypy, 'mypy is required in CI').toBe(true);
    const dir = makeProject({ 'hire-v1.md': readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8') }, { 'feishu-errcodes.config.json': '{ "targets": ["python"] }\n' });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'app.py'), example);
    const mypy = spawnSync('mypy', ['--strict', '--no-incremental', 'app.py'], { cwd: dir, encoding: 'utf8', env: { ...process.env, MYPYPATH: 'generated/python' }, timeout: 4 * SPAWN_TIMEOUT_MS });
    expect(mypy.stdout + mypy.stderr).toMatch(/^Success: no issues found in 1 source file\n$/);
    expect(mypy.status).toBe(0);
  }, 300_000);
});
