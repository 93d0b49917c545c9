import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a success response in the `{ data, meta? }` envelope. */
export function ApiData(
  model: Type<unknown>,
  status = 200,
  options: { isArray?: boolean; paginated?: boolean } = {},
): MethodDecorator & ClassDecorator {
  const ref = { $ref: getSchemaPath(model) };
  const properties: Record<string, object> = {
    data: options.isArray || options.paginated ? { type: 'array', items: ref } : ref,
  };
  if (options.paginated) {
    properties.meta = {
      type: 'object',
      properties: { nextCursor: { type: 'string', nullable: true }, hasMore: { type: 'boolean' } },
    };
  }
  return applyDecorators(
    ApiExtraModels(model),
    ApiResponse({ status, schema: { type: 'object', required: ['data'], properties } }),
  );
}
