// `npm run dev`: the front-ends rebuilt on change (dist/web) and the server restarted on change,
// side by side in one terminal; Ctrl+C stops both.
import { spawn } from 'node:child_process';

const run = (args) => spawn(process.execPath, args, { stdio: 'inherit' });
const children = [
  run(['scripts/build-web.mjs', '--watch']),
  run(['--watch', '-r', '@swc-node/register', 'src/main.ts']),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
