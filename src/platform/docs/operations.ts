import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of the document, for the passes that post-process it. */
export const operationsOf = (doc: OpenAPIObject): OperationObject[] =>
  Object.values(doc.paths).flatMap((item) => HTTP_METHODS.flatMap((m) => item[m] ?? []));
