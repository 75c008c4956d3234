// The official 2.4.0 stdio server through serveStdio, its entry for both eras: the first message
// pins the connection to a legacy or a 2026-07-28 instance from the factory.
import { serveStdio } from "@modelcontextprotocol/server/stdio";
import { createBenchServer } from "./server.js";

serveStdio(() => createBenchServer());
