import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { connect } from "mcpkit/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createExplorer } from "../../examples/sqlite-explorer.js";

let dir = "";
let path = "";
const SCHEMA = [
  "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INTEGER)",
  "CREATE INDEX users_by_name ON users (name)",
];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mcpkit-sqlite-"));
  path = join(dir, "database.db");
  const db = new Database(path);
  for (const statement of SCHEMA) db.exec(statement);
  const insert = db.prepare("INSERT INTO users (name, age) VALUES (?, ?)");
  for (const [name, age] of [
    ["Ada", 36],
    ["Grace", 85],
    ["Linus", null],
  ] as const)
    insert.run(name, age);
  db.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const explorers: ReturnType<typeof createExplorer>[] = [];
afterEach(async () => {
  await Promise.all(explorers.splice(0).map((explorer) => explorer.close()));
});
function explorer() {
  const mcp = createExplorer({ path });
  explorers.push(mcp);
  return mcp;
}

describe.each(["modern", "legacy"] as const)("examples/sqlite-explorer.ts (%s)", (era) => {
  it("serves every CREATE statement as schema://main", async () => {
    await using client = await connect(explorer(), { era });
    const { resources } = await client.listResources();
    expect(resources.map((resource) => resource.uri)).toEqual(["schema://main"]);
    const { contents } = await client.readResource({ uri: "schema://main" });
    expect(contents).toEqual([{ uri: "schema://main", mimeType: "text/plain", text: SCHEMA.join("\n") }]);
  });

  it("answers a query with one JSON array per row", async () => {
    await using client = await connect(explorer(), { era });
    const result = await client.callTool({
      name: "query_data",
      arguments: { sql: "SELECT id, name, age FROM users ORDER BY id" },
    });
    expect(result.isError).toBeUndefined();
    expect(result.content).toEqual([
      { type: "text", text: '[1,"Ada",36]\n[2,"Grace",85]\n[3,"Linus",null]' },
    ]);
  });

  it("answers an empty result with empty text", async () => {
    await using client = await connect(explorer(), { era });
    const result = await client.callTool({
      name: "query_data",
      arguments: { sql: "SELECT name FROM users WHERE age > 100" },
    });
    expect(result.content).toEqual([{ type: "text", text: "" }]);
  });

  it("reports SQL errors as text the model can read", async () => {
    await using client = await connect(explorer(), { era });
    const result = await client.callTool({ name: "query_data", arguments: { sql: "SELECT * FROM nope" } });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: "Error: no such table: nope" }],
    });
  });

  it("never writes: the database is opened read-only", async () => {
    await using client = await connect(explorer(), { era });
    const result = await client.callTool({
      name: "query_data",
      arguments: { sql: "DELETE FROM users" },
    });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: "Error: attempt to write a readonly database" }],
    });
    const count = await client.callTool({
      name: "query_data",
      arguments: { sql: "SELECT count(*) FROM users" },
    });
    expect(count.content).toEqual([{ type: "text", text: "[3]" }]);
  });
});

it("takes the database path from SQLITE_DB and refuses a missing file at start-up", async () => {
  const saved = process.env.SQLITE_DB;
  try {
    process.env.SQLITE_DB = path;
    const mcp = createExplorer();
    explorers.push(mcp);
    await using client = await connect(mcp);
    const result = await client.callTool({
      name: "query_data",
      arguments: { sql: "SELECT name FROM users LIMIT 1" },
    });
    expect(result.content).toEqual([{ type: "text", text: '["Ada"]' }]);

    process.env.SQLITE_DB = join(dir, "missing.db");
    await expect(connect(createExplorer())).rejects.toThrow(
      /unable to open database file|directory does not exist/,
    );
  } finally {
    if (saved === undefined) delete process.env.SQLITE_DB;
    else process.env.SQLITE_DB = saved;
  }
});
