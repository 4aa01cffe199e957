/**
 * Config paths are judged where they lead, not by name: a committed link inside the
 * project that points out of it takes the lock, the seeds or the output folder outside.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realPlace } from '../../src/trust.js';
import { makeProject, runCli, tempDir } from '../helpers/tools.js';

const SEED = `---\ntitle: Demo\n---\n# Demo\n\n| code | message | 说明 |\n| --- | --- | --- |\n| 1001 | Talent not exist | 人才不存在 |\n`;
const ALIASES = 'alias ll="ls -l"\n';

/** Every entry under `dir` without following links: files with their text, links with their target. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      const stat = lstatSync(join(dir, rel));
      if (stat.isSymbolicLink()) out[rel] = `-> ${readlinkSync(join(dir, rel))}`;
      else if (stat.isDirectory()) walk(rel);
      else out[rel] = readFileSync(join(dir, rel), 'utf8');
    }
  };
  walk('');
  return out;
}

/** `<tmp>/app` (the project, with `link -> ../outside`) beside `<tmp>/outside` (with a .bash_aliases). */
function linkedProject(config: string | undefined): { dir: string; app: string; outside: string } {
  const dir = makeProject({}, { 'outside/.bash_aliases': ALIASES, 'app/seeds/demo-v1.md': SEED, ...(config !== undefined && { 'app/feishu-errcodes.config.json': config }) });
  symlinkSync('../outside', join(dir, 'app/link'));
  return { dir, app: join(dir, 'app'), outside: join(dir, 'outside') };
}

describe('config paths through a symbolic link', () => {
  it.each([
    ['lock', 'link/.bash_aliases', '.bash_aliases'],
    ['out', 'link/gen', 'gen'],
    ['seeds', 'link', ''],
  ])('refuses "%s": "%s" with link -> ../outside, in every command, exit 2, nothing written', async (key, path, below) => {
    const { dir, app, outside } = linkedProject(JSON.stringify({ [key]: path }));
    if (key === 'seeds') writeFileSync(join(outside, 'demo-v1.md'), SEED);
    const before = snapshot(dir);
    for (const command of [['generate'], ['check'], ['lint'], ['sync', '--dry-run']]) {
      const result = await runCli(command, app);
      expect(result.stderr).toBe(
        `feishu-errcodes: The config's "${key}" "${path}" resolves through a symbolic link to ${join(realPlace(outside), below)}, outside the project root ${app}, and a run writes there; ` +
          `set "${key}" in feishu-errcodes.config.json to a path inside the project, or pass --allow-outside if you mean it. Nothing was written.\n`,
      );
      expect(result.code).toBe(2);
    }
    expect(snapshot(dir)).toEqual(before);
    expect(readFileSync(join(outside, '.bash_aliases'), 'utf8')).toBe(ALIASES);
  });

  it('refuses a lock that is a dangling link out of the project (the file does not exist yet)', async () => {
    const { dir, app, outside } = linkedProject('{ "lock": "names.lock.json" }');
    symlinkSync('../outside/new.json', join(app, 'names.lock.json'));
    const before = snapshot(dir);
    const result = await runCli(['generate'], app);
    expect(result.stderr).toContain(`"lock" "names.lock.json" resolves through a symbolic link to ${join(realPlace(outside), 'new.json')}, outside the project root`);
    expect(result.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a default seeds folder or output folder that is a link out of the project, without any config', async () => {
    const { dir, app, outside } = linkedProject(undefined);
    symlinkSync('../outside', join(app, 'generated'));
    const before = snapshot(dir);
    const result = await runCli(['generate'], app);
    expect(result.stderr).toBe(
      `feishu-errcodes: generated is a symbolic link, and the output folder generated (the default) resolves through it to ${realPlace(outside)}, outside the project root ${app}, and a run writes there; ` +
        'replace the link with a real folder, pass --out <dir>, or pass --allow-outside if you mean it. Nothing was written.\n',
    );
    expect(result.code).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a config file that is a link out of the project; --config naming it is the user\'s choice', async () => {
    const { app, outside } = linkedProject(undefined);
    writeFileSync(join(outside, 'conf.json'), '{ "seeds": "../app/seeds", "out": "../app/generated" }\n');
    symlinkSync('../outside/conf.json', join(app, 'feishu-errcodes.config.json'));
    const result = await runCli(['check'], app);
    expect(result.stderr).toMatch(/^feishu-errcodes: The config feishu-errcodes\.config\.json is a symbolic link to .*outside\/conf\.json, outside the project root /);
    expect(result.code).toBe(2);
    const chosen = await runCli(['generate', '--config', join(outside, 'conf.json')], app);
    expect(chosen.stderr).toBe('');
    expect(chosen.code).toBe(0);
  });

  it('takes a link that stays inside the project, and a link out with --allow-outside', async () => {
    const { app, outside } = linkedProject('{ "lock": "link/names.lock.json" }');
    mkdirSync(join(app, 'state'));
    symlinkSync('state', join(app, 'inner'));
    writeFileSync(join(app, 'feishu-errcodes.config.json'), '{ "lock": "inner/names.lock.json" }');
    expect((await runCli(['generate'], app)).code).toBe(0);
    expect(readFileSync(join(app, 'state/names.lock.json'), 'utf8')).toContain('"demo-v1"');
    writeFileSync(join(app, 'feishu-errcodes.config.json'), '{ "lock": "link/names.lock.json" }');
    expect((await runCli(['generate', '--allow-outside'], app)).code).toBe(0);
    expect(readFileSync(join(outside, 'names.lock.json'), 'utf8')).toContain('"demo-v1"');
  });
});

describe('realPlace', () => {
  it('resolves links of the nearest existing parent, then appends the rest; follows a dangling link', () => {
    const dir = realPlace(tempDir());
    mkdirSync(join(dir, 'real'));
    symlinkSync('real', join(dir, 'alias'));
    symlinkSync('real/not-yet', join(dir, 'dangling'));
    expect(realPlace(join(dir, 'alias/a/b.json'))).toBe(join(dir, 'real/a/b.json'));
    expect(realPlace(join(dir, 'dangling/x'))).toBe(join(dir, 'real/not-yet/x'));
    symlinkSync('loop', join(dir, 'loop'));
    expect(realPlace(join(dir, 'loop/x'))).toBe(join(dir, 'loop/x'));
  });
});
