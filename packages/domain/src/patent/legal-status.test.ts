import { describe, it, expect } from 'vitest';
import { normaliseLegalStatus, patentTypeFromLabel } from './legal-status.ts';

const inForce = { status: 'in_force', restorable: false, lapseReason: null };
const pending = { status: 'pending', restorable: false, lapseReason: null };
const lapsed = (lapseReason: string | null, restorable = false) => ({ status: 'lapsed', restorable, lapseReason });

describe('normaliseLegalStatus: CNIPA case-status strings (domain-rules §9)', () => {
  it.each([
    ['有效', inForce],
    ['授权', inForce],
    ['专利权维持', inForce],
    ['等年费滞纳金', inForce], // the annual-fee grace period is still in force
    ['实质审查', pending],
    ['实质审查的生效', pending],
    ['公开', pending],
    ['公布', pending],
    ['受理', pending],
    ['初审', pending],
    ['未缴年费终止失效', lapsed('FEE_UNPAID')],
    ['未缴年费专利权终止', lapsed('FEE_UNPAID')],
    ['届满终止失效', lapsed('EXPIRED')],
    ['届满终止,待失效', lapsed('EXPIRED')],
    ['专利权有效期届满', lapsed('EXPIRED')],
    ['驳回', lapsed('REJECTED')],
    ['驳回失效', lapsed('REJECTED')],
    ['发明专利申请公布后的驳回', lapsed('REJECTED')],
    ['撤回', lapsed('WITHDRAWN')],
    ['撤回专利申请', lapsed('WITHDRAWN')],
    ['视为撤回', lapsed('DEEMED_WITHDRAWN')],
    ['逾期视撤失效', lapsed('DEEMED_WITHDRAWN')],
    ['视为放弃失效', lapsed('DEEMED_WITHDRAWN')],
    ['视为放弃取得专利权', lapsed('DEEMED_WITHDRAWN')],
    ['放弃', lapsed('SURRENDERED')],
    ['专利权的主动放弃', lapsed('SURRENDERED')],
    ['放弃专利权（主动放弃）', lapsed('SURRENDERED')],
    ['放弃专利权（避免重复授权）', lapsed('DUPLICATE_AVOIDANCE')],
    ['无效宣告失效', lapsed('INVALIDATED')],
    ['专利权全部无效', lapsed('INVALIDATED')],
    ['无效', lapsed(null)], // the bare three-way label: no reason can be told
    ['失效', lapsed(null)],
    ['专利权部分无效', inForce],
    ['权利的恢复', inForce],
  ])('%s', (raw, expected) => expect(normaliseLegalStatus(raw)).toEqual(expected));

  it('transitional states are lapsed and restorable', () => {
    expect(normaliseLegalStatus('未缴年费专利权终止,等恢复')).toEqual(lapsed('FEE_UNPAID', true));
    expect(normaliseLegalStatus('未缴年费专利权终止，等恢复')).toEqual(lapsed('FEE_UNPAID', true));
    expect(normaliseLegalStatus('视撤/视为放弃，等恢复')).toEqual(lapsed('DEEMED_WITHDRAWN', true));
  });
});

describe('normaliseLegalStatus: incoPat / 智慧芽 forms, English, gazette codes, event lists', () => {
  it.each([
    ['有权-审定授权', inForce],
    ['有权-部分无效', inForce],
    ['审中-实质审查', pending],
    ['审中-公开', pending],
    ['无权-未缴年费', lapsed('FEE_UNPAID')],
    ['无权-视为撤回', lapsed('DEEMED_WITHDRAWN')],
    ['无权-驳回', lapsed('REJECTED')],
    ['无权-期限届满', lapsed('EXPIRED')],
    ['无权-放弃', lapsed('SURRENDERED')],
    ['无权-全部无效', lapsed('INVALIDATED')],
    ['审中', pending],
    ['PCT指定期内', pending],
    ['PCT指定期满', lapsed(null)],
    ['ＰＣＴ指定期满', lapsed(null)],
    ['granted', inForce],
    ['Granted', inForce],
    ['in_force', inForce],
    ['active', inForce],
    ['pending', pending],
    ['Published', pending],
    ['pending examination', pending],
    ['application withdrawn', lapsed('WITHDRAWN')],
    ['application refused', lapsed('REJECTED')],
    ['lapsed', lapsed(null)],
    ['expired', lapsed('EXPIRED')],
    ['withdrawn', lapsed('WITHDRAWN')],
    ['deemed withdrawn', lapsed('DEEMED_WITHDRAWN')],
    ['rejected', lapsed('REJECTED')],
    ['lapsed (fee unpaid)', lapsed('FEE_UNPAID')],
    ['CF01 未缴年费专利权终止', lapsed('FEE_UNPAID')],
    ['CX01', lapsed('EXPIRED')],
    ['AV01', lapsed('SURRENDERED')],
    ['IW01', lapsed('INVALIDATED')],
    ['RR01 权利的恢复', inForce],
    ['TR01 专利权的转移', inForce],
    ['PE01 专利权质押合同登记的生效', inForce],
    ['C10 实质审查的生效', pending],
  ])('%s', (raw, expected) => expect(normaliseLegalStatus(raw)).toEqual(expected));

  it('an event list is read in order: the last recognised event wins', () => {
    expect(normaliseLegalStatus('公开;实质审查;授权')).toEqual(inForce);
    expect(normaliseLegalStatus('公开;实质审查;授权;未缴年费专利权终止')).toEqual(lapsed('FEE_UNPAID'));
    expect(normaliseLegalStatus('授权；未缴年费专利权终止；权利的恢复')).toEqual(inForce);
    expect(normaliseLegalStatus('公开 → 实质审查 → 驳回')).toEqual(lapsed('REJECTED'));
    expect(normaliseLegalStatus('授权;某未知事件')).toEqual(inForce);
  });

  it('returns a fresh object (callers may mutate it)', () => {
    const a = normaliseLegalStatus('CF01');
    if (a) a.restorable = true;
    expect(normaliseLegalStatus('CF01')).toEqual(lapsed('FEE_UNPAID'));
  });

  it('is null when unknown or empty', () => {
    expect(normaliseLegalStatus('')).toBeNull();
    expect(normaliseLegalStatus('   ')).toBeNull();
    expect(normaliseLegalStatus('不知道')).toBeNull();
    expect(normaliseLegalStatus('foo')).toBeNull();
    expect(normaliseLegalStatus('ZZ99')).toBeNull();
  });
});

describe('patentTypeFromLabel', () => {
  it.each([
    ['发明', 'invention'], ['发明专利', 'invention'], ['发明授权', 'invention'], ['发明申请', 'invention'], ['发明公开', 'invention'],
    ['发明公布', 'invention'], [' 发明 ', 'invention'], ['PCT发明', 'invention'], ['invention', 'invention'], ['Invention', 'invention'],
    ['实用新型', 'utility_model'], ['实用新型专利', 'utility_model'], ['新型', 'utility_model'], ['utility_model', 'utility_model'],
    ['Utility Model', 'utility_model'], ['外观设计', 'design'], ['外观', 'design'], ['外观设计专利', 'design'], ['design', 'design'],
  ])('%s → %s', (raw, t) => expect(patentTypeFromLabel(raw)).toBe(t));

  it.each(['', '专利', '商标', 'A', 'trademark'])('%s → null', (raw) => expect(patentTypeFromLabel(raw)).toBeNull());
});
