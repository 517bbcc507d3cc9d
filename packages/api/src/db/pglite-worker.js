// Runs PGlite in a worker thread so that a slow query never blocks the HTTP event loop.
// Plain JavaScript on purpose: a worker needs no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pgliteOptions } from './pglite-options.js';

const db = await PGlite.create(pgliteOptions(workerData.dataDir, workerData.username));

parentPort.on('message', async (msg) => {
  const { id, type } = msg;
  try {
    if (type === 'query') {
      const r = await db.query(msg.sql, msg.params);
      parentPort.postMessage({ id, ok: true, rows: r.rows, affectedRows: r.affectedRows ?? 0 });
    } else if (type === 'exec') {
      const rs = await db.exec(msg.sql);
      const last = rs[rs.length - 1];
      parentPort.postMessage({ id, ok: true, rows: last ? last.rows : [], affectedRows: last?.affectedRows ?? 0 });
    } else if (type === 'dump') {
      const blob = await db.dumpDataDir('none');
      const buf = Buffer.from(await blob.arrayBuffer());
      parentPort.postMessage({ id, ok: true, rows: [], affectedRows: 0, data: buf });
    } else if (type === 'close') {
      await db.close();
      parentPort.postMessage({ id, ok: true, rows: [], affectedRows: 0 });
    }
  } catch (e) {
    parentPort.postMessage({
      id, ok: false,
      error: { message: e?.message ?? String(e), code: e?.code, detail: e?.detail, constraint: e?.constraint },
    });
  }
});
parentPort.postMessage({ ready: true });
