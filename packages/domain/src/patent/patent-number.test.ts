import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  checkCharacter, detectPatentTypeFromAppNo, validateApplicationNumber, validatePublicationNumber, type AppNoInfo,
} from './patent-number.ts';

const okApp = (input: string, opts?: { maxYear?: number }): AppNoInfo => {
  const r = validateApplicationNumber(input, opts);
  if (!r.ok) throw new Error(`expected ${input} to be valid: ${r.reason}`);
  return r.value;
};
const reasonApp = (input: string, opts?: { maxYear?: number }): string => {
  const r = validateApplicationNumber(input, opts);
  if (r.ok) throw new Error(`expected ${input} to be invalid`);
  return r.reason;
};

describe('checkCharacter (domain-rules §1.1: weights 2..9,2..5, S mod 11, 10 → X)', () => {
  it.each([
    ['201810431317', '9'], ['201910349801', '1'], ['201811564288', 'X'], ['201080063196', '9'], ['201710601862', '3'],
    ['97101765', '4'], ['95115608', 'X'], ['202010123456', '2'],
  ])('%s → %s', (body, c) => expect(checkCharacter(body)).toBe(c));

  it('uses the remainder itself, not 11 − r (the worked example 201710601862 → 3)', () => {
    // Σ = 2·2+0·3+1·4+7·5+1·6+0·7+6·8+0·9+1·2+8·3+6·4+2·5 = 157; 157 mod 11 = 3 (11 − 3 = 8 would be wrong)
    expect(checkCharacter('201710601862')).toBe('3');
  });

  it('rejects a body that is not 8 or 12 digits', () => {
    expect(() => checkCharacter('2018104313')).toThrow();
    expect(() => checkCharacter('20181043131X')).toThrow();
  });
});

describe('validateApplicationNumber: real examples of domain-rules §1', () => {
  it.each([
    ['201810431317.9', '201810431317.9', 'invention', false, 2018, '2003'],
    ['201910349801.1', '201910349801.1', 'invention', false, 2019, '2003'],
    ['201811564288.X', '201811564288.X', 'invention', false, 2018, '2003'],
    ['201080063196.9', '201080063196.9', 'invention', true, 2010, '2003'],
    ['201710601862.3', '201710601862.3', 'invention', false, 2017, '2003'],
    ['97101765.4', '97101765.4', 'invention', false, 1997, '1989'],
    ['95115608.X', '95115608.X', 'invention', false, 1995, '1989'],
    ['88100001', '88100001', 'invention', false, 1988, '1985'],
    ['CN202223220665.2', '202223220665.2', 'utility_model', false, 2022, '2003'],
    ['CN202121635426.6', '202121635426.6', 'utility_model', false, 2021, '2003'],
    ['CN202211740332.4', '202211740332.4', 'invention', false, 2022, '2003'],
  ] as const)('%s is valid', (input, normalized, patentType, pct, year, format) => {
    const v = okApp(input);
    expect(v).toMatchObject({ normalized, patentType, pct, year, format });
  });

  it('gives the parts of a 2003-form number', () => {
    expect(okApp('201080063196.9')).toEqual({
      normalized: '201080063196.9', body: '201080063196', year: 2010, typeDigit: '8', patentType: 'invention', pct: true, check: '9', format: '2003',
    });
    expect(okApp('88100001')).toEqual({
      normalized: '88100001', body: '88100001', year: 1988, typeDigit: '1', patentType: 'invention', pct: false, check: null, format: '1985',
    });
  });

  it('ZL202010123456.7 is fabricated: the reason says the check character should be 2', () => {
    const reason = reasonApp('ZL202010123456.7');
    expect(reason).toContain('校验位应为 2');
    expect(reason).toContain('实际为 7');
  });

  it('the misprinted 89103229.2 fails (mod 11 gives 0)', () => {
    expect(reasonApp('89103229.2')).toContain('校验位应为 0');
  });
});

describe('validateApplicationNumber: normalisation of input forms', () => {
  it.each([
    'CN201811564288.X', 'ZL201811564288.X', 'ZL 201811564288.X', '201811564288.x', '201811564288X', ' 2018 1 1564288.X ',
    'ＣＮ２０１８１１５６４２８８．Ｘ', 'ｚｌ２０１８１１５６４２８８．ｘ', '201811564288。X', 'cn201811564288.x',
  ])('%s → 201811564288.X', (input) => expect(okApp(input).normalized).toBe('201811564288.X'));

  it('a missing dot is accepted on both lengths', () => {
    expect(okApp('2018104313179').normalized).toBe('201810431317.9');
    expect(okApp('971017654').normalized).toBe('97101765.4');
    expect(okApp('95115608X').normalized).toBe('95115608.X');
  });

  it('the type digit decides the type and the PCT flag', () => {
    const body = (t: string) => `2020${t}0012345`;
    for (const [t, type, pct] of [['1', 'invention', false], ['2', 'utility_model', false], ['3', 'design', false], ['8', 'invention', true], ['9', 'utility_model', true]] as const) {
      const v = okApp(`${body(t)}.${checkCharacter(body(t))}`);
      expect(v.patentType).toBe(type);
      expect(v.pct).toBe(pct);
      expect(v.typeDigit).toBe(t);
    }
  });
});

