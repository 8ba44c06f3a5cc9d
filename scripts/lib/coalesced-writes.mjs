// One system call per response per turn of the event loop (scripts/server.mjs).
//
// Next.js writes a route handler's answer in three writes (the headers, the body, the last chunk)
// and an event stream in one write per event, each a system call of its own; on a small virtual
// machine a system call (a loopback TCP send wakes the reader too) costs more than the bytes it
// carries. Holding a response's writes until the end of the current turn of the event loop and
// sending them together costs nothing to see (the turn ends within milliseconds) and saves most of
// those calls: a JSON answer goes out whole, and events that arrive together leave together.

/** The ServerResponse methods that write to the socket. */
const WRITERS = ["flushHeaders", "write", "end"];

/**
 * Makes `res` hold its writes (Writable.cork on its socket) from the first one in a turn of the
 * event loop until that turn ends (setImmediate), then send them in one write.
 */
export function coalesceWrites(res) {
  const socket = res.socket;
  if (!socket || typeof socket.cork !== "function") return;
  let held = false;
  const release = () => {
    held = false;
    socket.uncork();
  };
  const hold = () => {
    if (held || socket.destroyed) return;
    held = true;
    socket.cork();
    setImmediate(release);
  };
  for (const name of WRITERS) {
    const write = res[name];
    res[name] = function (...args) {
      hold();
      return write.apply(this, args);
    };
  }
}
