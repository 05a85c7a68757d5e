#!/bin/bash
# The signing daemon: it holds the key, listens on a Unix socket (mode
# 0660), signs a report for a client that has no key, logs who asked,
# refuses what is not a request, and removes its socket when stopped.
. "$(dirname "$0")/lib.sh"

sock=$out/signer.sock
log=$out/signer.log
pdf=$out/annual-signed-by-daemon.pdf
rm -f "$sock"
"$build/mesure-signer" --key "$pki/signer.key" --cert "$pki/signer.pem" \
    --socket "$sock" --mode 0660 2>"$log" &
pid=$!
for _ in $(seq 1 50); do [ -S "$sock" ] && break; sleep 0.1; done
if [ -S "$sock" ]; then
	ok "mesure-signer listens on its socket"
else
	not_ok "mesure-signer did not start: $(cat "$log")"
fi
check "the socket is mode 0660" test "$(stat -c %a "$sock")" = 660

# The client never sees the key: only the socket.
if "$build/mesure-report" --project digilab --year "$QY" --date "$anchor" \
    --out "$pdf" --no-store --sign --signer "$sock" --ca "$pki/ca.pem" \
    --role "Président de l'association" --quiet 2>"$out/signer-client.err"
then
	ok "a report signed through the daemon"
else
	not_ok "signing through the daemon failed: $(cat "$out/signer-client.err")"
fi
s=$(sig_report "$pdf")
for want in "Signature is Valid." "Total document signed" \
    "Certificate is Trusted."; do
	if printf '%s\n' "$s" | grep -qF "$want"; then
		ok "daemon-signed: pdfsig: $want"
	else
		not_ok "daemon-signed: pdfsig does not say \"$want\""
	fi
done
check "daemon-signed: qpdf --check passes" qpdf --check "$pdf"
check "the daemon logged the signature with the client's uid" \
    grep -q "signed digest [0-9a-f]\{64\} for uid $(id -u) pid" "$log"

# Junk, a digest of the wrong size, an unknown request: answered 'e' or
# closed, never a crash.
python3 - "$sock" >"$out/signer-junk.log" 2>&1 <<'PY'
import socket, struct, sys
def ask(payload):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(5)
    s.connect(sys.argv[1])
    s.sendall(payload)
    try:
        d = s.recv(65536)
    except (socket.timeout, ConnectionResetError):
        d = b''
    s.close()
    return d
r1 = ask(b'GET / HTTP/1.0\r\n\r\n')
r2 = ask(b'MSG1S' + struct.pack('>I', 5) + b'12345')
r3 = ask(b'MSG1X' + struct.pack('>I', 0))
r4 = ask(b'MSG1C' + struct.pack('>I', 0))
print(r1[:5], r2[:5], r3[:5], r4[:5])
ok = r1 == b'' and r2[:5] == b'MSG1e' and r3[:5] == b'MSG1e' and r4[:5] == b'MSG1c'
sys.exit(0 if ok else 1)
PY
if [ $? -eq 0 ]; then
	ok "the daemon refuses junk and bad requests, still serves the certificate"
else
	not_ok "the daemon's answers to junk: $(cat "$out/signer-junk.log")"
fi
check "the daemon is still running" kill -0 "$pid"
check "the certificate answer is not the key" sh -c \
    "! grep -q 'PRIVATE KEY' '$log'"

kill "$pid"
wait "$pid" 2>/dev/null
check "stopped, the daemon removes its socket" test ! -e "$sock"
