import cliProgress from 'cli-progress';
import { loadConfig, type Config } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { closeDeps, createDeps } from '../boot.ts';
import type { Deps } from '../deps.ts';
import type { Progress } from '../jobs/jobs.ts';

export type CliContext = {
  config: () => Config;
  log: () => Logger;
  /** Open the database (migrated, reference data loaded), run fn, close. */
  withDeps<T>(fn: (deps: Deps) => Promise<T>, opts?: { startModules?: boolean }): Promise<T>;
  /** A progress callback drawing a bar on stderr (silent when --json or not a TTY unless forced). */
  progress(label: string, enabled: boolean): { cb: Progress; stop: () => void };
  /** Print a result: JSON when asked, else the human text. */
  print(json: boolean, value: unknown, human: () => string): void;
};

export function createCliContext(): CliContext {
  let config: Config | undefined;
  let log: Logger | undefined;
  const ctx: CliContext = {
    config: () => (config ??= loadConfig()),
    log: () => (log ??= createLogger(process.env.LOG_LEVEL ?? 'warn')),
    async withDeps(fn, opts) {
      const deps = await createDeps(ctx.config(), ctx.log(), { worker: false, startModules: opts?.startModules ?? false });
      const stop = () => { void closeDeps(deps).finally(() => process.exit(130)); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try { return await fn(deps); } finally {
        process.off('SIGINT', stop); process.off('SIGTERM', stop);
        await closeDeps(deps);
      }
    },
    progress(label, enabled) {
      if (!enabled) return { cb: () => undefined, stop: () => undefined };
      const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} | {msg}`, stream: process.stderr, hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 }, cliProgress.Presets.shades_classic);
      let started = false;
      return {
        cb: (done, total, msg) => {
          if (!started) { bar.start(total || done || 1, 0, { msg: '' }); started = true; }
          if (total) bar.setTotal(total);
          bar.update(done, { msg: msg ?? '' });
        },
        stop: () => { if (started) bar.stop(); },
      };
    },
    print(json, value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
    },
  };
  return ctx;
}

/** The shared parent command (e.g. `import`, `generate`, `export`) that several modules add subcommands to. */
export function parentCommand(program: import('commander').Command, name: string, description: string): import('commander').Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}
