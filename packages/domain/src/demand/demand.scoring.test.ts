import { describe, it, expect } from 'vitest';
import {
  bm25Idf, bm25Tf, bm25fTerm, findSpans, highlightParts, highlightHtml, snippet, regionRelation, feeVsBudget,
  buildReasons, combineScore, feedbackAdjustment,
} from './demand.scoring.ts';
import { demandInput, matchInput, searchQuery, feedbackInput } from './demand.schemas.ts';

describe('BM25', () => {
  it('idf: rare terms weigh more, never negative', () => {
    expect(bm25Idf(1000, 1)).toBeCloseTo(Math.log(1 + 999.5 / 1.5), 10);
    expect(bm25Idf(1000, 1)).toBeGreaterThan(bm25Idf(1000, 100));
    expect(bm25Idf(10, 10)).toBeGreaterThan(0);
  });
  it('tf saturates at k1+1 and penalises long fields', () => {
    expect(bm25Tf(1, 10, 10)).toBeCloseTo(1, 10); // tf=1, avg length → (1·2.2)/(1+1.2) = 1
    expect(bm25Tf(1000, 10, 10)).toBeLessThan(2.2);
    expect(bm25Tf(1, 20, 10)).toBeLessThan(bm25Tf(1, 10, 10));
    expect(bm25Tf(0, 10, 10)).toBe(0);
  });
  it('BM25F: a title hit (weight 3) beats the same hit in the abstract (weight 1)', () => {
    const idf = bm25Idf(100, 5);
    const title = bm25fTerm(idf, [{ tf: 1, len: 10, avgLen: 10, weight: 3 }]);
    const abs = bm25fTerm(idf, [{ tf: 1, len: 10, avgLen: 10, weight: 1 }]);
    expect(title).toBeGreaterThan(abs);
    expect(abs).toBeCloseTo(idf, 10); // weight 1, tf 1, avg length → idf·1
    expect(bm25fTerm(idf, [])).toBe(0);
  });
});

describe('highlighting', () => {
  const t = '一种锂电池正极材料及锂电池的制备方法';
  it('finds and merges spans', () => {
    expect(findSpans(t, ['锂电池'])).toEqual([{ start: 2, end: 5 }, { start: 10, end: 13 }]);
    expect(findSpans(t, ['锂电', '电池'])).toEqual([{ start: 2, end: 5 }, { start: 10, end: 13 }]);
  });
  it('splits into parts that join back to the text', () => {
    const parts = highlightParts(t, ['正极材料']);
    expect(parts.map((p) => p.text).join('')).toBe(t);
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['正极材料']);
  });
  it('escapes HTML outside the marks', () => {
    expect(highlightHtml('<b>电池</b>', ['电池'])).toBe('&lt;b&gt;<em>电池</em>&lt;/b&gt;');
  });
  it('cuts a snippet around the hits', () => {
    const long = 'A'.repeat(200) + '石墨烯' + 'B'.repeat(200);
    const s = snippet(long, ['石墨烯'], 40);
    expect(s).toContain('石墨烯');
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(snippet('短文本', ['x'])).toBe('短文本');
  });
});

