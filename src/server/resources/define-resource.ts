import type { JsonObject } from "../../jsonrpc/index.js";
import type { Spec2025_11_25 } from "../../spec/index.js";
import { parseUriTemplate } from "../../util/uri-template.js";
import type { UriTemplate } from "../../util/uri-template.js";
import type { CacheHint } from "../cache-hints.js";
import type { Completer } from "../completions.js";
import type { Context } from "../context.js";

type Resource = Spec2025_11_25.Resource;
type ResourceTemplate = Spec2025_11_25.ResourceTemplate;

/** How a resource or resource template describes itself. */
export interface ResourceConfig<L = unknown> {
  /** The identifier shown in lists; defaults to the URI (or template). */
  readonly name?: string;
  readonly title?: string;
  readonly description?: string;
  /** The MIME type of what the handler returns; text defaults to text/plain, objects to application/json. */
  readonly mimeType?: string;
  readonly annotations?: Spec2025_11_25.Annotations;
  readonly icons?: Spec2025_11_25.Icon[];
  readonly size?: number;
  readonly _meta?: JsonObject;
  readonly enabled?: boolean;
  /** 2026-07-28: how long clients may reuse what resources/read returns. Default: not at all. */
  readonly cache?: CacheHint;
  /** Templates: the concrete resources the template stands for, shown in resources/list. */
  readonly list?: (ctx: Context<L>) => readonly Resource[] | Promise<readonly Resource[]>;
  /** Templates: value suggestions per variable (completion/complete). */
  readonly complete?: Readonly<Record<string, Completer>>;
  /** Templates: let values contain `..` segments or encoded slashes (off: a path-traversal guard). */
  readonly allowTraversal?: boolean;
}

/** A static resource: one URI. */
export interface StaticResourceEntry<L> {
  readonly kind: "static";
  readonly uri: string;
  readonly resource: Resource;
  readonly config: ResourceConfig<L>;
  readonly read: (ctx: Context<L>) => unknown;
}

/** A resource template: a URI pattern whose variables the handler receives. */
export interface TemplateResourceEntry<L> {
  readonly kind: "template";
  readonly template: UriTemplate;
  readonly resourceTemplate: ResourceTemplate;
  readonly config: ResourceConfig<L>;
  readonly read: (variables: Record<string, string>, ctx: Context<L>) => unknown;
}

export type ResourceEntry<L> = StaticResourceEntry<L> | TemplateResourceEntry<L>;

export function defineStaticResource<L>(
  uri: string,
  config: ResourceConfig<L>,
  read: StaticResourceEntry<L>["read"],
): StaticResourceEntry<L> {
  if (!URL.canParse(uri)) throw new TypeError(`Invalid resource URI "${uri}"`);
  const resource: Resource = { uri, name: config.name ?? uri };
  describe(resource, config);
  if (config.size !== undefined) resource.size = config.size;
  return { kind: "static", uri, resource, config, read };
}

export function defineTemplateResource<L>(
  uriTemplate: string,
  config: ResourceConfig<L>,
  read: TemplateResourceEntry<L>["read"],
): TemplateResourceEntry<L> {
  const template = parseUriTemplate(uriTemplate);
  const resourceTemplate: ResourceTemplate = { uriTemplate, name: config.name ?? uriTemplate };
  describe(resourceTemplate, config);
  return { kind: "template", template, resourceTemplate, config, read };
}

/** Copies the optional descriptive fields that resources and templates share. */
function describe(target: Resource | ResourceTemplate, config: ResourceConfig<never>): void {
  if (config.title !== undefined) target.title = config.title;
  if (config.description !== undefined) target.description = config.description;
  if (config.mimeType !== undefined) target.mimeType = config.mimeType;
  if (config.annotations !== undefined) target.annotations = config.annotations;
  if (config.icons !== undefined) target.icons = config.icons;
  if (config._meta !== undefined) target._meta = config._meta;
}
