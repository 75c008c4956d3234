import { ErrorCode, McpError, isJsonObject } from "../../jsonrpc/index.js";
import type { JsonObject } from "../../jsonrpc/index.js";
import { stableJson } from "../../util/stable-json.js";
import type { RequestContext } from "../request-context.js";
import { InputRound } from "./input-round.js";
import type { RequestStateSealer } from "./request-state.js";

/** How many answers one request may collect over all its rounds; a bound on state size and loops. */
const MAX_COLLECTED_RESPONSES = 32;

/** What a handler run produces: a result, or (2026-07-28) an `input_required` result to return as is. */
export type WithInput<T> =
  { readonly kind: "done"; readonly value: T } | { readonly kind: "input"; readonly result: JsonObject };

/**
 * Runs a tools/call, prompts/get or resources/read handler so that asking the client for input
 * works in both eras. Legacy: the handler runs once (asks are real requests). Modern: answers
 * come from the sealed requestState and this round's inputResponses; if the handler asks for
 * more, the run ends with an InputRequiredResult carrying a freshly sealed state.
 */
export async function runWithInput<T>(
  request: RequestContext,
  sealer: RequestStateSealer,
  run: (round: InputRound | undefined) => Promise<T>,
  onAbandon: () => void,
): Promise<WithInput<T>> {
  if (request.era === "legacy") return { kind: "done", value: await run(undefined) };
  const params = request.params;
  // The binding costs a canonical JSON of the arguments: made only when a state is opened or sealed.
  let binding: string | undefined;
  const bound = (): string => (binding ??= bindingOf(request));
  const known: Record<string, unknown> = {};
  if (typeof params?.requestState === "string")
    Object.assign(known, await sealer.open(params.requestState, bound()));
  if (isJsonObject(params?.inputResponses)) Object.assign(known, params.inputResponses);
  if (Object.keys(known).length > MAX_COLLECTED_RESPONSES) {
    throw new McpError(
      ErrorCode.InvalidParams,
      `Too many input rounds (more than ${MAX_COLLECTED_RESPONSES} answers)`,
    );
  }
  const round = new InputRound(known);
  const outcome = await round.run(() => run(round));
  if (outcome.kind === "done") return outcome;
  onAbandon();
  const requestState = await sealer.seal(outcome.responses, bound());
  return {
    kind: "input",
    result: { resultType: "input_required", inputRequests: outcome.requests, requestState },
  };
}

/** What a sealed state is bound to: the method, its arguments (minus the round bookkeeping) and the principal. */
function bindingOf(request: RequestContext): string {
  const {
    _meta: _ignoredMeta,
    requestState: _state,
    inputResponses: _responses,
    ...stable
  } = request.params ?? {};
  const principal = request.authInfo?.subject ?? request.authInfo?.clientId ?? null;
  return stableJson([request.method, stable, principal]);
}
