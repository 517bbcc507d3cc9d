import './exceljs-utf8-fix.ts';
import ExcelJS from 'exceljs';

export type Sheet = { name: string; columns: { header: string; key: string; width?: number }[]; rows: Record<string, unknown>[] };

/** A cell starting with = + - @ (or tab/CR) would be a formula in Excel: prefix it with ' so it stays data. */
export function escapeCell(v: unknown): unknown {
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(v)) return `'${v}`;
  return v;
}

/** Write sheets to an .xlsx buffer. Strings are escaped against formula injection. */
export async function writeXlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Zhuanhua 专利转化平台';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.replace(/[\\/?*[\]:]/g, '_').slice(0, 31));
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    for (const r of s.rows) {
      const out: Record<string, unknown> = {};
      for (const c of s.columns) out[c.key] = escapeCell(r[c.key]);
      ws.addRow(out);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition header for a (Chinese) file name. */
export const attachment = (filename: string): string => `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
