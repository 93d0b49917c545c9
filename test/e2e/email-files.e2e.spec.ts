import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { expect } from 'expect';
import { simpleParser } from 'mailparser';
import { inviteByEmail, registerAccount, uniqueEmail, type Account } from '../factories/accounts';
import { httpClient, type HttpClient } from '../support/http';
import { settle } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';

// Development without SMTP_URL: every mail is an .eml file under DATA_DIR/mail.
describe('email without SMTP_URL', () => {
  let dataDir: string;
  let t: TestApp;
  let api: HttpClient;
  let owner: Account;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'spectre-mail-'));
    t = await startTestApp({ DATA_DIR: dataDir, APP_URL: 'http://console.example.test/' });
    api = httpClient(t.url);
    owner = await registerAccount(api, 'Owner');
  });
  after(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes each mail as an .eml file under DATA_DIR/mail', async () => {
    const email = uniqueEmail('invitee');
    const token = await inviteByEmail(api, owner, email, 'admin');
    const dir = join(dataDir, 'mail');
    const deadline = Date.now() + 10_000;
    let files: string[] = [];
    while (files.length === 0 && Date.now() < deadline) {
      files = await readdir(dir).catch(() => []);
      if (files.length === 0) await settle(50);
    }
    expect(files).toEqual([expect.stringMatching(/\.eml$/)]);
    const mail = await simpleParser(await readFile(join(dir, files[0])));
    expect(mail.subject).toBe("Join Owner's team on Spectre");
    expect(mail.text).toContain(`http://console.example.test/app/invite/${token}`);
    expect(mail.html).toContain(`href="http://console.example.test/app/invite/${token}"`);
    expect(JSON.stringify(mail.to)).toContain(email);
  });
});
