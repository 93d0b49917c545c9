import type { Ack, SendReport } from './steady-sender';

export interface StoredMessage {
  id: string;
  seq: number;
  clientMessageId: string;
}

/** Every message of a conversation, oldest first, read through the widget API page by page (bounded). */
export async function conversationHistory(
  baseUrl: string,
  projectKey: string,
  visitorToken: string,
  conversationId: string,
): Promise<StoredMessage[]> {
  const all: StoredMessage[] = [];
  let after = 0;
  for (let page = 0; page < 1000; page++) {
    const res = await fetch(
      `${baseUrl}/api/v1/messages/conversations/${conversationId}?after=${after}&limit=100`,
      {
        headers: { 'x-project-key': projectKey, 'x-visitor-token': visitorToken },
      },
    );
    if (res.status !== 200) throw new Error(`history: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { data: StoredMessage[]; meta: { hasMore: boolean } };
    all.push(...body.data);
    if (!body.meta.hasMore || body.data.length === 0) return all;
    after = body.data.at(-1)!.seq;
  }
  throw new Error('history: more than 1000 pages');
}

export interface Verdict {
  acknowledged: number;
  /** Acknowledged messages the history lacks. */
  lost: string[];
  /** clientMessageIds stored more than once. */
  duplicated: string[];
  /** seqs missing between 1 and the highest stored. */
  gaps: number[];
}

/** Checks a conversation's stored messages against what the sender was told. */
export function compare(acks: Ack[], stored: StoredMessage[]): Verdict {
  const byClientId = new Map<string, number>();
  for (const m of stored) byClientId.set(m.clientMessageId, (byClientId.get(m.clientMessageId) ?? 0) + 1);
  const seqs = new Set(stored.map((m) => m.seq));
  const highest = Math.max(0, ...seqs);
  const gaps: number[] = [];
  for (let seq = 1; seq <= highest; seq++) if (!seqs.has(seq)) gaps.push(seq);
  return {
    acknowledged: acks.length,
    lost: acks.filter((a) => !byClientId.has(a.clientMessageId)).map((a) => a.clientMessageId),
    duplicated: [...byClientId].filter(([, count]) => count > 1).map(([id]) => id),
    gaps,
  };
}

/** Statuses answered (other than the acknowledgements 200/201): e.g. { "503": 40, network: 3 }. */
export function failureOutcomes(report: SendReport): Record<string, number> {
  return Object.fromEntries(Object.entries(report.outcomes).filter(([k]) => k !== '200' && k !== '201'));
}

/** One line the lead copies into the closing note. */
export function figuresLine(name: string, figures: Record<string, number | string>): string {
  return `FAULT FIGURES ${name}: ${Object.entries(figures)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;
}
