import { httpClient, type HttpClient } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';
import { createProject, registerAccount, type Account, type ProjectInfo } from './accounts';

/** The start most e2e files share: a running app, a user who owns a team, and a project of that team. */
export interface AppWithProject {
  t: TestApp;
  api: HttpClient;
  owner: Account;
  project: ProjectInfo;
}

export interface AppWithProjectOptions {
  /** Environment for the app (see startTestApp). */
  env?: Record<string, string>;
  /** The owner's name (registerAccount's default when unset). */
  owner?: string;
  /** Project fields on top of createProject's. */
  project?: Record<string, unknown>;
}

/** Starts an app and seeds it through the API; the app is closed again if seeding fails. */
export async function startAppWithProject(options: AppWithProjectOptions = {}): Promise<AppWithProject> {
  const t = await startTestApp(options.env);
  try {
    const api = httpClient(t.url);
    const owner = await registerAccount(api, options.owner);
    const project = await createProject(api, owner, options.project);
    return { t, api, owner, project };
  } catch (err) {
    await t.close();
    throw err;
  }
}
