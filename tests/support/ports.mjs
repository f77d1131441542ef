// Ports for servers that cannot report the one they bound (nginx, workerd): ask the OS for a
// free one, then wait until the server accepts connections on it.
import { createServer, connect } from "node:net";

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/** Resolves once 127.0.0.1:`port` accepts a connection; rejects when `exited()` is true or after `timeoutMs`. */
export async function waitForPort(port, { exited = () => false, timeoutMs = 30_000, what = "server" } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await accepts(port)) return;
    if (exited()) throw new Error(`${what} exited before listening on ${port}`);
    if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((ok) => setTimeout(ok, 25)); // poll interval of the condition above
  }
}

function accepts(port) {
  return new Promise((ok) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      ok(true);
    });
    socket.once("error", () => ok(false));
  });
}
