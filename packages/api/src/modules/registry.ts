import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Command } from 'commander';
import type { Deps } from '../deps.ts';
import type { CliContext } from '../cli/context.ts';

/** A business module: its HTTP routes (mounted under /api/v1), CLI commands and start hook. */
export type ModuleDef = {
  name: string;
  routes?: (app: FastifyInstance, deps: Deps) => Promise<void> | void;
  cli?: (program: Command, ctx: CliContext) => void;
  /** After migrations, before listening (e.g. load presets). Keep it quick; start long work in the background. */
  onStart?: (deps: Deps) => Promise<void>;
  /**
   * Demo data of this module, run once on a fresh embedded database after the trunk's demo
   * (organisations, users, patents; see modules/demo/demo.data.ts for their names). Label generated data as generated.
   */
  seedDemo?: (deps: Deps) => Promise<void>;
};

const MODULES_DIR = path.dirname(fileURLToPath(import.meta.url));
let cache: ModuleDef[] | undefined;

/** Every `modules/<name>/<name>.module.ts`, in name order. */
export async function loadModules(): Promise<ModuleDef[]> {
  if (cache) return cache;
  const dirs = fs.readdirSync(MODULES_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const out: ModuleDef[] = [];
  for (const dir of dirs) {
    const file = path.join(MODULES_DIR, dir, `${dir}.module.ts`);
    if (!fs.existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as { default: ModuleDef };
    out.push(mod.default);
  }
  cache = out;
  return out;
}