describe('validateApplicationNumber: rejections with precise Chinese reasons', () => {
  it('a missing check character names the right one', () => {
    expect(reasonApp('201810431317')).toContain('校验位应为 9');
    expect(reasonApp('97101765')).toContain('校验位应为 4');
  });
  it('wrong check characters', () => {
    expect(reasonApp('201811564288.1')).toContain('校验位应为 X');
    expect(reasonApp('95115608.1')).toContain('校验位应为 X');
    expect(reasonApp('201810431317.X')).toContain('校验位应为 9');
  });
  it('wrong lengths', () => {
    expect(reasonApp('20181043131.7')).toContain('实际为 11 位数字');
    expect(reasonApp('1234567')).toContain('实际为 7 位数字');
  });
  it('illegal characters and misplaced X', () => {
    expect(reasonApp('20181A431317.9')).toContain('非法字符“A”');
    expect(reasonApp('2018X0431317.9')).toContain('X 只能作为最后一位');
    expect(reasonApp('201810431317.9.1')).toContain('多个小数点');
    expect(reasonApp('201810431317.')).toContain('1 位校验位');
  });
  it('empty and prefix-only input', () => {
    expect(reasonApp('')).toBe('申请号为空');
    expect(reasonApp('   ')).toBe('申请号为空');
    expect(reasonApp('ZL')).toContain('缺少号码');
  });
  it('an unknown type digit', () => {
    const body = '201840431317';
    expect(reasonApp(`${body}.${checkCharacter(body)}`)).toContain('第 5 位专利类型代码“4”无效');
    expect(reasonApp(`97401765.${checkCharacter('97401765')}`)).toContain('第 3 位专利类型代码“4”无效');
  });
  it('a 12-digit number before 2003', () => {
    const body = '200210431317';
    expect(reasonApp(`${body}.${checkCharacter(body)}`)).toContain('早于 2003 年');
  });
  it('serial 0000000', () => {
    const body = '201810000000';
    expect(reasonApp(`${body}.${checkCharacter(body)}`)).toContain('流水号');
  });
  it('8-digit years outside 85–03', () => {
    expect(reasonApp(`05101765.${checkCharacter('05101765')}`)).toContain('年份“05”无效');
    expect(reasonApp(`84101765.${checkCharacter('84101765')}`)).toContain('年份“84”无效');
  });
  it('1985–1988 numbers have no check character, and their type digit is 1, 2 or 3', () => {
    expect(reasonApp(`88100001.${checkCharacter('88100001')}`)).toContain('没有校验位');
    expect(reasonApp('88800001')).toContain('第 3 位专利类型代码“8”无效');
    expect(okApp('85200123')).toMatchObject({ patentType: 'utility_model', year: 1985, format: '1985' });
  });
  it('future years are rejected only when maxYear is passed', () => {
    const body = '203010431317';
    const n = `${body}.${checkCharacter(body)}`;
    expect(okApp(n).year).toBe(2030);
    expect(reasonApp(n, { maxYear: 2026 })).toContain('晚于 2026 年');
    expect(okApp('201811564288.X', { maxYear: 2026 }).year).toBe(2018);
    expect(okApp('201811564288.X', { maxYear: 2018 }).year).toBe(2018);
  });
});

describe('validateApplicationNumber: properties', () => {
  it('every 12-digit body with its own check character is valid and round-trips', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2003, max: 2099 }), fc.constantFrom('1', '2', '3', '8', '9'), fc.integer({ min: 1, max: 9_999_999 }),
      (year, t, serial) => {
        const body = `${year}${t}${String(serial).padStart(7, '0')}`;
        const n = `${body}.${checkCharacter(body)}`;
        const r = validateApplicationNumber(n);
        return r.ok && r.value.normalized === n && validateApplicationNumber(`ZL${body}${checkCharacter(body)}`).ok;
      },
    ));
  });
  it('any single wrong check character is rejected with the right one named', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 9_999_999 }), fc.constantFrom(...'0123456789X'), (serial, c) => {
      const body = `20191${String(serial + 1).padStart(7, '0').slice(-7)}`;
      if (body.endsWith('0000000')) return true;
      const expected = checkCharacter(body);
      const r = validateApplicationNumber(`${body}.${c}`);
      return c === expected ? r.ok : !r.ok && r.reason.includes(`校验位应为 ${expected}`);
    }));
  });
  it('a single-digit change in the body is always detected (weights are non-zero mod 11)', () => {
    const body = '201811564288';
    for (let i = 0; i < 12; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === body[i]) continue;
        const mutated = body.slice(0, i) + d + body.slice(i + 1);
        expect(checkCharacter(mutated)).not.toBe(checkCharacter(body));
      }
    }
  });
});

