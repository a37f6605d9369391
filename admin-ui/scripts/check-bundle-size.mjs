// The landing route's JavaScript (the entry, every chunk it imports, and the landing screen's own chunk) must stay
// under 120 KB gzip. Reads Vite's manifest, prints the figure, fails the build above the limit.
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LIMIT = 120 * 1024;
const webroot = join(dirname(fileURLToPath(import.meta.url)), '..', 'target', 'classes', 'webroot');
const manifestFile = join(webroot, '.vite', 'manifest.json');
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));

const files = new Set();
function visit(key) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) visit(imported);
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
visit(entry);
const landing = Object.keys(manifest).find((k) => k.endsWith('pages/LandingRoute.tsx'));
if (!landing) throw new Error('no chunk for pages/LandingRoute.tsx in the manifest');
visit(landing);

let total = 0;
for (const file of files) {
  if (!file.endsWith('.js')) continue;
  total += gzipSync(readFileSync(join(webroot, file)), { level: 9 }).length;
}
// The manifest is for this check only; the gateway has no use for it.
rmSync(join(webroot, '.vite'), { recursive: true, force: true });
const kb = (total / 1024).toFixed(1);
if (total > LIMIT) {
  console.error(`landing route JavaScript: ${kb} KB gzip, over the ${LIMIT / 1024} KB limit (${[...files].join(', ')})`);
  process.exit(1);
}
console.log(`landing route JavaScript: ${kb} KB gzip (limit ${LIMIT / 1024} KB)`);
