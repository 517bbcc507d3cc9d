// Shared PGlite options: dates stay 'YYYY-MM-DD' strings, int8 become numbers (amounts in fen stay < 2^53).
export function pgliteOptions(dataDir, username) {
  const opts = {
    parsers: {
      1082: (v) => v, // date
      20: (v) => { const n = Number(v); if (!Number.isSafeInteger(n)) throw new Error('int8 out of range'); return n; },
      1700: (v) => v, // numeric stays a string
    },
  };
  if (dataDir) opts.dataDir = dataDir;
  if (username) opts.username = username;
  return opts;
}
