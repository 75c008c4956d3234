import { SdkError, SdkErrorCode, findCause } from "../../jsonrpc/index.js";

/** What an HTTP error answer said, for callers that handle auth (401/403) or outages (5xx). */
export interface HttpStatusDetails {
  readonly status: number;
  readonly statusText: string;
  /** The `WWW-Authenticate` challenge of a 401 or 403 (RFC 9728 `resource_metadata`, scopes). */
  readonly wwwAuthenticate: string | undefined;
  /** The start of the response body (at most 64 KiB), for diagnostics. */
  readonly body: string;
}

/**
 * An HTTP answer that is not an MCP message (401/403, 5xx, an unexpected 4xx): an SdkError with
 * code "transport" that carries the status. The Client wraps send failures, so look it up through
 * the cause chain with {@link httpStatusOf}.
 *
 * @example
 * try { await client.connect(transport); }
 * catch (error) { if (httpStatusOf(error)?.status === 401) await authorize(httpStatusOf(error)?.wwwAuthenticate); }
 */
export class HttpStatusError extends SdkError {
  readonly status: number;
  readonly statusText: string;
  readonly wwwAuthenticate: string | undefined;
  readonly body: string;

  /**
   * `what` names the request ("POST tools/call"); `hint` replaces the body excerpt in the message;
   * `code` is "transport" unless the status means more (an expired session).
   */
  constructor(
    what: string,
    details: HttpStatusDetails,
    hint?: string,
    code: SdkErrorCode = SdkErrorCode.Transport,
  ) {
    const detail = hint ?? details.body.slice(0, 200);
    const status = `${details.status} ${details.statusText}`.trim();
    super(code, `${what} failed with HTTP ${status}${detail === "" ? "" : `: ${detail}`}`);
    this.status = details.status;
    this.statusText = details.statusText;
    this.wwwAuthenticate = details.wwwAuthenticate;
    this.body = details.body;
  }
}

/**
 * The HTTP status behind an error, found along its `cause` chain (the Client reports a failed
 * send as SdkError("transport") caused by the transport's HttpStatusError).
 *
 * @example
 * const status = httpStatusOf(error)?.status; // 401, 403, 503, ...
 */
export function httpStatusOf(error: unknown): HttpStatusError | undefined {
  return findCause(error, (cause): cause is HttpStatusError => cause instanceof HttpStatusError);
}

const MAX_ERROR_BODY = 64 * 1024;

/** Reads at most 64 KiB of an error answer's body and releases the rest. Never throws. */
export async function errorDetails(response: Response): Promise<HttpStatusDetails> {
  let body = "";
  const reader = response.body?.getReader();
  if (reader) {
    const decoder = new TextDecoder();
    try {
      while (body.length < MAX_ERROR_BODY) {
        const { done, value } = await reader.read();
        if (done) break;
        body += decoder.decode(value, { stream: true });
      }
    } catch {
      // A body that breaks off still leaves the status to report.
    } finally {
      reader.cancel().catch(() => undefined);
    }
  }
  return {
    status: response.status,
    statusText: response.statusText,
    wwwAuthenticate: response.headers.get("www-authenticate") ?? undefined,
    body: body.slice(0, MAX_ERROR_BODY).trim(),
  };
}
