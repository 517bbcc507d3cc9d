import type { ModuleDef } from '../registry.ts';
import { searchRoutes } from './search.routes.ts';
import { engineFor } from './search.engine.ts';

export default {
  name: 'search',
  routes: searchRoutes,
  /** Build the index in the background: the server starts answering at once; /search/status shows progress. */
  onStart: async (deps) => {
    const engine = engineFor(deps);
    void engine.build().then(() => deps.log.info({ status: engine.status }, '检索索引已就绪'));
  },
} satisfies ModuleDef;
