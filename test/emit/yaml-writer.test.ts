/**
 * writeYaml must write what `yaml` writes, byte for byte, for any JSON-like data: yaml
 * itself is the oracle, on random data full of strings that need quoting, block scalars,
 * unicode, controls, and on the OpenAPI documents of real and large catalogues.
 */
import fc from 'fast-check';
import { Document, isScalar, Scalar, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writeYaml } from '../../src/emit/yaml-writer.js';
import { runs } from '../helpers/runs.js';

/** yaml's text, the strings `doubleQuoted` picks set to QUOTE_DOUBLE (keys too). */
function oracle(value: unknown, doubleQuoted: (text: string) => boolean = () => false): string {
  const document = new Document(value, { aliasDuplicateObjects: false });
  visit(document, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === 'string' && doubleQuoted(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return document.toString({ lineWidth: 0 });
}

const nasty = fc.constantFrom(
  '', ' ', 'a', 'Talent not exist', '人才不存在', 'true', 'True', 'FALSE', 'null', 'Null', '~', 'yes', 'no', 'on', '0', '-1', '1.5', '1e3', '0x1F',
  '0o17', '.inf', '-.Inf', '.nan', '12:30', 'a: b', 'a:b', 'a:', 'a #b', 'a#b', '#a', '- a', '-a', '-', '? a', '?a', ':a', '[a]', '{a}', 'a, b',
  '"a"', "'a'", "it's", '&a', '*a', '!a', '|a', '>a', '%a', '@a', '`a`', 'a\nb', 'a\n\nb', '\na', 'a\n', ' a', 'a ', 'a\tb', '\ta', 'a\r\nb',
  '\u0000', '\u0007', '\u0085', '\u00a0a', 'a\u00a0', '\u2028', 'a\u202eb', '\ufeffa', '\ud800', '😀', '---', '--- a', '...', '$ref', 'application/json',
  'x-enum-varnames', 'https://open.feishu.cn/document/a?b=c#d', '检查 `offer_id` 是否正确', '说明: 无', 'a  b', 'é', 'ǅ',
);
const text = fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 8 }), fc.array(nasty, { maxLength: 3 }).map((parts) => parts.join('')));
const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
    fc.boolean(),
    fc.constant(null),
    tie('array'),
    tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
}));

/**
 * What writeYaml leaves to yaml (it returns undefined): a value that is not a non-empty
 * collection, or one holding a map key that yaml writes in the explicit `? key` form.
 */
function leftToYaml(value: unknown, doubleQuoted: (text: string) => boolean = () => false, top = true): boolean {
  if (value === null || typeof value !== 'object') return top;
  const entries = Array.isArray(value) ? value.map((item) => ['', item] as const) : Object.entries(value);
  if (top && entries.length === 0) return true;
  return entries.some(([key, item]) => (!Array.isArray(value) && !/^[^\n]*: null\n$/.test(oracle({ [key]: null }, doubleQuoted))) || leftToYaml(item, doubleQuoted, false));
}

describe('writeYaml', () => {
  it('writes what yaml writes for random data', () => {
    fc.assert(
      fc.property(fc.oneof(data.object, data.array), (value) => {
        expect(writeYaml(value)).toBe(leftToYaml(value) ? undefined : oracle(value));
      }),
      { numRuns: runs(1500) },
    );
  });

  it('writes what yaml writes when some strings must be double-quoted', () => {
    const quoted = (text: string) => /[\u00a0\u202e\ufeff\u2028é]|b/.test(text);
    fc.assert(
      fc.property(fc.oneof(data.object, data.array), (value) => {
        expect(writeYaml(value, { doubleQuoted: quoted })).toBe(leftToYaml(value, quoted) ? undefined : oracle(value, quoted));
      }),
      { numRuns: runs(1500) },
    );
  });

  it('handles every JSON-like value itself and leaves the rest to the caller', () => {
    expect(writeYaml({ a: [1, [2, 3], { x: 'y\nz' }, []], b: {}, c: '' })).toBe(oracle({ a: [1, [2, 3], { x: 'y\nz' }, []], b: {}, c: '' }));
    expect(writeYaml({ a: 1.5 })).toBeUndefined();
    expect(writeYaml({ a: undefined })).toBeUndefined();
    expect(writeYaml({ a: new Date(0) })).toBeUndefined();
    expect(writeYaml({})).toBeUndefined();
    expect(writeYaml('text')).toBeUndefined();
  });

  it('writes a 20,000-entry document as yaml does', () => {
    const entries = Array.from({ length: 20_000 }, (_, index) => ({
      code: 1_000_000 + index,
      name: `Name${index}`,
      message: index % 7 === 0 ? `Error: ${index}` : `Message ${index}`,
      description: index % 11 === 0 ? `第一行\n第二行 ${index}` : `说明 ${index}`,
      ...(index % 13 === 0 && { variants: [{ message: '- dash', section: '#' }] }),
    }));
    const document = { openapi: '3.1.0', components: { schemas: { X: { enum: entries.map((entry) => entry.code), 'x-errors': entries } } } };
    expect(writeYaml(document)).toBe(oracle(document));
  });
});
