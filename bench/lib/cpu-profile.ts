/**
 * Preloaded into the server with `npm run bench -- --cpu-prof`: records a V8 CPU profile of the
 * server run and writes it to bench/results/<name>-<pid>.cpuprofile on SIGTERM (Nest's shutdown hook
 * re-raises the signal, so node's own --cpu-prof would never get to write its file).
 * SIGUSR2 discards what was recorded so far and starts again: a scenario sends it after its warm-up,
 * so the profile holds the measured window only, not the boot.
 * Open the file in Chrome DevTools (Performance) or speedscope.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { resolve } from 'node:path';

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');

process.on('SIGUSR2', () => {
  session.post('Profiler.stop', () => session.post('Profiler.start'));
});

process.once('SIGTERM', () => {
  // An in-thread inspector session answers synchronously, before Nest's own SIGTERM listener runs.
  session.post('Profiler.stop', (err, res) => {
    if (err) return;
    const name = process.argv[1]?.includes('baseline') ? 'baseline' : 'server';
    const file = resolve(__dirname, `../results/${name}-${process.pid}.cpuprofile`);
    writeFileSync(file, JSON.stringify(res.profile));
    process.stderr.write(`cpu profile: ${file}\n`);
  });
});
