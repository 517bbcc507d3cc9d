import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { AppError } from '@zhuanhua/domain';
import { DEFAULT_ZIP_LIMITS, DeflateError, ZIP_SIZE_SLACK, guardZip, inflatedSize } from './zip-guard.ts';

// A tiny zip writer: local headers + data, central directory, end record. Every field an attack needs
// to falsify can be overridden; by default the zip is honest.
type ZipEntry = {
  name: string;
  data: Buffer;                 // the real content
  method?: number;              // 8 (deflate, default) or 0 (stored) or anything else
  stored?: Buffer;              // the bytes written as the entry's data (default: data, deflated if method 8)
  declared?: number;            // uncompressed size written in BOTH headers (default: data.length)
  localDeclared?: number;       // uncompressed size in the local header only
  localExtra?: number;          // bytes of extra field in the local header only
  hidden?: boolean;             // written as a local record but left out of the central directory
};

function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [], centrals: Buffer[] = [];
  let offset = 0, listed = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = e.stored ?? (method === 8 ? zlib.deflateRawSync(e.data) : e.data);
    const name = Buffer.from(e.name, 'utf8');
    const crc = zlib.crc32(e.data);
    const declared = e.declared ?? e.data.length;
    const extra = Buffer.alloc(e.localExtra ?? 0);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(0x800, 6); lh.writeUInt16LE(method, 8);
    lh.writeUInt16LE(0, 10); lh.writeUInt16LE(0x21, 12); lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(body.length, 18); lh.writeUInt32LE(e.localDeclared ?? declared, 22);
    lh.writeUInt16LE(name.length, 26); lh.writeUInt16LE(extra.length, 28);
    locals.push(lh, name, extra, body);
    if (!e.hidden) {
      const ch = Buffer.alloc(46);
      ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(0x800, 8);
      ch.writeUInt16LE(method, 10); ch.writeUInt16LE(0, 12); ch.writeUInt16LE(0x21, 14); ch.writeUInt32LE(crc, 16);
      ch.writeUInt32LE(body.length, 20); ch.writeUInt32LE(declared, 24); ch.writeUInt16LE(name.length, 28);
      ch.writeUInt32LE(offset, 42);
      centrals.push(ch, name);
      listed++;
    }
    offset += 30 + name.length + extra.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(listed, 8); eocd.writeUInt16LE(listed, 10);
  eocd.writeUInt32LE(cd.length, 12); eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`, 'utf8');
const sheetXml = (rows: number) => xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${
  Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>一种高磷铁水生产镍系钢的方法（第${i}号）</t></is></c></row>`).join('')}</sheetData></worksheet>`);
const xlsxParts = (): ZipEntry[] => [
  { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
  { name: '_rels/.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>') },
  { name: 'xl/workbook.xml', data: xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="s" sheetId="1"/></sheets></workbook>') },
  { name: 'xl/worksheets/sheet1.xml', data: sheetXml(2000) },
];

/** The AppError guardZip throws (fails the test when it throws nothing or something else). */
function refusal(buf: Buffer, limits = DEFAULT_ZIP_LIMITS): AppError {
  try { guardZip(buf, limits); } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('guardZip accepted the file');
}

const ZEROS_50MB_DEFLATED = zlib.deflateRawSync(Buffer.alloc(50 * 1024 * 1024), { level: 9 });

describe('guardZip', () => {
  it('passes an honest xlsx-like zip (deflated and stored parts)', () => {
    expect(() => guardZip(zip(xlsxParts()))).not.toThrow();
  });

  it('passes real xlsx files written by exceljs, in-memory (jszip) and streamed (data descriptors)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专利');
    for (let i = 0; i < 3000; i++) ws.addRow([`CN2020${i}`, `一种高磷铁水生产镍系钢的方法（第${i}号）`, '有效']);
    const inMemory = Buffer.from(await wb.xlsx.writeBuffer());
    expect(() => guardZip(inMemory)).not.toThrow();

    const sink = new PassThrough(), chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const sw = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true });
    const sws = sw.addWorksheet('专利');
    for (let i = 0; i < 3000; i++) sws.addRow([`CN2020${i}`, `一种高磷铁水生产镍系钢的方法（第${i}号）`, '有效']).commit();
    sws.commit();
    await sw.commit();
    const streamed = Buffer.concat(chunks);
    expect(streamed.readUInt16LE(6) & 8).toBe(8); // the streamed writer puts the sizes in data descriptors
    expect(() => guardZip(streamed)).not.toThrow();
  });

  it('refuses, quickly, a zip whose directory declares 1 KB per entry but whose data inflates to 50 MB each', () => {
    const bomb = zip([
      ...xlsxParts().slice(0, 3),
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(0), stored: ZEROS_50MB_DEFLATED, declared: 1024 },
      { name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), stored: ZEROS_50MB_DEFLATED, declared: 1024 },
    ]);
    // the declared figures are harmless: only the real sizes give it away
    const started = performance.now();
    const err = refusal(bomb);
    expect(performance.now() - started).toBeLessThan(500);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toBe(`Excel 文件的 zip 目录与内容不符（声明 1024 字节，实际超过 ${1024 + ZIP_SIZE_SLACK} 字节），疑似压缩炸弹`);
  });

  it('refuses when the real total exceeds maxUncompressed although every entry stays within its slack', () => {
    const data = Buffer.alloc(1000 + ZIP_SIZE_SLACK, 'a');
    const parts = Array.from({ length: 10 }, (_, i) => ({ name: `xl/p${i}.xml`, data, declared: 1000 }));
    const limits = { ...DEFAULT_ZIP_LIMITS, maxUncompressed: 10_000 };
    const err = refusal(zip(parts), limits);
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toMatch(/解压后过大.*疑似压缩炸弹/);
    // the same entries, honestly declared, are refused by the declared total already
    expect(refusal(zip(parts.map((p) => ({ ...p, declared: undefined }))), limits).message).toMatch(/解压后过大/);
  });

  it('refuses corrupt deflate data as a damaged file, never with an unhandled error', () => {
    const sheet = sheetXml(500);
    const deflated = zlib.deflateRawSync(sheet);
    const cases: Buffer[] = [
      deflated.subarray(0, deflated.length >> 1),   // truncated
      Buffer.from([0x07, 0x00, 0x00, 0x00]),        // block type 3 does not exist
      Buffer.from([0x01, 0x05, 0x00, 0x05, 0x00]),  // stored block whose length complement is wrong
      Buffer.from([0x03, 0x02, 0x00]),              // a back-reference before the start of the data
    ];
    for (const bad of cases) {
      const err = refusal(zip([...xlsxParts().slice(0, 3), { name: 'xl/worksheets/sheet1.xml', data: sheet, stored: bad }]));
      expect(err.code).toBe('UNSUPPORTED_MEDIA');
      expect(err.message).toMatch(/^Excel 文件已损坏/);
    }
  });

  it('handles stored (method 0) entries: honest ones pass, ones longer than declared are refused', () => {
    const data = sheetXml(300);
    expect(() => guardZip(zip([...xlsxParts(), { name: 'xl/media/a.bin', data, method: 0 }]))).not.toThrow();
    const err = refusal(zip([...xlsxParts(), { name: 'xl/media/a.bin', data, method: 0, declared: 100 }]));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.message).toMatch(/声明 100 字节/);
  });

  it('refuses compression methods other than stored and deflate', () => {
    // the data is valid deflate: only the method number is wrong (12 = bzip2)
    const err = refusal(zip([...xlsxParts().slice(0, 3), { name: 'xl/worksheets/sheet1.xml', data: sheetXml(10), method: 12, stored: zlib.deflateRawSync(sheetXml(10)) }]));
    expect(err.code).toBe('UNSUPPORTED_MEDIA');
    expect(err.message).toMatch(/不支持的压缩方式（12）/);
  });

  it('finds the data from the local header’s own name and extra lengths', () => {
    // the local extra field is longer than the central one (as written by zip tools that pad or add timestamps)
    const parts = xlsxParts().map((p) => ({ ...p, localExtra: 28 }));
    expect(() => guardZip(zip(parts))).not.toThrow();
  });

  it('refuses local records a streaming reader would see but the directory does not list or describes differently', () => {
    const hiddenBomb: ZipEntry = { name: 'xl/sharedStrings.xml', data: Buffer.alloc(0), stored: ZEROS_50MB_DEFLATED, declared: 1024, hidden: true };
    for (const parts of [
      [hiddenBomb, ...xlsxParts()],                                     // before the listed entries
      [...xlsxParts(), hiddenBomb],                                     // between the last entry and the directory
    ]) {
      const err = refusal(zip(parts));
      expect(err.code).toBe('UNSUPPORTED_MEDIA');
      expect(err.message).toMatch(/zip 条目与目录不一致/);
    }
    // the local header (which a streaming reader trusts) declares another size than the directory
    const parts = xlsxParts();
    parts[3] = { ...parts[3], localDeclared: 10 };
    expect(refusal(zip(parts)).message).toMatch(/zip 条目头与目录不符/);
    // two directory records for the same data (overlapping entries)
    const honest = zip(xlsxParts());
    const eocd = honest.length - 22, cd = honest.readUInt32LE(eocd + 16);
    const first = honest.subarray(cd, cd + 46 + honest.readUInt16LE(cd + 28));
    const overlapped = Buffer.concat([honest.subarray(0, eocd), first, honest.subarray(eocd)]);
    overlapped.writeUInt16LE(5, overlapped.length - 14); overlapped.writeUInt16LE(5, overlapped.length - 12);
    overlapped.writeUInt32LE(honest.readUInt32LE(eocd + 12) + first.length, overlapped.length - 10);
    expect(refusal(overlapped).message).toMatch(/zip 条目与目录不一致/);
  });

  it('counts inflated sizes exactly like zlib, and rejects what zlib rejects', () => {
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const inputs = [Buffer.alloc(0), Buffer.alloc(70_000), sheetXml(300), Buffer.from(Array.from({ length: 40_000 }, () => rnd(256)))];
    for (let i = 0; i < 6; i++) inputs.push(Buffer.from(Array.from({ length: rnd(5000) }, () => rnd(1 + rnd(256)))));
    const { Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED } = zlib.constants;
    const streams: Buffer[] = [];
    for (const input of inputs) for (const level of [0, 1, 6, 9]) for (const strategy of [0, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED]) {
      streams.push(zlib.deflateRawSync(input, { level, strategy }));
    }
    const outcome = (f: () => number) => { try { return f(); } catch { return 'error'; } };
    for (const s of streams) expect(inflatedSize(s, 0, s.length, Infinity)).toBe(zlib.inflateRawSync(s).length);
    // damaged streams: flipped bits, truncations, random bytes
    let errors = 0;
    for (let n = 0; n < 4000; n++) {
      let s = Buffer.from(streams[rnd(streams.length)]);
      const kind = rnd(3);
      if (kind === 0 && s.length) for (let j = 0; j <= rnd(3); j++) s[rnd(s.length)] ^= 1 << rnd(8);
      else if (kind === 1) s = s.subarray(0, rnd(s.length + 1));
      else s = Buffer.from(Array.from({ length: 1 + rnd(200) }, () => rnd(256)));
      const ours = outcome(() => inflatedSize(s, 0, s.length, Infinity));
      expect(ours).toBe(outcome(() => zlib.inflateRawSync(s).length));
      if (ours === 'error') errors++;
    }
    expect(errors).toBeGreaterThan(500);
    expect(() => inflatedSize(Buffer.from([0x07]), 0, 1, Infinity)).toThrow(DeflateError);
  });
});
