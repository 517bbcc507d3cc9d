/**
 * exceljs's streaming XML reader decodes each inflated chunk with chunk.toString(), which breaks a
 * multi-byte UTF-8 character split across two chunks into U+FFFD (exceljs issues #2063, #2084, #2316;
 * seen here: 2 garbled cells in a 20,000-row Chinese file). Replace its parse-sax helper with one that
 * decodes the stream with a streaming TextDecoder. Must run before exceljs is first loaded: import this
 * module before 'exceljs' (lib/tabular.ts, lib/excel-export.ts and the entry points do).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const file = require.resolve('exceljs/lib/utils/parse-sax.js');
const { SaxesParser } = require('saxes') as { SaxesParser: new () => { on(e: string, f: (v: unknown) => void): void; write(s: string): void } };

async function* parseSax(iterable: AsyncIterable<Buffer | string> & { pipe?: unknown }) {
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: unknown;
  parser.on('error', (e) => { error = e; });
  let events: { eventType: string; value: unknown }[] = [];
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of iterable) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) { parser.write(rest); if (error) throw error; yield events; }
}

const alreadyLoaded = Object.keys(require.cache).some((k) => k.includes('exceljs/lib/stream/xlsx/workbook-reader'));
if (alreadyLoaded) process.emitWarning('exceljs was loaded before its UTF-8 fix; streamed xlsx may garble split characters');
require(file);
require.cache[file]!.exports = parseSax;

export const EXCELJS_UTF8_FIX = true;
