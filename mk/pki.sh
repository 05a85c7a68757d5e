#!/bin/sh
# A development signing PKI for the reports: a private root CA and a leaf
# certificate for "Action Numérique (développement)", with the key usages
# pdfsig expects (digitalSignature, nonRepudiation, emailProtection).
# Never for production: the administrator configures the organisation's
# real key and certificate (README, "Signing reports").
#
#   mk/pki.sh DIR      creates DIR/ca.pem, DIR/ca.key, DIR/signer.pem,
#                      DIR/signer.key (once; reused afterwards)
set -eu
dir=${1:?usage: pki.sh DIR}
[ -f "$dir/signer.pem" ] && exit 0
mkdir -p "$dir"
umask 077
cd "$dir"
openssl req -utf8 -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout ca.key -out ca.pem -days 3650 -sha256 \
    -subj "/C=FR/O=Mesure (développement)/CN=Mesure Dev Root CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -utf8 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout signer.key -out signer.csr -sha256 \
    -subj "/C=FR/O=Action Numérique/CN=Action Numérique (développement)" \
    2>/dev/null
cat > signer.ext <<EOT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
extendedKeyUsage=emailProtection
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EOT
openssl x509 -req -in signer.csr -CA ca.pem -CAkey ca.key \
    -CAcreateserial -out signer.pem -days 825 -sha256 \
    -extfile signer.ext 2>/dev/null
rm -f signer.csr signer.ext ca.srl
chmod 644 ca.pem signer.pem
echo "pki: development CA and signing certificate in $dir"
