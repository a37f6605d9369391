import forge from 'node-forge';
import { KepError, type DecodedBags } from './keyFile';

/**
 * Legacy PKCS#12 (pbeWithSHAAnd3-KeyTripleDES-CBC keys, RC2-40 certificates, SHA-1 MAC): node-forge checks the MAC
 * and decrypts, and nothing else — keys go on to WebCrypto as PKCS#8, as with the modern files.
 */
export function decodeLegacy(bytes: Uint8Array, password: string): DecodedBags {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(binary);
    p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/mac could not be verified|invalid password|wrong password|decrypt/i.test(message)) {
      throw new KepError('WRONG_PASSWORD', message);
    }
    throw new KepError('NOT_A_KEY_FILE', message);
  }
  const der = (value: forge.asn1.Asn1): ArrayBuffer => {
    const s = forge.asn1.toDer(value).getBytes();
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out.buffer;
  };
  const out: DecodedBags = { keys: [], certificates: [] };
  for (const type of [forge.pki.oids.pkcs8ShroudedKeyBag, forge.pki.oids.keyBag]) {
    for (const bag of p12.getBags({ bagType: type })[type] ?? []) {
      if (bag.key) {
        out.keys.push(der(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key))));
      } else if (bag.asn1) {
        out.keys.push(der(bag.asn1));
      }
    }
  }
  const certType = forge.pki.oids.certBag;
  for (const bag of p12.getBags({ bagType: certType })[certType] ?? []) {
    if (bag.cert) {
      out.certificates.push(der(forge.pki.certificateToAsn1(bag.cert)));
    } else if (bag.asn1) {
      out.certificates.push(der(bag.asn1));
    }
  }
  return out;
}
