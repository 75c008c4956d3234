import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "mcpkit/testing";
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { createToolServer } from "../../examples/tools.js";

/* A local stand-in for the weather API (no internet here): it records what it was asked. */
const requests: string[] = [];
const hungUp: string[] = [];
const stub = createServer((request, response) => {
  requests.push(request.url ?? "");
  const url = new URL(request.url ?? "/", "http://stub");
  const city = decodeURIComponent(url.pathname.slice("/weather/".length));
  if (city === "Slowtown") {
    // Never answers; the test waits for the tool to hang up.
    response.on("close", () => hungUp.push(city));
    return;
  }
  if (city === "Atlantis") {
    response.writeHead(404).end("Unknown location");
    return;
  }
  response.writeHead(200, { "content-type": "text/plain" }).end(`${city}: ☀️ +21°C\n`);
});
let weatherApiUrl = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  weatherApiUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/weather`;
});
afterAll(async () => {
  stub.closeAllConnections();
  await new Promise((resolve) => stub.close(resolve));
});

describe.each(["modern", "legacy"] as const)("examples/tools.ts (%s)", (era) => {
  it("lists calculate_bmi with its output schema and fetch_weather", async () => {
    await using client = await connect(createToolServer({ weatherApiUrl }), { era });
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(["calculate_bmi", "fetch_weather"]);
    expect(tools[0]?.outputSchema).toMatchObject({
      type: "object",
      properties: { result: { type: "number" } },
      required: ["result"],
    });
  });

  it("calculates a BMI, as text and structured", async () => {
    await using client = await connect(createToolServer({ weatherApiUrl }), { era });
    const result = await client.callTool({
      name: "calculate_bmi",
      arguments: { weight_kg: 70, height_m: 1.75 },
    });
    expect(result.content).toEqual([{ type: "text", text: "22.857142857142858" }]);
    expect(result.structuredContent).toEqual({ result: 70 / 1.75 ** 2 });
  });

  it("refuses a height of zero before dividing by it", async () => {
    await using client = await connect(createToolServer({ weatherApiUrl }), { era });
    const result = await client.callTool({
      name: "calculate_bmi",
      arguments: { weight_kg: 70, height_m: 0 },
    });
    expect(result.isError).toBe(true);
    expect(result.content).toEqual([
      {
        type: "text",
        text: 'Invalid arguments for tool "calculate_bmi": height_m: Too small: expected number to be >0',
      },
    ]);
  });

  it("fetches the weather from the configured API", async () => {
    await using client = await connect(createToolServer({ weatherApiUrl }), { era });
    requests.length = 0;
    const result = await client.callTool({ name: "fetch_weather", arguments: { city: "New York" } });
    expect(result).toMatchObject({ content: [{ type: "text", text: "New York: ☀️ +21°C" }] });
    expect(result.isError).toBeUndefined();
    expect(requests).toEqual(["/weather/New%20York?format=3"]);
  });

  it("reports an HTTP error of the API as a tool error", async () => {
    await using client = await connect(createToolServer({ weatherApiUrl }), { era });
    const result = await client.callTool({ name: "fetch_weather", arguments: { city: "Atlantis" } });
    expect(result).toMatchObject({
      isError: true,
      content: [{ type: "text", text: "The weather service answered 404 for Atlantis" }],
    });
  });

  it("aborts the API request when the client cancels the call", async () => {
    await using client = await connect(createToolServer({ weatherApiUrl }), { era });
    hungUp.length = 0;
    // A cancelled call is not an unexpected error: nothing may be logged for it (regression).
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    onTestFinished(() => logged.mockRestore());
    const call = client.callTool(
      { name: "fetch_weather", arguments: { city: "Slowtown" } },
      { signal: AbortSignal.timeout(200) },
    );
    await expect(call).rejects.toThrow();
    await expect.poll(() => hungUp, { timeout: 2000 }).toEqual(["Slowtown"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(logged).not.toHaveBeenCalled();
  });
});

it("takes the API's base URL from WEATHER_API_URL when no option is given", async () => {
  const saved = process.env.WEATHER_API_URL;
  process.env.WEATHER_API_URL = `${weatherApiUrl}/`;
  try {
    await using client = await connect(createToolServer());
    const result = await client.callTool({ name: "fetch_weather", arguments: { city: "Oslo" } });
    expect(result.content).toEqual([{ type: "text", text: "Oslo: ☀️ +21°C" }]);
  } finally {
    if (saved === undefined) delete process.env.WEATHER_API_URL;
    else process.env.WEATHER_API_URL = saved;
  }
});
