import { Param, type PipeTransform } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}
  transform(value: string): string {
    if (!isUuid(value)) throw new AppError(ErrorCode.INVALID_ID, `${this.name} must be a UUID`);
    return value.toLowerCase();
  }
}

/** A path parameter that must be a UUID; anything else is a 400 INVALID_ID before any query runs. */
export const UuidParam = (name = 'id'): ParameterDecorator => Param(name, new UuidPipe(name));
