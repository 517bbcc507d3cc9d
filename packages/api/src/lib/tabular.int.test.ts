import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { readTable, parseLooseDate } from './tabular.ts';
import { escapeCell, writeXlsx } from './excel-export.ts';
import { guardZip } from './zip-guard.ts';

describe('tabular files', () => {
  it('reads every Chinese cell of a large streamed xlsx intact (no U+FFFD at chunk boundaries)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['编号', '名称', '状态']);
    for (let i = 0; i < 6000; i++) ws.addRow([String(i), `一种高磷铁水生产镍系钢的方法（第${i}号）`, '有效']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    let n = 0;
    for await (const r of readTable('a.xlsx', buf)) {
      expect(r.cells['名称']).toBe(`一种高磷铁水生产镍系钢的方法（第${n}号）`);
      expect(r.cells['状态']).toBe('有效');
      n++;
    }
    expect(n).toBe(6000);
  });

  it('parses the date forms of patent exports and rejects impossible dates', () => {
    expect(parseLooseDate('20221202')).toBe('2022-12-02');
    expect(parseLooseDate('2022/12/2')).toBe('2022-12-02');
    expect(parseLooseDate('2022年12月2日')).toBe('2022-12-02');
    expect(parseLooseDate('2022-02-29')).toBeNull();
    expect(parseLooseDate('2024-02-29')).toBe('2024-02-29');
  });

  it('escapes formula-looking cells on export', async () => {
    expect(escapeCell('=1+1')).toBe("'=1+1");
    expect(escapeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCell('-2')).toBe("'-2");
    expect(escapeCell('普通文本')).toBe('普通文本');
    const buf = await writeXlsx([{ name: 't', columns: [{ header: 'a', key: 'a' }], rows: [{ a: '=HYPERLINK("http://x")' }] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const v = wb.worksheets[0].getCell('A2').value;
    expect(v).toBe('\'=HYPERLINK("http://x")');
  });

  it('refuses a zip bomb before inflating it', async () => {
    // a real xlsx whose central directory claims a 2 GiB entry
    const w = new ExcelJS.Workbook(); w.addWorksheet('a');
    const real = Buffer.from(await w.xlsx.writeBuffer());
    const eocd = real.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = real.readUInt32LE(eocd + 16);
    real.writeUInt32LE(0x80000000, cd + 24);
    expect(() => guardZip(real)).toThrow(/解压后过大/);
  });
});
