/**
 * Swipes on their way to the server. Every swipe is written to this device's storage first
 * (localStorage, so it survives a reload or a closed tab) and leaves the queue only once the server
 * answered: a swipe made without a connection waits here and is sent, in order, when the
 * connection returns. The server records a swipe idempotently (the same swipe twice counts once),
 * so a swipe whose answer was lost and is sent again is still stored once.
 *
 * No answer, or an answer worth another try (5xx, 408, 429: the server or a proxy was down), keeps
 * the swipe first in line: it is sent again when the page is online or visible again (see
 * use-waiting-swipes.ts), on "Try again", or after a growing pause.
 *
 * A swipe the server refuses (any other error) is not retried: it and the room's later waiting
 * swipes (which the server would refuse as out of order) are dropped and the deck goes back to that
 * card with the server's message, so nothing is lost without the person seeing it.
 */
import { ApiError, send } from "@/lib/swr/fetcher";

const STORAGE_KEY = "reelmatch:waiting-swipes";
/** While the network is up but sending fails, try again after these pauses (the last one repeats). */
const RETRY_MS = [1000, 2000, 5000, 10_000, 20_000];

export interface WaitingSwipe {
  id: string;
  code: string;
  ratingKey: string;
  liked: boolean;
  position: number;
}
export type NewSwipe = Omit<WaitingSwipe, "id">;

/**
 * The stored queue, checked field by field; anything else (an older format, a hand edit) reads as
 * an empty queue. Checked by hand, not with zod: this module is part of the room page's first-load
 * JavaScript, where zod (even `zod/mini`, as the build bundles it) would add 17-31 kB gzip for
 * five fields that only this module writes.
 */
function parseStoredQueue(value: unknown): WaitingSwipe[] | null {
  if (!Array.isArray(value)) return null;
  const nonEmpty = (x: unknown): x is string => typeof x === "string" && x.length > 0;
  const queue: WaitingSwipe[] = [];
  for (const item of value as unknown[]) {
    if (typeof item !== "object" || item === null) return null;
    const { id, code, ratingKey, liked, position } = item as Record<string, unknown>;
    if (!nonEmpty(id) || !nonEmpty(code) || !nonEmpty(ratingKey) || typeof liked !== "boolean") return null;
    if (typeof position !== "number" || !Number.isInteger(position) || position < 0) return null;
    queue.push({ id, code, ratingKey, liked, position });
  }
  return queue;
}

export type SwipeOutcome =
  | { kind: "sent" }
  /** No answer (offline or the server unreachable): it waits in the queue. */
  | { kind: "waiting" }
  /** The server refused it: the deck shows this card again with the message. */
  | { kind: "refused"; message: string; position: number }
  /** Dropped because an earlier swipe of the room was refused (that refusal is reported). */
  | { kind: "dropped" };

export interface Refusal {
  message: string;
  position: number;
}

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage blocked by the browser's settings
  }
}

function load(): WaitingSwipe[] {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (!raw) return [];
  try {
    return parseStoredQueue(JSON.parse(raw)) ?? [];
  } catch {
    return [];
  }
}

const changeListeners = new Set<() => void>();

function changed(): void {
  for (const listener of changeListeners) listener();
}

function save(queue: WaitingSwipe[]): void {
  const store = storage();
  if (queue.length > 0) store?.setItem(STORAGE_KEY, JSON.stringify(queue));
  else store?.removeItem(STORAGE_KEY);
  changed();
}

/** The sending problem "no connection" (the screen says it in the person's language; a server's message is never empty). */
export const NO_CONNECTION = "";

/** Why the last try to send failed: NO_CONNECTION or the server's message; null once one got through. */
let problem: string | null = null;

export function sendingProblem(): string | null {
  return problem;
}

function setProblem(next: string | null): void {
  if (next === problem) return;
  problem = next;
  changed();
}

/** Calls `listener` whenever the queue changes, in this tab or another. */
export function subscribeToWaitingSwipes(listener: () => void): () => void {
  changeListeners.add(listener);
  const fromOtherTab = (e: StorageEvent) => {
    if (e.key === STORAGE_KEY || e.key === null) listener();
  };
  window.addEventListener("storage", fromOtherTab);
  return () => {
    changeListeners.delete(listener);
    window.removeEventListener("storage", fromOtherTab);
  };
}

/** The swipes still waiting to be sent (of one room, or of all). */
export function waitingSwipes(code?: string): WaitingSwipe[] {
  const queue = load();
  return code === undefined ? queue : queue.filter((s) => s.code === code);
}

/** Where this person's deck goes on after a reload: past their waiting swipes. */
export function resumePosition(code: string, serverNext: number): number {
  return waitingSwipes(code).reduce((next, s) => Math.max(next, s.position + 1), serverNext);
}

