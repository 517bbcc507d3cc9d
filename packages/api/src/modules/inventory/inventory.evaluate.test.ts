import { describe, expect, it } from 'vitest';
import { parseAwards, presumedFeeReduction, primaryHolder, openLicenceActive, type PatentFacts } from './inventory.evaluate.ts';
import type { HolderRow } from './inventory.repo.ts';

const h = (org_type: string | null, seq = 1): HolderRow => ({ patent_id: 1, seq, name: `h${seq}`, org_id: seq, org_type, org_region: null });

describe('facts helpers', () => {
  it('awards: explicit kinds kept, kinds inferred from names, junk ignored', () => {
    expect(parseAwards([{ kind: 'national_sti', name: '国家技术发明奖二等奖', year: 2020 }, '第二十三届中国专利优秀奖', { name: '四川省专利奖一等奖' }, 42, null])).toEqual([
      { kind: 'national_sti', name: '国家技术发明奖二等奖', year: 2020, level: null },
      { kind: 'china_patent_award', name: '第二十三届中国专利优秀奖' },
      { kind: 'provincial_patent_award', name: '四川省专利奖一等奖', year: null, level: null },
    ]);
    expect(parseAwards({})).toEqual([]);
  });
  it('fee reduction presumed for universities and institutes only: single 85%, joint 70%', () => {
    expect(presumedFeeReduction([h('university')])).toBe('single');
    expect(presumedFeeReduction([h('university'), h('research_institute', 2)])).toBe('joint');
    expect(presumedFeeReduction([h('university'), h('private_enterprise', 2)])).toBe('none');
    expect(presumedFeeReduction([])).toBe('none');
  });
  it('the pool counts a patent under its first university/institute, else its SOE', () => {
    expect(primaryHolder([h('private_enterprise'), h('soe', 2), h('university', 3)])!.seq).toBe(3);
    expect(primaryHolder([h('private_enterprise'), h('soe', 2)])!.seq).toBe(2);
    expect(primaryHolder([])).toBeNull();
  });
  it('open licence active between publication and withdrawal', () => {
    const f = { openLicences: [{ patent_id: 1, published_date: '2024-03-01', withdrawn_date: '2024-09-01' }] } as unknown as PatentFacts;
    expect(openLicenceActive(f, '2024-02-28')).toBe(false);
    expect(openLicenceActive(f, '2024-03-01')).toBe(true);
    expect(openLicenceActive(f, '2024-09-01')).toBe(false);
  });
});
