import { useState } from 'preact/hooks';
import { currentTeamId } from '../auth/session';
import { api, errorText } from '../workspace/api';
import { BASE, linkClick, navigate } from '../workspace/router';
import { projects } from '../workspace/team-data';
import type { Project } from '../workspace/types';
import { ProjectEditor } from './project-editor';
import { rememberProject } from './project-store';

function CreateProject() {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const create = async (e: Event) => {
    e.preventDefault();
    try {
      const { data } = await api<Project>('/projects', {
        method: 'POST',
        body: { teamId: currentTeamId.value, name: name.trim() },
      });
      rememberProject(data);
      setName('');
      navigate(`${BASE}/settings/projects/${data.id}`);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form class="card settings-card inline-form" onSubmit={create} aria-labelledby="new-project-title">
      <h2 id="new-project-title">New project</h2>
      <label class="field">
        Project name
        <input
          class="input"
          required
          maxLength={100}
          value={name}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <button class="btn btn-primary" type="submit">
        Create project
      </button>
      {error && (
        <p role="alert" class="ws-error">
          {error}
        </p>
      )}
    </form>
  );
}

export function ProjectsSettings({ id }: { id: string | null }) {
  const project = id ? projects.value.find((p) => p.id === id) : undefined;
  if (id && project) return <ProjectEditor key={id} project={project} />;
  return (
    <div class="settings-stack">
      <section class="card settings-card" aria-labelledby="projects-title">
        <h1 id="projects-title">Projects</h1>
        <p class="ws-muted">A project is one website with the chat widget installed.</p>
        {projects.value.length === 0 ? (
          <p>No projects yet.</p>
        ) : (
          <ul class="settings-list">
            {projects.value.map((p) => (
              <li key={p.id}>
                <a href={`${BASE}/settings/projects/${p.id}`} onClick={linkClick}>
                  {p.name}
                </a>{' '}
                <code class="ws-muted">{p.publicKey}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <CreateProject />
    </div>
  );
}
