// The official 1.32.2 stdio server, hand-wired as its README shows.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createBenchServer } from "./server.js";

await createBenchServer().connect(new StdioServerTransport());
