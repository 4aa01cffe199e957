/**
 * The one UPPER_SNAKE rule (src/normalize/constant-names.ts): Python members and Java
 * constants are the same text for every locked name, collisions included.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { buildCatalog } from '../../src/generate.js';
import { EMPTY_LOCK } from '../../src/lock.js';
import { constantNames, upperSnake } from '../../src/normalize/constant-names.js';
import { javaConstantNames } from '../../src/emit/java.js';
import { pythonMemberNames, pythonNameClashes } from '../../src/normalize/python-names.js';
import { ROOT } from '../helpers/tools.js';

describe('UPPER_SNAKE', () => {
  it.each([
    ['TalentNotExist', 'TALENT_NOT_EXIST'],
    ['AppIDUnauthorized', 'APP_ID_UNAUTHORIZED'],
    ['InternalError1663', 'INTERNAL_ERROR_1663'],
    ['Code99991663', 'CODE_99991663'],
    ['E404NotFound', 'E_404_NOT_FOUND'],
    ['OAuth2Failed', 'O_AUTH_2_FAILED'],
    ['A', 'A'],
  ])('%s → %s', (name, constant) => {
    expect(upperSnake(name)).toBe(constant);
  });

  it('tells names that meet apart by code-unit order, whatever order they come in', () => {
    expect(Object.fromEntries(constantNames(['Abc', 'ABC', 'Abc2', 'ABC2']))).toEqual({ ABC: 'ABC', ABC2: 'ABC_2', Abc: 'ABC_3', Abc2: 'ABC_2_2' });
    expect(Object.fromEntries(constantNames(['Abc2', 'ABC2', 'ABC', 'Abc']))).toEqual(Object.fromEntries(constantNames(['Abc', 'ABC', 'Abc2', 'ABC2'])));
  });

  it('names the other name of every clash, a suffixed member included', () => {
    expect(pythonNameClashes(['ABC', 'Abc', 'Abc2'])).toEqual([
      { name: 'Abc', member: 'ABC_2', other: 'ABC' },
      { name: 'Abc2', member: 'ABC_2_2', other: 'Abc' },
    ]);
  });

  it('gives Python and Java the same constant for every name of the general page', () => {
    const config = resolveConfig({ targets: ['python', 'java'] });
    const seed = { path: 'seeds/general.md', bytes: readFileSync(join(ROOT, 'seeds/general.md')) };
    const { catalog } = buildCatalog([seed], { config, lock: EMPTY_LOCK, lockPath: 'seeds/feishu-errcodes.lock.json' });
    const entries = catalog!.modules[0]!.entries;
    expect(entries.length).toBeGreaterThan(100);
    const python = pythonMemberNames(entries.map((entry) => entry.name));
    expect(javaConstantNames(entries)).toEqual(entries.map((entry) => python.get(entry.name)));
    expect(new Set(javaConstantNames(entries)).size).toBe(entries.length);
  });

  it('property: the constants of any PascalCase names are unique identifiers, the same in Python and Java', () => {
    const name = fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,8}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 12 }), (names) => {
        const entries = names.map((entry, index) => ({ name: entry, code: 1000 + index }));
        const java = javaConstantNames(entries);
        const python = pythonMemberNames(names);
        expect(java).toEqual(names.map((entry) => python.get(entry)));
        expect(new Set(java).size).toBe(names.length);
        for (const constant of java) expect(constant).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }),
    );
  });
});
