/**
 * Tools: actions the model can take. `calculate_bmi` computes (with a structured result);
 * `fetch_weather` calls a web API with the global fetch.
 *
 * Run: npx tsx examples/tools.ts   (WEATHER_API_URL overrides the default https://wttr.in)
 */
import { pathToFileURL } from "node:url";
import { McpServer, ToolError } from "mcpkit";
import { z } from "zod";

export interface ToolServerOptions {
  /** Base URL of a wttr.in-compatible weather API: GET `<base>/<city>?format=3` answers in plain text. */
  readonly weatherApiUrl?: string;
}

export function createToolServer(options: ToolServerOptions = {}): McpServer {
  const weatherApiUrl = options.weatherApiUrl ?? process.env.WEATHER_API_URL ?? "https://wttr.in";
  const mcp = new McpServer({ name: "My App", version: "1.0.0" });

  // Positive inputs are checked before the handler runs; a bad call becomes an error the model reads.
  mcp.tool(
    "calculate_bmi",
    {
      description: "Calculate BMI given weight in kg and height in meters",
      input: z.object({ weight_kg: z.number().positive(), height_m: z.number().positive() }),
      output: z.number(),
    },
    ({ weight_kg, height_m }) => weight_kg / height_m ** 2,
  );

  mcp.tool(
    "fetch_weather",
    { description: "Fetch current weather for a city", input: z.object({ city: z.string().min(1) }) },
    async ({ city }, ctx) => {
      const url = new URL(`${encodeURIComponent(city)}?format=3`, withSlash(weatherApiUrl));
      // Stop when the client cancels, and never hang on a slow API.
      const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(10_000)]);
      const response = await fetch(url, { signal });
      if (!response.ok) throw new ToolError(`The weather service answered ${response.status} for ${city}`);
      return (await response.text()).trim();
    },
  );

  return mcp;
}

/** `new URL("x", base)` replaces the last path segment of a base without a trailing slash. */
function withSlash(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await createToolServer().run();
