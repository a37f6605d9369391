// Starts the built gateway jar with its embedded defaults (embedded PostgreSQL, SMTP sink, dev PKI) on a free port
// in a fresh data directory, and issues partner key files with its own `pki issue-partner` command.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const JAR = resolve(import.meta.dirname, '../../gateway/target/qrshare-gateway.jar');

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

export async function startGateway() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'qrshare-e2e-'));
  const dataDir = join(dir, 'data');
  const env = {
    ...process.env,
    QRSHARE_HTTP_PORT: String(port),
    QRSHARE_HTTP_HOST: '127.0.0.1',
    QRSHARE_DATA_DIR: dataDir,
    QRSHARE_PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  };
  const log = join(dir, 'gateway.log');
  const out = openSync(log, 'a');
  const child = spawn('java', ['-jar', JAR], { env, stdio: ['ignore', out, out] });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with ${child.exitCode}; see ${log}`);
    try {
      const r = await fetch(`${base}/health/ready`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the gateway did not become ready in 120 s; see ${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    base,
    dir,
    dataDir,
    log,
    env,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

let counter = 0;

/** A fresh КЕП from the gateway's dev CA (PBES2/AES, as Java writes it). Without edrpou: a sole proprietor. */
export function issuePartner(gateway, { name, rnokpp, edrpou, organisation } = {}) {
  counter += 1;
  const file = join(gateway.dir, `partner-${process.pid}-${counter}.p12`);
  const password = `e2e-password-${counter}`;
  const taxNumber = rnokpp ?? String(3000000000 + Math.floor(Math.random() * 999999999)).slice(0, 10);
  const args = ['-jar', JAR, 'pki', 'issue-partner', '--rnokpp', taxNumber, '--name', name ?? 'Тестенко Марія Іванівна',
    '--out', file, '--password', password];
  if (edrpou) args.push('--edrpou', edrpou, '--organisation', organisation ?? 'ТОВ «Тест»', '--title', 'Директор');
  execFileSync('java', args, { env: gateway.env, stdio: 'pipe' });
  return { file, password, rnokpp: taxNumber };
}

/** The same key re-exported by openssl with -legacy: 3DES key, RC2-40 certificates, SHA-1 MAC. */
export function legacyCopy(gateway, key) {
  const pem = join(gateway.dir, `legacy-${process.pid}-${counter}.pem`);
  const file = join(gateway.dir, `legacy-${process.pid}-${counter}.p12`);
  const password = 'legacy-password';
  execFileSync('openssl', ['pkcs12', '-in', key.file, '-passin', `pass:${key.password}`, '-noenc', '-out', pem], { stdio: 'pipe' });
  execFileSync('openssl', ['pkcs12', '-export', '-legacy', '-in', pem, '-passout', `pass:${password}`, '-out', file], { stdio: 'pipe' });
  return { file, password, rnokpp: key.rnokpp };
}
