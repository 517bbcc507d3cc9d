import type { FastifyRequest } from 'fastify';
import { AppError } from '@zhuanhua/domain';

/** Read the one uploaded file of a multipart request, with its form fields. */
export async function readUpload(req: FastifyRequest): Promise<{ filename: string; buf: Buffer; fields: Record<string, string> }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA', '请以 multipart/form-data 上传文件');
  const fields: Record<string, string> = {};
  let file: { filename: string; buf: Buffer } | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const buf = await part.toBuffer();
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE', '文件过大');
      file = { filename: part.filename, buf };
    } else fields[part.fieldname] = String(part.value).slice(0, 200);
  }
  if (!file || file.buf.length === 0) throw new AppError('VALIDATION', '请选择要上传的文件');
  return { ...file, fields };
}

