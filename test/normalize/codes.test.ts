import { describe, expect, it } from 'vitest';
import { parseCodeCell, parseHttpStatus } from '../../src/normalize/codes.js';

describe('parseCodeCell', () => {
  it.each([
    ['1002102', [1002102]],
    [' 1002102 ', [1002102]],
    ['**1002102**', [1002102]],
    ['`99991663`', [99991663]],
    ['１００２', [1002]],
  ])('%j is one code', (cell, codes) => {
    expect(parseCodeCell(cell)).toEqual({ kind: 'single', codes });
  });

  it.each([
    ['95201—95209'], ['95201-95209'], ['95201 - 95209'], ['95201–95209'], ['95201~95209'], ['95201 ～ 95209'], ['95201至95209'], ['95201..95209'],
  ])('%j is the range 95201 … 95209', (cell) => {
    expect(parseCodeCell(cell)).toEqual({ kind: 'range', codes: [95201, 95202, 95203, 95204, 95205, 95206, 95207, 95208, 95209] });
  });

  it.each([
    ['1001, 1002', [1001, 1002]],
    ['1001，1002、1003', [1001, 1002, 1003]],
    ['1001 / 1002', [1001, 1002]],
    ['1001 or 1002', [1001, 1002]],
    ['1001或1002', [1001, 1002]],
    ['1001\n1002', [1001, 1002]],
    ['1001, 1003-1005', [1001, 1003, 1004, 1005]],
    ['1001, 1003 - 1004, 1001', [1001, 1003, 1004]],
  ])('%j is a list', (cell, codes) => {
    expect(parseCodeCell(cell)).toEqual({ kind: 'list', codes });
  });

  it.each([
    ['-1', 'negative'],
    ['2147483648', 'too-large'],
    ['95209-95201', 'range-order'],
    // A range's end must be above its start: `N-N` names one code the doc meant as a range.
    ['95201-95201', 'range-order'],
    ['1001, 1003-1003', 'range-order'],
    ['1-5000', 'range-size'],
    ['InvalidParam', 'not-a-number'],
    ['1001, abc', 'not-a-number'],
    ['1002102 (deprecated)', 'not-a-number'],
  ])('%j is not a code (%s)', (cell, reason) => {
    expect(parseCodeCell(cell)).toEqual({ kind: 'invalid', reason });
  });

  it('reads the shortest range, two codes', () => {
    expect(parseCodeCell('95201-95202')).toEqual({ kind: 'range', codes: [95201, 95202] });
  });

  it('reads an empty cell as empty', () => {
    expect(parseCodeCell(' ')).toEqual({ kind: 'empty' });
  });
});

describe('parseHttpStatus', () => {
  it('reads 100 … 599 and nothing else', () => {
    expect(parseHttpStatus('400')).toBe(400);
    expect(parseHttpStatus('**429** Too Many Requests')).toBe(429);
    expect(parseHttpStatus('600')).toBeUndefined();
    expect(parseHttpStatus('OK')).toBeUndefined();
  });
});
