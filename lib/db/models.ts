/**
 * The one type surface of the database, for both SQLite and PostgreSQL. Everything outside
 * lib/db imports model and client types from here, never from a generated client.
 *
 * scripts/prisma-generate.mjs generates two Prisma clients from the one schema source
 * (node_modules/.prisma/sqlite and .prisma/postgresql). Their models are the same; their query
 * inputs differ only where PostgreSQL accepts more (`mode: "insensitive"`, `skipDuplicates`,
 * more isolation levels). So the types are taken from the SQLite client, whose inputs are what
 * both databases understand, and the checks at the end of this file fail the build should the
 * PostgreSQL client ever stop matching them.
 */
import type * as Postgres from ".prisma/postgresql";
import type * as Sqlite from ".prisma/sqlite";

export type { Account, DeckCard, Match, Participant, RateLimit, Room, RoomEvent, Session, Setting, Swipe, User, VerificationToken } from ".prisma/sqlite";

/** What a query builder returns before it is awaited (a batch `$transaction` takes a list of them). */
export type DbQuery<T> = Sqlite.Prisma.PrismaPromise<T>;

type UnwrapQueries<P extends readonly unknown[]> = { -readonly [K in keyof P]: Awaited<P[K]> };

type Generated = Sqlite.PrismaClient;
type ModelKey = Uncapitalize<Sqlite.Prisma.ModelName>;
/**
 * Left out: their helper types are declared anew in each generated client, so TypeScript cannot
 * tell that the two clients' versions agree. Group and sum with SQL (lib/db/prepared) instead.
 */
type UnsharedOperation = "aggregate" | "groupBy";

/** A model's operations (not the type metadata Prisma keeps under a symbol key, also per client). */
type Delegate<D> = { [K in Exclude<keyof D, UnsharedOperation | symbol>]: D[K] };

/** The client inside an interactive transaction: the model delegates and raw queries. */
export type DbTransaction = { readonly [M in ModelKey]: Delegate<Generated[M]> } & Pick<Generated, "$queryRaw" | "$executeRaw">;

/** The app's database client, whichever database DATABASE_URL names (see lib/db/client). */
export type Db = DbTransaction & {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
  /** Runs the queries in one transaction: all of them commit, or none. */
  $transaction<P extends DbQuery<unknown>[]>(queries: [...P], options?: { isolationLevel?: "Serializable" }): Promise<UnwrapQueries<P>>;
  /** Runs `fn` in one interactive transaction, committed when it resolves and rolled back when it throws. */
  $transaction<R>(fn: (tx: DbTransaction) => Promise<R>, options?: { maxWait?: number; timeout?: number; isolationLevel?: "Serializable" }): Promise<R>;
};

// ---- Compile-time checks: both generated clients are a Db, and their models are the same ----

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile unless every entry is `true`. */
type AllHold<T extends true[]> = T;

type ModelName = Sqlite.Prisma.ModelName;
type Row<Map extends { model: Record<ModelName, { payload: { scalars: unknown } }> }, M extends ModelName> = Map["model"][M]["payload"]["scalars"];
/** The models whose row the PostgreSQL client types otherwise (none, or the build fails below). */
type MismatchedModels = { [M in ModelName]: Same<Row<Sqlite.Prisma.TypeMap, M>, Row<Postgres.Prisma.TypeMap, M>> extends true ? never : M }[ModelName];

/** Each model's row, as the PostgreSQL client reads it, is the row typed above. */
export type ModelsMatch = AllHold<[Same<MismatchedModels, never>, Same<ModelName, Postgres.Prisma.ModelName>]>;

/** Both generated clients satisfy Db (lib/db/client assigns them to it without a cast, too). */
export type ClientsAreDb = AllHold<[Sqlite.PrismaClient extends Db ? true : false, Postgres.PrismaClient extends Db ? true : false]>;
