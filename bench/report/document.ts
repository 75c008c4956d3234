import type { BenchRun } from "../run.js";
import type { Section } from "../results.js";
import { formatRatio } from "./format.js";
import { SECTION_TITLES, sectionTable, targetsTable } from "./tables.js";
import { ratioOf } from "./targets.js";

const SECTIONS: readonly Section[] = ["throughput", "latency", "cost"];

/** The console report: the targets, then every workload. */
export function consoleReport(run: BenchRun): string {
  const parts = [
    `Targets (issue 6), medians of ${run.config.rounds} interleaved round(s):`,
    targetsTable(run.verdicts),
    summary(run),
    ...SECTIONS.flatMap((section) => ["", `${SECTION_TITLES[section]}:`, sectionTable(run.rows, section)]),
    "",
    `Machine: ${machineLine(run)}. Run took ${Math.round(run.seconds)} s.`,
  ];
  if (run.errors.length > 0) parts.push("", "Failed cells:", ...run.errors.map((error) => `- ${error}`));
  return parts.join("\n");
}

/** docs/performance.md: the latest table, the chart, the machine and how to reproduce it. */
export function markdownReport(run: BenchRun, chartFile: string, date: string): string {
  return `# Performance

mcpkit is measured side by side with the official TypeScript SDK (\`@modelcontextprotocol/sdk\`
1.32.2 and \`@modelcontextprotocol/server\`/\`client\` 2.4.0) and a minimal hand-written JSON-RPC
server, the ceiling no SDK can beat while staying correct. Every number below is a median of
${run.config.rounds} interleaved rounds of one run on one machine; read the ratios, not the
absolute numbers, which only hold for that machine.

This page is written by \`npm run bench\` (latest run: ${date}).

![mcpkit's ratios against the official SDK 2.4.0 and the raw server, with the targets](${chartFile})

## Targets

"mcpkit ÷ against" divides the medians and decides the result. "Side by side" divides the samples
taken at the same time (the same cell of a round, or adjacent cold starts) one by one, and shows
the lowest and the highest: how far one round can land from the median on this machine.

${targetsTable(run.verdicts)}

${summary(run)}${zodColdStartNote(run)}

## Every workload

${SECTIONS.map((section) => `### ${SECTION_TITLES[section]}\n\n${sectionTable(run.rows, section)}`).join("\n\n")}

## Machine

${machineLine(run)}; the whole run took ${Math.round(run.seconds)} s.${busyNote(run)}

## Reproduce

\`\`\`sh
npm install
npm run bench                              # builds dist/, runs everything (~15 minutes), rewrites this page and the chart
npm run bench -- --smoke                   # seconds: every workload with tiny counts, report in a temp dir
npm run bench -- --only stdio-legacy,http  # some workloads only (report written only with --out)
npm run bench:profile -- stdio             # CPU profile of the mcpkit server under pipelined stdio load
\`\`\`

Workload ids: \`stdio-legacy\`, \`stdio-modern\`, \`in-memory\`, \`http\`, \`sessions\`, \`cold-legacy\`,
\`cold-modern\`, \`tools\`, \`client-legacy\`, \`client-modern\`. \`test/bench/smoke.test.ts\` runs the
smoke run inside \`npm test\`, so the harness cannot rot; it checks that every target row is measured,
never how fast anything is.

## How it measures

- **Same work everywhere.** Each server registers the same \`echo\` tool (\`{ text: string }\` in,
  that text out), a \`blob\` tool (a text result of the requested size) and, for the tools
  workloads, 1,000 more tools, with the same zod 4 schemas for all three SDKs (the raw server
  writes JSON Schema by hand). Every answer is checked; an error never counts as a fast answer.
- **As users run them.** Servers are separate \`node\` processes of plain JavaScript (bench/ is
  compiled first), importing each package through its exports: mcpkit from its built \`dist/\`.
  Each is wired as its README shows: mcpkit \`McpServer.run()\`, \`createMcpHandler\` and
  \`mcpkit/node\` \`handle()\`; 1.32.2 \`StdioServerTransport\` and \`StreamableHTTPServerTransport\`
  on \`node:http\` (stateful: a server and transport per session; stateless: per request); 2.4.0
  \`serveStdio\`, \`createMcpHandler\` for 2026-07-28 and \`WebStandardStreamableHTTPServerTransport\`
  for legacy (per session or per request, which is what \`createMcpHandler\`'s legacy leg does),
  through \`@hono/node-server\` as the official Node adapter does.
- **A load generator that favours no SDK.** It speaks raw JSON-RPC: newline-delimited over the
  server's stdin/stdout with N requests in flight, or bare HTTP/1.1 keep-alive connections (one
  per client, one request in flight each; legacy clients initialize and keep their own
  \`Mcp-Session-Id\`; 2026-07-28 clients send \`_meta\` and \`MCP-Protocol-Version\`/\`Mcp-Method\`/\`Mcp-Name\`
  on every request). It is cheap enough that the raw server, not the generator, is the bottleneck.
- **Server warm-up.** Every stdio and HTTP server first takes ${run.config.serverWarmupMs} ms of pipelined
  calls (in each HTTP mode it serves) that are not counted, so each is measured with its hot code
  compiled by the JIT: more code needs more calls, and a short warm-up measures the JIT, not the SDK.
- **Cells.** Each throughput cell warms up for ${run.config.warmupMs} ms, then counts for
  ${run.config.measureMs} ms; p50/p99 are over the requests of that window. All servers of a
  workload run side by side for the round and each cell visits every implementation before the
  next cell starts, in an order rotated each round.
- **"Server default replies (SSE)"** leaves the reply format to each server: 1.32.2 and 2.4.0
  stream every reply as SSE, mcpkit answers with JSON when nothing precedes the result (both are
  allowed; a client must accept either). "JSON replies" sets \`jsonResponse\` /
  \`enableJsonResponse\` everywhere.
- **Memory per idle session**: a fresh HTTP server (\`--expose-gc\`) gets 50 warm-up sessions, then
  ${run.config.sessions.toLocaleString("en")} more in four steps (initialize + initialized, nothing after);
  \`heapUsed\` is read after full collections before and after each step, and the least-squares
  slope of heap over sessions is the cost of one session.
- **Cold start**: from spawning the server process to the answer of its first tools/call (legacy:
  after initialize); ${run.config.coldStarts} starts per implementation and era in each round, taking
  turns (one start of each implementation before the next of any), and the median of all of them.
- **Tools**: registration is timed inside the server process at start-up (schemas built before
  the clock starts); tools/list is timed over stdio (the first call, then the median).
- **In memory**: each SDK's own in-memory transport pair, driven with raw JSON-RPC objects.
- **Client side**: each SDK's \`Client\` (and a raw client, the floor) calls \`echo\` sequentially
  against the raw stdio server in another process; \`process.cpuUsage()\` of the client process
  per call.
`;
}

