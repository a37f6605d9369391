// @vitest-environment node
// The PKCS#12 → CMS module's output against the gateway's own login (run by e2e/run.mjs with a gateway started).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromBase64, signCms, toBase64 } from '../src/kep/cms';
import { openKeyFile } from '../src/kep/keyFile';

const base = process.env.QRSHARE_E2E_BASE_URL ?? '';
const keys = JSON.parse(process.env.QRSHARE_E2E_KEYS ?? '{}') as Record<string, { file: string; password: string }>;

async function login(name: string) {
  const key = await openKeyFile(readFileSync(keys[name].file), keys[name].password);
  const challenge = await (await fetch(`${base}/api/v1/auth/challenge`, { method: 'POST' })).json();
  const signature = await signCms(key, fromBase64(challenge.nonce));
  return fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
    body: JSON.stringify({ challengeId: challenge.challengeId, signature: toBase64(signature) }),
  });
}

describe.runIf(base)('the gateway logs in what the page signs', () => {
  it.each(['issued', 'legacy', 'demo'])('a CMS signature made from the %s key file opens a session', async (name) => {
    const r = await login(name);
    const body = await r.json();
    expect({ status: r.status, body }).toMatchObject({ status: 200 });
    expect(body.partner.headName).toBeTruthy();
    expect(r.headers.get('set-cookie')).toMatch(/qrshare_session=.+HttpOnly/i);
  });

  it('a key that is not the head of its organisation is refused as NOT_ORGANISATION_HEAD', async () => {
    const r = await login('notHead');
    expect({ status: r.status, body: await r.json() }).toMatchObject({ status: 403, body: { code: 'NOT_ORGANISATION_HEAD' } });
  });
});
