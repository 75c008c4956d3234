import { Agent, request } from "node:http";
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

/** One HTTP answer, body read whole. */
export interface HttpReply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * POSTs to one origin over keep-alive connections (node:http, the cheapest client in Node, and the
 * same for every server measured).
 */
export class HttpPoster {
  readonly #agent: Agent;
  readonly #host: string;
  readonly #port: number;

  constructor(port: number, connections: number) {
    this.#agent = new Agent({ keepAlive: true, maxSockets: connections });
    this.#host = "127.0.0.1";
    this.#port = port;
  }

  post(path: string, headers: OutgoingHttpHeaders, body: string): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.#agent,
          host: this.#host,
          port: this.#port,
          path,
          method: "POST",
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
