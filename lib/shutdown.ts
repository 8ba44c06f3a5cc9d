import "server-only";

/**
 * What this process must do when it stops gracefully, in two phases that scripts/server.mjs runs
 * on SIGTERM (it cannot import the app's modules, so the hooks live on globalThis under this name):
 * - "streams": right after the server stops accepting connections, long-lived responses are told
 *   to reconnect elsewhere and end (event streams send a `retry:` hint);
 * - "resources": once every in-flight request has finished, connections are closed (the event
 *   bus's pending notifications are sent first, then the database).
 */
export type ShutdownPhase = "streams" | "resources";

type Hooks = Record<ShutdownPhase, Map<string, () => void | Promise<void>>>;

const globalForShutdown = globalThis as unknown as { reelmatchShutdown?: Hooks };

function hooks(): Hooks {
  globalForShutdown.reelmatchShutdown ??= { streams: new Map(), resources: new Map() };
  return globalForShutdown.reelmatchShutdown;
}

/** Registers (or replaces, by name) what to do in a phase of a graceful shutdown. */
export function onShutdown(phase: ShutdownPhase, name: string, run: () => void | Promise<void>): void {
  hooks()[phase].set(name, run);
}
