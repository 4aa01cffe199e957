import { spawnSync } from 'node:child_process';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { UserError } from '../project.js';
import type { TreeReader } from './tree.js';

/**
 * The tree of a git revision, read with `git cat-file` / `git ls-tree` (paths relative to
 * `cwd`, as `<rev>:./<path>`). `label` is the spec the user gave, for messages.
 */
export function gitTree(cwd: string, rev: string, label: string): TreeReader {
  const git = (args: readonly string[]) => {
    const result = spawnSync('git', [...args], { cwd, maxBuffer: 1 << 30 });
    if (result.error) {
      throw new UserError(`${label}: cannot run git (${(result.error as NodeJS.ErrnoException).code ?? result.error.message}); install git, or compare files and folders instead`);
    }
    return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
  };
  const inside = git(['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok || inside.stdout.toString('utf8').trim() !== 'true') {
    throw new UserError(`${label}: ${cwd} is not inside a git work tree; run diff from your repository, or compare files and folders instead`);
  }
  if (!git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]).ok) {
    throw new UserError(
      `${label}: unknown revision \`${rev}\`; check its name, and in CI fetch it first (e.g. \`git fetch origin main\`, or actions/checkout with fetch-depth: 0)`,
    );
  }
  /** `seeds/x.md` → `seeds/x.md`; `.` → ``; absolute paths are made relative to cwd. */
  const clean = (path: string) => {
    const rel = isAbsolute(path) ? relative(cwd, resolve(path)).split(sep).join('/') : path.split('\\').join('/');
    const normal = posix.normalize(rel);
    return normal === '.' || normal === './' ? '' : normal.replace(/\/$/, '');
  };
  const object = (path: string) => `${rev}:./${clean(path)}`;
  return {
    kind(path) {
      const type = git(['cat-file', '-t', object(path)]);
      if (!type.ok) return undefined;
      const name = type.stdout.toString('utf8').trim();
      return name === 'tree' ? 'dir' : name === 'blob' ? 'file' : undefined;
    },
    files(dir) {
      // --full-tree: list the tree itself, not filtered by the cwd's prefix.
      const list = git(['ls-tree', '--full-tree', '-z', object(dir)]);
      if (!list.ok) throw new UserError(`${label}: cannot list ${this.show(dir)} (${list.stderr})`);
      return list.stdout
        .toString('utf8')
        .split('\0')
        .filter((line) => line !== '')
        .map((line) => /^\d+ (\w+) \w+\t(.*)$/s.exec(line))
        .filter((match): match is RegExpExecArray => match !== null && match[1] === 'blob')
        .map((match) => match[2]!)
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    },
    read(path) {
      const blob = git(['cat-file', 'blob', object(path)]);
      if (!blob.ok) throw new UserError(`${label}: cannot read ${this.show(path)} (${blob.stderr})`);
      return new Uint8Array(blob.stdout);
    },
    show(path) {
      const rel = clean(path);
      return `${rev}:${rel.includes('/') ? rel : `./${rel}`}`;
    },
    same: (a, b) => clean(a) === clean(b),
    join: (dir, name) => posix.join(clean(dir) || '.', name),
    dirname: (path) => posix.dirname(clean(path)),
  };
}
