import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, ROOT, runCli } from './helpers/tools.js';

const hire = readFileSync(join(ROOT, 'seeds/hire-v1.md'), 'utf8');

describe('why generate removes a file', () => {
  it('names the setting that changed, not a seed that is still there', async () => {
    const dir = makeProject({ 'hire-v1.md': hire }, { 'feishu-errcodes.config.json': '{ "targets": ["ts", "docs"] }\n' });
    expect((await runCli(['generate'], dir)).code).toBe(0);

    writeFileSync(join(dir, 'feishu-errcodes.config.json'), '{ "targets": ["ts"], "typescript": { "emit": "js+dts" } }\n');
    const check = await runCli(['check'], dir);
    expect(check.stdout).toContain('stale generated/ts/hire-v1.ts (no longer generated: typescript.emit is "js+dts"; generate removes it)\n');
    const run = await runCli(['generate'], dir);
    expect(run.stdout).toContain('removed generated/ts/hire-v1.ts (no longer generated: typescript.emit is "js+dts")\n');
    expect(run.stdout).toContain('removed generated/docs/hire-v1.md (no longer generated: "targets" has no "docs")\n');
    expect(run.stdout).not.toContain('seed is gone');

    writeFileSync(join(dir, 'feishu-errcodes.config.json'), '{ "targets": ["ts"] }\n');
    expect((await runCli(['generate'], dir)).stdout).toContain('removed generated/ts/hire-v1.js (no longer generated: typescript.emit is "ts")\n');
  });

  it('a Go module of its own given up for the repository\'s go.mod says so', async () => {
    const dir = makeProject({ 'hire-v1.md': hire }, { 'feishu-errcodes.config.json': '{ "targets": ["go"], "goModule": "example.com/errs" }\n' });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.19\n');
    writeFileSync(join(dir, 'feishu-errcodes.config.json'), '{ "targets": ["go"] }\n');
    expect((await runCli(['generate'], dir)).stdout).toContain('removed generated/go/go.mod (no longer generated: the Go packages join the module of go.mod)\n');
  });

  it('a seed removed: its seed is gone', async () => {
    const dir = makeProject({ 'hire-v1.md': hire, 'other.md': '| code | message |\n| --- | --- |\n| 1 | One |\n' });
    expect((await runCli(['generate'], dir)).code).toBe(0);
    rmSync(join(dir, 'seeds/other.md'));
    expect((await runCli(['generate'], dir)).stdout).toContain('removed generated/json/other.json (its seed is gone)\n');
  });
});
