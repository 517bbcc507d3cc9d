import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { buildChain, canonicalJson, entryHash, GENESIS_HASH, mayPurgeAudit, verifyChain, verifyLinkedChain } from './audit-chain.rules.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const items = [
  { action: 'auth.login', actorId: 1, at: '2026-01-05T09:00:00Z' },
  { action: 'patent.update', actorId: 2, entityId: 10, before: { title: '甲' }, after: { title: '乙' } },
  { action: 'deal.create', actorId: 2, after: { amountFen: 12_345_600n } },
  { action: 'auth.logout', actorId: 1 },
];

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 5n, t: null })).toBe('{"t":null,"x":"5"}');
  });
});

describe('audit hash chain', () => {
  const chain = buildChain(sha256, items);
  it('links every entry to the previous one from the genesis', () => {
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(chain[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < chain.length; i++) expect(chain[i]!.prevHash).toBe(chain[i - 1]!.hash);
    expect(chain[0]!.hash).toBe(sha256(`${GENESIS_HASH}|1|${canonicalJson(items[0])}`));
  });
  it('an intact chain verifies', () => {
    expect(verifyChain(sha256, chain)).toEqual({ ok: true, checked: 4, problems: [], lastSeq: 4, lastHash: chain[3]!.hash });
  });
  it('a changed row is detected at that row', () => {
    const tampered = chain.map((e) => (e.seq === 3 ? { ...e, fields: { ...e.fields, after: { amountFen: 1n } } } : e));
    const r = verifyChain(sha256, tampered);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([{ seq: 3, kind: 'changed', message: '审计记录 3 的内容与哈希不符（记录被修改）' }]);
  });
  it('a changed row with a recomputed hash is detected at the next row', () => {
    const fields = { ...chain[1]!.fields, after: { title: '丙' } };
    const forged = { ...chain[1]!, fields, hash: entryHash(sha256, 2, chain[1]!.prevHash, fields) };
    const r = verifyChain(sha256, [chain[0]!, forged, chain[2]!, chain[3]!]);
    expect(r.problems.map((p) => [p.seq, p.kind])).toEqual([[3, 'relinked']]);
  });
  it('a deleted row is detected', () => {
    const r = verifyChain(sha256, [chain[0]!, chain[2]!, chain[3]!]);
    expect(r.problems.map((p) => [p.seq, p.kind])).toEqual([[3, 'missing'], [3, 'relinked']]);
  });
  it('a deleted first row is detected', () => {
    expect(verifyChain(sha256, chain.slice(1)).ok).toBe(false);
  });
  it('continues from a checkpoint and extends a chain', () => {
    const more = buildChain(sha256, [{ action: 'x' }], { seq: 4, hash: chain[3]!.hash });
    expect(more[0]!.seq).toBe(5);
    expect(verifyChain(sha256, [...chain, ...more]).ok).toBe(true);
    expect(verifyChain(sha256, more, { seq: 4, hash: chain[3]!.hash }).ok).toBe(true);
    expect(verifyChain(sha256, more, { seq: 4, hash: GENESIS_HASH }).ok).toBe(false);
  });
});

describe('retention', () => {
  it('never purges before 180 days even if configured shorter', () => {
    expect(mayPurgeAudit('2026-01-01', '2026-06-30', 30)).toBe(false); // 180 days
    expect(mayPurgeAudit('2026-01-01', '2026-07-01', 30)).toBe(true); // 181 days
    expect(mayPurgeAudit('2026-01-01', '2026-07-01', 365)).toBe(false);
  });
});

describe('verifyLinkedChain (ids with gaps, formula passed in)', () => {
  const formula = (r: { prevHash: string; payload: string }) => sha256(`${r.prevHash}\n${r.payload}`);
  const make = (ids: number[]) => {
    let prev = GENESIS_HASH;
    return ids.map((id) => {
      const row = { id, prevHash: prev, payload: `entry-${id}`, hash: '' };
      row.hash = formula(row);
      prev = row.hash;
      return row;
    });
  };
  const rows = make([1, 2, 5, 6, 9]);
  it('gaps in ids are not problems', () => {
    expect(verifyLinkedChain(rows, formula)).toMatchObject({ ok: true, checked: 5, lastSeq: 9 });
  });
  it('changed, deleted and tail-deleted rows are found', () => {
    const changed = rows.map((r) => (r.id === 5 ? { ...r, payload: 'x' } : r));
    expect(verifyLinkedChain(changed, formula).problems.map((p) => [p.seq, p.kind])).toEqual([[5, 'changed']]);
    const deleted = rows.filter((r) => r.id !== 5);
    expect(verifyLinkedChain(deleted, formula).problems.map((p) => [p.seq, p.kind])).toEqual([[6, 'relinked']]);
    const tailGone = rows.slice(0, 4);
    expect(verifyLinkedChain(tailGone, formula).ok).toBe(true); // undetectable without a checkpoint
    expect(verifyLinkedChain(tailGone, formula, { expectTail: { id: 9, hash: rows[4]!.hash } }).problems[0]!.kind).toBe('missing');
  });
});
