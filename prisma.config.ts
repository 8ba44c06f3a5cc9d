// Prisma CLI configuration: driver adapters and the JS engine, so that `generate` and
// `migrate diff` run offline with no engine binary (see ../shared/STACK.md).
import { existsSync } from "node:fs";
import type { PrismaConfig } from "prisma";

if (existsSync(".env")) process.loadEnvFile(".env");

const url = process.env.DATABASE_URL ?? "file:./data/reelmatch.db";
const postgres = url.startsWith("postgres");

export default {
  experimental: { adapter: true },
  engine: "js",
  // The PostgreSQL schema is derived from the SQLite source by scripts/prisma-generate.mjs.
  schema: postgres ? "prisma/generated/schema.postgresql.prisma" : "prisma/schema.prisma",
  async adapter() {
    if (postgres) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return new PrismaBetterSQLite3({ url });
  },
} satisfies PrismaConfig;