describe('reasons', () => {
  it('compares regions by GB/T 2260 prefix', () => {
    expect(regionRelation('510104', '510107')).toBe('same_city');
    expect(regionRelation('510104', '511002')).toBe('same_province');
    expect(regionRelation('510104', '510104')).toBe('same_county');
    expect(regionRelation('510104', '120101')).toBe('other');
    expect(regionRelation(null, '120101')).toBe('unknown');
  });
  it('compares the open-licence fee with the budget', () => {
    const b = { minFen: 50_000_000, maxFen: 100_000_000 };
    expect(feeVsBudget(20_000_000, b)).toBe('within');
    expect(feeVsBudget(150_000_000, b)).toBe('over');
    expect(feeVsBudget(0, b)).toBe('free');
    expect(feeVsBudget(null, b)).toBe('unknown');
    expect(feeVsBudget(1, { minFen: null, maxFen: null })).toBe('unknown');
  });
  it('builds concrete reasons and a bonus', () => {
    const { reasons, bonus } = buildReasons(
      { matchedTerms: ['锂电池', '正极'], ipcSubclasses: ['H01M4/36'], holderType: 'university', holderRegion: '510104', sleeping: true, grade: 'A', openLicence: true, openLicenceFeeFen: 20_000_000, legalStatus: 'in_force' },
      { predictedIpc: [{ code: 'H01M', title: '用于直接转变化学能为电能的方法或装置', score: 0.8 }], regionCode: '510107', budget: { minFen: null, maxFen: 50_000_000 } },
    );
    const texts = reasons.map((r) => r.text);
    expect(reasons[0]!.kind).toBe('terms');
    expect(texts).toContain('匹配关键词：锂电池、正极');
    expect(texts.some((x) => x.startsWith('IPC 分类一致：H01M'))).toBe(true);
    expect(texts).toContain('地域：同城市');
    expect(texts).toContain('权利人为高校');
    expect(texts).toContain('开放许可费 20 万元，在预算内');
    // 0.3 (IPC) + 0.08 (city) + 0.03 (sleeping) + 0.03 (A) + 0.05 + 0.05 (open licence within budget)
    expect(bonus).toBeCloseTo(0.54, 10);
  });
  it('says when the fee is over budget and penalises lapsed patents', () => {
    const { reasons, bonus } = buildReasons(
      { matchedTerms: [], ipcSubclasses: ['A01B1/00'], openLicence: true, openLicenceFeeFen: 200_000_000, legalStatus: 'lapsed' },
      { predictedIpc: [{ code: 'H01M', score: 1 }], budget: { minFen: null, maxFen: 100_000_000 } },
    );
    expect(reasons.map((r) => r.text)).toContain('开放许可费 200 万元，超出预算上限 100 万元');
    expect(bonus).toBeCloseTo(0.05 - 0.05 - 0.1, 10);
  });
  it('combines and bounds scores', () => {
    expect(combineScore(5, 10, 0.2)).toBeCloseTo(0.7, 10);
    expect(combineScore(5, 0, 0)).toBe(0);
    expect(combineScore(0, 10, -0.3)).toBe(0);
    expect(feedbackAdjustment(10, 0)).toBe(0.15);
    expect(feedbackAdjustment(1, 3)).toBeCloseTo(-0.06, 10);
  });
});

describe('schemas', () => {
  it('validates a demand with Chinese messages', () => {
    const r = demandInput.safeParse({ title: '短', description: '太短', budgetMinFen: 10, budgetMaxFen: 5 });
    expect(r.success).toBe(false);
    const msgs = r.error!.issues.map((i) => i.message);
    expect(msgs).toContain('需求名称至少 4 个字');
    expect(msgs).toContain('需求描述至少 10 个字');
    const ok = demandInput.parse({ title: '锂电池正极材料', description: '需要提高锂电池正极材料的循环寿命和倍率性能', budgetMaxFen: 50_000_000 });
    expect(ok.mode).toBe('any');
  });
  it('rejects a money float and an inverted range', () => {
    expect(demandInput.safeParse({ title: '锂电池正极材料', description: '需要提高锂电池正极材料的循环寿命', budgetMinFen: 1.5 }).success).toBe(false);
    const r = demandInput.safeParse({ title: '锂电池正极材料', description: '需要提高锂电池正极材料的循环寿命', budgetMinFen: 10, budgetMaxFen: 5 });
    expect(r.error!.issues[0]!.message).toBe('预算上限不能小于下限');
  });
  it('requires text or demandId for matching and bounds top', () => {
    expect(matchInput.safeParse({}).success).toBe(false);
    expect(matchInput.parse({ text: '无人机配送' }).top).toBe(20);
    expect(matchInput.safeParse({ text: '无人机', top: 1000 }).success).toBe(false);
  });
  it('normalises IPC filters and page sizes', () => {
    expect(searchQuery.parse({ q: '电池', ipc: 'h01m' }).ipc).toBe('H01M');
    expect(searchQuery.safeParse({ q: '电池', ipc: 'XYZ' }).success).toBe(false);
    expect(searchQuery.safeParse({ q: '', }).success).toBe(false);
    expect(feedbackInput.safeParse({ patentId: 1, kind: 'maybe' }).success).toBe(false);
  });
});

describe('reason details', () => {
  it('collapses sub-terms of longer matched terms', async () => {
    const { collapseTerms } = await import('./demand.scoring.ts');
    expect(collapseTerms(['无人机', '人机', '无人', '配送', '配送'])).toEqual(['无人机', '配送']);
  });
  it('ignores predicted subclasses far below the best one', () => {
    const { reasons, bonus } = buildReasons({ matchedTerms: ['x'], ipcSubclasses: ['G06F17/00'] }, { predictedIpc: [{ code: 'H01M', score: 0.95 }, { code: 'G06F', score: 0.01 }] });
    expect(reasons.some((r) => r.kind === 'ipc')).toBe(false);
    expect(bonus).toBe(0);
  });
});
