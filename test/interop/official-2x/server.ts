import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  McpServer as OfficialServer,
  ResourceTemplate,
  acceptedContent,
  completable,
  createRequestStateCodec,
  inputRequired,
  inputResponse,
} from "@modelcontextprotocol/server";
import type { McpHttpHandler } from "@modelcontextprotocol/server";
import { z } from "zod";

/* A server built with the official SDK 2.4.0, and a node:http front for its fetch handler. */

const codec = createRequestStateCodec<{ city: string; roots: number }>({
  key: "mcpkit-interop-request-state-key-0123456789",
});
const Weather = z.object({ city: z.string(), temperatureC: z.number(), conditions: z.string() });
const Where = z.object({ city: z.string() });

/** The one factory both eras are served from: a structured tool, an asking tool, a resource, a template, a prompt. */
export function officialServer(): OfficialServer {
  const server = new OfficialServer(
    { name: "official-v2", version: "2.4.0" },
    {
      capabilities: { logging: {}, resources: { subscribe: true } },
      instructions: "Ask about the weather.",
      requestState: { verify: (state, ctx) => codec.verify(state, ctx) },
    },
  );
  server.registerTool(
    "weather",
    { description: "Weather in a city", inputSchema: z.object({ city: z.string() }), outputSchema: Weather },
    ({ city }) => {
      const weather = { city, temperatureC: 21.5, conditions: "sunny" };
      return { content: [{ type: "text", text: JSON.stringify(weather) }], structuredContent: weather };
    },
  );
  // Round 1 asks where (elicitation) and for the roots at once; round 2 samples an idea, the city and
  // root count sealed in requestState; round 3 answers.
  server.registerTool(
    "plan_trip",
    {
      description: "Plans a trip, asking the user and the model",
      inputSchema: z.object({ days: z.number() }),
    },
    async ({ days }, ctx) => {
      const responses = ctx.mcpReq.inputResponses;
      const sealed = ctx.mcpReq.requestState<{ city: string; roots: number }>();
      if (typeof sealed !== "object") {
        const where = acceptedContent(responses, "where", Where);
        const roots = inputResponse(responses, "roots");
        if (!where || roots.kind !== "roots") {
          return inputRequired({
            inputRequests: {
              where: inputRequired.elicit({ message: "Where to?", requestedSchema: Where }),
              roots: inputRequired.listRoots(),
            },
          });
        }
        return inputRequired({
          inputRequests: {
            idea: inputRequired.createMessage({
              messages: [
                {
                  role: "user",
                  content: { type: "text", text: `One idea for ${days} days in ${where.city}` },
                },
              ],
              maxTokens: 50,
            }),
          },
          requestState: await codec.mint({ city: where.city, roots: roots.roots.length }),
        });
      }
      const idea = inputResponse(responses, "idea");
      const sampled = idea.kind === "sampling" ? idea.result.content : undefined;
      const block = Array.isArray(sampled) ? sampled[0] : sampled;
      const text = block?.type === "text" ? block.text : "?";
      return {
        content: [{ type: "text", text: `${days} days in ${sealed.city} (${sealed.roots} roots): ${text}` }],
      };
    },
  );
  server.registerTool(
    "count",
    { description: "Counts, logging and reporting progress", inputSchema: z.object({ to: z.number() }) },
    async ({ to }, ctx) => {
      const token = ctx.mcpReq._meta?.progressToken;
      for (let i = 1; i <= to; i++) {
        await ctx.mcpReq.log("debug", `about to count ${i}`);
        await ctx.mcpReq.log("info", `counted ${i}`);
        if (token !== undefined)
          await ctx.mcpReq.notify({
            method: "notifications/progress",
            params: { progressToken: token, progress: i, total: to },
          });
      }
      return { content: [{ type: "text", text: `counted to ${to}` }] };
    },
  );
  server.registerResource("readme", "docs://readme", { mimeType: "text/markdown" }, (uri) => ({
    contents: [{ uri: uri.href, mimeType: "text/markdown", text: "# Official 2.4.0" }],
  }));
  server.registerResource(
    "greeting",
    new ResourceTemplate("greeting://{name}", {
      list: undefined,
      complete: { name: (value) => ["Ada", "Alan", "Grace"].filter((name) => name.startsWith(value)) },
    }),
    { mimeType: "text/plain" },
    (uri, { name }) => ({ contents: [{ uri: uri.href, text: `Hello, ${String(name)}!` }] }),
  );
  server.registerPrompt(
    "review",
    {
      description: "Review code",
      argsSchema: z.object({
        language: completable(z.string(), (value) => ["go", "rust", "ts"].filter((l) => l.startsWith(value))),
        code: z.string(),
      }),
    },
    ({ language, code }) => ({
      messages: [{ role: "user", content: { type: "text", text: `Review this ${language}:\n${code}` } }],
    }),
  );
  return server;
}

export interface Served {
  readonly url: URL;
  /** Every HTTP request the handler saw: the HTTP method and, for POSTs, the JSON-RPC method. */
  readonly seen: { http: string; rpc: string | undefined; version: string | null }[];
  /** Closes the handler, then the server and its connections. */
  close(): Promise<void>;
}

/** A node:http server in front of the official fetch handler (what `@modelcontextprotocol/node` would do). */
export async function serveOfficial(handler: McpHttpHandler): Promise<Served> {
  const seen: Served["seen"] = [];
  const bridge = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const aborted = new AbortController();
    res.once("close", () => aborted.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : [value])
        if (one !== undefined) headers.append(name, one);
    }
    const parsed = body.length > 0 ? (JSON.parse(body.toString("utf8")) as { method?: string }) : undefined;
    seen.push({ http: req.method ?? "?", rpc: parsed?.method, version: headers.get("mcp-protocol-version") });
    const response = await handler.fetch(
      new Request(new URL(req.url ?? "/", "http://127.0.0.1"), {
        method: req.method ?? "GET",
        headers,
        body: body.length > 0 ? body : null,
        signal: aborted.signal,
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.flushHeaders();
    if (response.body) await pipeline(Readable.fromWeb(response.body as never), res);
    else res.end();
  };
  const server = createServer((req, res) => {
    bridge(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = async () => {
    await handler.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`), seen, close };
}
