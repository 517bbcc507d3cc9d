import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { AppError, isAppError } from '@zhuanhua/domain';
import { DbError } from '../db/pglite-driver.ts';

type Body = { code: string; message: string; details?: unknown };

/** Map any thrown error to {code, message, details?}; never a stack trace or SQL. */
export function toErrorBody(err: unknown): { status: number; body: Body } {
  if (isAppError(err)) return { status: err.status, body: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } };
  if (err instanceof ZodError) return { status: 400, body: zodBody(err) };
  const fe = err as FastifyError & { validation?: unknown; validationContext?: string };
  if (fe?.validation) {
    const issues = (fe.validation as { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[]; message?: string } } }[]).map((v) => ({
      path: v.params?.issue?.path?.join('.') ?? v.instancePath?.replace(/^\//, '').replace(/\//g, '.') ?? '',
      message: v.params?.issue?.message ?? v.message ?? '格式不正确',
    }));
    const first = issues[0];
    return { status: 400, body: { code: 'VALIDATION', message: `输入有误：${first ? `${first.path || fe.validationContext || '请求'} ${first.message}` : '格式不正确'}`, details: issues } };
  }
  const pgCode = (err as DbError)?.code;
  if (pgCode === '23505') return { status: 409, body: { code: 'DUPLICATE', message: '记录已存在（唯一性冲突）' } };
  if (pgCode === '23503') return { status: 409, body: { code: 'CONFLICT', message: '关联记录不存在或仍被引用' } };
  if (pgCode === '23514' || pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') return { status: 400, body: { code: 'VALIDATION', message: '数据不符合约束（格式或取值范围）' } };
  const status = fe?.statusCode;
  if (status === 413 || fe?.code === 'FST_REQ_FILE_TOO_LARGE' || fe?.code === 'FST_PARTS_LIMIT' || fe?.code === 'FST_FILES_LIMIT') return { status: 413, body: { code: 'PAYLOAD_TOO_LARGE', message: '上传内容过大' } };
  if (status === 415 || fe?.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return { status: 415, body: { code: 'UNSUPPORTED_MEDIA', message: '不支持的内容类型' } };
  if (status === 429) return { status: 429, body: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } };
  if (status && status >= 400 && status < 500) return { status, body: { code: 'BAD_REQUEST', message: '请求格式不正确' } };
  return { status: 500, body: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } };
}

export function zodBody(err: ZodError): Body {
  const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const f = issues[0];
  return { code: 'VALIDATION', message: `输入有误：${f ? `${f.path ? f.path + ' ' : ''}${f.message}` : '格式不正确'}`, details: issues };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorBody(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.code }, 'request rejected');
    void reply.status(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
}

export const notFound = (what = '记录'): AppError => new AppError('NOT_FOUND', `${what}不存在`);
