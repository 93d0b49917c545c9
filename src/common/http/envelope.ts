import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';

/** A response that already carries pagination or other meta; passed through as it is. */
export class Envelope<T, M extends object = Record<string, unknown>> {
  constructor(
    public readonly data: T,
    public readonly meta?: M,
  ) {}
}

/** Wraps every successful HTTP result in `{ data, meta? }`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    return next
      .handle()
      .pipe(map((value: unknown) => (value instanceof Envelope ? value : new Envelope(value ?? null))));
  }
}
