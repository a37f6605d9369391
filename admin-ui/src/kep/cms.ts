import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { KeyFile } from './keyFile';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/**
 * The signed attributes in DER's SET OF order (by their encodings). Verifiers such as BouncyCastle re-encode the set
 * as DER before checking the signature, so a set signed in another order would not verify there.
 */
function derSetOrder(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }));
  encoded.sort((x, y) => {
    const n = Math.min(x.der.length, y.der.length);
    for (let i = 0; i < n; i++) if (x.der[i] !== y.der[i]) return x.der[i] - y.der[i];
    return x.der.length - y.der.length;
  });
  return encoded.map((e) => e.a);
}

/**
 * CMS SignedData over {@code data} with the content attached, one signer (issuer and serial of the key file's
 * certificate), signed attributes contentType, messageDigest and signingTime, and the file's certificates included:
 * what the gateway's login and offer acceptance check, and what `openssl cms -verify` reads. DER bytes.
 */
export async function signCms(key: KeyFile, data: Uint8Array, signingTime: Date = new Date()): Promise<Uint8Array> {
  const content = toArrayBuffer(data);
  const digest = await globalThis.crypto.subtle.digest(key.hash, content);
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID_DATA,
      eContent: new asn1js.OctetString({ valueHex: content }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: key.certificate.issuer,
          serialNumber: key.certificate.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: derSetOrder([
            new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: OID_DATA })] }),
            new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
            new pkijs.Attribute({ type: OID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: signingTime })] }),
          ]),
        }),
      }),
    ],
    certificates: [key.certificate, ...key.others],
  });
  await signedData.sign(key.privateKey, 0, key.hash);
  const contentInfo = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
