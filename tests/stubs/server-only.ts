// Tests import server modules directly; Next's "server-only" marker has no meaning there.
export {};
