// Many monitors in one statement, copied from one made through the API, for benches whose
// subject is checking them rather than creating them. Monitor i checks `urlPrefix + i` and is
// first due at firstDueMs + i x spreadMs (nextDueAt, as a previous owner would have left it),
// so the copies are spread over the interval like monitors created over time instead of all
// starting at once. Works on both engines through tests/support/app-db.
import { queryDb, queryRow } from '../../tests/support/app-db';
import type { AppServer } from '../../tests/support/app-server';

type Db = Pick<AppServer, 'engine' | 'databaseUrl'>;

/** Adds monitors 1..count (the template is monitor 0). */
export async function seedMonitors(db: Db, templateId: string, count: number, urlPrefix: string, firstDueMs: number, spreadMs: number): Promise<void> {
  const template = await queryRow(db, `SELECT * FROM "Monitor" WHERE "id" = ?`, templateId);
  if (!template) throw new Error(`no monitor ${templateId}`);
  const pgsql = db.engine === 'postgresql';
  const due = pgsql ? `to_timestamp((CAST(? AS bigint) + seq.i * CAST(? AS double precision)) / 1000) AT TIME ZONE 'UTC'` : `CAST(? + seq.i * ? AS INTEGER)`;
  const computed: Record<string, string> = {
    id: `'seed-' || seq.i`,
    name: `'m' || seq.i`,
    url: `CAST(? AS TEXT) || seq.i`,
    nextDueAt: due,
    ownerId: 'NULL',
    lastCheckedAt: 'NULL',
    heartbeatToken: 'NULL',
  };
  const columns = Object.keys(template);
  const select = columns.map((c) => computed[c] ?? `t."${c}"`).join(', ');
  // Placeholders in the order they appear: url, then nextDueAt's two.
  const params = columns.flatMap((c): unknown[] => (c === 'url' ? [urlPrefix] : c === 'nextDueAt' ? [firstDueMs, spreadMs] : []));
  await queryDb(
    db,
    `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?)
     INSERT INTO "Monitor" (${columns.map((c) => `"${c}"`).join(', ')})
     SELECT ${select} FROM seq CROSS JOIN "Monitor" t WHERE t."id" = ?`,
    count,
    ...params,
    templateId,
  );
}
