import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WEB_DIST_DIR } from '../src/server/server.js';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

/** Gzip bytes of a chunk and everything it statically imports (what the browser must load). */
function staticClosure(manifest: Record<string, ManifestChunk>, keys: string[]): { files: Set<string>; bytes: number } {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(fs.readFileSync(path.join(WEB_DIST_DIR, file)), { level: 9 }).length;
  return { files, bytes };
}

describe('web bundle', () => {
  // The e2e global setup has just built dist/web.
  const manifest = JSON.parse(fs.readFileSync(path.join(WEB_DIST_DIR, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const mobileKey = Object.keys(manifest).find((k) => k.endsWith('pages/m/MobileApp.tsx'))!;

  it('keeps the mobile page under 250 kB of gzipped JS and CSS, without antd', () => {
    expect(mobileKey).toBeDefined();
    const { files, bytes } = staticClosure(manifest, [entryKey, mobileKey]);
    process.stdout.write(`mobile /m: ${(bytes / 1024).toFixed(1)} kB gzip in ${files.size} files\n`);
    expect(bytes).toBeLessThan(250 * 1024);
    const text = [...files].filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(WEB_DIST_DIR, f), 'utf8')).join('\n');
    expect(text).not.toMatch(/ant-btn|antd/);
  });

  it('loads the admin console (antd) as a separate chunk', () => {
    const adminKey = Object.keys(manifest).find((k) => k.endsWith('pages/admin/AdminApp.tsx'));
    expect(adminKey).toBeDefined();
    const entry = staticClosure(manifest, [entryKey]);
    const admin = staticClosure(manifest, [adminKey!]);
    process.stdout.write(`entry: ${(entry.bytes / 1024).toFixed(1)} kB gzip; admin closure: ${(admin.bytes / 1024).toFixed(1)} kB gzip\n`);
    expect([...admin.files].some((f) => !entry.files.has(f))).toBe(true);
  });
});
