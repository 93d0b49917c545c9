// The widget's REST calls, with the shapes of the generated OpenAPI types (npm run gen:api).
import { apiFetch, type ApiRequest } from '@shared/api/client';
import type { components } from '@shared/api/schema';
import type { VisitorStorage } from '../host';

type Schemas = components['schemas'];

export type WidgetConfig = Schemas['WidgetConfigResponseDto'];
export type WidgetMessage = Schemas['MessageResponseDto'];
export type WidgetConversation = Schemas['WidgetConversationItemDto'];

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

export function widgetApi(base: string, projectKey: string, storage: VisitorStorage) {
  async function call<T, M = Record<string, unknown>>(path: string, request: ApiRequest = {}) {
    const token = storage.read().token;
    const result = await apiFetch<T, M>(`${base}api/v1/${path}`, {
      ...request,
      headers: { 'x-project-key': projectKey, ...(token ? { 'x-visitor-token': token } : {}) },
    });
    // Sliding expiry: a renewed token comes back in a header.
    const renewed = result.headers.get('x-visitor-token');
    if (renewed) storage.write({ ...storage.read(), token: renewed });
    return result;
  }
  return {
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
    send: (body: string, clientMessageId: string, conversationId?: string) =>
      call<SendResult>('messages', { method: 'POST', body: { body, clientMessageId, conversationId } }).then(
        (r) => r.data,
      ),
  };
}
