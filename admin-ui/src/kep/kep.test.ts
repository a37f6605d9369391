// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_KEYS_DIR } from '../test/globalSetup';
import { signCms } from './cms';
import { KepError, openKeyFile, validityProblem } from './keyFile';

const PASSWORD = 'test-password';

function keyFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(TEST_KEYS_DIR, name)));
}

/** openssl is the independent judge: the signature, the certificate chain to the test CA, and the content. */
function opensslVerify(cms: Uint8Array, expectedContent: Uint8Array): void {
  const dir = mkdtempSync(join(tmpdir(), 'qrshare-cms-'));
  writeFileSync(join(dir, 'sig.der'), cms);
  const out = join(dir, 'content.bin');
  execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.der'),
    '-CAfile', join(TEST_KEYS_DIR, 'ca.pem'), '-purpose', 'any', '-out', out], { stdio: 'pipe' });
  expect(new Uint8Array(readFileSync(out))).toEqual(expectedContent);
}

async function expectKepError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(KepError);
  expect((error as KepError).code).toBe(code);
}

describe('PKCS#12 key files → CMS SignedData', () => {
  const nonce = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 0xff);

  it.each([
    ['ec256.p12', 'ECDSA P-256', PASSWORD],
    ['ec384.p12', 'ECDSA P-384', PASSWORD],
    ['rsa.p12', 'RSA', PASSWORD],
    ['ec256-legacy.p12', 'ECDSA P-256', PASSWORD],
    ['rsa-legacy.p12', 'RSA', PASSWORD],
    ['ec256-cyrillic.p12', 'ECDSA P-256', 'пароль-КЕП'],
  ])('%s opens and signs what openssl cms -verify accepts', async (file, algorithm, password) => {
    const key = await openKeyFile(keyFile(file), password);
    expect(key.algorithm).toBe(algorithm);
    expect(key.others).toHaveLength(1); // the CA came along, the holder's own certificate was told apart from it
    expect(key.privateKey.extractable).toBe(false);
    const cms = await signCms(key, nonce);
    opensslVerify(cms, nonce);
  });

  it('names the holder from the certificate', async () => {
    const key = await openKeyFile(keyFile('ec256.p12'), PASSWORD);
    expect(key.holder).toBe('Коваленко Олена Петрівна');
    expect(key.notAfter.getTime()).toBeGreaterThan(Date.now());
  });

  it('signs other bytes than the ones verified: openssl refuses a tampered content', async () => {
    const key = await openKeyFile(keyFile('rsa.p12'), PASSWORD);
    const cms = await signCms(key, nonce);
    const tampered = cms.slice();
    const at = indexOf(tampered, nonce);
    expect(at).toBeGreaterThan(0);
    tampered[at] ^= 1;
    expect(() => opensslVerify(tampered, nonce)).toThrow();
  });

  it.each(['ec256.p12', 'ec256-legacy.p12', 'rsa-legacy.p12'])('a wrong password for %s is WRONG_PASSWORD', async (file) => {
    await expectKepError(openKeyFile(keyFile(file), 'not-the-password'), 'WRONG_PASSWORD');
  });

  it('tells an expired certificate, with its end date, from a current one', async () => {
    const expired = await openKeyFile(keyFile('expired.p12'), PASSWORD);
    expect(validityProblem(expired)).toEqual({ code: 'EXPIRED', date: new Date('2021-01-01T00:00:00Z') });
    const current = await openKeyFile(keyFile('ec256.p12'), PASSWORD);
    expect(validityProblem(current)).toBeNull();
    expect(validityProblem(current, new Date(current.notBefore.getTime() - 1000))?.code).toBe('NOT_YET_VALID');
  });

  it('an Ed25519 key is UNSUPPORTED_KEY', async () => {
    await expectKepError(openKeyFile(keyFile('ed25519.p12'), PASSWORD), 'UNSUPPORTED_KEY');
  });

  it('a file that is not PKCS#12 is NOT_A_KEY_FILE', async () => {
    await expectKepError(openKeyFile(readFileSync(join(TEST_KEYS_DIR, 'ca.pem')), PASSWORD), 'NOT_A_KEY_FILE');
    await expectKepError(openKeyFile(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x03]), PASSWORD), 'NOT_A_KEY_FILE');
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
