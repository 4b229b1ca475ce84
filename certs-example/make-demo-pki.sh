#!/usr/bin/env bash
# Regenerates the DEMO public key infrastructure of mash-gateway into this folder:
# a demo CA, the HTTPS server certificate, the gateway's S/MIME identity (plus the master key for
# stored messages), one client certificate per demo partner, and a trust store holding the CA.
#
# DEMO ONLY: private keys are written unencrypted and every password is "changeit".
# Never use these files, or this script as it stands, for real data.
#
# Needs OpenSSL 3 and a JDK's keytool. Idempotent: every run replaces every file it makes.
set -euo pipefail

cd "$(dirname "$0")"

PASSWORD=changeit
DAYS=3650
CA_SUBJECT="/C=GB/O=MASH Gateway Demo/CN=MASH Gateway Demo CA"

command -v openssl >/dev/null || { echo "openssl not found" >&2; exit 1; }
command -v keytool >/dev/null || { echo "keytool not found (install a JDK)" >&2; exit 1; }
case "$(openssl version)" in
  "OpenSSL 3"*) ;;
  *) echo "OpenSSL 3 is required, found: $(openssl version)" >&2; exit 1 ;;
esac

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -f ./*.crt ./*.key ./*.p12 ./*.srl

random_serial() {
  # 16 random bytes with the top bit cleared, so the serial is a positive integer (RFC 5280)
  printf '0x%s' "$(openssl rand -hex 16 | sed 's/^./7/')"
}

# --- the demo CA --------------------------------------------------------------------------------
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out ca.key
openssl req -new -x509 -sha256 -days "$DAYS" -key ca.key -subj "$CA_SUBJECT" \
  -set_serial "$(random_serial)" \
  -addext "basicConstraints=critical,CA:true" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -addext "subjectKeyIdentifier=hash" \
  -out ca.crt
openssl pkcs12 -export -in ca.crt -inkey ca.key -name ca \
  -passout "pass:$PASSWORD" -out ca.p12

# issue NAME SUBJECT EXTENSIONS: a 2048-bit RSA key, a certificate signed by the demo CA and a
# PKCS#12 file (alias NAME in lower case, with the CA in the chain)
issue() {
  local name=$1 subject=$2 extensions=$3
  local alias
  alias=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]')
  printf '%s\n' "$extensions" >"$work/$name.ext"
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$name.key"
  openssl req -new -key "$name.key" -subj "$subject" -out "$work/$name.csr"
  openssl x509 -req -sha256 -days "$DAYS" -in "$work/$name.csr" \
    -CA ca.crt -CAkey ca.key -set_serial "$(random_serial)" \
    -extfile "$work/$name.ext" -out "$name.crt" 2>/dev/null
  openssl pkcs12 -export -in "$name.crt" -inkey "$name.key" -certfile ca.crt -name "$alias" \
    -passout "pass:$PASSWORD" -out "$name.p12"
  echo "issued $name"
}

leaf_common="basicConstraints=critical,CA:false
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid"

# --- the HTTPS server -----------------------------------------------------------------------------
issue server "/C=GB/O=MASH Gateway Demo/CN=localhost" "$leaf_common
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1"

# --- the gateway's S/MIME identity: signs everything it sends, decrypts what it receives ----------
issue gateway "/C=GB/O=MASH Gateway Demo/CN=MASH Gateway Demo/emailAddress=mash-gateway@localhost" "$leaf_common
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=emailProtection
subjectAltName=email:mash-gateway@localhost"

# The master key that encrypts stored message bodies lives next to the gateway's private key.
keytool -genseckey -alias mash-store-master -keyalg AES -keysize 256 \
  -storetype PKCS12 -keystore gateway.p12 -storepass "$PASSWORD" -keypass "$PASSWORD" 2>/dev/null
echo "added secret key mash-store-master to gateway.p12"

# --- partners: client certificates for mutual TLS, also usable for S/MIME -------------------------
# client NAME ORGANISATION COMMON-NAME [EMAIL...]
client() {
  local name=$1 organisation=$2 common_name=$3
  shift 3
  local extensions="$leaf_common
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=clientAuth,emailProtection"
  local subject="/C=GB/O=$organisation/CN=$common_name"
  if [ "$#" -gt 0 ]; then
    local san="" email
    for email in "$@"; do san="${san:+$san,}email:$email"; done
    extensions="$extensions
subjectAltName=$san"
    subject="$subject/emailAddress=$1"
  fi
  issue "$name" "$subject" "$extensions"
}

client police-DERBYS "Derbyshire Constabulary (demo)" "DERBYS police system"
client police-NOTTS "Nottinghamshire Police (demo)" "NOTTS police system"
client casework "Derby City MASH (demo)" "MASH case system"
client agency-CSC "Derby City Children's Social Care (demo)" "CSC MASH team" csc-mash@derby.example
client agency-HEALTH "Derby Health Safeguarding (demo)" "HEALTH MASH team" health-mash@derby.example
client agency-EWS "Derby Education Welfare Service (demo)" "EWS MASH team" ews-mash@derby.example
client school-100001 "Example Primary School (demo)" "100001 safeguarding" \
  safeguarding@example-primary.example deputy@example-primary.example
client school-100002 "Example Academy (demo)" "100002 safeguarding" dsl@example-academy.example
# Not referenced by the demo directory (that school is protection: tls); kept for trying a rollover.
client school-100003 "Example Infant School (demo)" "100003 safeguarding" dsl@example-infant.example

# --- the MASH admins: every alert mail is encrypted to this certificate (mash.alerts.certificate) ---
issue admin "/C=GB/O=MASH Gateway Demo/CN=MASH gateway admins/emailAddress=mash-admins@localhost" "$leaf_common
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=emailProtection
subjectAltName=email:mash-admins@localhost"

# --- the trust store: the demo CA as a trusted certificate entry (Java needs keytool for that) ---
keytool -importcert -noprompt -alias mash-demo-ca -file ca.crt \
  -storetype PKCS12 -keystore truststore.p12 -storepass "$PASSWORD" >/dev/null 2>&1
echo "wrote truststore.p12"

# --- checks ------------------------------------------------------------------------------------
for crt in ./*.crt; do
  [ "$crt" = ./ca.crt ] && continue
  openssl verify -CAfile ca.crt "$crt" >/dev/null
done
keytool -list -storetype PKCS12 -keystore gateway.p12 -storepass "$PASSWORD" | grep -q '^gateway,'
keytool -list -storetype PKCS12 -keystore gateway.p12 -storepass "$PASSWORD" | grep -q '^mash-store-master,'
openssl pkcs12 -in gateway.p12 -nokeys -passin "pass:$PASSWORD" 2>/dev/null | grep -q 'BEGIN CERTIFICATE'
echo "demo PKI regenerated in $(pwd); every certificate verifies against ca.crt"
