/** The Node.js flags the production server runs with (scripts/lib/server-flags.mjs). */
export declare const SERVER_NODE_FLAGS: readonly string[];
