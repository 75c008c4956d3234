import { get as httpGet } from "node:http";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FetchHandler } from "../../src/http/index.js";
import { SSE_HEADERS, deferred, encode, rawRequest, stub, within } from "./helpers.js";

/** A served endpoint: `url` is where the handler is mounted. */
export interface Mounted {
  url: string;
  close(): Promise<void>;
}

/** Serves `handler` through one adapter on 127.0.0.1, port 0, with `onError` passed to the adapter. */
export type Mount = (handler: FetchHandler, onError: (error: Error) => void) => Promise<Mounted>;

const MIB = 1 << 20;

/**
 * What every adapter must do the same way, over real sockets: bodies in (also streamed), repeated
 * headers both ways, SSE chunk by chunk, disconnects reaching the handler, and errors masked.
 */
export function adapterSuite(name: string, mount: Mount): void {
  describe(`${name}: the shared adapter contract`, { timeout: 3_000 }, () => {
    let mounted: Mounted | undefined;
    const onError = vi.fn<(error: Error) => void>();
    const serve = async (handler: FetchHandler): Promise<string> => {
      mounted = await mount(handler, onError);
      return mounted.url;
    };

    afterEach(async () => {
      await mounted?.close();
      mounted = undefined;
      onError.mockReset();
    });

    it("passes a POSTed JSON body intact, with method, URL and headers", async () => {
      const url = await serve(
        stub(async (request) =>
          Response.json({
            method: request.method,
            url: request.url,
            type: request.headers.get("content-type"),
            body: await request.json(),
          }),
        ),
      );
      const message = {
        jsonrpc: "2.0",
        id: 1,
        method: "tools/call",
        params: { name: "größe", arguments: { s: "✓" } },
      };
      const response = await fetch(`${url}?q=1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(message),
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        method: "POST",
        url: `${url}?q=1`,
        type: "application/json",
        body: message,
      });
    });

    it("streams a 2 MB body: the handler reads the first half before the client sends the second", async () => {
      const firstChunkSeen = deferred();
      const url = await serve(
        stub(async (request, extras) => {
          const reader = request.body!.getReader();
          const chunks: Uint8Array[] = [];
          for (let r = await reader.read(); !r.done; r = await reader.read()) {
            chunks.push(r.value);
            firstChunkSeen.resolve();
          }
          const text = Buffer.concat(chunks).toString("utf8");
          const { data } = JSON.parse(text) as { data: string };
          return Response.json({
            chunks: chunks.length,
            bytes: text.length,
            data,
            parsed: extras?.parsedBody,
          });
        }),
      );
      const head = '{"data":"';
      const first = head + "a".repeat(MIB - head.length);
      const second = "b".repeat(MIB - 2) + '"}';
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encode(first));
          await within(firstChunkSeen.promise, "the handler to see the first chunk");
          controller.enqueue(encode(second));
          controller.close();
        },
      });
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit);
      const result = (await response.json()) as {
        chunks: number;
        bytes: number;
        data: string;
        parsed?: unknown;
      };
      expect(result.bytes).toBe(2 * MIB);
      expect(result.data).toBe(first.slice(head.length) + second.slice(0, -2));
      expect(result.chunks).toBeGreaterThan(1);
      expect(result.parsed).toBeUndefined();
    });

    it("keeps repeated headers both ways: x-multi twice in, set-cookie twice out", async () => {
      const url = await serve(
        stub((request) => {
          const headers = new Headers({ "content-type": "application/json" });
          headers.append("set-cookie", "a=1; Path=/");
          headers.append("set-cookie", "b=2; Path=/; HttpOnly");
          return new Response(JSON.stringify({ multi: request.headers.get("x-multi") }), { headers });
        }),
      );
      const response = await rawRequest(url, { headers: { "x-multi": ["one", "two"] } });
      expect(JSON.parse(response.body)).toEqual({ multi: "one, two" });
      expect(response.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    });

    it("streams an SSE response chunk by chunk: event 1 arrives before the handler sends event 2", async () => {
      const clientGotFirst = deferred();
      const url = await serve(
        stub(
          () =>
            new Response(
              new ReadableStream<Uint8Array>({
                async start(controller) {
                  controller.enqueue(encode("event: message\ndata: 1\n\n"));
                  await within(clientGotFirst.promise, "the client to read event 1");
                  controller.enqueue(encode("event: message\ndata: 2\n\n"));
                  controller.close();
                },
              }),
              { headers: SSE_HEADERS },
            ),
        ),
      );
      const response = await fetch(url, { headers: { accept: "text/event-stream" } });
      expect(response.headers.get("content-type")).toBe("text/event-stream");
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = "";
      for (let r = await reader.read(); !r.done; r = await reader.read()) {
        text += r.value;
        if (text.includes("data: 1\n\n")) clientGotFirst.resolve();
      }
      expect(text).toBe("event: message\ndata: 1\n\nevent: message\ndata: 2\n\n");
    });

    it("aborts request.signal and cancels the response body when the client leaves mid-SSE", async () => {
      const aborted = deferred();
      const cancelled = deferred<unknown>();
      const url = await serve(
        stub((request) => {
          request.signal.addEventListener("abort", () => aborted.resolve());
          const body = new ReadableStream<Uint8Array>({
            start: (controller) => controller.enqueue(encode("data: 1\n\n")),
            cancel: (reason) => cancelled.resolve(reason),
          });
          return new Response(body, { headers: SSE_HEADERS });
        }),
      );
      await new Promise<void>((resolve, reject) => {
        httpGet(url, { agent: false }, (res) => {
          res.once("data", () => {
            res.destroy();
            resolve();
          });
        }).on("error", reject);
      });
      await within(aborted.promise, "request.signal to abort");
      await within(cancelled.promise, "the response body to be cancelled");
      expect(onError).not.toHaveBeenCalled();
    });

    it("answers a throwing handler with a generic 500 and reports the error", async () => {
      const url = await serve(
        stub(() => {
          throw new Error("secret detail at /srv/app.js:12");
        }),
      );
      const response = await fetch(url, { method: "POST", body: "{}" });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(response.headers.get("content-type")).toBe("application/json");
      expect(JSON.parse(text)).toEqual({
        jsonrpc: "2.0",
        error: { code: -32603, message: "Internal error" },
        id: null,
      });
      expect(text).not.toContain("secret");
      expect(onError).toHaveBeenCalledWith(
        expect.objectContaining({ message: "secret detail at /srv/app.js:12" }),
      );
    });
  });
}
