// Makes a new migration for both providers from the change to prisma/schema.prisma since the
// last migration (prisma migrate dev does not work with driver adapters in Prisma 6.19).
// Usage: npm run db:migration -- add_something   (needs a reachable PostgreSQL for the diff:
// PG_URL, default postgresql://root@127.0.0.1:5432/postgres)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("Usage: npm run db:migration -- <name>");
  process.exit(2);
}
const migrations = path.join(root, "prisma/migrations");
const snapshot = path.join(migrations, "schema.snapshot.prisma");
const current = readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
const toPostgres = (s) => s.replace('provider = "sqlite"', 'provider = "postgresql"');
const tmp = path.join(tmpdir(), `reelmatch-migration-${process.pid}`);
mkdirSync(tmp, { recursive: true });

const providers = [
  { dir: "sqlite", url: "file:" + path.join(tmp, "diff.db"), transform: (s) => s },
  { dir: "postgresql", url: process.env.PG_URL ?? "postgresql://root@127.0.0.1:5432/postgres", transform: toPostgres },
];
const previous = existsSync(snapshot) ? readFileSync(snapshot, "utf8") : undefined;
let wrote = 0;
for (const p of providers) {
  const to = path.join(tmp, `${p.dir}.to.prisma`);
  writeFileSync(to, p.transform(current));
  const from = ["--from-empty"];
  if (previous) {
    const fromFile = path.join(tmp, `${p.dir}.from.prisma`);
    writeFileSync(fromFile, p.transform(previous));
    from.splice(0, 1, "--from-schema-datamodel", fromFile);
  }
  const sql = execFileSync(
    path.join(root, "node_modules/.bin/prisma"),
    ["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"],
    { cwd: root, env: { ...process.env, DATABASE_URL: p.url, CHECKPOINT_DISABLE: "1" }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) continue;
  const dir = path.join(migrations, p.dir);
  mkdirSync(dir, { recursive: true });
  const n = readdirSync(dir).filter((d) => /^\d{4}_/.test(d)).length + 1;
  const target = path.join(dir, `${String(n).padStart(4, "0")}_${name}`);
  mkdirSync(target);
  writeFileSync(path.join(target, "migration.sql"), sql);
  console.log(`wrote ${path.relative(root, target)}/migration.sql`);
  wrote++;
}
if (wrote) writeFileSync(snapshot, current);
else console.log("no schema change since the last migration");
