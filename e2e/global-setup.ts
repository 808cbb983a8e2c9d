import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../src/server/web-build.js';
import { freePort, runCli, waitForHealthy } from '../test/proc.js';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Build the web app if needed and run the real server (embedded PostgreSQL, demo) once for all browser tests. */
export default async function setup(project: TestProject) {
  await buildWeb({ log: (line) => process.stdout.write(`[e2e] ${line}\n`) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chuanyu-e2e-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const server = runCli(['serve'], { CHUANYU_DATA_DIR: dir, PORT: String(port), LOG_LEVEL: 'warn' });
  const baseUrl = `http://127.0.0.1:${port}`;
  if (!(await waitForHealthy(`${baseUrl}/api/health`, server, 90_000))) {
    server.child.kill('SIGKILL');
    throw new Error(`the server did not become healthy:\n${server.output()}`);
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
