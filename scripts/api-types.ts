import openapiTS, { astToString } from 'openapi-typescript';

export const API_TYPES_FILE = 'web/shared/api/schema.d.ts';

const HEADER =
  '// Generated from the OpenAPI document by `npm run gen:api`: do not edit.\n' +
  '// The typed client (client.ts) and the front-ends use it; `npm test` fails when it is stale.\n\n';

/** The TypeScript types of an OpenAPI document (openapi-typescript), as the committed file holds them. */
export async function renderApiTypes(doc: object): Promise<string> {
  // openapi-typescript resolves the document in place: give it a copy.
  const ast = await openapiTS(structuredClone(doc) as never, { alphabetize: true });
  return HEADER + astToString(ast);
}
