import { ErrorCode, McpError } from "../../jsonrpc/index.js";
import type { JsonObject } from "../../jsonrpc/index.js";
import { resourceNotFound } from "../../protocol/index.js";
import type { Spec2025_11_25 } from "../../spec/index.js";
import type { Context } from "../context.js";
import { runHandler } from "../run-handler.js";
import type { McpDeps } from "../mcp-deps.js";
import { listPage } from "../pagination.js";
import type { RequestContext } from "../request-context.js";
import { withCacheHint } from "../cache-hints.js";
import type { CacheHint } from "../cache-hints.js";
import { toResourceContents } from "./resource-contents.js";

type Resource = Spec2025_11_25.Resource;
type ResourceContents = Spec2025_11_25.TextResourceContents | Spec2025_11_25.BlobResourceContents;

/** resources/list: static resources, then what each template's `list` callback names. */
export async function listResources<L>(deps: McpDeps<L>, request: RequestContext): Promise<JsonObject> {
  const all: Resource[] = deps.resources.enabled().map((entry) => entry.resource);
  const listing = deps.templates.enabled().filter((entry) => entry.config.list);
  if (listing.length > 0) {
    const ctx = await deps.context(request);
    for (const entry of listing) all.push(...(await entry.config.list!(ctx)));
  }
  return listPage("resources", all, request.params?.cursor, deps.pageSize, (resource) => resource);
}

/** resources/templates/list. */
export function listResourceTemplates<L>(deps: McpDeps<L>, params: JsonObject | undefined): JsonObject {
  const templates = deps.templates.enabled();
  return listPage(
    "resourceTemplates",
    templates,
    params?.cursor,
    deps.pageSize,
    (entry) => entry.resourceTemplate,
  );
}

/** resources/read over the wire: may answer `input_required` (2026-07-28) like a tool. */
export async function readResourceRequest<L>(deps: McpDeps<L>, request: RequestContext): Promise<JsonObject> {
  const uri = request.params?.uri;
  if (typeof uri !== "string") throw new McpError(ErrorCode.InvalidParams, "resources/read needs a uri");
  const outcome = await runHandler(deps, request, (ctx) => readResource(deps, uri, ctx));
  if (outcome.kind === "input") return outcome.result;
  const result = { contents: outcome.value };
  return request.era === "modern" ? withCacheHint(result, request, cacheHintOf(deps, uri)) : result;
}

/** The `cache` of the resource or template that serves `uri`. */
function cacheHintOf<L>(deps: McpDeps<L>, uri: string): CacheHint | undefined {
  const exact = deps.resources.get(uri);
  if (exact) return exact.config.cache;
  return deps.templates.enabled().find((entry) => entry.template.match(uri) !== undefined)?.config.cache;
}

/** Reads one resource: an exact static URI first, then the templates in registration order. */
export async function readResource<L>(
  deps: McpDeps<L>,
  uri: string,
  ctx: Context<L>,
): Promise<ResourceContents[]> {
  const exact = deps.resources.get(uri);
  if (exact) return toResourceContents(await exact.read(ctx), uri, exact.config.mimeType);
  for (const entry of deps.templates.enabled()) {
    const variables = entry.template.match(uri, { allowTraversal: entry.config.allowTraversal ?? false });
    if (variables) return toResourceContents(await entry.read(variables, ctx), uri, entry.config.mimeType);
  }
  throw resourceNotFound(uri, ctx.era);
}
