// RFC 6570 URI templates, levels 1-3: parsing, expansion and linear-time matching. Re-exports only.
export { DEFAULT_MAX_URI_LENGTH, isTemplate, parseUriTemplate } from "./uri-template/template.js";
export type { UriMatchOptions, UriTemplate } from "./uri-template/template.js";
export type { UriTemplateValues } from "./uri-template/expand.js";
export { MAX_EXPRESSIONS, MAX_TEMPLATE_LENGTH } from "./uri-template/parse.js";
