"""TLS is verified by default; a classroom's own CA bundle can be given."""

from __future__ import annotations

import datetime as dt
import ipaddress

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from seller_desk.sandbox.app import Platform, create_app
from seller_desk.sandbox.server import ServerThread
from seller_desk.sandbox.store import PlatformStore
from seller_desk.sync.client import PlatformClient, RetryPolicy
from seller_desk.sync.errors import NetworkError
from seller_desk.sync.ratelimit import TokenBucket


def _cert(tmp_path):
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Classroom CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(1)
          .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(2)
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (tmp_path / "ca.pem").write_bytes(ca.public_bytes(pem))
    (tmp_path / "cert.pem").write_bytes(cert.public_bytes(pem))
    (tmp_path / "key.pem").write_bytes(key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem"


@pytest.fixture
def tls_server(tmp_path):
    ca, cert, key = _cert(tmp_path)
    store = PlatformStore(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    platform = Platform(store)
    server = ServerThread(create_app(platform), ssl_certfile=str(cert),
                          ssl_keyfile=str(key)).start()
    token = platform.create_class(1, port=server.port, tls=True)["students"][0]["token"]
    yield server.url, token, ca
    server.stop()
    store.dispose()


def test_unknown_certificate_is_refused_without_retrying(tls_server):
    url, token, _ca = tls_server
    sleeps: list[float] = []
    with PlatformClient(url, token, sleep=sleeps.append, retry=RetryPolicy(attempts=5),
                        bucket=TokenBucket(100, 100)) as client, \
            pytest.raises(NetworkError) as err:
        client.me()
    assert err.value.problem.key == "sync.tls_failed"
    assert sleeps == []


def test_ca_bundle_makes_the_classroom_certificate_trusted(tls_server):
    url, token, ca = tls_server
    with PlatformClient(url, token, verify=str(ca), bucket=TokenBucket(100, 100)) as client:
        assert client.me()["role"] == "seller"


def test_verification_cannot_be_switched_off():
    with pytest.raises(ValueError):
        PlatformClient("https://h:1", "t", verify=False)


def test_desk_connects_with_the_ca_file_it_keeps(desk, tls_server):
    from seller_desk.sync.errors import NetworkError

    url, token, ca = tls_server
    with pytest.raises(NetworkError) as err:
        desk.sync.connect(url, token)
    assert err.value.problem.key == "sync.tls_failed"
    desk.sync.connect(url, token, ca_bundle=str(ca))
    assert desk.settings.get("sync.ca_bundle") == str(ca)
    assert desk.sync.run().pushed == 1  # the profile, over verified TLS
    with pytest.raises(NetworkError):
        desk.sync.connect(url, token, ca_bundle="")  # cleared: system CAs again
