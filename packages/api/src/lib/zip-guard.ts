import { AppError } from '@zhuanhua/domain';

export type ZipLimits = { maxEntries: number; maxUncompressed: number; maxRatio: number };
export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 2000, maxUncompressed: 1024 * 1024 * 1024, maxRatio: 200 };

/**
 * Check an .xlsx (zip) before any parser inflates it: read the central directory and refuse too many
 * entries, a total uncompressed size over the limit, or a compression ratio typical of zip bombs.
 * The declared sizes are what a streaming inflater would be asked to produce; the parser's own
 * output is bounded again by the row and cell limits.
 */
export function guardZip(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): void {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new AppError('UNSUPPORTED_MEDIA', '文件不是有效的 Excel（.xlsx）文件');
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new AppError('UNSUPPORTED_MEDIA', 'Excel 文件已损坏（找不到 zip 目录）');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) throw new AppError('UNSUPPORTED_MEDIA', '不支持 zip64 格式的 Excel 文件');
  if (entries > limits.maxEntries) throw new AppError('UNSUPPORTED_MEDIA', `Excel 文件包含的部件过多（${entries}）`);
  let p = cdOffset, total = 0, compressed = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new AppError('UNSUPPORTED_MEDIA', 'Excel 文件已损坏（zip 目录不完整）');
    compressed += buf.readUInt32LE(p + 20);
    total += buf.readUInt32LE(p + 24);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  if (total > limits.maxUncompressed) throw new AppError('PAYLOAD_TOO_LARGE', `Excel 文件解压后过大（${Math.round(total / 1048576)} MB），疑似压缩炸弹`);
  if (compressed > 0 && total / compressed > limits.maxRatio && total > 10 * 1024 * 1024) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Excel 文件压缩比异常（${Math.round(total / compressed)}:1），疑似压缩炸弹`);
  }
}
