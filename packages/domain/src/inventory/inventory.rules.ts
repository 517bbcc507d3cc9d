/** Inventory run (盘点) summaries and the comparison with the previous run. Pure. */
import type { Grade } from './grading.rules.ts';
import { GRADES } from './grading.rules.ts';
import type { SleepingPool } from './sleeping.rules.ts';

/** One patent's row in a run's snapshot (what the summary and diff need). */
export type SnapshotItem = {
  patentId: number;
  sleeping: boolean;
  pool: SleepingPool | null;
  grade: Grade;
  score: number;
  seiIndustry: string | null;
  industryCode: string | null;
  holderId: number | null;
  regionCode: string | null;
  highValue: boolean;
};

export type Counts = Record<string, number>;
export type RunSummary = {
  scanned: number;
  poolSize: number;
  byPool: Record<SleepingPool, number>;
  byGrade: Record<Grade, number>;
  /** SEI industry code (1..9) or 'none'. */
  bySei: Counts;
  /** GB/T 4754 大类 (approximate) or 'none'. */
  byIndustry: Counts;
  byHolder: Counts;
  /** Province code (first 2 digits + 0000) or 'none'. */
  byRegion: Counts;
  highValueInPool: number;
};

export function emptySummary(): RunSummary {
  return { scanned: 0, poolSize: 0, byPool: { univ: 0, soe: 0 }, byGrade: { A: 0, B: 0, C: 0, D: 0 }, bySei: {}, byIndustry: {}, byHolder: {}, byRegion: {}, highValueInPool: 0 };
}

const inc = (c: Counts, k: string) => { c[k] = (c[k] ?? 0) + 1; };

/** Add one item to a running summary (streaming: a run over a million patents never holds them all). */
export function addToSummary(s: RunSummary, it: SnapshotItem): RunSummary {
  s.scanned += 1;
  if (!it.sleeping || !it.pool) return s;
  s.poolSize += 1;
  s.byPool[it.pool] += 1;
  s.byGrade[it.grade] += 1;
  inc(s.bySei, it.seiIndustry ?? 'none');
  inc(s.byIndustry, it.industryCode ?? 'none');
  inc(s.byHolder, it.holderId == null ? 'none' : String(it.holderId));
  inc(s.byRegion, it.regionCode ? `${it.regionCode.slice(0, 2)}0000` : 'none');
  if (it.highValue) s.highValueInPool += 1;
  return s;
}

export function summarise(items: Iterable<SnapshotItem>): RunSummary {
  const s = emptySummary();
  for (const it of items) addToSummary(s, it);
  return s;
}

/** Sort a Counts map into rows, largest first, ties by key (stable output for reports and tests). */
export function countRows(c: Counts): { key: string; count: number }[] {
  return Object.entries(c).map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export type PoolEntry = { patentId: number; grade: Grade };
export type RunDiff = {
  entered: number[];
  left: number[];
  gradeChanged: { patentId: number; from: Grade; to: Grade }[];
  unchanged: number;
};

/** What changed in the pool since the previous run (patent ids sorted ascending). */
export function diffPools(prev: Iterable<PoolEntry>, curr: Iterable<PoolEntry>): RunDiff {
  const before = new Map<number, Grade>();
  for (const e of prev) before.set(e.patentId, e.grade);
  const entered: number[] = [];
  const gradeChanged: RunDiff['gradeChanged'] = [];
  let unchanged = 0;
  const seen = new Set<number>();
  for (const e of curr) {
    seen.add(e.patentId);
    const g = before.get(e.patentId);
    if (g === undefined) entered.push(e.patentId);
    else if (g !== e.grade) gradeChanged.push({ patentId: e.patentId, from: g, to: e.grade });
    else unchanged += 1;
  }
  const left = [...before.keys()].filter((id) => !seen.has(id));
  const asc = (a: number, b: number) => a - b;
  return { entered: entered.sort(asc), left: left.sort(asc), gradeChanged: gradeChanged.sort((a, b) => a.patentId - b.patentId), unchanged };
}

export const GRADE_ORDER: readonly Grade[] = GRADES;
