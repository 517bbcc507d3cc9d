import { describe, it, expect } from 'vitest';
import { USCC_ALPHABET, organisationCodeCheckCharacter, usccCheckCharacter, validateUscc } from './uscc.ts';

const REAL = ['91350100M000100Y43', '91110000802100433B', '91440300708461136T'];

describe('validateUscc: the real codes of domain-rules §10', () => {
  it.each(REAL)('%s is valid', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: { normalized: code, regionCode: code.slice(2, 8) } });
  });

  it('check characters recomputed', () => {
    expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(usccCheckCharacter('91110000802100433')).toBe('B');
    expect(usccCheckCharacter('91440300708461136')).toBe('T');
    // the embedded GB 11714 organisation codes M000100Y-4, 80210043-3, 70846113-6
    expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
    expect(organisationCodeCheckCharacter('80210043')).toBe('3');
    expect(organisationCodeCheckCharacter('70846113')).toBe('6');
  });

  it('region code of registration', () => {
    const v = validateUscc('91440300708461136T');
    expect(v.ok && v.value.regionCode).toBe('440300');
  });

  it.each([
    [' 91350100M000100Y43 ', '91350100M000100Y43'],
    ['91350100m000100y43', '91350100M000100Y43'],
    ['９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['9135 0100 M000 100Y 43', '91350100M000100Y43'],
    ['91350100-M000100Y4-3', '91350100M000100Y43'],
  ])('normalises %s', (input, normalized) => {
    const v = validateUscc(input);
    expect(v.ok && v.value.normalized).toBe(normalized);
  });
});

describe('validateUscc: every single-character mutation of the real codes fails', () => {
  for (const code of REAL) {
    it(code, () => {
      let mutations = 0;
      for (let i = 0; i < 18; i++) {
        for (const ch of `${USCC_ALPHABET}IOZSV`) {
          if (ch === code[i]) continue;
          const mutated = code.slice(0, i) + ch + code.slice(i + 1);
          const r = validateUscc(mutated);
          expect(r.ok, `${mutated} must fail`).toBe(false);
          mutations++;
        }
      }
      expect(mutations).toBe(18 * 35);
    });
  }

  it('and the main check alone (organisation-code check off) still catches every in-alphabet mutation', () => {
    for (const code of REAL) {
      for (let i = 0; i < 18; i++) {
        for (const ch of USCC_ALPHABET) {
          if (ch === code[i]) continue;
          const mutated = code.slice(0, i) + ch + code.slice(i + 1);
          expect(validateUscc(mutated, { checkOrganisationCode: false }).ok, mutated).toBe(false);
        }
      }
    }
  });

  it('adjacent transpositions of different characters fail too', () => {
    for (const code of REAL) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        const t = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(validateUscc(t).ok, t).toBe(false);
      }
    }
  });
});

describe('validateUscc: reasons name the position', () => {
  it.each([
    ['', '为空'],
    ['91350100M000100Y4', '长度应为 18 位，实际为 17 位'],
    ['91350100M000100Y433', '实际为 19 位'],
    ['91350100M0001O0Y43', '第 14 位字符“O”无效'],
    ['9135010OM000100Y43', '第 8 位字符“O”无效'],
    ['91350100M000100Y4I', '第 18 位字符“I”无效'],
    ['91350100M0001_0Y43', '第 14 位字符“_”无效'],
    ['9135A100M000100Y43', '第 5 位应为数字'],
    ['91350100M000100Y44', '第 18 位校验码应为 3，实际为 4'],
    ['91110000802100433C', '第 18 位校验码应为 B'],
  ])('%s → %s', (input, part) => {
    const r = validateUscc(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(part);
  });

  it('a wrong organisation-code check (position 17) with a matching main check names position 17', () => {
    // change position 17 and recompute position 18 so only the GB 11714 check fails
    const first17 = '91350100M000100Y5';
    const code = first17 + usccCheckCharacter(first17);
    const r = validateUscc(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('第 17 位（第 9–17 位组织机构代码的校验码）应为 4');
    expect(validateUscc(code, { checkOrganisationCode: false }).ok).toBe(true);
  });
});

describe('check-character helpers', () => {
  it('usccCheckCharacter maps 31 → 0', () => {
    // find a 17-character prefix whose sum is a multiple of 31: its check is '0'
    const base = '9111000080210043';
    const found = [...USCC_ALPHABET].map((c) => base + c).find((p) => usccCheckCharacter(p) === '0');
    expect(found).toBeDefined();
    expect(validateUscc(`${found}0`, { checkOrganisationCode: false }).ok).toBe(true);
  });
  it('organisationCodeCheckCharacter gives X for 10 and 0 for 11', () => {
    const all = Array.from({ length: 200 }, (_, i) => organisationCodeCheckCharacter(String(10_000_000 + i * 7919).slice(0, 8)));
    expect(all).toContain('X');
    expect(all).toContain('0');
  });
  it('throw on malformed input', () => {
    expect(() => usccCheckCharacter('123')).toThrow();
    expect(() => usccCheckCharacter('91350100M000100YI')).toThrow();
    expect(() => organisationCodeCheckCharacter('1234')).toThrow();
  });
});
