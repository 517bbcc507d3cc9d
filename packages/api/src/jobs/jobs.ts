import { AppError, isAppError } from '@zhuanhua/domain';
import { query, queryOne, type Db } from '../db/client.ts';
import type { Actor } from '../http/actor.ts';
import type { Logger } from '../logger.ts';

export type JobRow = {
  id: number; kind: string; status: 'queued' | 'running' | 'succeeded' | 'failed';
  progress: number; total: number; message: string | null; result: unknown; error: unknown;
  created_by: number | null; org_id: number | null; created_at: Date; started_at: Date | null; finished_at: Date | null;
};

export type Progress = (done: number, total?: number, message?: string) => void;
export type JobFn<T> = (progress: Progress) => Promise<T>;

/**
 * In-process background jobs with progress kept in the `jobs` table. Progress writes are throttled
 * (at most one every 250 ms) so a job's bookkeeping never dominates its work.
 */
export class Jobs {
  private running = new Set<Promise<unknown>>();
  constructor(private readonly db: Db, private readonly log: Logger) {}

  async start<T>(kind: string, actor: Actor | null, fn: JobFn<T>): Promise<number> {
    const row = await queryOne<{ id: number }>(this.db,
      `insert into jobs (kind, status, created_by, org_id, started_at) values ($1, 'running', $2, $3, now()) returning id`,
      [kind, actor?.userId ?? null, actor?.orgId ?? null]);
    const id = row!.id;
    const p = this.run(id, fn).finally(() => this.running.delete(p));
    this.running.add(p);
    return id;
  }

  private async run<T>(id: number, fn: JobFn<T>): Promise<void> {
    let last = 0;
    let pending: Promise<unknown> = Promise.resolve();
    const progress: Progress = (done, total, message) => {
      const now = Date.now();
      if (now - last < 250 && (total === undefined || done < total)) return;
      last = now;
      pending = pending.then(() => query(this.db,
        `update jobs set progress = $2, total = coalesce($3, total), message = coalesce($4, message) where id = $1`,
        [id, done, total ?? null, message ?? null])).catch(() => undefined);
    };
    try {
      const result = await fn(progress);
      await pending;
      await query(this.db, `update jobs set status = 'succeeded', progress = greatest(progress, total), result = $2, finished_at = now() where id = $1`,
        [id, JSON.stringify(result ?? null)]);
    } catch (e) {
      await pending;
      const err = isAppError(e) ? { code: e.code, message: e.message, details: e.details ?? null } : { code: 'INTERNAL', message: '任务执行失败' };
      if (!isAppError(e)) this.log.error({ err: e, jobId: id }, 'job failed');
      await query(this.db, `update jobs set status = 'failed', error = $2, finished_at = now() where id = $1`, [id, JSON.stringify(err)]);
    }
  }

  async get(id: number, actor: Actor | null): Promise<JobRow> {
    const job = await queryOne<JobRow>(this.db, `select * from jobs where id = $1`, [id]);
    if (!job) throw new AppError('NOT_FOUND', '任务不存在');
    const mine = actor && (actor.role === 'platform_admin' || job.created_by === actor.userId || (job.org_id !== null && job.org_id === actor.orgId));
    if (!mine) throw new AppError('NOT_FOUND', '任务不存在');
    return job;
  }

  /** Wait until all running jobs end (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
