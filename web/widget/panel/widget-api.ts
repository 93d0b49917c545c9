// The widget's REST calls, typed by hand for what the widget uses (the generated OpenAPI types
// can replace these interfaces later).
import { apiFetch, type ApiRequest } from '@shared/api/client';
import type { VisitorStorage } from '../host';

export interface WidgetConfig {
  projectId: string;
  name: string;
  greeting: string | null;
  color: string | null;
  agentsOnline: boolean;
  requireIdentityVerification: boolean;
}

export interface WidgetMessage {
  id: string;
  conversationId: string;
  seq: number;
  sender: 'visitor' | 'agent' | 'system';
  author: { name: string; avatarUrl: string | null } | null;
  body: string;
  clientMessageId: string;
  createdAt: string;
}

export interface WidgetConversation {
  id: string;
  status: 'open' | 'pending' | 'resolved' | 'snoozed';
  lastSeq: number;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  visitorLastReadSeq: number;
  agentLastReadSeq: number;
  createdAt: string;
  unreadCount?: number;
}

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
