import { withBase } from "@/lib/base-path";

/** An API answer that was not 2xx: the HTTP status and the server's message for a person. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { message?: string; code?: string } };
    return new ApiError(res.status, body.error?.message ?? `Request failed (HTTP ${res.status}).`, body.error?.code);
  } catch {
    return new ApiError(res.status, `Request failed (HTTP ${res.status}).`);
  }
}

/** The one fetcher of the SWR hooks: JSON, and ApiError for anything but 2xx. `url` is a path of the app (its SWR key). */
export async function fetcher<T>(url: string): Promise<T> {
  const res = await fetch(withBase(url), { headers: { Accept: "application/json" } });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}

/** A JSON request that changes something (POST/DELETE); throws ApiError like the fetcher. */
export async function send<T>(method: "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  const res = await fetch(withBase(url), {
    method,
    headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}
