/**
 * The conformance client for the official referee (`conformance client --command ...`): the
 * referee starts a mock server per scenario and runs
 *
 *   node --import tsx test/conformance/client.ts <server url>
 *
 * with the scenario in MCP_CONFORMANCE_SCENARIO (and, for some, data in MCP_CONFORMANCE_CONTEXT).
 * One handler per non-auth scenario of conformance 0.1.16 and 0.2.0-alpha.12, aliases included;
 * an unknown scenario (auth and extensions among them, for now) exits 1 with a message.
 * scripts/conformance-client.ts runs the suites against it.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Client, ClientOptions } from "mcpkit";
import type { StreamableHttpClientOptions } from "mcpkit/http";

type JsonObject = { [key: string]: unknown };
type Scenario = (url: string, context: JsonObject) => Promise<void>;

const PROBE_TIMEOUT_MS = 20_000;
const INFO = { name: "mcpkit-conformance-client", version: "1.0.0" };

/**
 * The SDK, loaded only once the scenario is known: the referee starts every client of a suite at
 * once, and the auth scenarios (unsupported, exit 1) then cost no more than a bare tsx start.
 */
async function loadSdk() {
  const [core, http] = await Promise.all([import("mcpkit"), import("mcpkit/http")]);
  return { ...core, ...http };
}

interface Connection {
  readonly options?: ClientOptions;
  readonly setup?: (client: Client) => void;
  readonly transport?: StreamableHttpClientOptions;
}

/** Connects a Client (auto era unless the scenario says otherwise) and runs `body` with it. */
async function withClient(
  url: string,
  connection: Connection,
  body: (client: Client) => Promise<void>,
  retried = false,
): Promise<void> {
  const { Client, ErrorCode, McpError, createStreamableHttpClientTransport } = await loadSdk();
  const { options, setup, transport } = connection;
  const client = new Client(INFO, {
    // The referee runs a suite's clients in parallel: under that load a 5 s server/discover probe
    // can time out, and auto mode would then fall back to initialize against a modern-only mock.
    probeTimeoutMs: PROBE_TIMEOUT_MS,
    ...options,
    onError: (error) => console.error(`[client] ${error.message}`),
  });
  setup?.(client);
  try {
    await client.connect(createStreamableHttpClientTransport(url, transport));
  } catch (error) {
    // request-metadata rejects the first request with -32022 even for a version it then lists as
    // supported; negotiate() does not retry the version it just sent, so connect once more.
    if (retried || !(error instanceof McpError) || error.code !== ErrorCode.UnsupportedProtocolVersion)
      throw error;
    console.error(`[client] ${error.message}; connecting again`);
    return withClient(url, connection, body, true);
  }
  try {
    await body(client);
  } finally {
    await client.close();
  }
}

function toolNames(tools: readonly { name: string }[]): string[] {
  return tools.map((tool) => tool.name);
}

/**
 * The legacy-only mocks of `initialize` and `sse-retry` answer every unknown method, the
 * server/discover probe included, with an empty result; auto mode would take that for a modern
 * server without common versions. So these two connect with `initialize` directly.
 */
const LEGACY: Connection = { options: { mode: "legacy" } };

/** Connect (initialize, initialized) and list the tools. */
const initialize: Scenario = (url) =>
  withClient(url, LEGACY, async (client) => {
    await client.listTools();
  });

/** List the tools and call add_numbers(5, 3). */
const toolsCall: Scenario = (url) =>
  withClient(url, {}, async (client) => {
    const { tools } = await client.listTools();
    if (!toolNames(tools).includes("add_numbers")) throw new Error("add_numbers is not listed");
    const result = await client.callTool({ name: "add_numbers", arguments: { a: 5, b: 3 } });
    console.log(JSON.stringify(result.content));
  });

/** Accept the elicitation with no content: the Client fills in the schema defaults (SEP-1034). */
const elicitationDefaults: Scenario = (url) =>
  withClient(
    url,
    {
      options: { capabilities: { elicitation: { form: { applyDefaults: true } } } },
      setup: (client) => client.handle("elicitation/create", () => ({ action: "accept", content: {} })),
    },
    async (client) => {
      await client.listTools();
      await client.callTool({ name: "test_client_elicitation_defaults", arguments: {} });
    },
  );

