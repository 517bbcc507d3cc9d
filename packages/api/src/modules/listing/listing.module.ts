import type { ModuleDef } from '../registry.ts';
import { insertListings, readDemoListings } from './listing.repo.ts';

/** Technology listings: searchable through /search?kind=listing; the demo loads the 104 real public listings. */
export default {
  name: 'listing',
  async seedDemo(deps) {
    await deps.db.transaction().execute((tx) => insertListings(tx, readDemoListings(), 'demo'));
  },
} satisfies ModuleDef;
