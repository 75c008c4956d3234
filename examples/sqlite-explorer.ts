/**
 * SQLite Explorer: the database schema as a resource and a tool that runs SQL, on better-sqlite3.
 * The database is opened read-only, so the model can explore it but never change it.
 *
 * Run: SQLITE_DB=path/to/database.db npx tsx examples/sqlite-explorer.ts
 */
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { McpServer, ToolError } from "mcpkit";
import { z } from "zod";

export interface ExplorerOptions {
  /** The SQLite file; it must exist. Default: $SQLITE_DB, else ./database.db. */
  readonly path?: string;
}

export function createExplorer(options: ExplorerOptions = {}): McpServer<{ db: Database.Database }> {
  const path = options.path ?? process.env.SQLITE_DB ?? "database.db";
  // One connection for the server's life: opened at start-up, closed on close().
  const mcp = new McpServer(
    { name: "SQLite Explorer", version: "1.0.0" },
    {
      lifespan: function* () {
        const db = new Database(path, { readonly: true, fileMustExist: true });
        try {
          yield { db };
        } finally {
          db.close();
        }
      },
    },
  );

  mcp.resource("schema://main", { description: "Provide the database schema as a resource" }, (ctx) => {
    const statements = ctx.lifespan.db
      .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
      .pluck()
      .all();
    return statements.join("\n");
  });

  mcp.tool(
    "query_data",
    { description: "Execute SQL queries safely", input: z.object({ sql: z.string() }) },
    ({ sql }, ctx) => {
      try {
        const statement = ctx.lifespan.db.prepare(sql);
        if (!statement.reader) {
          statement.run(); // e.g. a PRAGMA; any write fails, the connection is read-only
          return "OK";
        }
        // One line per row, its values as a JSON array: compact and unambiguous for the model.
        return statement
          .raw()
          .all()
          .map((row) => JSON.stringify(row))
          .join("\n");
      } catch (error) {
        // SQL mistakes go back to the model so that it can fix its query.
        throw new ToolError(`Error: ${(error as Error).message}`);
      }
    },
  );

  return mcp;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await createExplorer().run();
