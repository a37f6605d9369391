import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * A partner's КЕП key file (PKCS#12, .p12/.pfx) opened in the page: the private key as a non-storable WebCrypto key,
 * the holder's certificate and whatever CA certificates came with it. Nothing here is ever written anywhere.
 *
 * PBES2 (AES) files — what Java and openssl 3 write — are opened with pkijs over WebCrypto. The legacy
 * pbeWithSHAAnd3-KeyTripleDES-CBC / RC2 files of older Windows and `openssl -legacy` need ciphers WebCrypto lacks;
 * node-forge decrypts those (and only those), loaded on demand.
 */

export type KepErrorCode = 'NOT_A_KEY_FILE' | 'WRONG_PASSWORD' | 'UNSUPPORTED_KEY' | 'NO_PRIVATE_KEY' | 'NO_CERTIFICATE';

export class KepError extends Error {
  readonly code: KepErrorCode;

  constructor(code: KepErrorCode, message?: string) {
    super(message ?? code);
    this.name = 'KepError';
    this.code = code;
  }
}

export type KeyAlgorithm = 'ECDSA P-256' | 'ECDSA P-384' | 'RSA';

export interface KeyFile {
  privateKey: CryptoKey;
  certificate: pkijs.Certificate;
  /** Other certificates in the file (usually the issuing CA), sent along so the server can build the chain. */
  others: pkijs.Certificate[];
  algorithm: KeyAlgorithm;
  hash: 'SHA-256' | 'SHA-384';
  /** The holder's name (the certificate subject's CN). */
  holder: string;
  notBefore: Date;
  notAfter: Date;
}

/** What both decoders hand over: the decrypted PKCS#8 key(s) and the DER certificates. */
export interface DecodedBags {
  keys: ArrayBuffer[];
  certificates: ArrayBuffer[];
}

const OID_RSA = '1.2.840.113549.1.1.1';
const OID_EC = '1.2.840.10045.2.1';
const CURVES: Record<string, { curve: 'P-256' | 'P-384'; hash: 'SHA-256' | 'SHA-384' }> = {
  '1.2.840.10045.3.1.7': { curve: 'P-256', hash: 'SHA-256' },
  '1.3.132.0.34': { curve: 'P-384', hash: 'SHA-384' },
};
const OID_KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';
/** DER of the OID arc 1.2.840.113549.1.12.1 (pkcs-12PbeIds): the legacy, WebCrypto-less encryptions. */
const LEGACY_PBE_PREFIX = [0x06, 0x0a, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x01];

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function containsLegacyPbe(bytes: Uint8Array): boolean {
  outer: for (let i = 0; i + LEGACY_PBE_PREFIX.length < bytes.length; i++) {
    for (let j = 0; j < LEGACY_PBE_PREFIX.length; j++) {
      if (bytes[i + j] !== LEGACY_PBE_PREFIX[j]) continue outer;
    }
    return true;
  }
  return false;
}

function isIntegrityFailure(e: unknown): boolean {
  return e instanceof Error && /integrity|mac could not be verified|invalid password|wrong password/i.test(e.message);
}

/** PBES2 files through pkijs: the MAC (password check) first, then each encrypted safe and shrouded key. */
async function decodeWithPkijs(bytes: Uint8Array, password: ArrayBuffer): Promise<DecodedBags> {
  const parsed = asn1js.fromBER(toArrayBuffer(bytes));
  if (parsed.offset === -1) throw new KepError('NOT_A_KEY_FILE');
  let pfx: pkijs.PFX;
  try {
    pfx = new pkijs.PFX({ schema: parsed.result });
  } catch {
    throw new KepError('NOT_A_KEY_FILE');
  }
  try {
    await pfx.parseInternalValues({ password, checkIntegrity: pfx.macData !== undefined });
  } catch (e) {
    if (isIntegrityFailure(e)) throw new KepError('WRONG_PASSWORD');
    throw new KepError('NOT_A_KEY_FILE', e instanceof Error ? e.message : String(e));
  }
  const authSafe = pfx.parsedValue?.authenticatedSafe;
  if (!authSafe) throw new KepError('NOT_A_KEY_FILE');
  try {
    await authSafe.parseInternalValues({ safeContents: authSafe.safeContents.map(() => ({ password })) });
  } catch {
    // Without a MAC, a wrong password shows up only here, as undecryptable content.
    throw new KepError('WRONG_PASSWORD');
  }
  const out: DecodedBags = { keys: [], certificates: [] };
  for (const safe of authSafe.parsedValue?.safeContents ?? []) {
    for (const bag of safe.value.safeBags) {
      if (bag.bagId === OID_SHROUDED_KEY_BAG) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        try {
          const encrypted = new pkijs.EncryptedData({
            encryptedContentInfo: new pkijs.EncryptedContentInfo({
              contentType: '1.2.840.113549.1.7.1',
              contentEncryptionAlgorithm: shrouded.encryptionAlgorithm,
              encryptedContent: shrouded.encryptedData,
            }),
          });
          out.keys.push(await encrypted.decrypt({ password }));
        } catch {
          throw new KepError('WRONG_PASSWORD');
        }
      } else if (bag.bagId === OID_KEY_BAG) {
        out.keys.push((bag.bagValue as pkijs.PrivateKeyInfo).toSchema().toBER(false));
      } else if (bag.bagId === OID_CERT_BAG) {
        const certBag = bag.bagValue as pkijs.CertBag;
        if (certBag.parsedValue instanceof pkijs.Certificate) {
          out.certificates.push(certBag.parsedValue.toSchema().toBER(false));
        }
      }
    }
  }
  return out;
}

