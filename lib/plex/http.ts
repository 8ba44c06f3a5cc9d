import { type z } from "zod";
import { log, redact, registerSecret } from "../log";
import { PlexError } from "./errors";

/**
 * The one base client for plex.tv and Plex Media Servers: every call has a zod schema for what
 * comes back, a timeout, a typed error (PlexError), JSON via `Accept`, and tokens kept out of logs.
 */
export interface PlexIdentity {
  clientIdentifier: string;
  product?: string;
  version?: string;
  deviceName?: string;
}

export interface PlexRequest<T> {
  baseUrl: string;
  path: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  token?: string;
  identity: PlexIdentity;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  form?: Record<string, string | undefined>;
  timeoutMs: number;
  schema: z.ZodType<T>;
  /** Name of the service for messages ("plex.tv", "the Plex server"). */
  service: string;
}

export function plexHeaders(identity: PlexIdentity, token?: string): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    "X-Plex-Client-Identifier": identity.clientIdentifier,
    "X-Plex-Product": identity.product ?? "Reelmatch",
    "X-Plex-Version": identity.version ?? "0.1.0",
    "X-Plex-Platform": "Web",
    "X-Plex-Device": "Reelmatch server",
    "X-Plex-Device-Name": identity.deviceName ?? "Reelmatch",
    "X-Plex-Provides": "controller",
  };
  if (token) headers["X-Plex-Token"] = token;
  return headers;
}

export function buildUrl(baseUrl: string, path: string, query?: PlexRequest<unknown>["query"]): URL {
  const url = new URL(baseUrl.replace(/\/+$/, "") + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url;
}

interface PlexErrorBody {
  errors?: { code?: number; message?: string }[];
}

function plexErrorOf(body: unknown): { code?: number; message?: string } {
  const first = (body as PlexErrorBody | undefined)?.errors?.[0];
  return { code: first?.code, message: first?.message };
}

/** Performs one call; resolves with the parsed body or throws PlexError. */
export async function plexRequest<T>(req: PlexRequest<T>): Promise<{ data: T; headers: Headers }> {
  registerSecret(req.token);
  const url = buildUrl(req.baseUrl, req.path, req.query);
  // Messages name the service, never its address: guests and members read them (lib/api/respond.ts
  // adds the address for the admin from info.url).
  const where = req.service.charAt(0).toUpperCase() + req.service.slice(1);
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(url, {
      method: req.method ?? "GET",
      headers: {
        ...plexHeaders(req.identity, req.token),
        ...(req.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        ...req.headers,
      },
      body: req.form ? new URLSearchParams(Object.entries(req.form).filter((e): e is [string, string] => e[1] !== undefined)) : undefined,
      signal: AbortSignal.timeout(req.timeoutMs),
      redirect: "manual",
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    log.warn(`${req.method ?? "GET"} ${redact(url.pathname)} failed`, { service: req.service, error: timedOut ? "timeout" : (error as Error).message });
    throw new PlexError("unreachable", timedOut ? `${where} did not answer within ${Math.round(req.timeoutMs / 1000)} s.` : `${where} cannot be reached.`, { url: url.origin });
  }
  log.debug(`${req.method ?? "GET"} ${redact(url.pathname + url.search)} -> ${res.status}`, { service: req.service, ms: Date.now() - started });
  const text = await res.text();
  let body: unknown = undefined;
  if (text && (res.headers.get("content-type") ?? "").includes("json")) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!res.ok) {
    const plex = plexErrorOf(body);
    const info = { status: res.status, plexCode: plex.code, url: url.origin };
    if (res.status >= 500) throw new PlexError("unreachable", `${where} is having trouble (HTTP ${res.status}).`, info);
    if (res.status === 401) throw new PlexError("unauthorized", plex.message ?? "Plex did not accept the credentials.", info);
    if (res.status === 404) throw new PlexError("not_found", plex.message ?? "Not found.", info);
    if (res.status === 429) {
      const given = Number(res.headers.get("retry-after"));
      const retryAfter = Number.isFinite(given) && given >= 0 && res.headers.get("retry-after") ? given : undefined;
      throw new PlexError("rate_limited", "Plex asked us to slow down.", { ...info, retryAfter });
    }
    throw new PlexError("refused", plex.message ?? `${where} refused the request (HTTP ${res.status}).`, info);
  }
  const parsed = req.schema.safeParse(body === undefined && !text ? {} : body);
  if (!parsed.success) {
    log.warn(`unexpected response from ${req.service}`, { path: url.pathname, issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`) });
    throw new PlexError("invalid_response", `${where} sent a response Reelmatch does not understand.`, { status: res.status, url: url.origin });
  }
  return { data: parsed.data, headers: res.headers };
}
