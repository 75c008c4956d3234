import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audio, file, image } from "../../../src/server/content/index.js";
import { PNG, UNKNOWN, wav } from "../../fixtures/content/samples.js";

type Route = (request: IncomingMessage, response: ServerResponse) => void;

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
const hits = new Map<string, number>();
/** Set when the client hangs up before /endless finished: proof that the cap cut the stream short. */
let endlessClosedEarly: Promise<boolean> = Promise.resolve(false);

const send =
  (body: Uint8Array | string, headers: Record<string, string> = {}, status = 200): Route =>
  (_, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };

const ROUTES: Record<string, Route> = {
  "/pixel.png": send(PNG, { "content-type": "image/png" }),
  "/tone": send(wav(), { "content-type": "application/octet-stream" }),
  "/render": send(UNKNOWN, { "content-type": "image/x-test; charset=binary" }),
  "/photo.webp": send(UNKNOWN, { "content-type": "image/gif" }),
  "/wrong.jpg": send(PNG, { "content-type": "image/gif" }),
  "/octet": send(UNKNOWN, { "content-type": "application/octet-stream" }),
  "/files/q3%20report.csv": send("q,total\n3,42\n", { "content-type": "text/csv; charset=utf-8" }),
  "/missing.png": send("nope", { "content-type": "text/plain" }, 404),
  "/broken": send("oops", {}, 503),
  "/declared-huge": (_, response) => {
    response.writeHead(200, { "content-type": "image/png", "content-length": String(50 * 1024 * 1024) });
    response.write(PNG);
  },
  "/endless": (request, response) => {
    response.writeHead(200, { "content-type": "image/png" });
    const chunk = new Uint8Array(16 * 1024);
    let sent = 0;
    endlessClosedEarly = new Promise((resolve) => response.on("close", () => resolve(sent < 64)));
    const pump = (): void => {
      while (sent < 64 && response.write(chunk)) sent++;
      if (sent >= 64) response.end();
      else response.once("drain", pump);
    };
    request.on("close", () => response.destroy());
    pump();
  },
  "/slow-headers": () => undefined,
  "/slow-body": (_, response) => {
    response.writeHead(200, { "content-type": "image/png" });
    response.write(PNG.subarray(0, 8));
  },
};

const server = createServer((request, response) => {
  const path = (request.url ?? "/").split("?")[0]!;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  (ROUTES[path] ?? send("not found", {}, 404))(request, response);
});
let base = "";
const at = (path: string): string => `${base}${path}`;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("binary content from a URL", { timeout: 5000 }, () => {
  it("fetches only on resolve, and again on every resolve", async () => {
    const descriptor = image({ url: at("/pixel.png?v=1") });
    expect(hits.get("/pixel.png") ?? 0).toBe(0);
    expect(await descriptor.resolve()).toEqual({ type: "image", data: b64(PNG), mimeType: "image/png" });
    await descriptor.resolve();
    expect(hits.get("/pixel.png")).toBe(2);
  });

  it("takes a URL object", async () => {
    expect(await image({ url: new URL(at("/pixel.png")) }).resolve()).toMatchObject({
      mimeType: "image/png",
    });
  });

  it("uses the Content-Type when neither bytes nor name tell, without its parameters", async () => {
    expect(await image({ url: at("/render") }).resolve()).toMatchObject({ mimeType: "image/x-test" });
  });

  it("prefers the sniffed type, then the extension, over the Content-Type", async () => {
    expect(await image({ url: at("/wrong.jpg") }).resolve()).toMatchObject({ mimeType: "image/png" });
    expect(await image({ url: at("/photo.webp") }).resolve()).toMatchObject({ mimeType: "image/webp" });
    expect(await audio({ url: at("/tone") }).resolve()).toMatchObject({ mimeType: "audio/wav" });
  });

  it("ignores a generic Content-Type", async () => {
    await expect(image({ url: at("/octet") }).resolve()).rejects.toThrow(
      /image\(\): cannot tell the MIME type/,
    );
    expect(await file({ url: at("/octet") }).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///octet", mimeType: "application/octet-stream", blob: b64(UNKNOWN) },
    });
  });

  it("names a file after the URL's decoded last segment and sends text as text", async () => {
    expect(await file({ url: at("/files/q3%20report.csv?token=secret") }).resolve()).toEqual({
      type: "resource",
      resource: { uri: "file:///q3%20report.csv", mimeType: "text/csv", text: "q,total\n3,42\n" },
    });
  });

  it("reads a data: URL", async () => {
    const block = await image({ url: `data:image/png;base64,${b64(PNG)}` }).resolve();
    expect(block).toEqual({ type: "image", data: b64(PNG), mimeType: "image/png" });
    const text = await file({ url: "data:text/plain,hello" }).resolve();
    expect(text.resource).toEqual({ uri: "file:///resource", mimeType: "text/plain", text: "hello" });
  });

  it("fails on a non-2xx answer, without the query string in the message", async () => {
    const failure = image({ url: at("/missing.png?token=secret") }).resolve();
    await expect(failure).rejects.toThrow(
      `image(): fetching ${at("/missing.png")} failed with HTTP 404 Not Found`,
    );
    await expect(failure).rejects.not.toThrow(/secret/);
    await expect(file({ url: at("/broken") }).resolve()).rejects.toThrow(/HTTP 503 Service Unavailable/);
  });

  it("fails when the connection is refused", async () => {
    await expect(image({ url: "http://127.0.0.1:1/x.png" }).resolve()).rejects.toThrow(
      "image(): fetching http://127.0.0.1:1/x.png failed: fetch failed",
    );
  });

  it("refuses a declared Content-Length over maxBytes before reading the body", async () => {
    await expect(image({ url: at("/declared-huge") }).resolve()).rejects.toThrow(
      `image(): ${at("/declared-huge")} is larger than the 20971520-byte limit (maxBytes)`,
    );
  });

  it("cuts off a body that passes maxBytes while it streams", async () => {
    const started = performance.now();
    await expect(image({ url: at("/endless") }, { maxBytes: 100_000 }).resolve()).rejects.toThrow(
      /is larger than the 100000-byte limit/,
    );
    expect(await endlessClosedEarly).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("times out waiting for headers, and for the body", async () => {
    await expect(image({ url: at("/slow-headers") }, { timeoutMs: 150 }).resolve()).rejects.toThrow(
      `image(): fetching ${at("/slow-headers")} timed out after 150 ms`,
    );
    await expect(image({ url: at("/slow-body") }, { timeoutMs: 150 }).resolve()).rejects.toThrow(
      /timed out after 150 ms/,
    );
  });

  it("stops when the caller's signal aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    const pending = image({ url: at("/slow-headers") }).resolve({ signal: controller.signal });
    const reason = new Error("tool call cancelled");
    setTimeout(() => controller.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);
  });
});
