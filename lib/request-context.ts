import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { isTrustedProxy, type TrustProxy } from "./api/trust-proxy";

/**
 * The request a piece of code runs for, so that every log line of a request carries its id.
 * scripts/server.mjs runs each request inside `requestContext` (an AsyncLocalStorage shared through
 * globalThis: Next bundles this module apart from the server script and once per route).
 * Keep the globalThis names equal to those in scripts/server.mjs.
 */
export interface RequestContext {
  id: string;
}

const shared = globalThis as unknown as {
  reelmatchRequestContext?: AsyncLocalStorage<RequestContext>;
  reelmatchRequestIds?: { idFor(offered: string | undefined, socketAddress: string): string };
};

export const requestContext: AsyncLocalStorage<RequestContext> = (shared.reelmatchRequestContext ??= new AsyncLocalStorage<RequestContext>());

/** The id of the request this code runs for, if any (start-up and timers have none). */
export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.id;
}

/** What an X-Request-Id from a proxy may look like to be kept (no spaces or quotes: it lands in logs). */
const OFFERED_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/**
 * The id of a new request: the X-Request-Id a trusted proxy sent (TRUST_PROXY says the socket's
 * peer is one of ours), else a fresh UUID. A client's own X-Request-Id is never kept: it could make
 * its lines look like someone else's.
 */
export function requestIdFor(options: { offered: string | undefined; socketAddress: string; trust: TrustProxy }): string {
  const offered = options.offered?.trim();
  if (offered && OFFERED_ID.test(offered) && isTrustedProxy(options.socketAddress, options.trust)) return offered;
  return randomUUID();
}

/** Lets scripts/server.mjs ask for request ids with this configuration (called at start-up). */
export function publishRequestIds(trust: TrustProxy): void {
  shared.reelmatchRequestIds = { idFor: (offered, socketAddress) => requestIdFor({ offered, socketAddress, trust }) };
}