/** Forgets every waiting swipe (signing out). */
export function forgetWaitingSwipes(): void {
  save([]);
}

const refusalListeners = new Map<string, Set<(refusal: Refusal) => void>>();

/** Refusals of a room's swipes (also of those whose submitSwipe call already resolved as waiting). */
export function onSwipeRefused(code: string, listener: (refusal: Refusal) => void): () => void {
  const set = refusalListeners.get(code) ?? new Set();
  set.add(listener);
  refusalListeners.set(code, set);
  return () => set.delete(listener);
}

/** submitSwipe calls waiting for the first outcome of their swipe, by id. */
const waiters = new Map<string, (outcome: SwipeOutcome) => void>();
let inFlight: string | null = null;
let draining: Promise<void> | null = null;
let rerun: Promise<void> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

function settle(swipe: WaitingSwipe, outcome: SwipeOutcome): void {
  waiters.get(swipe.id)?.(outcome);
  waiters.delete(swipe.id);
  if (outcome.kind === "refused") for (const listener of refusalListeners.get(swipe.code) ?? []) listener(outcome);
}

/** Network failures and answers worth another try (the server or a proxy in between was down). */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

/** Queues a swipe and sends the queue; resolves with what became of this swipe at first. */
export function submitSwipe(swipe: NewSwipe): Promise<SwipeOutcome> {
  const entry: WaitingSwipe = { ...swipe, id: crypto.randomUUID() };
  // Swiping a card again (after an undo) replaces its waiting swipe.
  const queue = load();
  const replaced = queue.filter((s) => s.code === entry.code && s.ratingKey === entry.ratingKey);
  save([...queue.filter((s) => !replaced.includes(s)), entry]);
  for (const swipe of replaced) settle(swipe, { kind: "dropped" });
  return new Promise((resolve) => {
    waiters.set(entry.id, resolve);
    void sendWaitingSwipes();
  });
}

/**
 * Takes the room's last waiting swipe back (undo) before it is sent. A swipe already on its way is
 * not taken back here: this waits for its answer, and the caller undoes it on the server.
 */
export async function takeBackWaitingSwipe(code: string): Promise<WaitingSwipe | undefined> {
  const last = waitingSwipes(code).at(-1);
  if (!last) return undefined;
  if (last.id === inFlight) {
    await draining;
    return takeBackWaitingSwipe(code);
  }
  save(load().filter((s) => s.id !== last.id));
  settle(last, { kind: "dropped" });
  return last;
}

/**
 * Sends the waiting swipes in order, one at a time (one tab at a time where the browser has Web
 * Locks). Called while a run is under way, it runs again after it: that run may have given up (no
 * answer) before the newest swipe, or before the connection came back.
 */
export function sendWaitingSwipes(): Promise<void> {
  // Calls during a run share one run after it.
  if (draining) {
    rerun ??= draining.then(() => {
      rerun = null;
      return sendWaitingSwipes();
    });
    return rerun;
  }
  draining = (async () => {
    try {
      if (typeof navigator !== "undefined" && navigator.locks) await navigator.locks.request(STORAGE_KEY, drain);
      else await drain();
    } finally {
      draining = null;
    }
  })();
  return draining;
}

async function drain(): Promise<void> {
  clearTimeout(retryTimer);
  for (;;) {
    const next = load()[0];
    if (!next) return;
    inFlight = next.id;
    let refusal: ApiError | null = null;
    try {
      await send("POST", `/api/rooms/${next.code}/swipes`, { ratingKey: next.ratingKey, liked: next.liked });
    } catch (error) {
      if (isRetryable(error)) {
        // Everything stays queued; the callers learn that their swipes wait.
        inFlight = null;
        setProblem(error instanceof ApiError ? error.message : NO_CONNECTION);
        for (const swipe of load()) settle(swipe, { kind: "waiting" });
        const pause = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
        if (navigator.onLine) retryTimer = setTimeout(() => void sendWaitingSwipes(), pause);
        return;
      }
      refusal = error as ApiError;
    } finally {
      inFlight = null;
    }
    failures = 0;
    setProblem(null);
    const queue = load();
    if (!refusal) {
      save(queue.filter((s) => s.id !== next.id));
      settle(next, { kind: "sent" });
      continue;
    }
    const at = queue.findIndex((s) => s.id === next.id);
    const dropped = queue.filter((s, i) => s.code === next.code && i > at);
    save(queue.filter((s) => s.id !== next.id && !dropped.includes(s)));
    settle(next, { kind: "refused", message: refusal.message, position: next.position });
    for (const swipe of dropped) settle(swipe, { kind: "dropped" });
  }
}
