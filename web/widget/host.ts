// What the loader hands the panel module: the contract between the small script every page loads
// and the chat code loaded on demand.
import type { Strings } from './strings';

export type WidgetEvent = 'ready' | 'open' | 'close' | 'message' | 'unread';

export interface WidgetHost {
  /** Server base URL, from the script's own src, ending in `/`. */
  base: string;
  projectKey: string;
  lang: string;
  t: Strings;
  sound: boolean;
  root: ShadowRoot;
  /** Where the panel renders; shown and hidden by the loader. */
  panel: HTMLElement;
  storage: VisitorStorage;
  isOpen(): boolean;
  close(): void;
  setUnread(count: number): void;
  setColor(color: string | null): void;
  emit(event: WidgetEvent, payload?: unknown): void;
}

export interface PanelApi {
  opened(): void;
  command(name: string, arg: unknown): void;
  shutdown(): void;
}

export interface PanelModule {
  mount(host: WidgetHost): PanelApi;
}

/** The visitor's token and current conversation, in the site's localStorage, namespaced per project. */
export interface VisitorState {
  token?: string;
  conversationId?: string;
}

export interface VisitorStorage {
  read(): VisitorState;
  write(state: VisitorState): void;
  forget(): void;
}

export function visitorStorage(projectKey: string): VisitorStorage {
  const key = `spectre:${projectKey}:visitor`;
  return {
    read() {
      try {
        return JSON.parse(localStorage.getItem(key) ?? '{}') as VisitorState;
      } catch {
        return {};
      }
    },
    write(state) {
      try {
        localStorage.setItem(key, JSON.stringify(state));
      } catch {
        /* storage disabled: the visitor lasts for this page only */
      }
    },
    forget() {
      try {
        localStorage.removeItem(key);
      } catch {
        /* nothing stored */
      }
    },
  };
}