async function decode(bytes: Uint8Array, password: string): Promise<DecodedBags> {
  if (containsLegacyPbe(bytes)) {
    const { decodeLegacy } = await import('./legacyPkcs12');
    return decodeLegacy(bytes, password);
  }
  return decodeWithPkijs(bytes, toArrayBuffer(new TextEncoder().encode(password)));
}

function keyAlgorithm(pkcs8: ArrayBuffer): { algorithm: KeyAlgorithm; hash: 'SHA-256' | 'SHA-384'; params: RsaHashedImportParams | EcKeyImportParams } {
  const info = new pkijs.PrivateKeyInfo({ schema: asn1js.fromBER(pkcs8).result });
  const oid = info.privateKeyAlgorithm.algorithmId;
  if (oid === OID_RSA) {
    return { algorithm: 'RSA', hash: 'SHA-256', params: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } };
  }
  if (oid === OID_EC) {
    const curveOid = info.privateKeyAlgorithm.algorithmParams instanceof asn1js.ObjectIdentifier
      ? info.privateKeyAlgorithm.algorithmParams.valueBlock.toString()
      : '';
    const curve = CURVES[curveOid];
    if (curve) {
      return { algorithm: `ECDSA ${curve.curve}`, hash: curve.hash, params: { name: 'ECDSA', namedCurve: curve.curve } };
    }
  }
  throw new KepError('UNSUPPORTED_KEY', oid);
}

function publicJwkMatches(a: JsonWebKey, b: JsonWebKey): boolean {
  return a.kty === b.kty && (a.kty === 'EC' ? a.x === b.x && a.y === b.y && a.crv === b.crv : a.n === b.n && a.e === b.e);
}

function commonName(name: pkijs.RelativeDistinguishedNames): string {
  const cn = name.typesAndValues.find((tv) => tv.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : '';
}

/** Opens a PKCS#12 key file with its password; throws {@link KepError} with a code the UI explains. */
export async function openKeyFile(file: ArrayBuffer | Uint8Array, password: string): Promise<KeyFile> {
  const bytes = file instanceof Uint8Array ? file : new Uint8Array(file);
  let decoded: DecodedBags;
  try {
    decoded = await decode(bytes, password);
  } catch (e) {
    if (e instanceof KepError) throw e;
    throw new KepError(isIntegrityFailure(e) ? 'WRONG_PASSWORD' : 'NOT_A_KEY_FILE', e instanceof Error ? e.message : String(e));
  }
  if (decoded.keys.length === 0) throw new KepError('NO_PRIVATE_KEY');
  const pkcs8 = decoded.keys[0];
  const { algorithm, hash, params } = keyAlgorithm(pkcs8);
  const subtle = globalThis.crypto.subtle;
  let signingKey: CryptoKey;
  let privateJwk: JsonWebKey;
  try {
    // Extractable only to read its public half (to find its certificate); it lives in this page's memory alone.
    const extractable = await subtle.importKey('pkcs8', pkcs8, params, true, ['sign']);
    privateJwk = await subtle.exportKey('jwk', extractable);
    signingKey = await subtle.importKey('pkcs8', pkcs8, params, false, ['sign']);
  } catch (e) {
    throw new KepError('UNSUPPORTED_KEY', e instanceof Error ? e.message : String(e));
  }
  const certificates = decoded.certificates.map((der) => new pkijs.Certificate({ schema: asn1js.fromBER(der).result }));
  let own: pkijs.Certificate | undefined;
  for (const cert of certificates) {
    try {
      const spki = cert.subjectPublicKeyInfo.toSchema().toBER(false);
      const pub = await subtle.importKey('spki', spki, params, true, ['verify']);
      if (publicJwkMatches(await subtle.exportKey('jwk', pub), privateJwk)) {
        own = cert;
        break;
      }
    } catch {
      // A certificate for another algorithm: not this key's.
    }
  }
  if (!own) throw new KepError('NO_CERTIFICATE');
  return {
    privateKey: signingKey,
    certificate: own,
    others: certificates.filter((c) => c !== own),
    algorithm,
    hash,
    holder: commonName(own.subject),
    notBefore: own.notBefore.value,
    notAfter: own.notAfter.value,
  };
}

/** Whether the holder's certificate is valid at {@code now}; the page says so before anything is signed. */
export function validityProblem(key: Pick<KeyFile, 'notBefore' | 'notAfter'>, now: Date = new Date()): { code: 'EXPIRED' | 'NOT_YET_VALID'; date: Date } | null {
  if (key.notAfter.getTime() < now.getTime()) return { code: 'EXPIRED', date: key.notAfter };
  if (key.notBefore.getTime() > now.getTime()) return { code: 'NOT_YET_VALID', date: key.notBefore };
  return null;
}
