#!/usr/bin/env -S node --max-semi-space-size=16
// Checking a mail allocates many short-lived objects (parsed parts, decoded text, findings).
// A 16 MB young generation (V8's default is smaller) keeps scavenges rare enough that
// per-mail p99 latency in `scan` and `serve` stays under 5 ms; `.npmrc` gives npm scripts the
// same setting through node-options.
// kakunin runs its TypeScript sources directly on Node >= 22.19 (type stripping). When this
// file is started by an older system node, re-run it with the Node 24 that the `node`
// devDependency installs, so `./bin/kakunin.js` works from any shell, not only npm scripts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 19)) {
  const bundled = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(bundled)) {
    console.error(`kakunin needs Node >= 22.19 (this is ${process.version}); run "npm install" first.`);
    process.exit(70);
  }
  const result = spawnSync(bundled, ['--max-semi-space-size=16', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 70);
}
// `kakunin scan --json | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
