/**
 * The checker every generated TypeScript tree is judged by (typecheck in tools.ts): it
 * must fail on what `tsc --strict` fails on, and read the tree as an ESM package; and
 * `tscProject`, `tsc -p` in process, must read the tsconfig as tsc does and emit.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, tscProject, typecheck } from './tools.js';

function tree(files: Record<string, string>): string {
  const dir = tempDir('feishu-errcodes-typecheck-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('typecheck', () => {
  it('passes an ESM tree: .js specifiers, top-level await, type-only imports', () => {
    const dir = tree({
      'a.ts': "import { y, type Y } from './sub/b.js';\nawait Promise.resolve();\nexport const z: Y = y;\n",
      'sub/b.ts': 'export type Y = number;\nexport const y: Y = 1;\n',
    });
    expect(typecheck(dir)).toBe('');
  });

  it('reports type errors, strict and unchecked-index ones included, with file and line', () => {
    const dir = tree({
      'a.ts': "export const x: number = 'no';\n",
      'b.ts': 'export function f(value) {\n  return value;\n}\n',
      'c.ts': 'const list: number[] = [];\nexport const first: number = list[0];\n',
    });
    const output = typecheck(dir);
    expect(output).toMatch(/a\.ts\(1,14\): error TS2322/);
    expect(output).toMatch(/b\.ts\(1,19\): error TS7006/);
    expect(output).toMatch(/c\.ts\(2,14\): error TS2322/);
  });

  it('reports an import that does not resolve, and a missing .js extension', () => {
    const dir = tree({ 'a.ts': "import { y } from './missing.js';\nimport { z } from './b';\nexport const x = [y, z];\n", 'b.ts': 'export const z = 1;\n' });
    const output = typecheck(dir);
    expect(output).toMatch(/a\.ts\(1,19\): error TS2307/);
    expect(output).toMatch(/a\.ts\(2,19\): error TS2835/);
  });
});

describe('tscProject', () => {
  const tsconfig = (options: Record<string, unknown>, include = ['*.ts']) => JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', types: [], ...options }, include });

  it('reports what the tsconfig makes an error, with file and line, and only the included files', () => {
    const dir = tree({
      'package.json': '{ "type": "module" }',
      'tsconfig.json': tsconfig({ noEmit: true, exactOptionalPropertyTypes: true }),
      'a.ts': 'export const o: { x?: number } = { x: undefined };\n',
      'skipped/b.ts': "export const y: number = 'not included';\n",
    });
    const output = tscProject(dir);
    expect(output).toMatch(/a\.ts\(1,14\): error TS2375/);
    expect(output).not.toMatch(/b\.ts/);
  });

  it('emits into the given outDir when the overrides turn noEmit off', () => {
    const out = tempDir('feishu-errcodes-tsc-out-');
    const dir = tree({ 'package.json': '{ "type": "module" }', 'tsconfig.json': tsconfig({ noEmit: true }), 'a.ts': 'export const x: number = 1;\n' });
    expect(tscProject(dir, { noEmit: false, outDir: out })).toBe('');
    expect(readFileSync(join(out, 'a.js'), 'utf8')).toContain('export const x = 1;');
  });

  it('reports a bad option in the overrides', () => {
    const dir = tree({ 'tsconfig.json': tsconfig({ noEmit: true }), 'a.ts': 'export {};\n' });
    expect(tscProject(dir, { target: 'ES1999' })).toMatch(/error TS6046/);
  });
});
