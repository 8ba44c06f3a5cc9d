/** Small fetch helpers for the fake Plex tests. */
import { startFakePlex, type FakePlex, type FakePlexOptions } from "../fake-plex";

export const CLIENT_ID = "reelmatch-test-client";

export function start(opts: FakePlexOptions = {}): Promise<FakePlex> {
  return startFakePlex({ quiet: true, ...opts });
}

export interface CallOptions {
  method?: string;
  token?: string;
  /** null = send no client identifier */
  clientId?: string | null;
  /** default true: send Accept: application/json */
  json?: boolean;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export function call(base: string, path: string, o: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.json !== false) headers.Accept = "application/json";
  const clientId = o.clientId === undefined ? CLIENT_ID : o.clientId;
  if (clientId !== null) headers["X-Plex-Client-Identifier"] = clientId;
  if (o.token) headers["X-Plex-Token"] = o.token;
  let body: string | undefined;
  if (o.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(o.form).toString();
  }
  return fetch(`${base}${path}`, { method: o.method ?? "GET", headers, body });
}

export async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface PlexError {
  errors: { code: number; message: string; status: number }[];
}

export async function errorCode(res: Response): Promise<number | undefined> {
  const body = await json<PlexError>(res);
  return body.errors[0]?.code;
}

/** GET a PMS path as JSON with a token and return MediaContainer. */
export async function container(plex: FakePlex, path: string, token: string, headers: Record<string, string> = {}): Promise<MediaContainer> {
  const res = await call(plex.pmsUrl, path, { token, headers, clientId: null });
  if (res.status !== 200) throw new Error(`GET ${path} -> ${res.status}`);
  const body = await json<{ MediaContainer: MediaContainer }>(res);
  return body.MediaContainer;
}

export interface MetadataItem {
  ratingKey: string;
  key: string;
  title: string;
  titleSort?: string;
  year: number;
  contentRating: string;
  rating: number;
  audienceRating: number;
  duration: number;
  addedAt: number;
  originallyAvailableAt: string;
  viewCount?: number;
  thumb: string;
  Genre?: { id?: number; tag: string }[];
  Label?: { id?: number; tag: string }[];
  [k: string]: unknown;
}

export interface MediaContainer {
  size: number;
  totalSize?: number;
  offset?: number;
  Metadata?: MetadataItem[];
  Directory?: Record<string, unknown>[];
  [k: string]: unknown;
}
