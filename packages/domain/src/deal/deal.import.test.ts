import { describe, it, expect } from 'vitest';
import { mapDealHeaders, parseDealRow, parseDateCell, DEAL_IMPORT_COLUMNS } from './deal.import.ts';

const good = {
  title: '一种锂电池正极材料专利转让', kind: '转让', licenceKind: '', applicationNumbers: '201810431317.9；201910349801.1',
  outName: '示例大学', outType: '高校', outSize: '', outRegion: '411500',
  inName: '示例新材料有限公司', inType: '民营企业', inSize: '小型', inRegion: '411502',
  contractDate: '2021/3/5', contractAmount: '12.5', receivedAmount: '10', receivedDate: '2021年4月1日',
  registrationNo: '', registrationDate: '', state: '', note: '',
};

describe('deal import template', () => {
  it('maps the Chinese headers, with aliases and half/full-width brackets', () => {
    const { fields, missing } = mapDealHeaders(DEAL_IMPORT_COLUMNS.map(([h]) => h));
    expect(missing).toEqual([]);
    expect(fields[0]).toBe('title');
    expect(mapDealHeaders(['合同名称', '交易类型', '专利申请号', '出让方名称', '受让方名称', '签订日期', '合同金额(万元)', '无关列']).fields)
      .toEqual(['title', 'kind', 'applicationNumbers', 'outName', 'inName', 'contractDate', 'contractAmount', null]);
    expect(mapDealHeaders(['合同名称']).missing).toContain('合同签订日期');
  });
  it('parses a good row: 万元 to fen exactly, dates in several forms, several patents', () => {
    const r = parseDealRow(good, 2);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      kind: 'transfer', licenceKind: null, applicationNumbers: ['201810431317.9', '201910349801.1'],
      contractDate: '2021-03-05', contractAmountFen: 12_500_000, receivedAmountFen: 10_000_000, receivedDate: '2021-04-01', state: 'signed',
    });
    expect(r.value.in).toEqual({ name: '示例新材料有限公司', orgType: 'private_enterprise', sizeClass: 'small', regionCode: '411502' });
  });
  it('reads a licence kind and Excel serial dates', () => {
    const r = parseDealRow({ ...good, kind: '许可', licenceKind: '普通许可', contractDate: 44260 }, 3);
    expect(r.ok && r.value.licenceKind).toBe('ordinary');
    expect(r.ok && r.value.contractDate).toBe('2021-03-05');
    expect(parseDateCell('2021-02-30')).toBe('invalid');
    expect(parseDateCell('')).toBeNull();
  });
  it('reports every problem with the row number, the Chinese header and a reason', () => {
    const r = parseDealRow({ ...good, kind: '赠与', contractDate: '2021-13-01', contractAmount: 'abc', inSize: '特大', outRegion: '4115' }, 7);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(['交易类型', '出让方区划代码', '合同签订日期', '合同金额（万元）', '受让方规模'].sort());
    expect(r.errors.every((e) => e.row === 7 && /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
  });
  it('requires the required cells, a licence kind for licences, a date for received money', () => {
    const miss = parseDealRow({ ...good, title: '', inName: '' }, 4);
    expect(!miss.ok && miss.errors.map((e) => e.field)).toEqual(['合同名称', '受让方名称']);
    const lic = parseDealRow({ ...good, kind: '许可' }, 5);
    expect(!lic.ok && lic.errors[0].field).toBe('许可类型');
    const rec = parseDealRow({ ...good, receivedDate: '' }, 6);
    expect(!rec.ok && rec.errors[0].field).toBe('到账日期');
    const over = parseDealRow({ ...good, receivedAmount: '12.500001' }, 6);
    expect(!over.ok && over.errors[0].message).toBe('实际到账金额不能超过合同金额');
  });
  it('registered rows need their number and date; drafts cannot be imported', () => {
    const r = parseDealRow({ ...good, registrationNo: 'TR001', registrationDate: '2021-04-02' }, 8);
    expect(r.ok && r.value.state).toBe('registered');
    const bad = parseDealRow({ ...good, state: '已登记/备案' }, 9);
    expect(!bad.ok && bad.errors[0].field).toBe('登记/备案号');
    const draft = parseDealRow({ ...good, state: '草稿' }, 10);
    expect(!draft.ok && draft.errors[0].message).toBe('历史交易不能导入为草稿');
  });
});
