import fs from 'node:fs';
import path from 'node:path';
import { ROOT_DIR, WEB_DIST_DIR } from './server.js';

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Whether dist/web is missing or older than the sources it is built from. */
export function isWebBuildStale(): boolean {
  const manifest = path.join(WEB_DIST_DIR, '.vite', 'manifest.json');
  if (!fs.existsSync(manifest)) return true;
  const built = fs.statSync(manifest).mtimeMs;
  const sources = ['src/web', 'src/shared', 'vite.config.ts', 'package-lock.json'].map((p) => path.join(ROOT_DIR, p));
  return sources.some((source) => newestMtime(source) > built);
}

/** Build the web app with Vite (production), only when needed unless forced. */
export async function buildWeb(options: { force?: boolean; log?: (line: string) => void } = {}): Promise<boolean> {
  if (!options.force && !isWebBuildStale()) return false;
  const started = Date.now();
  options.log?.('building the web app (vite build) …');
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT_DIR, 'vite.config.ts'), logLevel: 'warn' });
  options.log?.(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}
