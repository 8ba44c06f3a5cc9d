import "server-only";
import { NextResponse } from "next/server";
import { ZodError, type z } from "zod";
import { getSignedInUser } from "../auth/viewer";
import { databaseProblem } from "../db/errors";
import { requestLocale } from "@/i18n/request";
import { AppError } from "../errors";
import { readerMessage, refusal } from "../i18n/api-errors";
import { log } from "../log";
import { PlexError } from "../plex/errors";
import { assertSameOriginJson } from "./request-guard";

/**
 * Maps any error to an HTTP answer, in this one place: zod -> 422, AppError -> its status,
 * PlexError -> 502/404/429 with a message a person can act on, the database away -> 503, anything
 * else -> 500 without internals.
 */
async function errorResponse(error: unknown): Promise<NextResponse> {
  const appError = await withAddressForAdmin(error, toAppError(error));
  const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (appError.code === "internal") log.error("unhandled error", { error: described });
  if (appError.code === "database_unavailable") log.warn("database unavailable", { error: described });
  const headers: Record<string, string> = appError.retryAfter ? { "Retry-After": String(appError.retryAfter) } : {};
  // In the reader's language where the message comes from the catalogue; the logs above stay English.
  const message = await readerMessage(appError, requestLocale);
  return json({ error: { code: appError.code, message, ...appError.details } }, { status: appError.status, headers });
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const message = (first?.message ?? "The input is not valid").replace(/\.$/, "");
    const where = first?.path.length ? ` (${first.path.join(".")})` : "";
    return new AppError("invalid_input", `${message.charAt(0).toUpperCase()}${message.slice(1)}${where}. Correct it and try again.`, { details: { issues: error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) } });
  }
  if (error instanceof PlexError) {
    switch (error.kind) {
      case "not_found":
        return new AppError("not_found", "This was not found.");
      case "rate_limited":
        return refusal("rate_limited", "plexSlowDown", undefined, { retryAfter: error.info.retryAfter ?? 2 });
      case "unauthorized":
        return refusal("plex_refused", "plexRefusedSignIn");
      default:
        // English readers get what exactly failed; other languages a translated summary (the
        // detail is Plex's and the network's, in English), the admin the address too (below).
        return new AppError("plex_unreachable", `${error.message} Check that it is running and reachable, then try again.`, { saying: { key: "plexTrouble" } });
    }
  }
  return databaseProblem(error) ?? refusal("internal", "internal");
}

/**
 * The Plex server's address is internal: messages never carry it, except for the admin, who is
 * told which address failed (info.url) so they can fix it.
 */
async function withAddressForAdmin(error: unknown, appError: AppError): Promise<AppError> {
  if (!(error instanceof PlexError) || !error.info.url || appError.code !== "plex_unreachable") return appError;
  const viewer = await getSignedInUser().catch(() => null);
  if (viewer?.role !== "admin") return appError;
  return new AppError(appError.code, `${appError.message} Reelmatch tried ${error.info.url}.`, { retryAfter: appError.retryAfter, details: appError.details });
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response> | Response;

/**
 * Wraps a route handler: state-changing requests must come from our own origin and carry JSON
 * (lib/api/request-guard.ts), and every error is answered by errorResponse. `nextAuthForms` is
 * for NextAuth's own routes only: they take forms and guard them with NextAuth's CSRF token.
 */
export function handle<C = unknown>(fn: Handler<C>, options: { nextAuthForms?: boolean } = {}): Handler<C> {
  return async (req, ctx) => {
    try {
      if (!options.nextAuthForms) assertSameOriginJson(req);
      return await fn(req, ctx);
    } catch (error) {
      return await errorResponse(error);
    }
  };
}

const tooLarge = (maxBytes: number) =>
  new AppError("payload_too_large", `The request body is larger than ${maxBytes} bytes. Send less and try again.`);

/**
 * Reads a body as it streams in and stops at maxBytes (chunked bodies with no Content-Length
 * included): nothing past the limit is buffered. A declared Content-Length over it is refused
 * before a byte is read.
 */
export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // Stop reading; the rest is left unread and discarded with the connection.
      if (size > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads a JSON body (at most maxBytes) and validates it; malformed or oversized bodies are 4xx. */
export async function parseJson<T>(req: Request, schema: z.ZodType<T>, maxBytes = 16 * 1024): Promise<T> {
  const text = await readBodyText(req, maxBytes);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON. Send a JSON object and try again.");
  }
  return schema.parse(body);
}

/** A JSON answer that no cache keeps (everything here is private to the viewer). */
export function json(data: unknown, init: ResponseInit = {}): NextResponse {
  const body = JSON.stringify(data);
  // The compressor (next.config.js) leaves an answer under 1 kB alone, such as a swipe's: gzip would
  // cost more CPU than it saves bytes. Next.js drops a route's Content-Length, by which the compressor
  // would see the size, so `no-transform` tells it instead.
  const small = Buffer.byteLength(body) < 1024;
  return new NextResponse(body, {
    ...init,
    headers: { "Content-Type": "application/json", "Cache-Control": small ? "no-store, no-transform" : "no-store", ...init.headers },
  });
}
