import { describe, it, expect } from 'vitest';
import { parseQuery, SearchIndex } from './search.index.ts';
import { tokenize } from './search.text.ts';
import { NaiveBayes } from '../match/classify.model.ts';

const docs = [
  { id: 1, title: '一种锂离子电池正极材料及其制备方法', body: '磷酸铁锂正极材料包覆石墨烯。', type: 'invention', status: 'in_force', ipc: ['H01M4/58'], regionCode: '510104', holderType: 'university' },
  { id: 2, title: '一种电动汽车电池包散热装置', body: '电池包内设置液冷板，提高锂离子电池散热效率。', type: 'utility_model', status: 'in_force', ipc: ['H01M10/613', 'B60L58/26'], regionCode: '120101', holderType: 'private_enterprise' },
  { id: 3, title: '农用植保无人机', body: '一种用于喷洒农药的无人机。', type: 'utility_model', status: 'lapsed', ipc: ['B64D1/18'], regionCode: '510107', holderType: 'university', openLicence: true },
];

function build() {
  const ix = new SearchIndex();
  for (const d of docs) ix.upsert(d);
  return ix;
}

describe('tokenizer', () => {
  it('cuts Chinese with the domain dictionary and drops stop words', () => {
    const t = tokenize('一种锂离子电池正极材料的制备方法');
    expect(t).toContain('锂离子电池');
    expect(t).toContain('正极');
    expect(t).not.toContain('一种');
    expect(t).not.toContain('的');
  });
});

describe('query parsing', () => {
  it('splits phrases, prefixes and exclusions', () => {
    const q = parseQuery('"正极材料" 无人* -散热 电池');
    expect(q.phrases).toEqual(['正极材料']);
    expect(q.prefixes).toEqual(['无人']);
    expect(q.excluded).toEqual(['散热']);
    expect(q.terms.filter((t) => t.required).map((t) => t.term)).toEqual(expect.arrayContaining(['正极', '材料']));
    expect(q.terms.some((t) => t.term === '电池' && !t.required)).toBe(true);
  });
});

