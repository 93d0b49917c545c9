import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { Manager, type Socket } from 'socket.io-client';
import { createProject, type ProjectInfo } from '../factories/accounts';
import { startAppWithProject, type AppWithProject } from '../factories/app-with-project';

/** Resolves once connected; rejects with the handshake error (err.data.code). */
function opened(socket: Socket): Promise<Socket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

// The server swaps a connection's handshake request for a light stand-in once the connection is open
// (src/realtime/handshake-request.ts): a namespace joined later on the same connection must still
// see the request's headers.
describe('a second namespace on one connection', () => {
  let s: AppWithProject;
  let shop: ProjectInfo;
  let manager: Manager | undefined;

  before(async () => {
    s = await startAppWithProject();
    shop = await createProject(s.api, s.owner, { allowedOrigins: ['https://shop.example.com'] });
  });
  after(async () => {
    manager?.engine?.close();
    await s.t.close();
  });

  it("is checked against the connection's own origin, as the first was", async () => {
    manager = new Manager(s.t.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: 'https://shop.example.com' },
    });
    const widget = await opened(manager.socket('/widget', { auth: { projectKey: shop.publicKey } }));
    expect(widget.connected).toBe(true);
    // The agent namespace refuses a foreign origin; with the origin lost it would let it in.
    await expect(opened(manager.socket('/agent', { auth: { token: s.owner.token } }))).rejects.toMatchObject({
      data: { code: 'ORIGIN_NOT_ALLOWED' },
    });
    expect(widget.connected).toBe(true);
  });
});
