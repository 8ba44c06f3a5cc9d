// The Node.js flags the production server runs with: `npm start`, `npm run demo`, the container
// image (its CMD, checked by tests/unit/server-flags.test.ts), the tests and the benchmarks.
//
// --max-semi-space-size=64: the young generation may grow to 64 MB per half (Node's default is
// 16 MB). Under load each request's short-lived objects then die young instead of being copied
// into the old generation: at 200 swipes/s over two instances, 10% less CPU per swipe (paired runs
// of npm run bench's load, README "Performance"). It grows only while a server allocates fast: an
// idle one stays small; a busy one holds up to about 100 MB more.
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];
