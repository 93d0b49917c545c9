// The workspace header's search: conversations (by their messages, notes too) and visitors of the
// current team. `/` (outside text fields) or Ctrl+K focuses it; Esc closes the results.
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentTeamId } from '../auth/session';
import { contactPath } from '../contacts/contacts-route';
import { api, errorText, query } from '../workspace/api';
import { conversationPath, navigate } from '../workspace/router';
import { projects } from '../workspace/team-data';
import type { SearchHit, SearchResult, VisitorRecord } from '../workspace/types';
import { Highlighted } from './highlighted';
import { jumpTarget } from './jump-to-message';
import './search.css';

const DEBOUNCE_MS = 200;

const inField = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** The current team's part of a result (the API searches every team of the caller). */
function ofTeam(result: SearchResult): { hits: SearchHit[]; visitors: VisitorRecord[] } {
  const mine = new Set(projects.value.map((p) => p.id));
  return {
    hits: result.conversations.filter((h) => mine.has(h.conversation.projectId)),
    visitors: result.visitors.filter((v) => mine.has(v.projectId)),
  };
}

export function SearchBox() {
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ hits: SearchHit[]; visitors: VisitorRecord[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      if (ctrlK || (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !inField(e.target))) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!text.trim()) return setResult(null);
    let live = true;
    const timer = setTimeout(() => {
      api<SearchResult>(`/search${query({ q: text, limit: 10 })}`)
        .then(({ data }) => {
          if (!live) return;
          setError(null);
          setResult(ofTeam(data));
        })
        .catch((err) => live && setError(errorText(err)));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, currentTeamId.value]);

  const go = (href: string, jump?: { conversationId: string; seq: number }) => {
    jumpTarget.value = jump ?? null;
    setOpen(false);
    navigate(href);
  };

  const showing = open && text.trim() !== '' && (result !== null || error !== null);
  return (
    <div
      class="ws-search"
      role="search"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setOpen(false);
          input.current?.blur();
        }
      }}
      onFocusOut={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <label class="visually-hidden" for="ws-search-input">
        Search conversations and visitors
      </label>
      <input
        id="ws-search-input"
        ref={input}
        type="search"
        placeholder="Search  ( / )"
        autoComplete="off"
        value={text}
        aria-controls={showing ? 'ws-search-results' : undefined}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
      />
      {showing && (
        <div id="ws-search-results" class="ws-search-results card" aria-live="polite">
          {error && <p class="form-error">{error}</p>}
          {result && result.hits.length === 0 && result.visitors.length === 0 && (
            <p class="ws-muted">Nothing found for “{text.trim()}”.</p>
          )}
          {result && result.hits.length > 0 && (
            <section aria-label="Conversations">
              <h2 class="ws-search-heading">Conversations</h2>
              <ul>
                {result.hits.map((h) => (
                  <li key={h.conversation.id}>
                    {h.matches.map((m) => (
                      <a
                        key={m.messageId}
                        class="ws-search-hit"
                        href={conversationPath(h.conversation.id)}
                        onClick={(e) => {
                          e.preventDefault();
                          go(conversationPath(h.conversation.id), {
                            conversationId: h.conversation.id,
                            seq: m.seq,
                          });
                        }}
                      >
                        <span class="ws-search-who">
                          {h.conversation.visitor.name ?? h.conversation.visitor.email ?? 'Visitor'}
                          {m.private && <span class="badge badge-note">Note</span>}
                          <span class="ws-muted"> · {h.conversation.status}</span>
                        </span>
                        <span class="ws-search-snippet">
                          <Highlighted match={m} />
                        </span>
                      </a>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {result && result.visitors.length > 0 && (
            <section aria-label="Visitors">
              <h2 class="ws-search-heading">Visitors</h2>
              <ul>
                {result.visitors.map((v) => (
                  <li key={v.id}>
                    <a
                      class="ws-search-hit"
                      href={contactPath(v.id)}
                      onClick={(e) => {
                        e.preventDefault();
                        go(contactPath(v.id));
                      }}
                    >
                      <span class="ws-search-who">{v.name ?? v.email ?? 'Visitor'}</span>
                      <span class="ws-muted">{[v.email, v.externalId].filter(Boolean).join(' · ')}</span>
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
