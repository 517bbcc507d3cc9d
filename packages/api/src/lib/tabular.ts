import './exceljs-utf8-fix.ts';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { AppError } from '@zhuanhua/domain';
import { guardZip } from './zip-guard.ts';

export type TableRow = { row: number; cells: Record<string, string> };
export type TableLimits = { maxRows: number; maxCellChars: number; maxColumns: number };
export const DEFAULT_TABLE_LIMITS: TableLimits = { maxRows: 1_000_000, maxCellChars: 32_767, maxColumns: 200 };

/** Decode CSV bytes: UTF-8 (with or without BOM), else GBK/GB18030 when the bytes are not valid UTF-8. */
export function decodeText(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try { return utf8.decode(buf); } catch { return iconv.decode(buf, 'gb18030'); }
}

export function detectFormat(filename: string, buf: Buffer): 'xlsx' | 'csv' {
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (/\.xlsx?$/i.test(filename)) {
    if (/\.xls$/i.test(filename)) throw new AppError('UNSUPPORTED_MEDIA', '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 .csv');
    throw new AppError('UNSUPPORTED_MEDIA', '文件扩展名为 .xlsx，但内容不是有效的 Excel 文件');
  }
  return 'csv';
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return v.result == null ? '' : cellText(v.result as ExcelJS.CellValue); // a formula: its cached value, never evaluated
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

/**
 * Read a CSV or XLSX file as rows keyed by the (trimmed) header of the first non-empty row.
 * `row` is the 1-based row number as the user sees it in Excel. Limits bound rows, columns and cell size.
 */
export async function* readTable(filename: string, buf: Buffer, limits: TableLimits = DEFAULT_TABLE_LIMITS): AsyncGenerator<TableRow> {
  const format = detectFormat(filename, buf);
  let headers: string[] | null = null;
  let count = 0;
  const toRow = (values: string[], rowNumber: number): TableRow | null => {
    if (values.length > limits.maxColumns) throw new AppError('IMPORT_REJECTED', `第 ${rowNumber} 行列数过多（${values.length}），上限 ${limits.maxColumns}`);
    if (!headers) {
      if (values.every((v) => !v.trim())) return null;
      headers = values.map((h) => h.replace(/^\uFEFF/, '').replace(/\s+/g, '').trim());
      return null;
    }
    if (values.every((v) => !String(v ?? '').trim())) return null;
    if (++count > limits.maxRows) throw new AppError('IMPORT_REJECTED', `文件行数超过上限 ${limits.maxRows} 行`);
    const cells: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (!h) return;
      const v = String(values[i] ?? '');
      if (v.length > limits.maxCellChars) throw new AppError('IMPORT_REJECTED', `第 ${rowNumber} 行“${h}”单元格过长（${v.length} 字符）`);
      cells[h] = v.trim();
    });
    return { row: rowNumber, cells };
  };
  if (format === 'csv') {
    // Parse the decoded text in one go: csv-parse's stream mode re-encodes string chunks and has split
    // multi-byte characters at chunk boundaries (seen on a 20,000-row file).
    let records: string[][];
    try {
      records = parseCsvSync(decodeText(buf), { relax_column_count: true, bom: true, skip_empty_lines: false, max_record_size: limits.maxCellChars * 4, info: false }) as string[][];
    } catch (e) {
      const line = (e as { lines?: number }).lines;
      throw new AppError('IMPORT_REJECTED', `CSV 格式错误${line ? `（第 ${line} 行）` : ''}：${(e as Error).message.slice(0, 120)}`);
    }
    for (let n = 0; n < records.length; n++) {
      const r = toRow(records[n], n + 1);
      if (r) yield r;
    }
    return;
  }
  guardZip(buf);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  try {
    // Some corrupted files make exceljs wait forever (fuzzing found them): every step must make progress in time.
    const sheets = withDeadline(reader[Symbol.asyncIterator](), XLSX_STEP_TIMEOUT_MS);
    for (let s = await sheets.next(); !s.done; s = { done: true, value: undefined }) {
      const rows = withDeadline((s.value as AsyncIterable<ExcelJS.Row>)[Symbol.asyncIterator](), XLSX_STEP_TIMEOUT_MS);
      for (let it = await rows.next(); !it.done; it = await rows.next()) {
        const row = it.value;
        const values: string[] = [];
        const raw = row.values as ExcelJS.CellValue[];
        for (let i = 1; i < raw.length; i++) values.push(cellText(raw[i]));
        const r = toRow(values, row.number);
        if (r) yield r;
      }
      // first worksheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('IMPORT_REJECTED', `Excel 文件无法读取：${(e as Error).message.slice(0, 120)}`);
  }
}

/** How long one step of the xlsx reader (the next sheet or row) may take before the file is refused. */
export const XLSX_STEP_TIMEOUT_MS = 30_000;

/** Wrap an async iterator so that a next() that does not settle in time rejects with IMPORT_REJECTED. */
function withDeadline<T>(it: AsyncIterator<T>, ms: number): AsyncIterator<T> {
  return {
    next: () => new Promise<IteratorResult<T>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AppError('IMPORT_REJECTED', 'Excel 文件无法读取（解析超时，文件可能已损坏）')), ms);
      it.next().then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
    }),
  };
}

/** Pick a cell by any of its header aliases (headers compared without spaces). */
export function pick(cells: Record<string, string>, aliases: readonly string[]): string {
  for (const a of aliases) {
    const v = cells[a.replace(/\s+/g, '')];
    if (v !== undefined && v !== '') return v;
  }
  return '';
}

/** Parse dates as written in exports: 2022-12-02, 2022/12/2, 20221202, 2022.12.02, 2022年12月2日. */
export function parseLooseDate(s: string): string | null {
  const t = s.trim();
  if (!t) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) {
    m = /^(\d{4}-\d{2}-\d{2})T/.exec(t) ? /^(\d{4})-(\d{2})-(\d{2})/.exec(t) : null;
    if (!m) return null;
  }
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
