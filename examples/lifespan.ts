/**
 * Lifespan: resources created once when the server starts and cleaned up when it closes, here a
 * (fake, in-memory) database that every tool call shares through `ctx.lifespan`.
 *
 * Run: npx tsx examples/lifespan.ts
 */
import { pathToFileURL } from "node:url";
import { McpServer } from "mcpkit";

/** What happened to the database, in order; it makes the lifespan visible (tests read it). */
export const dbEvents: string[] = [];

/** Stands in for a real database client. */
class Database {
  static async connect(): Promise<Database> {
    dbEvents.push("connect");
    return new Database();
  }

  async disconnect(): Promise<void> {
    dbEvents.push("disconnect");
  }

  query(): string {
    dbEvents.push("query");
    return "Query result";
  }
}

// The code before `yield` runs at start-up, the `finally` block when the server closes.
// `ctx.lifespan` is typed from what is yielded: `{ db: Database }`.
export const mcp = new McpServer(
  { name: "My App", version: "1.0.0" },
  {
    lifespan: async function* () {
      const db = await Database.connect();
      try {
        yield { db };
      } finally {
        await db.disconnect();
      }
    },
  },
);

mcp.tool("query_db", { description: "Tool that uses initialized resources" }, (_args, ctx) =>
  ctx.lifespan.db.query(),
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await mcp.run();
