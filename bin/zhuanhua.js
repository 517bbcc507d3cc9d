#!/usr/bin/env node
// The `zhuanhua` CLI: loads the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../packages/api/src/cli/main.ts');
