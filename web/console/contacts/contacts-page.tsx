// Contacts: the team's visitors by project, searchable by name, email or external id, with a profile.
import { useEffect, useState } from 'preact/hooks';
import { api, errorText, query } from '../workspace/api';
import { linkClick } from '../workspace/router';
import { projects } from '../workspace/team-data';
import type { PageMeta, VisitorRecord } from '../workspace/types';
import { ContactProfile } from './contact-profile';
import { contactPath } from './contacts-route';
import './contacts.css';

export function ContactsPage({ visitorId }: { visitorId: string | null }) {
  const [projectId, setProjectId] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [list, setList] = useState<VisitorRecord[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const project = projectId ?? projects.value[0]?.id ?? null;

  const load = async (more: boolean) => {
    if (!project) return;
    try {
      const { data, meta } = await api<VisitorRecord[], PageMeta>(
        `/projects/${project}/visitors${query({ q: q.trim(), limit: 50, cursor: more ? cursor : undefined })}`,
      );
      setList((old) => (more ? [...old, ...data] : data));
      setCursor(meta?.nextCursor ?? null);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  };
  useEffect(() => {
    const timer = setTimeout(() => void load(false), 200);
    return () => clearTimeout(timer);
  }, [project, q]);

  const changed = (v: VisitorRecord | null) =>
    setList((old) => (v ? old.map((o) => (o.id === v.id ? v : o)) : old.filter((o) => o.id !== visitorId)));

  return (
    <main class="ws-main contacts-page">
      <section class="contacts-list" aria-labelledby="contacts-title">
        <h1 id="contacts-title">Contacts</h1>
        {projects.value.length > 1 && (
          <label class="field">
            <span>Project</span>
            <select class="input" value={project ?? ''} onChange={(e) => setProjectId(e.currentTarget.value)}>
              {projects.value.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label class="field">
          <span>Find a visitor</span>
          <input
            class="input"
            type="search"
            value={q}
            placeholder="Name, email or id"
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </label>
        {error && <p class="form-error">{error}</p>}
        {!project && <p class="ws-muted">No project yet.</p>}
        <ul class="contacts-items">
          {list.map((v) => (
            <li key={v.id}>
              <a
                href={contactPath(v.id)}
                onClick={linkClick}
                aria-current={v.id === visitorId ? 'page' : undefined}
              >
                <span class="contacts-name">{v.name ?? v.email ?? 'Anonymous visitor'}</span>
                {v.blocked && <span class="badge badge-blocked">Blocked</span>}
                <span class="ws-muted contacts-sub">{v.email ?? v.externalId ?? ''}</span>
              </a>
            </li>
          ))}
        </ul>
        {list.length === 0 && project && !error && <p class="ws-muted">No visitors found.</p>}
        {cursor && (
          <button class="btn" type="button" onClick={() => void load(true)}>
            More
          </button>
        )}
      </section>
      <div class="contacts-detail">
        {visitorId ? (
          <ContactProfile key={visitorId} id={visitorId} onChanged={changed} />
        ) : (
          <p class="ws-muted">Pick a visitor to see their profile.</p>
        )}
      </div>
    </main>
  );
}
