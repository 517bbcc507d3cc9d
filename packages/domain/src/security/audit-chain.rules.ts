/**
 * Tamper-evident audit log: each entry carries the hash of the previous entry, and its own hash is
 * H(prevHash ‖ canonical JSON of its fields). Changing a row breaks its own hash; deleting a row breaks the
 * sequence and the next row's prevHash. Pure: the hash function (SHA-256 hex, or HMAC-SM3 under a key) is passed in.
 */
import { daysBetween, type IsoDate } from '../common/dates.ts';

export type HashFn = (text: string) => string;

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so the same content always hashes the same. bigint → string. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return 'null';
}

export type ChainFields = Record<string, unknown>;
export type ChainedEntry = { seq: number; prevHash: string; hash: string; fields: ChainFields };

export function entryHash(hash: HashFn, seq: number, prevHash: string, fields: ChainFields): string {
  return hash(`${prevHash}|${seq}|${canonicalJson(fields)}`);
}

/** Builds the chain for entries in order, starting after `prev` (or the genesis). */
export function buildChain(hash: HashFn, items: readonly ChainFields[], prev: { seq: number; hash: string } | null = null): ChainedEntry[] {
  let seq = prev?.seq ?? 0;
  let prevHash = prev?.hash ?? GENESIS_HASH;
  return items.map((fields) => {
    seq += 1;
    const h = entryHash(hash, seq, prevHash, fields);
    const e = { seq, prevHash, hash: h, fields };
    prevHash = h;
    return e;
  });
}

export type ChainProblem = { seq: number; kind: 'changed' | 'missing' | 'relinked'; message: string };
export type ChainReport = { ok: boolean; checked: number; problems: ChainProblem[]; lastSeq: number; lastHash: string };

/**
 * Verifies entries (any order; sorted by seq here). Starts from the genesis unless `start` gives the
 * last verified checkpoint. Reports every problem, in Chinese.
 */
export function verifyChain(hash: HashFn, entries: readonly ChainedEntry[], start: { seq: number; hash: string } | null = null): ChainReport {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const problems: ChainProblem[] = [];
  let expectedSeq = (start?.seq ?? 0) + 1;
  let prevHash = start?.hash ?? GENESIS_HASH;
  for (const e of sorted) {
    if (e.seq !== expectedSeq) {
      problems.push({ seq: e.seq, kind: 'missing', message: `审计记录缺失：序号 ${expectedSeq} 至 ${e.seq - 1} 不存在（可能被删除）` });
    }
    if (e.prevHash !== prevHash) {
      problems.push({ seq: e.seq, kind: 'relinked', message: `审计记录 ${e.seq} 的前序哈希与上一条不一致（记录被删除、插入或篡改）` });
    }
    if (entryHash(hash, e.seq, e.prevHash, e.fields) !== e.hash) {
      problems.push({ seq: e.seq, kind: 'changed', message: `审计记录 ${e.seq} 的内容与哈希不符（记录被修改）` });
    }
    expectedSeq = e.seq + 1;
    prevHash = e.hash;
  }
  const last = sorted[sorted.length - 1];
  return { ok: problems.length === 0, checked: sorted.length, problems, lastSeq: last?.seq ?? start?.seq ?? 0, lastHash: last?.hash ?? prevHash };
}

/** Retention: audit entries must be kept at least 180 days (网络安全法 §21); the default is 365. */
export const AUDIT_MIN_RETENTION_DAYS = 180;
export function mayPurgeAudit(entryDate: IsoDate, today: IsoDate, retentionDays: number): boolean {
  const keep = Math.max(retentionDays, AUDIT_MIN_RETENTION_DAYS);
  return daysBetween(entryDate, today) > keep;
}

/** A stored row of a hash-chained log whose hash formula is given by `expectedHash` (e.g. the trunk's audit_log). */
export type LinkedRow = { id: number; prevHash: string; hash: string };

/**
 * Verifies a chain ordered by id where ids may have gaps (identity values of rolled-back transactions are not
 * reused): each row's prevHash must equal the previous row's hash, and its hash must equal `expectedHash(row)`.
 * Detects changed rows, deleted rows (the next row no longer links) and inserted rows. Deleting only the newest
 * rows is detected by comparing with a recorded checkpoint (`expectTail`).
 */
export function verifyLinkedChain<R extends LinkedRow>(
  rows: readonly R[], expectedHash: (row: R) => string,
  opts: { start?: { id: number; hash: string } | null; expectTail?: { id: number; hash: string } | null } = {},
): ChainReport {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  const problems: ChainProblem[] = [];
  let prevHash = opts.start?.hash ?? GENESIS_HASH;
  for (const r of sorted) {
    if (r.prevHash !== prevHash) {
      problems.push({ seq: r.id, kind: 'relinked', message: `审计记录 ${r.id} 的前序哈希与上一条不一致（记录被删除、插入或篡改）` });
    }
    if (expectedHash(r) !== r.hash) {
      problems.push({ seq: r.id, kind: 'changed', message: `审计记录 ${r.id} 的内容与哈希不符（记录被修改）` });
    }
    prevHash = r.hash;
  }
  const last = sorted[sorted.length - 1];
  const tail = opts.expectTail;
  if (tail && !sorted.some((r) => r.id === tail.id && r.hash === tail.hash)) {
    problems.push({ seq: tail.id, kind: 'missing', message: `检查点记录 ${tail.id} 不存在或已改变（最新的审计记录可能被删除）` });
  }
  return { ok: problems.length === 0, checked: sorted.length, problems, lastSeq: last?.id ?? opts.start?.id ?? 0, lastHash: last?.hash ?? prevHash };
}
