// The widget's REST calls, with the shapes of the generated OpenAPI types (npm run gen:api).
import { ApiError, apiFetch, type ApiRequest } from '@shared/api/client';
import { uploadAttachment } from '@shared/api/upload';
import type { components } from '@shared/api/schema';
import type { VisitorStorage } from '../host';

type Schemas = components['schemas'];

export type WidgetConfig = Schemas['WidgetConfigResponseDto'];
export type WidgetMessage = Schemas['MessageResponseDto'];
export type WidgetConversation = Schemas['WidgetConversationItemDto'];
export type Rating = Schemas['RatingResponseDto'];
// The generated type loses the nested object's required keys (a nullable object): restate them.
export type RatingState = Omit<Schemas['WidgetRatingStateResponseDto'], 'rating'> & { rating: Rating | null };

export interface VisitorProfile {
  externalId?: string;
  userHash?: string;
  name?: string;
  email?: string;
  metadata?: Record<string, string | number | boolean | null>;
}

interface SendResult {
  message: WidgetMessage;
  conversation: WidgetConversation;
  visitorToken: string;
}

export type WidgetApi = ReturnType<typeof widgetApi>;

/** The code of a call dropped because the visitor changed while it was in flight. */
export const VISITOR_CHANGED = 'VISITOR_CHANGED';

export const isVisitorChanged = (err: unknown): boolean =>
  err instanceof ApiError && err.code === VISITOR_CHANGED;

export function widgetApi(base: string, projectKey: string, storage: VisitorStorage) {
  // One per visitor: a logout (shutdown) or an identify aborts the calls made for the previous one,
  // so none of their answers can write that visitor's token back, nor show their messages.
  let visitor = new AbortController();

  async function call<T, M = Record<string, unknown>>(path: string, request: ApiRequest = {}) {
    const { signal } = visitor;
    const token = storage.read().token;
    const dropped = () => new ApiError(0, VISITOR_CHANGED, 'The visitor changed during the request');
    const result = await apiFetch<T, M>(`${base}api/v1/${path}`, {
      ...request,
      signal,
      headers: { 'x-project-key': projectKey, ...(token ? { 'x-visitor-token': token } : {}) },
    }).catch((err: unknown) => {
      throw signal.aborted ? dropped() : err;
    });
    if (signal.aborted) throw dropped();
    // Sliding expiry: a renewed token comes back in a header.
    const renewed = result.headers.get('x-visitor-token');
    if (renewed) storage.write({ ...storage.read(), token: renewed });
    return result;
  }
  return {
    /** Drops every call in flight: what they answer belongs to a visitor who is gone. */
    forgetVisitor() {
      visitor.abort();
      visitor = new AbortController();
    },
    config: () => call<WidgetConfig>('widget/config').then((r) => r.data),
    session: (visitor?: VisitorProfile) =>
      call<{ visitorToken: string }>('widget/session', {
        method: 'POST',
        body: visitor ? { visitor } : {},
      }).then((r) => r.data),
    conversations: () => call<WidgetConversation[]>('widget/conversations?limit=20').then((r) => r.data),
    history: (conversationId: string, query: string) =>
      call<WidgetMessage[], { hasMore: boolean }>(
        `messages/conversations/${conversationId}?limit=30${query}`,
      ),
    ratingState: (id: string) => call<RatingState>(`widget/conversations/${id}/rating`).then((r) => r.data),
    rate: (id: string, score: number, comment?: string) =>
      call<Rating>(`widget/conversations/${id}/rating`, { method: 'POST', body: { score, comment } }).then(
        (r) => r.data,
      ),
    send: (body: string, clientMessageId: string, conversationId?: string, attachmentIds?: string[]) =>
      call<SendResult>('messages', {
        method: 'POST',
        body: { body, clientMessageId, conversationId, attachmentIds },
      }).then((r) => r.data),
    /** Uploads a file to the visitor's conversation, reporting progress (0…1). */
    async upload(conversationId: string, file: File, onProgress: (fraction: number) => void) {
      const token = storage.read().token;
      const { attachment, xhr } = await uploadAttachment({
        base,
        conversationId,
        file,
        filename: file.name || 'pasted-image.png',
        headers: { 'x-project-key': projectKey, ...(token ? { 'x-visitor-token': token } : {}) },
        onProgress,
        signal: visitor.signal,
      });
      const renewed = xhr.getResponseHeader('x-visitor-token');
      if (renewed) storage.write({ ...storage.read(), token: renewed });
      return attachment;
    },
    /** A short-lived URL of an attachment, for <img src> and download links. */
    link: (id: string) =>
      call<{ url: string; expiresAt: string }>(`attachments/${id}/link`, { method: 'POST' }).then(
        (r) => r.data,
      ),
  };
}
