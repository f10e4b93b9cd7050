"""The classroom platform's own TLS certificate (issue 15: secrets on the wire).

A classroom has no public name a CA would certify, so the platform makes its own certificate
(EC P-256, self-signed, for this machine's names and addresses) and keeps it beside its
database. The connection line a trainer hands out carries the certificate's SHA-256
fingerprint; SellerDesk pins it (``seller_desk.sync.pinning``), so no CA and no "trust this
certificate?" question is needed, and a machine in the middle cannot pose as the platform.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path

#: A certificate lasts well beyond a course; a new one means new connection lines.
VALID_DAYS = 825


@dataclass(frozen=True)
class ServerCertificate:
    cert: Path
    key: Path
    fingerprint: str  # "sha256:" + 64 lowercase hex digits, of the DER certificate


def fingerprint_of(der: bytes) -> str:
    return "sha256:" + hashlib.sha256(der).hexdigest()


def _names(hosts: list[str]) -> list[str]:
    names = ["127.0.0.1", "localhost", *hosts]
    try:
        names.append(socket.gethostname())
    except OSError:  # pragma: no cover
        pass
    out: list[str] = []
    for n in names:
        if n and n not in out and n != "0.0.0.0":
            out.append(n)
    return out


def ensure_certificate(folder: Path, hosts: list[str]) -> ServerCertificate:
    """The platform's certificate in ``folder`` (``platform-cert.pem``/``platform-key.pem``),
    made when missing, expired or not covering every name in ``hosts``."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "platform-cert.pem", folder / "platform-key.pem"
    wanted = _names(hosts)
    now = dt.datetime.now(dt.UTC)
    if cert_path.exists() and key_path.exists():
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        have = {str(v) for v in san.get_values_for_type(x509.IPAddress)} | set(
            san.get_values_for_type(x509.DNSName))
        if set(wanted) <= have and cert.not_valid_after_utc > now + dt.timedelta(days=30):
            der = cert.public_bytes(serialization.Encoding.DER)
            return ServerCertificate(cert_path, key_path, fingerprint_of(der))
    key = ec.generate_private_key(ec.SECP256R1())
    alt: list[x509.GeneralName] = []
    for n in wanted:
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(n)))
        except ValueError:
            alt.append(x509.DNSName(n))
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SellerDesk classroom platform")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=VALID_DAYS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            # its own trust anchor: the client trusts exactly this certificate
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, content_commitment=False,
                key_encipherment=False, data_encipherment=False, key_agreement=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return ServerCertificate(cert_path, key_path,
                             fingerprint_of(cert.public_bytes(serialization.Encoding.DER)))
