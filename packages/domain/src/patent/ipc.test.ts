import { describe, it, expect } from 'vitest';
import { splitIpcList, validateIpc } from './ipc.ts';

describe('validateIpc: valid symbols', () => {
  const h01m = { normalized: 'H01M 4/525', compact: 'H01M4/525', section: 'H', cls: 'H01', subclass: 'H01M', mainGroup: 'H01M4/00', level: 'subgroup' };
  it.each(['H01M 4/525', 'H01M4/525', 'h01m4/525', ' H01M  4/525 ', 'Ｈ０１Ｍ４／５２５', 'H01M 4/525 (2010.01)', 'H01M4/525(2006.01)', 'H01M04/525'])(
    '%s → H01M 4/525', (input) => expect(validateIpc(input)).toEqual({ ok: true, value: h01m }),
  );

  it('G06N3/04 (a subgroup of the 人工智能 row of the SEI table)', () => {
    expect(validateIpc('G06N3/04')).toEqual({
      ok: true, value: { normalized: 'G06N 3/04', compact: 'G06N3/04', section: 'G', cls: 'G06', subclass: 'G06N', mainGroup: 'G06N3/00', level: 'subgroup' },
    });
  });

  it('main groups', () => {
    expect(validateIpc('G06N3/00')).toEqual({
      ok: true, value: { normalized: 'G06N 3/00', compact: 'G06N3/00', section: 'G', cls: 'G06', subclass: 'G06N', mainGroup: 'G06N3/00', level: 'main_group' },
    });
    const v = validateIpc('B64U 101/000');
    expect(v.ok && v.value.compact).toBe('B64U101/00');
    expect(v.ok && v.value.level).toBe('main_group');
  });

  it('four-digit main groups and long subgroups (real codes of the demo records)', () => {
    const v = validateIpc('B64U101/30');
    expect(v.ok && [v.value.normalized, v.value.mainGroup, v.value.level]).toEqual(['B64U 101/30', 'B64U101/00', 'subgroup']);
    const w = validateIpc('G06F18/2321');
    expect(w.ok && w.value.compact).toBe('G06F18/2321');
    const x = validateIpc('H01M10/0525');
    expect(x.ok && x.value.mainGroup).toBe('H01M10/00');
  });

  it('subclass, class and section levels', () => {
    expect(validateIpc('A01B')).toEqual({ ok: true, value: { normalized: 'A01B', compact: 'A01B', section: 'A', cls: 'A01', subclass: 'A01B', mainGroup: null, level: 'subclass' } });
    expect(validateIpc('A01')).toEqual({ ok: true, value: { normalized: 'A01', compact: 'A01', section: 'A', cls: 'A01', subclass: '', mainGroup: null, level: 'class' } });
    expect(validateIpc('A')).toEqual({ ok: true, value: { normalized: 'A', compact: 'A', section: 'A', cls: '', subclass: '', mainGroup: null, level: 'section' } });
    expect(validateIpc('h')).toMatchObject({ ok: true, value: { compact: 'H', level: 'section' } });
  });
});

describe('validateIpc: rejections name the faulty part', () => {
  it.each([
    ['', '分类号为空'],
    ['I01M4/525', '部（第 1 位）应为 A–H'],
    ['Z', '部（第 1 位）应为 A–H'],
    ['101M4/525', '部（第 1 位）应为 A–H'],
    ['H0', '大类（第 2–3 位）应为两位数字'],
    ['HX1M4/525', '大类（第 2–3 位）应为两位数字'],
    ['H00M', '大类号不能为 00'],
    ['H011', '小类（第 4 位）应为字母'],
    ['H01M4', '缺少“/”及小组号'],
    ['H01M4/5', '小组号“5”应至少 2 位'],
    ['H01M0/00', '大组号不能为 0'],
    ['H01M12345/00', '格式不正确'],
    ['H01M4/1234567', '格式不正确'],
    ['H01M4-525', '格式不正确'],
    ['H01M4/525;H01M10/0525', '格式不正确'],
  ])('%s is rejected (%s)', (input, part) => {
    const r = validateIpc(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(part);
  });
});

describe('splitIpcList', () => {
  it('splits the 分类号 cell of the incoPat export', () => {
    expect(splitIpcList('G06F40/289;G06F40/216;G06F16/901;G06F16/33;G06F16/31')).toEqual(['G06F40/289', 'G06F40/216', 'G06F16/901', 'G06F16/33', 'G06F16/31']);
    expect(splitIpcList('B64U20/80;B64U101/30')).toEqual(['B64U20/80', 'B64U101/30']);
  });
  it('accepts every separator, full-width ones included', () => {
    expect(splitIpcList('H01M4/525；H01M10/0525，G06N3/04、A01B|B64U20/80,C08K3/04\nE01D1/00')).toEqual(
      ['H01M4/525', 'H01M10/0525', 'G06N3/04', 'A01B', 'B64U20/80', 'C08K3/04', 'E01D1/00'],
    );
  });
  it('keeps the space inside one symbol and splits on spaces between symbols', () => {
    expect(splitIpcList('H01M 4/525; H01M 10/0525')).toEqual(['H01M 4/525', 'H01M 10/0525']);
    expect(splitIpcList('H01M4/525 H01M10/0525')).toEqual(['H01M4/525', 'H01M10/0525']);
    expect(splitIpcList('H01M 4/525 H01M 10/0525 G06N3/04')).toEqual(['H01M 4/525', 'H01M 10/0525', 'G06N3/04']);
  });
  it('keeps a version indicator with its symbol, and every item validates', () => {
    const items = splitIpcList('H01M 4/525 (2010.01); H01M10/0525(2010.01)');
    expect(items).toEqual(['H01M 4/525 (2010.01)', 'H01M10/0525(2010.01)']);
    expect(items.map((i) => { const v = validateIpc(i); return v.ok && v.value.compact; })).toEqual(['H01M4/525', 'H01M10/0525']);
  });
  it('returns raw items (bad ones too) and nothing for an empty cell', () => {
    expect(splitIpcList('H01M4/525;;  ;XYZ')).toEqual(['H01M4/525', 'XYZ']);
    expect(splitIpcList('')).toEqual([]);
    expect(splitIpcList('   ')).toEqual([]);
  });
});
