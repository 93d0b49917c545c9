import { randomBytes, randomUUID } from 'node:crypto';

/** Enough of OpenAPI 3 / JSON Schema for the sweeps. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface OpenApiOperationObject {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
}

export interface Operation {
  method: string;
  /** OpenAPI path with `{param}` placeholders. */
  path: string;
  pathParams: string[];
  queryParams: OpenApiParameter[];
  /** The JSON body schema with every $ref resolved, when the route takes a body. */
  body?: JsonSchema;
  /** The multipart/form-data body schema (file uploads), when the route takes one. */
  multipart?: JsonSchema;
  /** Security scheme names accepted by the route (bearer, project-key, visitor-token). */
  security: string[];
  label: string;
}

export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const res = await fetch(`${baseUrl}/docs-json`);
  if (!res.ok) throw new Error(`/docs-json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/** Replaces every $ref with the schema it names (the DTO schemas are not recursive). */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema | undefined, depth = 0): JsonSchema {
  if (!schema || depth > 20) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name], depth + 1);
  }
  const out: JsonSchema = { ...schema };
  if (schema.properties) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, resolveSchema(doc, v, depth + 1)]),
    );
  }
  if (schema.items) out.items = resolveSchema(doc, schema.items, depth + 1);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (schema[key]) out[key] = schema[key].map((s) => resolveSchema(doc, s, depth + 1));
  }
  return out;
}

export function listOperations(doc: OpenApiDocument): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const multipartSchema = op.requestBody?.content?.['multipart/form-data']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]),
        queryParams: params.filter((p) => p.in === 'query'),
        body: bodySchema ? resolveSchema(doc, bodySchema) : undefined,
        multipart: multipartSchema ? resolveSchema(doc, multipartSchema) : undefined,
        security: (op.security ?? []).flatMap((s) => Object.keys(s)),
        label: `${method.toUpperCase()} ${path}`,
      });
    }
  }
  return ops;
}

/** Substitutes `{param}` placeholders; `value` gets the param name and the path segment before it. */
export function fillPath(path: string, value: (param: string, segment: string) => string): string {
  return path.replace(/\{(\w+)\}/g, (_, param: string, offset: number) => {
    const segment = path.slice(0, offset).split('/').filter(Boolean).pop() ?? '';
    return encodeURIComponent(value(param, segment));
  });
}

const pad = (s: string, min = 0, max = Infinity): string => s.padEnd(min, 'x').slice(0, max);

/** Whether a value of this schema may be a UUID (`format: uuid`, alone or as a branch of a union). */
export const isUuidSchema = (s: JsonSchema): boolean =>
  s.format === 'uuid' || [...(s.anyOf ?? []), ...(s.oneOf ?? [])].some(isUuidSchema);

const holdsUuid = (s: JsonSchema): boolean => isUuidSchema(s) || Boolean(s.items && isUuidSchema(s.items));

/** Names of the properties, at any depth, that hold UUIDs (or arrays of them). */
export function uuidProperties(schema: JsonSchema | undefined): string[] {
  const s = schema?.items ?? schema;
  return Object.entries(s?.properties ?? {}).flatMap(([key, prop]) =>
    holdsUuid(prop) ? [key] : uuidProperties(prop.anyOf?.find((x) => x.type === 'object') ?? prop),
  );
}

/** The query parameters that take a UUID. */
export const uuidQueryParams = (op: Operation): string[] =>
  op.queryParams.filter((q) => q.schema && isUuidSchema(q.schema)).map((q) => q.name);

/**
 * A plausible valid value for a schema: required properties always, optional ones only when they are
 * unambiguous (enum, boolean, number, plain string) or, with `allIds`, hold ids, so that a request is
 * not refused for its body before the code under test looks at the ids. `uuidFor(property)` supplies
 * ids by property name.
 */
export function sampleValue(
  schema: JsonSchema,
  uuidFor: (property: string) => string = () => randomUUID(),
  property = '',
  allIds = false,
): unknown {
  if (isUuidSchema(schema)) return uuidFor(property);
  const s = schema.anyOf?.find((x) => x.type !== 'null') ?? schema.oneOf?.[0] ?? schema;
  if (s.enum?.length) return s.enum.find((v) => v !== 'owner') ?? s.enum[0];
  switch (s.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        const required = s.required?.includes(key);
        const simple = Boolean(prop.enum) || ['boolean', 'integer', 'number'].includes(prop.type ?? '');
        const plainString = prop.type === 'string' && !prop.format && !prop.pattern;
        if (required || simple || plainString || (allIds && holdsUuid(prop))) {
          out[key] = sampleValue(prop, uuidFor, key, allIds);
        }
      }
      return out;
    }
    case 'array':
      return s.items ? [sampleValue(s.items, uuidFor, property, allIds)] : [];
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'string':
      if (s.format === 'uuid') return uuidFor(property);
      if (s.format === 'email') return `sweep-${randomBytes(4).toString('hex')}@example.com`;
      if (s.format === 'date-time') return new Date(Date.now() + 3_600_000).toISOString();
      if (s.format === 'uri' || /origin|url/i.test(property)) return 'https://example.com';
      if (s.pattern === '^[\\w.:-]+$') return `sweep-${randomBytes(4).toString('hex')}`;
      if (s.pattern === '^[a-z0-9_-]{1,32}$') return `sweep-${randomBytes(4).toString('hex')}`;
      if (s.pattern === '^#[0-9a-fA-F]{6}$') return '#336699';
      return pad(`sweep ${property}`, s.minLength ?? 0, s.maxLength);
    default:
      return null;
  }
}