function summary(run: BenchRun): string {
  const missed = run.verdicts.filter((verdict) => !verdict.pass);
  return missed.length === 0
    ? `All ${run.verdicts.length} targets met.`
    : `${run.verdicts.length - missed.length} of ${run.verdicts.length} targets met.`;
}

/**
 * Why cold start with zod schemas has no target: the user's zod import is in every SDK's start,
 * and Node's start plus that import exceed half of 2.4.0's start before any SDK code runs.
 */
function zodColdStartNote(run: BenchRun): string {
  const ratios = ["cold.legacy", "cold.modern"]
    .map((key) =>
      ratioOf(
        run.rows.find((row) => row.metric.key === key),
        "v2",
      ),
    )
    .filter((ratio) => Number.isFinite(ratio))
    .map((ratio) => formatRatio(ratio));
  if (ratios.length === 0) return "";
  return (
    "\n\nCold start is judged with plain JSON Schema tools. With zod schemas mcpkit starts in " +
    `${ratios.join(" and ")} of 2.4.0's time (rows below); half is out of reach for any SDK there, ` +
    'because Node\'s own start (about 90 ms here) plus `import("zod")` (60-110 ms) already take ' +
    "about half of 2.4.0's whole start, before any SDK code runs."
  );
}

/** A warning when other work shared the machine (the servers and the load generator want a core each). */
function busyNote(run: BenchRun): string {
  if (Math.max(run.load.start, run.load.end) <= run.machine.cores / 2) return "";
  return (
    "\n\nOther processes were using this machine during the run (see the load average). Cells are " +
    "interleaved so such bursts hit every implementation alike, but a single cell can be off by tens " +
    "of percent; compare runs before trusting a small difference."
  );
}

function machineLine(run: BenchRun): string {
  const { cpu, cores, memoryGb, node, platform } = run.machine;
  const load = `load average ${run.load.start.toFixed(1)} at the start, ${run.load.end.toFixed(1)} at the end`;
  return `${cpu}, ${cores} cores, ${memoryGb} GB, Node ${node}, ${platform}; ${load}; mcpkit at ${run.source}`;
}
