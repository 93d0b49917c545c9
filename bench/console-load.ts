/**
 * One-off measurement of the agent console (issue 17): its JS and CSS size (raw and gzip) and the
 * time to an interactive inbox in Chromium — from navigation to the sign-in form, and from "Sign in"
 * to an inbox showing its conversations with the live socket connected. Run after `npm run build:web`:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --require @swc-node/register bench/console-load.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startAppWithProject } from '../test/factories/app-with-project';
import { visitorSend } from '../test/factories/widget';
import { launchBrowser } from '../test/support/browser';

const ASSETS = resolve(__dirname, '../dist/web/console/assets');
const CONVERSATIONS = 50;
const RUNS = 5;

function sizes() {
  const out: Record<string, { raw: number; gzip: number }> = {};
  for (const file of readdirSync(ASSETS)) {
    const body = readFileSync(join(ASSETS, file));
    const kind = file.endsWith('.js') ? 'js' : 'css';
    out[kind] ??= { raw: 0, gzip: 0 };
    out[kind].raw += body.length;
    out[kind].gzip += gzipSync(body, { level: 9 }).length;
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const s = await startAppWithProject({ owner: 'Bench' });
  for (let i = 0; i < CONVERSATIONS; i++) {
    await visitorSend(s.api, s.project, `Question ${i}`, undefined, { visitor: { name: `Visitor ${i}` } });
  }
  const browser = await launchBrowser();
  const toForm: number[] = [];
  const toInbox: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
      const page = await context.newPage();
      const t0 = Date.now();
      await page.goto(`${s.t.url}/app`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      toForm.push(Date.now() - t0);
      await page.getByLabel('Email').fill(s.owner.email);
      await page.getByLabel('Password').fill(s.owner.password);
      const t1 = Date.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page
        .getByRole('list', { name: 'Conversations' })
        .getByRole('link')
        .nth(CONVERSATIONS - 1)
        .waitFor();
      await page.getByText('You are online').waitFor();
      toInbox.push(Date.now() - t1);
      await context.close();
    }
  } finally {
    await browser.close();
    await s.t.close();
  }
  const result = {
    assets: sizes(),
    conversations: CONVERSATIONS,
    runs: RUNS,
    medianMs: { navigationToSignInForm: median(toForm), signInToLiveInbox: median(toInbox) },
    samplesMs: { toForm, toInbox },
  };
  console.log(JSON.stringify(result, null, 2));
}

void main();
