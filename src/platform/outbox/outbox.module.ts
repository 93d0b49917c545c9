import { Global, Module } from '@nestjs/common';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRepository } from './outbox.repository';

@Global()
@Module({ providers: [OutboxRepository, OutboxDispatcher], exports: [OutboxDispatcher] })
export class OutboxModule {}
