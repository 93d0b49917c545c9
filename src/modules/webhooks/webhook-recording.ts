import type { Webhook } from '../../db/schema';
import type { OutboxEvent } from '../../platform/outbox/outbox.repository';
import {
  ALL_EVENTS,
  eventData,
  eventIdOf,
  isDeliverable,
  isPrivateMessage,
  projectIdOf,
  visitorIdOf,
  type WebhookEventBody,
} from './webhook-events';
import type { NewDelivery } from './webhooks.repository';

/** The deliverable events of an outbox batch, with the project each belongs to. */
export function deliverableEvents(events: OutboxEvent[]): { event: OutboxEvent; projectId: string }[] {
  return events.flatMap((event) => {
    const projectId = isDeliverable(event.type) ? projectIdOf(event.payload) : undefined;
    return projectId ? [{ event, projectId }] : [];
  });
}

/** Enabled endpoints of the event's project that want it (internal notes only with includePrivate). */
export function targetsOf(event: OutboxEvent, projectId: string, endpoints: Webhook[]): Webhook[] {
  const privateNote = isPrivateMessage(event.type, event.payload);
  return endpoints.filter(
    (w) =>
      w.projectId === projectId &&
      (w.events.includes(event.type) || w.events.includes(ALL_EVENTS)) &&
      (!privateNote || w.includePrivate),
  );
}

export const authorIdOf = (event: OutboxEvent): string | undefined =>
  (event.payload.message as { author_id?: string } | undefined)?.author_id;

/** One delivery row per target: the signed body is the same for every endpoint of the event. */
export function deliveriesOf(
  event: OutboxEvent,
  projectId: string,
  targets: Webhook[],
  authorName: string | null,
): NewDelivery[] {
  const eventId = eventIdOf(event.id);
  const body: WebhookEventBody = {
    id: eventId,
    type: event.type,
    createdAt: event.createdAt.toISOString(),
    projectId,
    data: eventData(event.payload, authorName),
  };
  const json = JSON.stringify(body);
  // Whose data the body holds: erasing the visitor deletes the delivery with them.
  const visitorId = visitorIdOf(event.payload);
  return targets.map((w) => ({
    webhookId: w.id,
    outboxId: event.id,
    eventId,
    type: event.type,
    visitorId,
    body: json,
  }));
}
