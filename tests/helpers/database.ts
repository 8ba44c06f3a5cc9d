import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

export type DatabaseKind = "sqlite" | "postgresql";

/** Which database the integration suite runs on (npm test runs it once for each). */
export function integrationDatabaseKind(): DatabaseKind {
  return process.env.TEST_DATABASE === "postgresql" ? "postgresql" : "sqlite";
}

/** Server URL (no database) for test databases: PG_URL or the local PostgreSQL. */
export function postgresServerUrl(): string {
  return process.env.PG_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
}

/** Prefix of every database this test run creates; npm test drops them all at the end. */
export function runPrefix(): string {
  return process.env.TEST_RUN_ID ? `reelmatch_t${process.env.TEST_RUN_ID}` : "reelmatch_tlocal";
}

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database (and data folder) for one app instance. */
export async function createTestDatabase(kind: DatabaseKind = integrationDatabaseKind()): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "reelmatch-test-"));
  if (kind === "sqlite") {
    return {
      kind,
      url: `file:${path.join(dataDir, "reelmatch.db")}`,
      dataDir,
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const name = `${runPrefix()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresServerUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(postgresServerUrl());
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresServerUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
