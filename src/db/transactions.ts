import { Inject, Injectable } from '@nestjs/common';
import type { Db } from './database';
import { DB } from './tokens';

/** Lets a service run several repository calls atomically; repositories take the `tx` as their db. */
@Injectable()
export class Transactions {
  constructor(@Inject(DB) private readonly db: Db) {}

  run<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(tx as unknown as Db));
  }
}
