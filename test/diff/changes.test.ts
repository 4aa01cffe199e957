import { describe, expect, it } from 'vitest';
import { diffCatalogs, hasBreaking, type ComparableCatalog, type ComparableEntry, type Change } from '../../src/diff/changes.js';
import { summaryLine } from '../../src/diff/summary.js';

const talent: ComparableEntry = { code: 1002102, name: 'TalentNotExist', message: 'Talent not exist', description: '人才不存在', httpStatus: 400 };
const interview: ComparableEntry = { code: 1002801, name: 'InterviewNotExist', message: 'Interview not exist' };

function catalog(entries: readonly ComparableEntry[], module: Partial<{ typeName: string; goPackage: string; id: string }> = {}): ComparableCatalog {
  return { modules: [{ id: module.id ?? 'hire-v1', typeName: module.typeName, goPackage: module.goPackage, entries }] };
}

/** Changes of the only module, as plain objects. */
function changes(before: ComparableCatalog, after: ComparableCatalog): Change[] {
  const diff = diffCatalogs(before, after);
  return diff.modules.flatMap((module) => module.changes);
}

describe('diffCatalogs', () => {
  it.each<[string, { before: ComparableEntry[]; after: ComparableEntry[]; want: Change[] }]>([
    ['no change', { before: [talent], after: [talent], want: [] }],
    [
      'a reworded message (name kept)',
      {
        before: [talent],
        after: [{ ...talent, message: 'Talent does not exist' }],
        want: [{ kind: 'message-changed', breaking: false, code: 1002102, name: 'TalentNotExist', before: 'Talent not exist', after: 'Talent does not exist' }],
      },
    ],
    [
      'a description that changes and a suggestion that goes',
      {
        before: [{ ...talent, suggestion: '检查' }],
        after: [{ ...talent, description: '新说明' }],
        want: [
          { kind: 'description-changed', breaking: false, code: 1002102, name: 'TalentNotExist', before: '人才不存在', after: '新说明' },
          { kind: 'suggestion-changed', breaking: false, code: 1002102, name: 'TalentNotExist', before: '检查', after: null },
        ],
      },
    ],
    [
      'a code added',
      { before: [talent], after: [talent, interview], want: [{ kind: 'code-added', breaking: false, code: 1002801, name: 'InterviewNotExist', message: 'Interview not exist' }] },
    ],
    [
      'a code removed from doc and lock (breaking)',
      { before: [talent, interview], after: [talent], want: [{ kind: 'code-removed', breaking: true, code: 1002801, name: 'InterviewNotExist', message: 'Interview not exist' }] },
    ],
    [
      'a code the lock keeps as deprecated (not breaking)',
      {
        before: [talent, interview],
        after: [talent, { ...interview, deprecated: true }],
        want: [{ kind: 'code-deprecated', breaking: false, code: 1002801, name: 'InterviewNotExist', message: 'Interview not exist' }],
      },
    ],
    [
      'a deprecated code back in the doc',
      {
        before: [{ ...interview, deprecated: true }],
        after: [interview],
        want: [{ kind: 'code-restored', breaking: false, code: 1002801, name: 'InterviewNotExist', message: 'Interview not exist' }],
      },
    ],
    [
      'a renamed member (breaking) with a new HTTP status',
      {
        before: [talent],
        after: [{ ...talent, name: 'TalentMissing', httpStatus: 404 }],
        want: [
          { kind: 'name-changed', breaking: true, code: 1002102, name: 'TalentMissing', before: 'TalentNotExist', after: 'TalentMissing' },
          { kind: 'http-status-changed', breaking: false, code: 1002102, name: 'TalentMissing', before: 400, after: 404 },
        ],
      },
    ],
    [
      'a section and the variants',
      {
        before: [{ ...talent, section: 'A' }],
        after: [{ ...talent, section: 'B', variants: [{ message: 'Talent gone', description: '人才已删除' }] }],
        want: [
          { kind: 'section-changed', breaking: false, code: 1002102, name: 'TalentNotExist', before: 'A', after: 'B' },
          { kind: 'variants-changed', breaking: false, code: 1002102, name: 'TalentNotExist', before: [], after: ['Talent gone (人才已删除)'] },
        ],
      },
    ],
  ])('%s', (_, { before, after, want }) => {
    expect(changes(catalog(before), catalog(after))).toEqual(want);
  });

  it('flags type and Go package renames as breaking, and only when both sides know them', () => {
    expect(changes(catalog([talent], { typeName: 'HireErrorCode', goPackage: 'hire' }), catalog([talent], { typeName: 'HireCode', goPackage: 'hirev1' }))).toEqual([
      { kind: 'type-name-changed', breaking: true, before: 'HireErrorCode', after: 'HireCode' },
      { kind: 'go-package-changed', breaking: true, before: 'hire', after: 'hirev1' },
    ]);
    expect(changes(catalog([talent]), catalog([talent], { typeName: 'HireCode' }))).toEqual([]);
  });

  it('lists an added module with its codes and a removed module as one breaking change, modules by id', () => {
    const diff = diffCatalogs(catalog([talent], { id: 'corehr-v1' }), catalog([talent, interview], { id: 'attendance-v1' }));
    expect(diff.modules.map((module) => [module.id, module.status, module.changes.map((change) => change.kind)])).toEqual([
      ['attendance-v1', 'added', ['module-added', 'code-added', 'code-added']],
      ['corehr-v1', 'removed', ['module-removed']],
    ]);
    expect(diff.modules[1]!.changes[0]).toEqual({ kind: 'module-removed', breaking: true, codes: 1 });
    expect(hasBreaking(diff)).toBe(true);
  });
});

describe('summaryLine', () => {
  it('puts breaking changes first and counts every kind', () => {
    const diff = diffCatalogs(
      catalog([talent, interview, { code: 1, name: 'A', message: 'a' }]),
      catalog([{ ...talent, name: 'TalentMissing', message: 'x' }, { code: 2, name: 'B', message: 'b' }, { code: 3, name: 'C', message: 'c' }]),
    );
    expect(summaryLine(diff)).toBe('3 breaking changes (2 codes removed, 1 name changed); 2 codes added, 1 message changed');
  });

  it('says when nothing breaks, and when nothing changed', () => {
    expect(summaryLine(diffCatalogs(catalog([talent]), catalog([talent, interview])))).toBe('no breaking change; 1 code added');
    expect(summaryLine(diffCatalogs(catalog([talent]), catalog([talent])))).toBe('no change to codes, names or texts');
  });
});
