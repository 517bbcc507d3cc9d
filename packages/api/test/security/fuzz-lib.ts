/** Fuzzing helpers shared by `npm run fuzz` and the short fuzz test: mutated real files, zip builders, bombs. */
import { deflateRawSync, crc32 } from 'node:zlib';
import fc from 'fast-check';
import { AppError } from '@zhuanhua/domain';
import { readTable } from '../../src/lib/tabular.ts';
import { writeXlsx } from '../../src/lib/excel-export.ts';

/** A minimal zip writer (deflate), with the option to lie about sizes in the headers. */
export function zip(files: { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const comp = deflateRawSync(f.data, { level: 9 });
    const name = Buffer.from(f.name);
    const size = f.declaredSize ?? f.data.length;
    const crc = crc32(f.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0, 6); lh.writeUInt16LE(8, 8);
    lh.writeUInt32LE(crc, 14); lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(size, 22); lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(8, 10);
    ch.writeUInt32LE(crc, 16); ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(size, 24); ch.writeUInt16LE(name.length, 28); ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, comp);
    centrals.push(ch, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(files.length, 8); eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const CT = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WB = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WBRELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

export function xlsxWithSheet(sheetXml: Buffer | string, declaredSize?: number): Buffer {
  const data = Buffer.isBuffer(sheetXml) ? sheetXml : Buffer.from(sheetXml);
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CT) }, { name: '_rels/.rels', data: Buffer.from(RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WB) }, { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WBRELS) },
    { name: 'xl/worksheets/sheet1.xml', data, declaredSize },
  ]);
}

/** 100 KB-ish file inflating to `mb` MB (one sheet of padding), honest or lying headers. */
export function zipBomb(mb: number, lie: boolean): Buffer {
  const head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>';
  const tail = '</t></is></c></row></sheetData></worksheet>';
  const body = Buffer.alloc(mb * 1024 * 1024, 0x41);
  return xlsxWithSheet(Buffer.concat([Buffer.from(head), body, Buffer.from(tail)]), lie ? 1000 : undefined);
}

/** Billion laughs in the sheet XML. */
export function entityBomb(): Buffer {
  let dtd = '<!DOCTYPE worksheet [<!ENTITY a0 "lollollollollollollollollollol">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
  dtd += ']>';
  return xlsxWithSheet(`<?xml version="1.0"?>${dtd}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row></sheetData></worksheet>`);
}

export async function seedFiles(): Promise<{ name: string; buf: Buffer }[]> {
  const rows = Array.from({ length: 30 }, (_, i) => ({ a: `2018100000${String(i).padStart(2, '0')}.X`, b: `一种测试方法${i}`, c: '发明', d: '2018-06-01', e: i * 1.5 }));
  const xlsx = await writeXlsx([{ name: '专利', columns: [{ header: '申请号', key: 'a' }, { header: '名称', key: 'b' }, { header: '专利类型', key: 'c' }, { header: '申请日', key: 'd' }, { header: '数值', key: 'e' }], rows }]);
  const csv = Buffer.from(['申请号,名称,专利类型,申请日', ...rows.map((r) => `${r.a},"${r.b}，含""引号""",${r.c},${r.d}`)].join('\r\n'));
  return [{ name: 'p.xlsx', buf: xlsx }, { name: 'p.csv', buf: csv }];
}

/** Byte-level mutations of a seed file. */
export const mutation = (len: number) => fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: Math.max(0, len - 1) }), byte: fc.integer({ min: 0, max: 255 }), n: fc.integer({ min: 1, max: 16 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: len }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: len }), data: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('text' as const), data: fc.string({ maxLength: 300 }) }),
);
export type Mutation = { kind: 'flip'; at: number; byte: number; n: number } | { kind: 'truncate'; at: number } | { kind: 'insert'; at: number; data: Uint8Array } | { kind: 'text'; data: string };

export function mutate(buf: Buffer, m: Mutation): Buffer {
  const b = Buffer.from(buf);
  if (m.kind === 'flip') { for (let i = 0; i < m.n && m.at + i < b.length; i++) b[m.at + i] = (m.byte + i * 31) & 255; return b; }
  if (m.kind === 'truncate') return b.subarray(0, m.at);
  if (m.kind === 'insert') return Buffer.concat([b.subarray(0, m.at), Buffer.from(m.data), b.subarray(m.at)]);
  return Buffer.concat([b, Buffer.from(m.data)]);
}

export type ReadOutcome = { ok: boolean; rows: number; ms: number; error?: string; unexpected?: string };

/** Reads a file like an import does; anything but an AppError (Chinese message) is "unexpected". */
export async function tryRead(name: string, buf: Buffer, limits = { maxRows: 5000, maxCellChars: 32_767, maxColumns: 200 }, hangMs = 10_000): Promise<ReadOutcome> {
  const t = performance.now();
  let rows = 0;
  let timer: NodeJS.Timeout | undefined;
  try {
    // A reader whose promise never settles would otherwise end the process silently (exit 13): race a timer.
    const hang = new Promise<'hang'>((resolve) => { timer = setTimeout(() => resolve('hang'), hangMs); });
    const read = (async () => { for await (const _r of readTable(name, buf, limits)) rows++; return 'done' as const; })();
    const r = await Promise.race([read, hang]);
    if (r === 'hang') return { ok: false, rows, ms: performance.now() - t, unexpected: `hang: no answer within ${hangMs} ms` };
    return { ok: true, rows, ms: performance.now() - t };
  } catch (e) {
    const ms = performance.now() - t;
    if (e instanceof AppError) return { ok: false, rows, ms, error: e.message };
    return { ok: false, rows, ms, unexpected: `${(e as Error).name}: ${(e as Error).message}`.slice(0, 200) };
  } finally {
    clearTimeout(timer);
  }
}
