import { ApiError, send } from "./fetcher";

/** One swipe as the room's API takes it. */
export interface SwipeRequest {
  ratingKey: string;
  liked: boolean;
}

/** What the deck shows about swipes on their way to the server. */
export interface SwipeSenderState {
  /** Swipes made but not yet confirmed by the server. */
  pending: number;
  /** Sending failed for now (no connection, or the server was down): the pending swipes are sent again. */
  offline: boolean;
  /** Why, for a person: the server's message, or the lost connection. */
  reason: string | null;
  /** The server turned a swipe down (it will not be sent again), with its message. */
  refused: { swipe: SwipeRequest; message: string } | null;
}

/** Network failures and answers worth another try (the server or a proxy in between was down). */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status >= 500 || error.status === 408 || error.status === 429;
}

const RETRY_MS = [1000, 2000, 5000, 10_000, 20_000];

/**
 * Sends a room's swipes one after another, in the order they were made (the server accepts a
 * person's next card only). A swipe that fails for want of a connection stays first in line and is
 * sent again when the browser says it is online, or after a growing pause; swipes are idempotent
 * on the server, so sending one twice is harmless. A swipe the server refuses (a 4xx) is dropped and
 * reported. Kept free of React so an offline queue can persist it later.
 */
export class SwipeSender {
  private queue: SwipeRequest[] = [];
  private running = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private state: SwipeSenderState = { pending: 0, offline: false, reason: null, refused: null };
  private readonly listeners = new Set<(state: SwipeSenderState) => void>();
  private idle: (() => void)[] = [];
  private readonly onOnline = () => this.retryNow();

  constructor(private readonly code: string) {
    if (typeof window !== "undefined") window.addEventListener("online", this.onOnline);
  }

  /** Queues a swipe; it is sent after those before it. */
  enqueue(swipe: SwipeRequest): void {
    this.queue.push(swipe);
    this.update({ pending: this.queue.length, refused: null });
    void this.drain();
  }

  /** Tries the waiting swipes at once (a "Try again" button, the browser coming online). */
  retryNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.attempt = 0;
    void this.drain();
  }

  /**
   * Takes back the newest swipe if it has not gone out yet (an undo that needs no server); null
   * when it is on its way or already recorded.
   */
  takeBackLast(): SwipeRequest | null {
    const inFlight = this.running && !this.timer ? 1 : 0;
    if (this.queue.length <= inFlight) return null;
    const last = this.queue.pop() ?? null;
    this.update({ pending: this.queue.length });
    return last;
  }

  /** Resolves once every queued swipe has been sent or dropped (an undo of a recorded swipe waits for it). */
  settled(): Promise<void> {
    if (!this.queue.length) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  dismissRefusal(): void {
    this.update({ refused: null });
  }

  subscribe(listener: (state: SwipeSenderState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState(): SwipeSenderState {
    return this.state;
  }

  close(): void {
    clearTimeout(this.timer);
    if (typeof window !== "undefined") window.removeEventListener("online", this.onOnline);
    this.listeners.clear();
  }

  private update(patch: Partial<SwipeSenderState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  private async drain(): Promise<void> {
    if (this.running || this.timer) return;
    this.running = true;
    try {
      while (this.queue.length) {
        const swipe = this.queue[0] as SwipeRequest;
        try {
          await send("POST", `/api/rooms/${this.code}/swipes`, swipe);
          this.queue.shift();
          this.attempt = 0;
          this.update({ pending: this.queue.length, offline: false, reason: null });
        } catch (error) {
          if (isRetryable(error)) {
            this.update({ offline: true, reason: error instanceof ApiError ? error.message : "No connection." });
            const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)] ?? 20_000;
            this.attempt += 1;
            this.timer = setTimeout(() => {
              this.timer = undefined;
              void this.drain();
            }, wait);
            return;
          }
          // The server takes a person's cards in order: the swipes after a refused one go too.
          this.queue = [];
          this.update({ pending: 0, offline: false, reason: null, refused: { swipe, message: error instanceof Error ? error.message : "The server refused the swipe." } });
        }
      }
    } finally {
      this.running = false;
    }
    for (const resolve of this.idle.splice(0)) resolve();
  }
}
