import { createFixture, type Fixture } from './api';
import { createDatabase, dropDatabase } from './pg';
import { startServer, type RunningProcess } from './proc';
import { log } from './util';

export interface BenchEnv extends Fixture {
  server: RunningProcess;
  databaseUrl: string;
  databaseName: string;
}

/**
 * Each scenario gets a fresh database and a fresh server process, so one scenario's rows, sockets
 * or heap never colour another's figures. Both are torn down even when the scenario throws.
 */
export async function withServer<T>(
  scenario: string,
  fn: (env: BenchEnv) => Promise<T>,
  serverEnv: Record<string, string> = {},
  serverNodeArgs: string[] = [],
): Promise<T> {
  const db = await createDatabase();
  log(`${scenario}: database ${db.name}`);
  let server: RunningProcess | undefined;
  try {
    server = await startServer(db.url, serverEnv, serverNodeArgs);
    const fixture = await createFixture(server.url);
    return await fn({ ...fixture, server, databaseUrl: db.url, databaseName: db.name });
  } finally {
    await server?.stop();
    await dropDatabase(db.name);
  }
}

export interface ClusterEnv extends Fixture {
  servers: RunningProcess[];
  databaseUrl: string;
  databaseName: string;
}

/**
 * Several server processes on one fresh database (started one after another, so only the first
 * migrates); `serverEnv` should carry REDIS_URL for them to share real-time events.
 */
export async function withServers<T>(
  scenario: string,
  nodes: number,
  fn: (env: ClusterEnv) => Promise<T>,
  serverEnv: Record<string, string> = {},
): Promise<T> {
  const db = await createDatabase();
  log(`${scenario}: database ${db.name}`);
  const servers: RunningProcess[] = [];
  try {
    for (let i = 0; i < nodes; i++) servers.push(await startServer(db.url, serverEnv));
    const fixture = await createFixture(servers[0].url);
    return await fn({ ...fixture, servers, databaseUrl: db.url, databaseName: db.name });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await dropDatabase(db.name);
  }
}
