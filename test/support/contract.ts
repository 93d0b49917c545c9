import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document the checker reads. */
interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: object }>;
  headers?: Record<string, { $ref?: string; required?: boolean }>;
}
interface OperationObject {
  operationId?: string;
  responses: Record<string, ResponseObject>;
}
export interface ContractDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: {
    schemas?: Record<string, object>;
    headers?: Record<string, { required?: boolean }>;
    responses?: Record<string, ResponseObject>;
  };
}

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, the raw text when it was not JSON, or undefined when empty. */
  body: unknown;
}

const COMPONENTS_ID = 'openapi-components';

/**
 * OpenAPI 3.0 schemas as draft-07 for ajv: `$ref`s point into one added schema holding every
 * component, and draft-04 boolean exclusive bounds become numbers. `nullable` ajv reads itself.
 */
function toAjvSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toAjvSchema);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') {
      out.$ref = child.replace('#/components/schemas/', `${COMPONENTS_ID}#/definitions/`);
    } else {
      out[key] = key === 'example' || key === 'enum' ? child : toAjvSchema(child);
    }
  }
  for (const [bound, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[bound] === 'boolean') {
      if (out[bound]) out[bound] = out[limit];
      else delete out[bound];
      delete out[limit];
    }
  }
  return out;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  op: OperationObject;
}

/**
 * Checks responses against the document: the status must be declared (a 2xx explicitly; an error
 * may fall to `default`), the body must match the schema declared for it, and declared required
 * headers must be present. Each schema is compiled once, on first use.
 */
export class Contract {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly doc: ContractDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, definitions: toAjvSchema(doc.components?.schemas ?? {}) });
    this.routes = Object.entries(doc.paths)
      .flatMap(([template, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(
            `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`,
          ),
          params: (template.match(/\{/g) ?? []).length,
          op,
        })),
      )
      // A literal path wins over a template that would also match it.
      .sort((a, b) => a.params - b.params);
  }

  /** The documented operation a request reached, if any (undocumented paths are not checked). */
  route(method: string, path: string): Route | undefined {
    const pathname = path.split('?')[0];
    return this.routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(pathname));
  }

  /** What is wrong with a response, in words; empty when it conforms or the route is undocumented. */
  problems(method: string, path: string, res: ReceivedResponse): string[] {
    const route = this.route(method, path);
    if (!route) return [];
    const label = `${route.method} ${route.template} → ${res.status}`;
    const key = String(res.status);
    const declared = route.op.responses[key] ? key : res.status >= 400 ? 'default' : undefined;
    const response = declared && this.resolve(route.op.responses[declared]);
    if (!declared || !response) return [`${label}: status not documented`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const required = header.$ref ? this.headerComponent(header.$ref)?.required : header.required;
      if (required && !res.headers.has(name)) problems.push(`${label}: header ${name} missing`);
    }
    const schema = response.content?.['application/json']?.schema;
    if (!schema) {
      // A file download (application/octet-stream and the like) has a body that is not JSON.
      const binary = Object.keys(response.content ?? {}).length > 0;
      if (res.body !== undefined && !binary) problems.push(`${label}: documented without a body, got one`);
      return problems;
    }
    if (typeof res.body !== 'object' || res.body === null) {
      return [...problems, `${label}: expected a JSON body, got ${JSON.stringify(res.body)}`];
    }
    const validate = this.validator(`${route.method} ${route.template} ${declared}`, schema);
    if (!validate(res.body)) {
      for (const e of validate.errors ?? []) {
        problems.push(`${label}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
      }
    }
    return problems;
  }

  /** A response, or the shared one (components/responses) it references. */
  private resolve(response: ResponseObject | undefined): ResponseObject | undefined {
    const name = response?.$ref?.replace('#/components/responses/', '');
    return name ? this.doc.components?.responses?.[name] : response;
  }

  private headerComponent(ref: string) {
    return this.doc.components?.headers?.[ref.replace('#/components/headers/', '')];
  }

  private validator(key: string, schema: object): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(toAjvSchema(schema) as object);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

let shared: Promise<Contract> | undefined;

/**
 * The contract of the code under test, one per process: every app a test file boots serves the
 * same document, so it is fetched from the first one and compiled lazily.
 */
export function contractOf(baseUrl: string): Promise<Contract> {
  shared ??= fetch(`${baseUrl}/docs-json`).then(async (res) => {
    if (!res.ok) throw new Error(`/docs-json answered ${res.status}`);
    return new Contract((await res.json()) as ContractDocument);
  });
  shared.catch(() => (shared = undefined));
  return shared;
}

/** Throws, naming every problem, when a response does not match the document. */
export async function assertConforms(
  baseUrl: string,
  method: string,
  path: string,
  res: ReceivedResponse,
): Promise<void> {
  const problems = (await contractOf(baseUrl)).problems(method, path, res);
  if (problems.length) {
    throw new Error(
      `response does not match the OpenAPI document:\n  ${problems.join('\n  ')}\n` +
        `body: ${JSON.stringify(res.body)?.slice(0, 500)}`,
    );
  }
}
