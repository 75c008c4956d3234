/**
 * The conformance fixture over Streamable HTTP, both eras on one endpoint, for the official suite:
 *
 *   npx tsx test/conformance/server.ts --port 3000     # serves http://127.0.0.1:3000/mcp
 *
 * Prints `conformance fixture listening on <url>` once it listens (scripts/conformance.ts waits
 * for that line); SIGINT or SIGTERM closes it. Binds to loopback only: the referee's
 * dns-rebinding scenario needs a localhost URL.
 */
import { parseArgs } from "node:util";
import { createMcpHandler } from "mcpkit/http";
import { serve } from "mcpkit/node";
import { createConformanceServer } from "./fixture.js";

const SHUTDOWN_TIMEOUT_MS = 5_000;

const { values } = parseArgs({ options: { port: { type: "string", default: "3000" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be an integer from 0 to 65535, got ${values.port}`);
  process.exit(2);
}

const mcp = createConformanceServer();
const handler = createMcpHandler(mcp);
const served = await serve(handler, { port, host: "127.0.0.1", path: "/mcp" });
console.log(`conformance fixture listening on ${served.url}`);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  // A stream that will not end must not keep the process alive.
  setTimeout(() => process.exit(1), SHUTDOWN_TIMEOUT_MS).unref();
  await served.close(); // stops listening and closes the handler's streams and sessions
  await mcp.close();
  console.log(`conformance fixture stopped (${signal})`);
  process.exit(0);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, (received) => void stop(received));
