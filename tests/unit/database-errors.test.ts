import { describe, expect, it } from "vitest";
import { databaseProblem } from "@/lib/db/errors";

const withCode = (code: string, message = "x", cause?: unknown) => Object.assign(new Error(message, { cause }), { code });

describe("database outages are told apart from other errors", () => {
  it("recognises PostgreSQL and the network going away, as the driver or Prisma reports it", () => {
    for (const error of [
      withCode("ECONNREFUSED"),
      withCode("57P01", "terminating connection due to administrator command"),
      withCode("08006"),
      withCode("55000", 'database "x" is not currently accepting connections'),
      withCode("P1001"),
      Object.assign(new Error("DriverAdapterError"), { cause: { kind: "DatabaseNotReachable" } }),
      Object.assign(new Error("DriverAdapterError"), { cause: { kind: "postgres", code: "57P03", message: "the database system is starting up" } }),
    ]) {
      const problem = databaseProblem(error);
      expect(problem?.code).toBe("database_unavailable");
      expect(problem?.status).toBe(503);
      expect(problem?.message).toMatch(/DATABASE_URL/);
    }
  });

  it("says what to do when SQLite cannot write its file", () => {
    expect(databaseProblem(withCode("SQLITE_FULL"))?.message).toMatch(/free space/);
    expect(databaseProblem(withCode("SQLITE_READONLY"))?.message).toMatch(/DATA_DIR/);
    expect(databaseProblem(withCode("SQLITE_BUSY"))?.message).toMatch(/busy/);
  });

  it("leaves every other error alone", () => {
    for (const error of [new Error("boom"), withCode("23505"), withCode("55000", "something else"), withCode("P2002"), "text", null, undefined, { cause: { kind: "UniqueConstraintViolation" } }]) {
      expect(databaseProblem(error)).toBeUndefined();
    }
  });
});
