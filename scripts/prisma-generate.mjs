// Generates the two Prisma clients (SQLite and PostgreSQL) from the one schema source.
// prisma/schema.prisma is the SQLite source; the PostgreSQL schema is derived from it by
// swapping the provider, so both clients always describe the same models.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "prisma/schema.prisma");
if (!existsSync(source)) process.exit(0);

const generated = path.join(root, "prisma/generated");
mkdirSync(generated, { recursive: true });
const sqlite = readFileSync(source, "utf8");
const postgres = sqlite
  .replace('provider = "sqlite"', 'provider = "postgresql"')
  .replace("../node_modules/.prisma/sqlite", "../../node_modules/.prisma/postgresql");
if (postgres === sqlite) throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema");
writeFileSync(path.join(generated, "schema.postgresql.prisma"), postgres);

const prisma = path.join(root, "node_modules/.bin/prisma");
const env = { ...process.env, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1" };
for (const [schema, url] of [
  [source, "file:./generate.db"],
  [path.join(generated, "schema.postgresql.prisma"), "postgresql://localhost:5432/generate"],
]) {
  execFileSync(prisma, ["generate", "--schema", schema], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...env, DATABASE_URL: url },
  });
}
// Each generated client carries its own copy of Prisma's runtime type declarations; TypeScript
// then sees two unrelated sets of generic types and cannot check one client against the other.
// The copies are identical (one Prisma version generated both), so the PostgreSQL client's points
// at the SQLite client's, and lib/db/models.ts can prove at compile time that both clients are a Db.
// Only declarations change: each client keeps its own runtime code.
const runtimeTypes = (provider) => path.join(root, "node_modules/.prisma", provider, "runtime/client.d.ts");
const sqliteRuntime = readFileSync(runtimeTypes("sqlite"), "utf8");
if (readFileSync(runtimeTypes("postgresql"), "utf8") !== sqliteRuntime) {
  throw new Error("prisma: the two generated clients' runtime types differ; lib/db/models.ts cannot check them against each other");
}
writeFileSync(runtimeTypes("postgresql"), '// Identical to the SQLite client\'s (see scripts/prisma-generate.mjs).\nexport * from "../../sqlite/runtime/client";\n');
console.log("prisma: generated the SQLite and PostgreSQL clients");
