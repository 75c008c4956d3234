import { ErrorCode, McpError, isJsonObject } from "../../jsonrpc/index.js";
import type { JsonObject } from "../../jsonrpc/index.js";
import type { MaybePromise } from "../../util/maybe-promise.js";
import { stableJson } from "../../util/stable-json.js";
import type { RequestContext } from "../request-context.js";
import { InputRound } from "./input-round.js";
import type { RoundOutcome } from "./input-round.js";
import type { CollectedResponses, RequestStateSealer } from "./request-state.js";

/** How many answers one request may collect over all its rounds; a bound on state size and loops. */
const MAX_COLLECTED_RESPONSES = 32;

/** The answers of a first round: none (shared; a round only reads them). */
const NO_ANSWERS: CollectedResponses = Object.freeze({});

/** What a handler run produces: a result, or (2026-07-28) an `input_required` result to return as is. */
export type WithInput<T> =
  { readonly kind: "done"; readonly value: T } | { readonly kind: "input"; readonly result: JsonObject };

/**
 * Runs a 2026-07-28 tools/call, prompts/get or resources/read handler so that asking the client
 * for input works: answers come from the sealed requestState and this round's inputResponses; if
 * the handler asks for more, the run ends with an InputRequiredResult carrying a freshly sealed
 * state. (Legacy handlers run once and ask with real requests: see runHandler.) A first round
 * whose handler answers synchronously without asking is answered synchronously.
 */
export function runWithInput<T>(
  request: RequestContext,
  sealer: RequestStateSealer,
  run: (round: InputRound) => T | Promise<T>,
  onAbandon: () => void,
): MaybePromise<WithInput<T>> {
  const params = request.params;
  // The binding costs a canonical JSON of the arguments: made only when a state is opened or sealed.
  let binding: string | undefined;
  const bound = (): string => (binding ??= bindingOf(request));
  const finish = (outcome: RoundOutcome<T>): MaybePromise<WithInput<T>> => {
    if (outcome.kind === "done") return outcome;
    onAbandon();
    return sealer.seal(outcome.responses, bound()).then((requestState) => ({
      kind: "input",
      result: { resultType: "input_required", inputRequests: outcome.requests, requestState },
    }));
  };
  const play = (known: CollectedResponses): MaybePromise<RoundOutcome<T>> => {
    const round = new InputRound(known);
    return round.run(() => run(round));
  };
  const answered = typeof params?.requestState === "string" || isJsonObject(params?.inputResponses);
  if (!answered) {
    const outcome = play(NO_ANSWERS);
    return outcome instanceof Promise ? outcome.then(finish) : finish(outcome);
  }
  return collectAnswers(params, sealer, bound).then(play).then(finish);
}

/** The answers so far: the sealed state's, then this round's inputResponses, bounded in number. */
async function collectAnswers(
  params: JsonObject | undefined,
  sealer: RequestStateSealer,
  bound: () => string,
): Promise<CollectedResponses> {
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
  return known;
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
