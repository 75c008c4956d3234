/**
 * Context: a tool that logs, reports progress and reads the server's own resources through
 * `ctx`. The client sees `notifications/message` and `notifications/progress` while it waits,
 * in both protocol eras.
 *
 * Run: npx tsx examples/long-task.ts
 */
import { pathToFileURL } from "node:url";
import { McpServer, ToolError, isResourceNotFound, resourceNotFound } from "mcpkit";
import { z } from "zod";

/** The files this server exposes, in memory so that the example needs no disk. */
export const files = new Map([
  ["notes.txt", "Buy milk\nCall Ada\n"],
  ["todo.md", "- [ ] write the report\n- [x] read the spec\n"],
  ["data.csv", "id,name\n1,Ada\n2,Grace\n"],
]);

export const mcp = new McpServer({ name: "My App", version: "1.0.0" });

mcp.resource(
  "file://{name}",
  {
    description: "A file of this server",
    list: () => [...files.keys()].map((name) => ({ uri: `file://${name}`, name })),
  },
  ({ name }, ctx) => {
    const text = files.get(name);
    if (text === undefined) throw resourceNotFound(`file://${name}`, ctx.era);
    return text;
  },
);

mcp.tool(
  "long_task",
  {
    description: "Process multiple files with progress tracking",
    input: z.object({ files: z.array(z.string()) }),
  },
  async ({ files: names }, ctx) => {
    for (const [i, name] of names.entries()) {
      await ctx.info(`Processing ${name}`);
      // Progress counts the files done; it reaches names.length below.
      await ctx.progress(i, names.length);
      const [contents] = await ctx.readResource(`file://${name}`).catch((error: unknown) => {
        throw isResourceNotFound(error) ? new ToolError(`No such file: ${name}`) : error;
      });
      const size = contents && "text" in contents ? contents.text.length : 0;
      await ctx.debug(`Read ${size} characters from ${name}`);
    }
    await ctx.progress(names.length, names.length);
    return "Processing complete";
  },
);

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await mcp.run();
