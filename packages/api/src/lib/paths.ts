import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (reference data and demo data ship in `reference/`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const REFERENCE_DIR = path.join(REPO_ROOT, 'reference');
