"""The filing area's tables: personal data encrypted at rest, migration onto older files."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from seller_desk.desk import Desk
from seller_desk.store.db import open_store, url_for_path
from tests.conftest import on_postgres

OLD_RELEASE = Path(__file__).parent / "data" / "release-0.1.0-foundation.sqlite"
RIC = "11010519491231002X"
ACCOUNT = "6222021234567890123"


@pytest.mark.skipif(on_postgres(), reason="checks the bytes of the SQLite file")
def test_plaintext_id_and_account_not_in_the_database_file_bytes(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    desk = Desk.open(url_for_path(path), data_dir=tmp_path)
    desk.company.create(kind="individual", name_zh="张三", id_code=RIC)
    desk.filing.update_profile(id_code=RIC.lower())  # rewritten (and re-encrypted) once more
    desk.filing.add_bank_account(bank_name="中国工商银行", account_name="张三",
                                 account_number=ACCOUNT, currency="CNY")
    assert desk.filing.reveal_identity() == RIC
    desk.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("c.sqlite*"))
    assert raw  # the file is there
    for secret in (RIC, RIC.lower(), "19491231", ACCOUNT, ACCOUNT[4:-4]):
        assert secret.encode() not in raw, secret
    # …and not through the outbox either (its payloads are encrypted by the foundation)
    con = sqlite3.connect(path)
    try:
        payloads = " ".join(str(r[0]) for r in con.execute("select payload from outbox"))
    finally:
        con.close()
    assert RIC not in payloads and ACCOUNT not in payloads


@pytest.mark.skipif(on_postgres(), reason="the checked-in file is SQLite")
def test_first_release_file_gains_the_filing_tables(tmp_path: Path) -> None:
    path = tmp_path / "release.sqlite"
    shutil.copy(OLD_RELEASE, path)
    store = open_store(url_for_path(path))
    try:
        # applied (alembic_version lists only heads; products_0003 depends on filing_0001)
        assert "filing_0001" in store.migrated
        names = set(inspect(store.engine).get_table_names())
        assert {"filings", "filing_status_history", "documents", "document_links",
                "bank_accounts", "company_contacts"} <= names
    finally:
        store.close()


def test_history_rows_go_with_their_filing(store_url: str, tmp_path: Path) -> None:
    desk = Desk.open(store_url, data_dir=tmp_path)
    try:
        desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                            id_code="91110000600037341L")
        f = desk.filing.add_filing(kind="eport_card", today=dt.date(2026, 11, 22))
        desk.filing.delete_filing(f.id)
        from seller_desk.store.models.filing import FilingStatusChange

        with desk.read() as s:
            assert s.query(FilingStatusChange).count() == 0
    finally:
        desk.close()