describe('SearchIndex', () => {
  it('ranks a title hit above an abstract-only hit (BM25F field weights)', () => {
    const r = build().search('锂离子电池');
    expect(r.hits.map((h) => h.id)).toEqual([1, 2]);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score);
    expect(r.total).toBe(2);
  });
  it('applies filters on type, status, IPC prefix, region prefix, holder type and open licence', () => {
    const ix = build();
    expect(ix.search('电池', { filters: { patentType: 'utility_model' } }).hits.map((h) => h.id)).toEqual([2]);
    expect(ix.search('电池', { filters: { ipc: 'H01M4' } }).hits.map((h) => h.id)).toEqual([1]);
    expect(ix.search('电池', { filters: { regionCode: '12' } }).hits.map((h) => h.id)).toEqual([2]);
    expect(ix.search('无人机', { filters: { legalStatus: 'in_force' } }).total).toBe(0);
    expect(ix.search('无人机', { filters: { openLicence: true, holderType: 'university' } }).hits.map((h) => h.id)).toEqual([3]);
  });
  it('needs every phrase word, expands prefixes and excludes', () => {
    const ix = build();
    expect(ix.search('"正极材料"').hits.map((h) => h.id)).toEqual([1]);
    expect(ix.search('无人*').hits.map((h) => h.id)).toEqual([3]);
    expect(ix.search('电池 -散热').hits.map((h) => h.id)).toEqual([1]);
  });
  it('replaces a document on update and forgets it on remove', () => {
    const ix = build();
    ix.upsert({ ...docs[0]!, title: '一种钠离子电池负极材料' });
    expect(ix.size).toBe(3);
    expect(ix.search('钠离子').hits[0]!.id).toBe(1);
    expect(ix.search('制备').hits.map((h) => h.id)).toEqual([]);
    expect(ix.remove(3)).toBe(true);
    expect(ix.search('无人机').total).toBe(0);
    expect(ix.size).toBe(2);
  });
  it('pages results and reports the matched terms', () => {
    const ix = build();
    const p1 = ix.search('电池', { limit: 1 });
    const p2 = ix.search('电池', { limit: 1, offset: 1 });
    expect(p1.total).toBe(2);
    expect(p1.hits.length).toBe(1);
    expect(p2.hits[0]!.id).not.toBe(p1.hits[0]!.id);
    expect(p1.hits[0]!.matchedTerms).toContain('电池');
  });
  it('keeps the IPC filter right as the index grows past its first allocations (regression: IPC offsets ran past their array)', () => {
    const ix = new SearchIndex();
    for (let i = 1; i <= 1000; i++) ix.upsert({ id: i, title: '一种电池', ipc: i % 2 ? ['H01M4/525'] : ['G06N3/04', 'H01M10/0525'] });
    expect(ix.search('电池', { filters: { ipc: 'H01M' } }).total).toBe(1000);
    expect(ix.search('电池', { filters: { ipc: 'G06' } }).total).toBe(500);
    expect(ix.list({ ipc: 'H01M4' }, { offset: 0, limit: 3 })).toEqual({ total: 500, ids: [999, 997, 995] });
  });
  it('lists by filters newest id first, with any-holder types, years and an id set', () => {
    const ix = new SearchIndex();
    ix.upsert({ id: 5, title: '甲', holderTypes: ['soe', 'university'], filingYear: 2019, grantYear: 2021 });
    ix.upsert({ id: 9, title: '乙', holderTypes: ['private_enterprise'], filingYear: 2019 });
    ix.upsert({ id: 7, title: '丙', holderType: 'university', filingYear: 2020 });
    expect(ix.list({ holderType: 'university' }, { offset: 0, limit: 10 })).toEqual({ total: 2, ids: [7, 5] });
    expect(ix.list({ filingYear: 2019 }, { offset: 1, limit: 10 })).toEqual({ total: 2, ids: [5] });
    expect(ix.list({ grantYear: 2021 }, { offset: 0, limit: 10 }).ids).toEqual([5]);
    expect(ix.list({ ids: new Set([5, 9, 42]) }, { offset: 0, limit: 10 })).toEqual({ total: 2, ids: [9, 5] });
    ix.remove(9);
    expect(ix.list({}, { offset: 0, limit: 10 }).ids).toEqual([7, 5]);
  });
  it('breaks score ties the same way whatever the page size, so pages neither repeat nor skip', () => {
    const ix = new SearchIndex();
    for (let i = 1; i <= 60; i++) ix.upsert({ id: i, title: i % 3 ? '一种电池' : '一种电池电池' });
    const all = ix.search('电池', { limit: 60 }).hits.map((h) => h.id);
    const paged: number[] = [];
    for (let o = 0; o < 60; o += 7) paged.push(...ix.search('电池', { offset: o, limit: 7 }).hits.map((h) => h.id));
    expect(paged).toEqual(all);
  });
  it('answers repeats from its cache only while nothing changed', () => {
    const ix = new SearchIndex();
    for (let i = 1; i <= 300; i++) ix.upsert({ id: i, title: i % 2 ? '一种电池' : '一种电机', status: i % 3 ? 'in_force' : 'lapsed' });
    const s1 = ix.search('电池', { limit: 5 });
    expect(ix.search('电池', { offset: 5, limit: 5 }).hits.map((h) => h.id)).toEqual(ix.search('电池', { limit: 10 }).hits.slice(5).map((h) => h.id));
    expect(ix.list({ legalStatus: 'in_force' }, { offset: 0, limit: 3 })).toEqual({ total: 200, ids: [299, 298, 296] });
    ix.upsert({ id: 301, title: '一种新电池', status: 'in_force' });
    expect(ix.search('电池', { limit: 5 }).total).toBe(s1.total + 1);
    expect(ix.list({ legalStatus: 'in_force' }, { offset: 0, limit: 3 })).toEqual({ total: 201, ids: [301, 299, 298] });
    ix.remove(299);
    expect(ix.list({ legalStatus: 'in_force' }, { offset: 0, limit: 3 })).toEqual({ total: 200, ids: [301, 298, 296] });
    expect(ix.search('电池', { limit: 500 }).total).toBe(s1.total); // beyond the cached hits: computed
  });
  it('picks the informative key terms of a long demand text', () => {
    const ix = build();
    const terms = ix.keyTerms('我们需要锂离子电池正极材料技术，提高正极材料性能').map((t) => t.term);
    expect(terms).toContain('正极');
    expect(terms).not.toContain('需要');
  });
});

describe('NaiveBayes classifier', () => {
  it('learns subclasses from labelled titles and returns probabilities', () => {
    const nb = new NaiveBayes().train([
      { text: '一种锂离子电池正极材料', labels: ['H01M'] }, { text: '锂电池负极及其制备', labels: ['H01M'] }, { text: '电池隔膜', labels: ['H01M'] },
      { text: '植保无人机喷洒装置', labels: ['B64D'] }, { text: '无人机起落架', labels: ['B64C'] }, { text: '一种中药组合物', labels: ['A61K'] },
    ]);
    const p = nb.predict('锂电池正极', 3);
    expect(p[0]!.code).toBe('H01M');
    expect(p[0]!.score).toBeGreaterThan(0.5);
    expect(p.reduce((s, x) => s + x.score, 0)).toBeLessThanOrEqual(1.0000001);
    expect(nb.predict('中药', 1)[0]!.code).toBe('A61K');
  });
});
