import type { ServerResponse } from "node:http";

/** Makes the response send what it writes in one turn of the event loop in one write (scripts/lib/coalesced-writes.mjs). */
export declare function coalesceWrites(res: ServerResponse): void;
