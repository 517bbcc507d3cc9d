import { describe, it, expect } from 'vitest';
import { normaliseIpc, ipcLevel, ipcAncestors, buildSeiTable, matchSei, primarySeiIndustry, buildIndustryTable, matchIndustries, techField } from './classify.rules.ts';

const sei = buildSeiTable([
  { ipc: 'G06N3/00', seiCode: '1.6', seiName: '人工智能', parentCode: '1', parentName: '新一代信息技术产业' },
  { ipc: 'G06N3/04', seiCode: '1.6', seiName: '人工智能', parentCode: '1', parentName: '新一代信息技术产业' },
  { ipc: 'A01B', seiCode: '2.1', seiName: '智能制造装备产业', parentCode: '2', parentName: '高端装备制造产业' },
  { ipc: 'H01M4/525', seiCode: '5.1', seiName: '新能源汽车装置、配件制造', parentCode: '5', parentName: '新能源汽车产业' },
  { ipc: 'H01M4/525', seiCode: '3.2', seiName: '先进有色金属材料', parentCode: '3', parentName: '新材料产业' },
  { ipc: 'C12N', seiCode: '4.1', seiName: '生物医药产业', parentCode: '4', parentName: '生物产业', exclude: ['C12N15/82'] },
]);

describe('IPC helpers', () => {
  it('normalise and level', () => {
    expect(normaliseIpc(' g06f 3/01 ')).toBe('G06F3/01');
    expect(ipcLevel('G')).toBe('section');
    expect(ipcLevel('G06')).toBe('class');
    expect(ipcLevel('G06F')).toBe('subclass');
    expect(ipcLevel('G06F3/00')).toBe('main_group');
    expect(ipcLevel('G06F3/0481')).toBe('subgroup');
    expect(ipcLevel('Z99')).toBe('invalid');
  });
  it('ancestors: subgroup → main group → subclass', () => {
    expect(ipcAncestors('G06N3/08')).toEqual(['G06N3/08', 'G06N3/00', 'G06N']);
    expect(ipcAncestors('G06N3/00')).toEqual(['G06N3/00', 'G06N']);
    expect(ipcAncestors('G06N')).toEqual(['G06N']);
  });
});

describe('strategic emerging industry by IPC', () => {
  it('exact row, main-group row covering a subgroup, subclass row covering everything under it', () => {
    expect(matchSei(['G06N3/04'], sei).map((m) => m.seiCode)).toEqual(['1.6']);
    const viaMain = matchSei(['G06N3/08'], sei);
    expect(viaMain[0]).toMatchObject({ seiCode: '1.6', byIpc: 'G06N3/08', viaRow: 'G06N3/00' });
    expect(matchSei(['A01B33/02'], sei)[0].viaRow).toBe('A01B');
  });
  it('one code may map to several sub-areas; results sorted by code', () => {
    expect(matchSei(['H01M 4/525'], sei).map((m) => m.seiCode)).toEqual(['3.2', '5.1']);
  });
  it('no match for unrelated codes, or for a subclass-only code when the table lists only groups', () => {
    expect(matchSei(['B65D81/38'], sei)).toEqual([]);
    expect(matchSei(['G06N'], sei)).toEqual([]);
  });
  it('exclusions (不含…) are honoured', () => {
    expect(matchSei(['C12N9/00'], sei).map((m) => m.seiCode)).toEqual(['4.1']);
    expect(matchSei(['C12N15/82'], sei)).toEqual([]);
  });
  it('primary industry follows the main IPC first', () => {
    const codes = ['B65D81/38', 'H01M4/525', 'G06N3/04'];
    const m = matchSei(codes, sei);
    expect(primarySeiIndustry(m, codes)).toEqual({ code: '3', name: '新材料产业' });
    expect(primarySeiIndustry([], codes)).toBeNull();
  });
});

describe('GB/T 4754 (approximate) and technology field', () => {
  const ind = buildIndustryTable([
    { ipcClass: 'G06', industryCode: '39', industryName: '计算机、通信和其他电子设备制造业' },
    { ipcClass: 'G06', industryCode: '65', industryName: '软件和信息技术服务业' },
    { ipcClass: 'A01', industryCode: '01', industryName: '农业' },
  ]);
  it('maps IPC classes to 大类, marked approximate, main IPC first, no duplicates', () => {
    const r = matchIndustries(['G06F3/01', 'A01B1/00', 'G06N'], ind);
    expect(r.map((x) => x.industryCode)).toEqual(['39', '65', '01']);
    expect(r[0].note).toBe('近似对照（人工整理）');
    expect(matchIndustries(['H99X'], ind)).toEqual([]);
  });
  it('technology field in Chinese from section and class', () => {
    const titles = new Map([['G06', '计算；推算或计数']]);
    expect(techField('G06F3/01', titles)).toEqual({ section: 'G', sectionName: '物理', ipcClass: 'G06', className: '计算；推算或计数' });
    expect(techField('H', titles)).toMatchObject({ sectionName: '电学', ipcClass: null });
    expect(techField(null)).toBeNull();
    expect(techField('Z01')).toBeNull();
  });
});
