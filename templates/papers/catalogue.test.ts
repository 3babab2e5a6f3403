import { describe, expect, it } from 'vitest';
import { PAPER_TYPE_INFO, PAPER_TYPES, PLACEHOLDERS, placeholderInfo, placeholdersFor } from './catalogue';

describe('paper catalogue', () => {
  it('describes every type once, numbered types with a type word', () => {
    expect(Object.keys(PAPER_TYPE_INFO).sort()).toEqual([...PAPER_TYPES].sort());
    for (const type of PAPER_TYPES) {
      const info = PAPER_TYPE_INFO[type];
      expect(info.type).toBe(type);
      expect(info.typeWord !== null).toBe(info.numbered);
    }
    expect(PAPER_TYPES.filter((t) => PAPER_TYPE_INFO[t].numbered).sort()).toEqual(
      ['accept', 'refuse', 'extend', 'supplement', 'reply', 'supervise'].sort(),
    );
    expect(PAPER_TYPES.filter((t) => PAPER_TYPE_INFO[t].audience === 'department').sort()).toEqual(['assign', 'supervise']);
  });

  it('has unique names with a description each', () => {
    const names = PLACEHOLDERS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    for (const p of PLACEHOLDERS) {
      expect(p.description.length).toBeGreaterThan(2);
      expect(p.kind === 'list').toBe(Array.isArray(p.fields));
    }
  });

  it('never offers identity to a paper for the department', () => {
    for (const type of ['assign', 'supervise'] as const) {
      const names = placeholdersFor(type).map((p) => p.name);
      for (const name of ['诉求人姓名', '诉求人电话', '诉求人身份证号', '诉求人住址', '诉求人工作单位', '诉求人']) {
        expect(names).not.toContain(name);
      }
      expect(names).toContain('登记编号');
    }
    expect(placeholdersFor('reply').map((p) => p.name)).toContain('诉求人姓名');
    expect(placeholdersFor('process').map((p) => p.name)).toContain('诉求人');
  });

  it('keeps type-bound names to their types', () => {
    expect(placeholdersFor('supervise').map((p) => p.name)).toContain('督办要求');
    expect(placeholdersFor('reply').map((p) => p.name)).not.toContain('督办要求');
    expect(placeholdersFor('extend').map((p) => p.name)).toContain('延期后期限');
    expect(placeholdersFor('accept').map((p) => p.name)).not.toContain('延期后期限');
  });

  it('does not treat object keys as names', () => {
    expect(placeholderInfo('constructor')).toBeNull();
    expect(placeholderInfo('__proto__')).toBeNull();
    expect(placeholderInfo('事由')?.kind).toBe('text');
  });
});
