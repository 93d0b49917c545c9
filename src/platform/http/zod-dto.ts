import { createZodDto as createNestZodDto, type ZodDto } from 'nestjs-zod';
import { toOpenApi30 } from './openapi-3-0';

/**
 * nestjs-zod's createZodDto, with the OpenAPI metadata rewritten to the 3.0 dialect before
 * @nestjs/swagger reads it (see openapi-3-0.ts for why). Every DTO is made with this one; the lint
 * config refuses nestjs-zod's own.
 */
export function createZodDto<TSchema extends Parameters<typeof createNestZodDto>[0]>(
  schema: TSchema,
): ZodDto<TSchema, false> {
  const Dto = createNestZodDto(schema);
  const generate = Dto._OPENAPI_METADATA_FACTORY.bind(Dto);
  Dto._OPENAPI_METADATA_FACTORY = () => toOpenApi30(generate());
  return Dto;
}
