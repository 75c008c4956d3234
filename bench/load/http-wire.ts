import { connect } from "node:net";
import type { Socket } from "node:net";

/** One HTTP answer, body read whole. Header names are lower case. */
export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

type Pending = { resolve: (reply: HttpReply) => void; reject: (error: Error) => void };

const HEADER_END = Buffer.from("\r\n\r\n");

/**
 * A bare HTTP/1.1 keep-alive connection for the load generator: requests are written as one
 * pre-built string, responses parsed just enough (status, headers, Content-Length or chunked
 * body). node:http's client cost ~130 µs per request here, which capped the raw server; this
 * costs a fraction of that, so the servers, not the generator, set the pace. One request at a
 * time per connection, as a closed-loop client needs.
 */
export class HttpConnection {
  readonly #port: number;
  #socket: Socket | undefined;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: Pending | undefined;

  constructor(port: number) {
    this.#port = port;
  }

  /** POSTs `body` with `headerBlock` (complete "Name: value\r\n" lines) and resolves with the reply. */
  post(path: string, headerBlock: string, body: string): Promise<HttpReply> {
    if (this.#pending) return Promise.reject(new Error("One request at a time per connection"));
    const socket = (this.#socket ??= this.#open());
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${this.#port}\r\n${headerBlock}` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #open(): Socket {
    const socket = connect({ host: "127.0.0.1", port: this.#port, noDelay: true });
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    const fail = (error: Error): void => {
      if (this.#socket === socket) this.#socket = undefined;
      this.#buffer = Buffer.alloc(0);
      const pending = this.#pending;
      this.#pending = undefined;
      pending?.reject(error);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("The server closed the connection")));
    return socket;
  }

  #parse(): void {
    const headerEnd = this.#buffer.indexOf(HEADER_END);
    if (headerEnd === -1 || !this.#pending) return;
    const lines = this.#buffer.toString("latin1", 0, headerEnd).split("\r\n");
    const status = Number(lines[0]?.split(" ")[1]);
    const headers: Record<string, string> = {};
    for (let index = 1; index < lines.length; index++) {
      const line = lines[index] ?? "";
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const start = headerEnd + 4;
    const body =
      headers["transfer-encoding"] === "chunked"
        ? dechunk(this.#buffer, start)
        : fixed(this.#buffer, start, Number(headers["content-length"] ?? 0));
    if (!body) return; // wait for more bytes
    this.#buffer = this.#buffer.subarray(body.end);
    const pending = this.#pending;
    this.#pending = undefined;
    if (headers.connection === "close") this.close();
    pending.resolve({ status, headers, body: body.text });
  }
}

function fixed(buffer: Buffer, start: number, length: number): { text: string; end: number } | undefined {
  if (buffer.length < start + length) return undefined;
  return { text: buffer.toString("utf8", start, start + length), end: start + length };
}

/** A complete chunked body starting at `start`, or undefined until all of it has arrived. */
function dechunk(buffer: Buffer, start: number): { text: string; end: number } | undefined {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", at);
    if (lineEnd === -1) return undefined;
    const size = parseInt(buffer.toString("latin1", at, lineEnd), 16);
    if (size === 0) {
      // The last chunk, (no trailers) and the final CRLF.
      if (buffer.length < lineEnd + 4) return undefined;
      return { text: Buffer.concat(parts).toString("utf8"), end: lineEnd + 4 };
    }
    const dataEnd = lineEnd + 2 + size;
    if (buffer.length < dataEnd + 2) return undefined;
    parts.push(buffer.subarray(lineEnd + 2, dataEnd));
    at = dataEnd + 2;
  }
}
