import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { catalogFromLock, lockSchemaRef, parseLock, serializeLock, updatedLock, type NameLock } from '../../src/lock.js';
import type { ErrorCatalog } from '../../src/model.js';
import { RESERVED_MEMBER_NAMES } from '../../src/normalize/names.js';
import { makeProject, ROOT } from '../helpers/tools.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema/names-lock.schema.json'), 'utf8')) as Record<string, any>;
const LOCK = 'seeds/feishu-errcodes.lock.json';

/** The lock text with one entry replaced, pretty-printed as generate writes it. */
function lockWith(entry: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, modules: { 'hire-v1': { '1002102': entry } }, ...extra }, null, 2) + '\n';
}

function parseError(text: string): string {
  try {
    parseLock(text, LOCK);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected parseLock to throw');
}

describe('parseLock', () => {
  it('reads a valid lock, keeping a $schema and the deprecated marker', () => {
    const text = lockWith({ name: 'TalentNotExist', message: 'Talent not exist', deprecated: true }, { $schema: 'https://example.com/s.json' });
    expect(parseLock(text, LOCK)).toEqual({
      $schema: 'https://example.com/s.json',
      version: 1,
      modules: { 'hire-v1': { '1002102': { name: 'TalentNotExist', message: 'Talent not exist', deprecated: true } } },
    });
  });

  const header = 'invalid name lock (fix the entries, or delete one to derive its name from the doc again; schema: schema/names-lock.schema.json):\n';
  it.each([
    ['a name that is not PascalCase', { name: 'talent not exist', message: 'm' }, `  ${LOCK}:6:9: modules["hire-v1"]["1002102"].name: expected a PascalCase identifier (A-Z first, then letters and digits), got "talent not exist"`],
    ['a reserved name', { name: 'Lookup', message: 'm' }, `  ${LOCK}:6:9: modules["hire-v1"]["1002102"].name: "Lookup" is reserved (the outputs declare it next to the members), choose another name`],
    ['a missing message', { name: 'TalentNotExist' }, `  ${LOCK}:5:7: modules["hire-v1"]["1002102"]: missing "message"`],
    ['a misspelt key', { name: 'TalentNotExist', message: 'm', nmae: 'X' }, `  ${LOCK}:8:9: modules["hire-v1"]["1002102"]: unknown key "nmae", expected name, derived, message, description, suggestion, httpStatus, section, deprecated`],
    ['a derived name that is not PascalCase', { name: 'A', derived: 'a b', message: 'm' }, `  ${LOCK}:7:9: modules["hire-v1"]["1002102"].derived: expected a PascalCase identifier (A-Z first, then letters and digits), got "a b"`],
    ['a name of the wrong type', { name: 42, message: 'm' }, `  ${LOCK}:6:9: modules["hire-v1"]["1002102"].name: expected a string, got 42`],
    ['an HTTP status out of range', { name: 'A', message: 'm', httpStatus: 42 }, `  ${LOCK}:8:9: modules["hire-v1"]["1002102"].httpStatus: expected an HTTP status from 100 to 599, got 42`],
  ])('names the entry and says what is wrong: %s', (_, entry, line) => {
    expect(parseError(lockWith(entry))).toBe(header + line);
  });

  it('lists every problem in file order, and rejects bad code keys and versions', () => {
    const text = JSON.stringify({ version: 2, modules: { 'hire-v1': { '01002102': { name: 'A', message: 'm' }, x: { name: 'b', message: 'm' } } } }, null, 2);
    expect(parseError(text)).toBe(
      header +
        [
          `  ${LOCK}:2:3: version: expected 1, got 2; this lock was written by another version of feishu-errcodes`,
          `  ${LOCK}:5:7: modules["hire-v1"]: unexpected code "01002102", expected the code in digits without leading zeros, at most 2147483647 (a signed 32-bit int, the widest every target holds)`,
          `  ${LOCK}:9:7: modules["hire-v1"]: unexpected code "x", expected the code in digits without leading zeros, at most 2147483647 (a signed 32-bit int, the widest every target holds)`,
          `  ${LOCK}:10:9: modules["hire-v1"]["x"].name: expected a PascalCase identifier (A-Z first, then letters and digits), got "b"`,
        ].join('\n'),
    );
  });

  it('gives line and column of a JSON syntax error', () => {
    expect(parseError('{\n  "version": 1,\n  "modules": {},\n}\n')).toMatch(
      /^seeds\/feishu-errcodes\.lock\.json:4:1: the name lock is not valid JSON \(.*\); fix it, or delete the file to derive every name from the docs again$/,
    );
  });
});

describe('updatedLock and serializeLock', () => {
  const catalog: ErrorCatalog = {
    modules: [
      {
        id: 'hire-v1', seed: 'seeds/hire-v1.md', title: 'x', typeName: 'HireErrorCode', goPackage: 'hire',
        entries: [
          { code: 1002801, name: 'InterviewNotExist', message: 'Interview not exist', deprecated: true, category: 'not_found', retryable: false, retry: 'never', categorySource: 'text' },
          { code: 1002102, name: 'TalentGone', derivedName: 'TalentNotExist', message: 'Talent not exist', description: '人才不存在', httpStatus: 400, variants: [{ message: 'other' }], category: 'not_found', retryable: false, retry: 'never', categorySource: 'text' },
        ],
      },
    ],
  };

  it('writes $schema first, sorts codes, marks deprecated codes, records the derived name beside the name, and keeps only lockable fields', () => {
    expect(serializeLock(updatedLock(catalog, '../node_modules/feishu-errcodes/schema/names-lock.schema.json'))).toBe(
      `{
  "$schema": "../node_modules/feishu-errcodes/schema/names-lock.schema.json",
  "version": 1,
  "modules": {
    "hire-v1": {
      "1002102": {
        "name": "TalentGone",
        "derived": "TalentNotExist",
        "message": "Talent not exist",
        "description": "人才不存在",
        "httpStatus": 400
      },
      "1002801": {
        "name": "InterviewNotExist",
        "message": "Interview not exist",
        "deprecated": true
      }
    }
  }
}
`,
    );
  });

  it('round-trips through parseLock, and catalogFromLock reads it back as a catalogue', () => {
    const lock = parseLock(serializeLock(updatedLock(catalog)), LOCK);
    expect(catalogFromLock(lock).modules[0]!.entries.map((entry) => [entry.code, entry.name, entry.derivedName, entry.deprecated ?? false])).toEqual([
      [1002102, 'TalentGone', 'TalentNotExist', false],
      [1002801, 'InterviewNotExist', undefined, true],
    ]);
  });
});

describe('the lock schema', () => {
  it('reserves exactly the names the emitters reserve', () => {
    expect([...schema.$defs.entry.properties.name.not.enum].sort()).toEqual([...RESERVED_MEMBER_NAMES].sort());
  });

  it('is a valid 2020-12 schema that accepts the committed lock of this repository', () => {
    const validate = new Ajv2020({ strict: true }).compile(schema);
    const lock = JSON.parse(readFileSync(join(ROOT, 'seeds/feishu-errcodes.lock.json'), 'utf8')) as NameLock;
    expect(validate(lock), JSON.stringify(validate.errors)).toBe(true);
    expect(lock.$schema).toBe('../schema/names-lock.schema.json');
  });
});

describe('lockSchemaRef', () => {
  it('points into node_modules/feishu-errcodes relative to the lock folder in a user project', () => {
    const dir = makeProject({});
    expect(lockSchemaRef(dir, join(dir, 'seeds/feishu-errcodes.lock.json'), { version: 1, modules: {} })).toBe(
      '../node_modules/feishu-errcodes/schema/names-lock.schema.json',
    );
    expect(lockSchemaRef(dir, join(dir, 'feishu-errcodes.lock.json'), { version: 1, modules: {} })).toBe(
      './node_modules/feishu-errcodes/schema/names-lock.schema.json',
    );
    expect(lockSchemaRef(dir, join(dir, 'docs/feishu/names.lock.json'), { version: 1, modules: {} })).toBe(
      '../../node_modules/feishu-errcodes/schema/names-lock.schema.json',
    );
  });

  it("points at schema/ inside this package's own repository, and keeps a value the user set", () => {
    expect(lockSchemaRef(ROOT, join(ROOT, 'seeds/feishu-errcodes.lock.json'), { version: 1, modules: {} })).toBe('../schema/names-lock.schema.json');
    expect(lockSchemaRef(ROOT, join(ROOT, 'seeds/x.json'), { $schema: 'https://example.com/lock.json', version: 1, modules: {} })).toBe(
      'https://example.com/lock.json',
    );
  });
});