describe('detectPatentTypeFromAppNo', () => {
  it('reads the type digit', () => {
    expect(detectPatentTypeFromAppNo('201810431317.9')).toBe('invention');
    expect(detectPatentTypeFromAppNo('CN202223220665.2')).toBe('utility_model');
    expect(detectPatentTypeFromAppNo('201080063196.9')).toBe('invention');
    expect(detectPatentTypeFromAppNo('85200123')).toBe('utility_model');
    const d = '202030012345';
    expect(detectPatentTypeFromAppNo(`${d}.${checkCharacter(d)}`)).toBe('design');
  });
  it('is null for an invalid number', () => {
    expect(detectPatentTypeFromAppNo('202010123456.7')).toBeNull();
    expect(detectPatentTypeFromAppNo('abc')).toBeNull();
  });
});

describe('validatePublicationNumber (domain-rules §1.2)', () => {
  it.each([
    ['CN102822194A', 'CN102822194A', 'A', 'invention', '102822194'],
    ['CN102822194B', 'CN102822194B', 'B', 'invention', '102822194'],
    ['CN110448268B', 'CN110448268B', 'B', 'invention', '110448268'],
    ['CN 110448268 B', 'CN110448268B', 'B', 'invention', '110448268'],
    ['cn110013232b', 'CN110013232B', 'B', 'invention', '110013232'],
    ['ＣＮ２１８７５１４７５Ｕ', 'CN218751475U', 'U', 'utility_model', '218751475'],
    ['218824140U', 'CN218824140U', 'U', 'utility_model', '218824140'],
    ['CN116245100A', 'CN116245100A', 'A', 'invention', '116245100'],
    ['CN305123456S', 'CN305123456S', 'S', 'design', '305123456'],
    ['CN102822194A8', 'CN102822194A8', 'A8', 'invention', '102822194'],
    ['CN102822194C3', 'CN102822194C3', 'C3', 'invention', '102822194'],
    ['CN218751475Y2', 'CN218751475Y2', 'Y2', 'utility_model', '218751475'],
    ['CN305123456S9', 'CN305123456S9', 'S9', 'design', '305123456'],
    // 7-digit numbers of 1989 – 2004-06 and the grant codes C / Y / D of that time
    ['CN1030001A', 'CN1030001A', 'A', 'invention', '1030001'],
    ['CN2030001U', 'CN2030001U', 'U', 'utility_model', '2030001'],
    ['CN3003001S', 'CN3003001S', 'S', 'design', '3003001'],
    ['CN1030001C', 'CN1030001C', 'C', 'invention', '1030001'],
    ['CN2030001Y', 'CN2030001Y', 'Y', 'utility_model', '2030001'],
    ['CN3003001D', 'CN3003001D', 'D', 'design', '3003001'],
    // 1985–1988: the application number was the document number
    ['CN85100001A', 'CN85100001A', 'A', 'invention', '85100001'],
  ] as const)('%s is valid', (input, normalized, kind, patentType, serial) => {
    const r = validatePublicationNumber(input);
    expect(r).toEqual({ ok: true, value: { normalized, kind, patentType, serial } });
  });

  it('A publication and B grant share the same 9 digits (CN102822194A → CN102822194B)', () => {
    const a = validatePublicationNumber('CN102822194A');
    const b = validatePublicationNumber('CN102822194B');
    expect(a.ok && b.ok && a.value.serial === b.value.serial).toBe(true);
  });

  it.each([
    ['CN102822194U', '种类代码 U 属于实用新型'],
    ['CN102822194S', '种类代码 S 属于外观设计'],
    ['CN218751475A', '类型位 2 表示实用新型'],
    ['CN218751475B', '种类代码 B 属于发明'],
    ['CN305123456U', '类型位 3 表示外观设计'],
    ['CN2030001A', '种类代码 A 属于发明'],
    ['CN3003001C', '种类代码 C 属于发明'],
  ])('type ↔ kind inconsistency %s is rejected', (input, part) => {
    const r = validatePublicationNumber(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(part);
  });

  it.each([
    ['', '为空'],
    ['CN110448268', '缺少文献种类代码'],
    ['CN410448268A', '类型位“4”无效'],
    ['CN10448268A', '前两位应为 85–88'],
    ['CN1104482681A', '实际为 10 位数字'],
    ['CN12345A', '实际为 5 位数字'],
    ['CN110448268Q', '未知的文献种类代码“Q”'],
    ['CN110448268C8', '未知的文献种类代码“C8”'],
    ['US10448268B2', '前缀应为 CN'],
    ['CN11044X268B', '格式不正确'],
  ])('%s is rejected (%s)', (input, part) => {
    const r = validatePublicationNumber(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(part);
  });
});
