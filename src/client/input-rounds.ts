import { SdkError, SdkErrorCode, isJsonObject } from "../jsonrpc/index.js";
import type { JsonObject } from "../jsonrpc/index.js";

/** Methods whose 2026-07-28 results may be `input_required`. */
export const INPUT_METHODS: ReadonlySet<string> = new Set(["tools/call", "prompts/get", "resources/read"]);

/** Answers one embedded input request (elicitation/create, sampling/createMessage, roots/list). */
export type InputAnswerer = (method: string, params: JsonObject | undefined) => Promise<JsonObject>;

/**
 * Drives a 2026-07-28 multi round-trip request: while the server answers `input_required`, answer
 * every embedded request through the client's handlers and retry (a new request id, the original
 * params, `inputResponses` under the same keys, `requestState` echoed byte for byte).
 */
export async function withInputRounds(
  params: JsonObject | undefined,
  send: (params: JsonObject | undefined) => Promise<JsonObject>,
  answer: InputAnswerer,
  maxRounds: number,
): Promise<JsonObject> {
  let current = params;
  for (let round = 0; ; round++) {
    const result = await send(current);
    if (result.resultType !== "input_required") return result;
    if (round >= maxRounds) {
      throw new SdkError(
        SdkErrorCode.Protocol,
        `The server still needs input after ${maxRounds} rounds; giving up`,
      );
    }
    const requests = isJsonObject(result.inputRequests) ? result.inputRequests : {};
    const inputResponses: JsonObject = {};
    await Promise.all(
      Object.entries(requests).map(async ([key, request]) => {
        if (!isJsonObject(request) || typeof request.method !== "string") {
          throw new SdkError(SdkErrorCode.Protocol, `Malformed input request "${key}"`);
        }
        inputResponses[key] = await answer(
          request.method,
          isJsonObject(request.params) ? request.params : undefined,
        );
      }),
    );
    current = { ...params, inputResponses };
    if (typeof result.requestState === "string") current.requestState = result.requestState;
  }
}
