#!/usr/bin/env bash
# Test key files as partners have them, made by openssl: a test CA, and PKCS#12 files of its holders with
# PBES2/AES (openssl 3's default) and, with -legacy, 3DES keys and RC2 certificates. Used by the Vitest suite.
set -euo pipefail
out=${1:?usage: make-test-keys.sh DIR}
mkdir -p "$out"
cd "$out"
[ -f done ] && exit 0

cat > ext.cnf <<'CNF'
[leaf]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem -days 30 \
  -subj "/CN=qrshare test CA/O=qrshare tests/C=UA" -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

leaf() { # name, keygen options…, then the subject
  local name=$1; shift
  local subj=$1; shift
  openssl genpkey -quiet "$@" -out "$name.key"
  openssl req -utf8 -new -key "$name.key" -subj "$subj" -out "$name.csr"
  openssl x509 -req -in "$name.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 10 -extfile ext.cnf -extensions leaf \
    -out "$name.pem" 2>/dev/null || { echo "cannot issue $name" >&2; exit 1; }
}

leaf ec256 "/CN=Коваленко Олена Петрівна/serialNumber=TINUA-2892751280/C=UA" -algorithm EC -pkeyopt ec_paramgen_curve:P-256
leaf ec384 "/CN=Test P-384/serialNumber=TINUA-3012345678/C=UA" -algorithm EC -pkeyopt ec_paramgen_curve:P-384
leaf rsa "/CN=Test RSA/serialNumber=TINUA-3112345678/C=UA" -algorithm RSA -pkeyopt rsa_keygen_bits:2048
leaf ed25519 "/CN=Test Ed25519/C=UA" -algorithm ED25519

for name in ec256 ec384 rsa ed25519; do
  openssl pkcs12 -export -inkey "$name.key" -in "$name.pem" -certfile ca.pem -name "$name" \
    -passout pass:test-password -out "$name.p12"
done
for name in ec256 rsa; do
  openssl pkcs12 -export -legacy -inkey "$name.key" -in "$name.pem" -certfile ca.pem -name "$name" \
    -passout pass:test-password -out "$name-legacy.p12"
done
# A certificate that expired long ago (openssl ca can set past dates), for the page's own validity check.
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out expired.key
openssl req -utf8 -new -key expired.key -subj "/CN=Expired Holder/C=UA" -out expired.csr
mkdir -p ca-db && : > ca-db/index.txt && echo 1000 > ca-db/serial
cat > ca.cnf <<'CNF'
[ca]
default_ca = test
[test]
database = ca-db/index.txt
serial = ca-db/serial
new_certs_dir = ca-db
default_md = sha256
policy = any
[any]
commonName = supplied
countryName = optional
CNF
openssl ca -batch -config ca.cnf -cert ca.pem -keyfile ca.key -in expired.csr -out expired.pem -notext \
  -startdate 20200101000000Z -enddate 20210101000000Z 2>/dev/null || { echo "cannot issue expired" >&2; exit 1; }
openssl pkcs12 -export -inkey expired.key -in expired.pem -certfile ca.pem -passout pass:test-password -out expired.p12
# A password that is not ASCII (PBES2 takes its UTF-8 bytes, the MAC its BMPString).
openssl pkcs12 -export -inkey ec256.key -in ec256.pem -certfile ca.pem -passout pass:'пароль-КЕП' -out ec256-cyrillic.p12
touch done
