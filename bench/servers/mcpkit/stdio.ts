// The mcpkit stdio server, as a user runs it: McpServer.run() (stdio is the default).
import { createBenchServer } from "./server.js";

await createBenchServer().run();