/** Call the tool whose POST stream ends without a result: the answer comes on the resumed GET. */
const sseRetry: Scenario = (url) => {
  // The mock hands a pending result to whichever GET comes first. Under load the standalone GET
  // (opened after notifications/initialized) can come after the tools/call and take the result
  // before the POST stream closes, leaving nothing to resume; so call once that GET is open.
  let opened!: () => void;
  const standaloneOpen = new Promise<void>((resolve) => (opened = resolve));
  const watch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.method === "GET") opened();
    return response;
  };
  return withClient(url, { ...LEGACY, transport: { fetch: watch } }, async (client) => {
    await client.listTools();
    await Promise.race([standaloneOpen, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    await client.callTool({ name: "test_reconnection", arguments: {} }, { timeoutMs: 15_000 });
  });
};

/** Requests with `_meta` and MCP-Protocol-Version, well-formed capabilities, a retry after a rejection. */
const requestMetadata: Scenario = (url) =>
  withClient(
    url,
    { options: { capabilities: { roots: { listChanged: false }, sampling: {}, elicitation: { form: {} } } } },
    async (client) => {
      await client.listTools();
      await client.callTool({ name: "test_tool", arguments: {} });
    },
  );

/** input_required rounds: echo requestState, none when none came, no state shared between calls. */
const requestState: Scenario = (url) =>
  withClient(
    url,
    {
      options: { capabilities: { elicitation: { form: {} } } },
      setup: (client) =>
        client.handle("elicitation/create", () => ({ action: "accept", content: { confirmed: true } })),
    },
    async (client) => {
      await client.listTools();
      await Promise.all([
        client.callTool({ name: "test_mrtr_echo_state", arguments: {} }),
        client.callTool({ name: "test_mrtr_unrelated", arguments: {} }),
      ]);
      await client.callTool({ name: "test_mrtr_no_state", arguments: {} });
      await client.callTool({ name: "test_mrtr_no_result_type", arguments: {} });
    },
  );

/** Every method with Mcp-Method, and Mcp-Name on tools/call, resources/read and prompts/get. */
const standardHeaders: Scenario = (url) =>
  withClient(url, {}, async (client) => {
    const { tools } = await client.listTools();
    for (const tool of tools) await client.callTool({ name: tool.name, arguments: {} });
    const { resources } = await client.listResources();
    for (const resource of resources) await client.readResource({ uri: resource.uri });
    const { prompts } = await client.listPrompts();
    for (const prompt of prompts) await client.getPrompt({ name: prompt.name });
  });

/** The calls the referee lists in the context (x-mcp-header arguments become Mcp-Param-*). */
const customHeaders: Scenario = (url, context) =>
  withClient(url, {}, async (client) => {
    await client.listTools();
    const calls = Array.isArray(context.toolCalls) ? (context.toolCalls as JsonObject[]) : [];
    if (calls.length === 0) throw new Error("MCP_CONFORMANCE_CONTEXT has no toolCalls");
    for (const call of calls) {
      await client.callTool({ name: String(call.name), arguments: call.arguments as JsonObject });
    }
  });

/** The transport drops tools with invalid x-mcp-header annotations; call every tool that is left. */
const invalidToolHeaders: Scenario = (url) =>
  withClient(url, {}, async (client) => {
    const { tools } = await client.listTools();
    for (const tool of tools) {
      const properties = (tool.inputSchema as JsonObject).properties;
      const args = Object.fromEntries(
        Object.keys(typeof properties === "object" && properties !== null ? properties : {}).map((name) => [
          name,
          "conformance",
        ]),
      );
      await client.callTool({ name: tool.name, arguments: args });
    }
  });

/** List the tools; nothing may fetch the network `$ref` in their schemas. */
const refNoDeref: Scenario = (url) =>
  withClient(url, {}, async (client) => {
    await client.listTools();
  });

/** Echo json_schema_2020_12_tool's inputSchema, exactly as received, through json_schema_echo. */
const schemaPreservation: Scenario = (url) =>
  withClient(url, {}, async (client) => {
    const { tools } = await client.listTools();
    const focal = tools.find((tool) => tool.name === "json_schema_2020_12_tool");
    if (!focal) throw new Error("json_schema_2020_12_tool is not listed");
    await client.callTool({ name: "json_schema_echo", arguments: { schema: focal.inputSchema } });
  });

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  initialize,
  tools_call: toolsCall,
  "tools-call": toolsCall,
  "elicitation-sep1034-client-defaults": elicitationDefaults,
  "elicitation-defaults": elicitationDefaults,
  "sse-retry": sseRetry,
  "request-metadata": requestMetadata,
  "sep-2322-client-request-state": requestState,
  "http-standard-headers": standardHeaders,
  "http-custom-headers": customHeaders,
  "http-invalid-tool-headers": invalidToolHeaders,
  "json-schema-ref-no-deref": refNoDeref,
  "json-schema-2020-12-preservation": schemaPreservation,
};

/** The scenario's handler, or undefined for a name this client does not know. */
export function scenarioHandler(name: string): Scenario | undefined {
  return Object.hasOwn(SCENARIOS, name) ? SCENARIOS[name] : undefined;
}

async function main(): Promise<number> {
  const url = process.argv.at(-1);
  const name = process.env.MCP_CONFORMANCE_SCENARIO;
  if (!url || !/^https?:\/\//.test(url)) {
    console.error("usage: client.ts <server url> (the scenario in MCP_CONFORMANCE_SCENARIO)");
    return 2;
  }
  if (!name) {
    console.error("MCP_CONFORMANCE_SCENARIO is not set");
    return 2;
  }
  const handler = scenarioHandler(name);
  if (!handler) {
    console.error(`Unknown or unsupported scenario "${name}" (known: ${Object.keys(SCENARIOS).join(", ")})`);
    return 1;
  }
  const raw = process.env.MCP_CONFORMANCE_CONTEXT;
  const context = raw ? (JSON.parse(raw) as JsonObject) : {};
  await handler(url, context);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`scenario ${process.env.MCP_CONFORMANCE_SCENARIO} failed:`, error);
      process.exit(1);
    },
  );
}
