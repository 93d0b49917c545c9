import { useState } from 'preact/hooks';
import { api, errorText } from '../workspace/api';
import { BASE, linkClick } from '../workspace/router';
import type { Project } from '../workspace/types';
import { CopyButton } from './copy-button';
import { CsatHoursSettings } from './csat-hours-settings';
import { rememberProject, revealedSecrets } from './project-store';
import { WebhooksSettings } from './webhooks-settings';

export const embedSnippet = (publicKey: string) =>
  `<script src="${location.origin}/widget.js" data-project-key="${publicKey}" async></script>`;

function useAction(project: Project) {
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState('');
  const run = async (path: string, body: unknown, done: string) => {
    setError(null);
    try {
      const { data } = await api<Project>(`/projects/${project.id}${path}`, {
        method: path ? 'POST' : 'PATCH',
        body,
      });
      rememberProject(data);
      setSaved(done);
    } catch (err) {
      setError(errorText(err));
      setSaved('');
    }
  };
  return { error, saved, run };
}

function Snippet({ project }: { project: Project }) {
  const snippet = embedSnippet(project.publicKey);
  return (
    <section class="card settings-card" aria-labelledby="snippet-title">
      <h2 id="snippet-title">Embed snippet</h2>
      <p class="ws-muted">Paste this before the closing &lt;/body&gt; tag of every page of the site.</p>
      <pre class="snippet">
        <code>{snippet}</code>
      </pre>
      <div class="row">
        <CopyButton text={snippet} label="Copy snippet" />
        <a
          class="btn"
          href={`/demo?key=${encodeURIComponent(project.publicKey)}`}
          target="_blank"
          rel="noopener"
        >
          Open the demo page
        </a>
      </div>
    </section>
  );
}

function Keys({ project }: { project: Project }) {
  const { error, run } = useAction(project);
  const secret = revealedSecrets.value[project.id];
  return (
    <section class="card settings-card" aria-labelledby="keys-title">
      <h2 id="keys-title">Keys</h2>
      <p>
        Public key: <code>{project.publicKey}</code>
      </p>
      <button
        class="btn"
        type="button"
        onClick={() =>
          confirm('The current key stops working at once. Rotate it?') &&
          void run('/rotate-key', undefined, '')
        }
      >
        Rotate public key
      </button>
      <h3>Identity-verification secret</h3>
      {secret ? (
        <div class="secret" role="status">
          <p>Copy it now: it is shown only once.</p>
          <code>{secret}</code> <CopyButton text={secret} label="Copy secret" />
        </div>
      ) : (
        <p class="ws-muted">
          Kept on your server to sign visitor identities; shown only when created or rotated.
        </p>
      )}
      <button class="btn" type="button" onClick={() => void run('/rotate-secret', undefined, '')}>
        Rotate secret
      </button>
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
    </section>
  );
}

export function ProjectEditor({ project }: { project: Project }) {
  const [name, setName] = useState(project.name);
  const [greeting, setGreeting] = useState(project.settings.greeting ?? '');
  const [color, setColor] = useState(project.settings.color ?? '#1f5fd6');
  const [origins, setOrigins] = useState(project.allowedOrigins.join('\n'));
  const [verify, setVerify] = useState(project.requireIdentityVerification);
  const { error, saved, run } = useAction(project);
  const save = (e: Event) => {
    e.preventDefault();
    void run(
      '',
      {
        name: name.trim(),
        settings: { name: name.trim(), greeting: greeting.trim(), color },
        allowedOrigins: origins.split(/\s+/).filter(Boolean),
        requireIdentityVerification: verify,
      },
      'Saved',
    );
  };
  return (
    <div class="settings-stack">
      <a href={`${BASE}/settings/projects`} onClick={linkClick}>
        ← All projects
      </a>
      <form class="card settings-card" onSubmit={save} aria-labelledby="project-title">
        <h1 id="project-title">{project.name}</h1>
        <label class="field">
          Name
          <input
            class="input"
            required
            maxLength={100}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          Greeting
          <input
            class="input"
            maxLength={500}
            value={greeting}
            onInput={(e) => setGreeting(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          Colour
          <input
            class="input input-color"
            type="color"
            value={color}
            onInput={(e) => setColor(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          Allowed origins (one a line; empty: any site)
          <textarea
            class="input"
            rows={3}
            value={origins}
            onInput={(e) => setOrigins(e.currentTarget.value)}
          />
        </label>
        <label class="check">
          <input type="checkbox" checked={verify} onChange={(e) => setVerify(e.currentTarget.checked)} />{' '}
          Require identity verification
        </label>
        <div class="row">
          <button class="btn btn-primary" type="submit">
            Save project
          </button>
          <span role="status">{saved}</span>
        </div>
        {error && (
          <p role="alert" class="ws-error">
            {error}
          </p>
        )}
      </form>
      <Snippet project={project} />
      <CsatHoursSettings project={project} />
      <Keys project={project} />
      <WebhooksSettings project={project} />
    </div>
  );
}
