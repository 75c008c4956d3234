// The mcpkit Streamable HTTP server: one createMcpHandler per configuration, on mcpkit/node's handle().
import { createMcpHandler } from "mcpkit/http";
import { handle } from "mcpkit/node";
import { hostHttpRoutes } from "../http-host.js";
import { createBenchServer } from "./server.js";

const mcp = createBenchServer();
await hostHttpRoutes({
  // 2026-07-28 requests are always served statelessly, whatever the legacy setting.
  modern: handle(createMcpHandler(mcp)),
  "stateful-json": handle(createMcpHandler(mcp, { jsonResponse: true })),
  "stateful-sse": handle(createMcpHandler(mcp)),
  "stateless-json": handle(createMcpHandler(mcp, { legacy: "stateless", jsonResponse: true })),
  "stateless-sse": handle(createMcpHandler(mcp, { legacy: "stateless" })),
});
