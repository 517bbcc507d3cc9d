import { describe, it, expect } from 'vitest';
import { findUnmaskedPi, maskEmail, maskIdNumber, maskPersonName, maskPhone, maskRecord } from './masking.rules.ts';

describe('masking', () => {
  it('mobile numbers → 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('138-1234-1234')).toBe('138****1234');
    expect(maskPhone('+8613812341234')).toBe('+86138****1234');
    expect(maskPhone('010-62751234')).toBe('*******1234');
    expect(maskPhone('123')).toBe('***');
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone('')).toBe('');
  });
  it('ID numbers → 1101**********1234', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
    expect(maskIdNumber('11010119900307123X')).toBe('1101**********123X');
    expect(maskIdNumber('110101900307123')).toBe('1101*******7123');
    expect(maskIdNumber('1234')).toBe('****');
  });
  it('e-mails keep the first letter and the domain', () => {
    expect(maskEmail('zhangsan@pku.edu.cn')).toBe('z***@pku.edu.cn');
    expect(maskEmail('no-at-sign')).toBe('***');
  });
  it('names keep the surname character', () => {
    expect(maskPersonName('张三')).toBe('张*');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('李')).toBe('李');
  });
  it('maskRecord masks only the listed fields unless reveal', () => {
    const rec = { id: 7, contactName: '王小明', contactPhone: '13900001111', email: 'w@x.cn', title: '专利' };
    const fields = { contactName: 'personName', contactPhone: 'phone', email: 'email' } as const;
    expect(maskRecord(rec, fields, false)).toEqual({ id: 7, contactName: '王**', contactPhone: '139****1111', email: 'w***@x.cn', title: '专利' });
    expect(maskRecord(rec, fields, true)).toBe(rec);
    expect(rec.contactPhone).toBe('13900001111'); // input not mutated
  });
  it('findUnmaskedPi finds raw mobiles and ID numbers, not masked ones or longer digit runs', () => {
    const text = JSON.stringify({ a: '13812341234', b: '138****1234', c: '110101199003071234', d: '1101**********1234', e: '2024101234567890123' });
    expect(findUnmaskedPi(text)).toEqual(['13812341234', '110101199003071234']);
    expect(findUnmaskedPi(JSON.stringify(maskRecord({ p: '13812341234' }, { p: 'phone' }, false)))).toEqual([]);
  });
});
