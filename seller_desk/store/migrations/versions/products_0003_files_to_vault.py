"""products: product images and documents move into the document vault

``product_files`` (a copy of each file under ``products/<product uuid>/<name>``, no hash, no
content check) duplicated the filing area's vault (``documents`` + ``document_links``: stored
once under the SHA-256, checked for missing or changed files, previewed). Each row becomes a
vault document linked to its product (owner kind "product"); the file is copied to its hash
name and the original is left where it was (a downgrade finds it there). Two rows with the
same content become one document. A file already missing from the folder still gets its row,
with a stand-in hash and its old path, so the vault flags it as missing instead of the record
vanishing. The old table is dropped.

The documents folder is the one :attr:`seller_desk.desk.Desk.documents_dir` uses for a SQLite
file opened without an explicit data folder (``<file stem>-documents`` beside the file); for
another database (PostgreSQL) no folder is known here and every row takes the missing path.

Revision ID: products_0003
Revises: products_0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
import uuid
from pathlib import Path, PurePosixPath

import sqlalchemy as sa
from alembic import op

from seller_desk.core import documents as vault

revision = "products_0003"
down_revision = "products_0002"
branch_labels = None
depends_on = "filing_0001"

#: file extension → vault type, for files whose content sniff() does not recognise
_BY_EXTENSION = {ext: kind for kind, (_mime, ext) in vault.TYPES.items()}
_BY_EXTENSION.update({".jpeg": "jpeg", ".tiff": "tiff"})

documents = sa.table(
    "documents",
    sa.column("id", sa.Integer), sa.column("sha256", sa.String), sa.column("type", sa.String),
    sa.column("mime", sa.String), sa.column("size", sa.Integer),
    sa.column("original_name", sa.String), sa.column("stored_path", sa.String),
    sa.column("note", sa.Text), sa.column("added_at", sa.DateTime),
    sa.column("uuid", sa.String), sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime), sa.column("remote_status", sa.String),
)
links = sa.table(
    "document_links",
    sa.column("id", sa.Integer), sa.column("document_id", sa.Integer),
    sa.column("owner_kind", sa.String), sa.column("owner_id", sa.String),
    sa.column("added_at", sa.DateTime),
)


def _documents_dir(bind: sa.engine.Connection) -> Path | None:
    if bind.dialect.name != "sqlite":
        return None
    database = bind.engine.url.database
    if not database or database == ":memory:":
        return None
    path = Path(database).resolve()
    return path.parent / f"{path.stem}-documents"


def _type_of(data: bytes, name: str) -> str:
    found = vault.sniff(data, name).type
    if found:
        return found
    ext = PurePosixPath(name).suffix.lower()
    return _BY_EXTENSION.get(ext) or (ext[1:11] or "file")


def _copy(target: Path, data: bytes) -> None:
    if target.exists() and vault.content_hash(target.read_bytes()) == vault.content_hash(data):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def upgrade() -> None:
    bind = op.get_bind()
    base = _documents_dir(bind)
    old = sa.table("product_files", sa.column("id", sa.Integer),
                   sa.column("product_id", sa.Integer), sa.column("name", sa.String),
                   sa.column("path", sa.String), sa.column("added_at", sa.DateTime))
    rows = bind.execute(sa.select(old.c.id, old.c.product_id, old.c.name, old.c.path,
                                  old.c.added_at).order_by(old.c.id)).all()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for row_id, product_id, name, rel_path, added_at in rows:
        data: bytes | None = None
        if base is not None:
            try:
                data = (base / rel_path).read_bytes()
            except OSError:
                data = None
        if data:
            type_ = _type_of(data, name)
            sha = vault.content_hash(data)
            stored = vault.stored_name(sha, type_) if type_ in vault.TYPES else rel_path
            if base is not None and stored != rel_path:
                _copy(base / stored, data)
            size = len(data)
        else:  # missing (or empty): keep the record; the vault reports the file missing
            type_ = _BY_EXTENSION.get(PurePosixPath(name).suffix.lower(), "file")
            sha = hashlib.sha256(f"missing product file {row_id}: {rel_path}".encode()).hexdigest()
            stored, size = rel_path, 0
        mime = vault.TYPES[type_][0] if type_ in vault.TYPES else "application/octet-stream"
        doc_id = bind.scalar(sa.select(documents.c.id).where(documents.c.sha256 == sha))
        if doc_id is None:
            bind.execute(documents.insert().values(
                sha256=sha, type=type_, mime=mime, size=size,
                original_name=vault.clean_display_name(name), stored_path=stored, note=None,
                added_at=added_at or now, uuid=str(uuid.uuid4()), version=1, updated_at=now,
                remote_status=None))
            doc_id = bind.scalar(sa.select(documents.c.id).where(documents.c.sha256 == sha))
        linked = bind.scalar(sa.select(links.c.id).where(
            links.c.document_id == doc_id, links.c.owner_kind == "product",
            links.c.owner_id == str(product_id)))
        if linked is None:
            bind.execute(links.insert().values(document_id=doc_id, owner_kind="product",
                                               owner_id=str(product_id),
                                               added_at=added_at or now))
    with op.batch_alter_table("product_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_product_files_product_id"))
    op.drop_table("product_files")


def downgrade() -> None:
    """The table comes back with the product documents' rows (their vault paths); the vault
    keeps its documents, so nothing is lost either way."""
    op.create_table(
        "product_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=250), nullable=False),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"],
                                name=op.f("fk_product_files_product_id_products"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_product_files")),
    )
    with op.batch_alter_table("product_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_product_files_product_id"), ["product_id"],
                              unique=False)
    bind = op.get_bind()
    rows = bind.execute(sa.select(
        links.c.owner_id, documents.c.type, documents.c.original_name, documents.c.stored_path,
        links.c.added_at).select_from(links.join(documents, links.c.document_id == documents.c.id))
        .where(links.c.owner_kind == "product").order_by(links.c.id)).all()
    table = sa.table("product_files", sa.column("product_id", sa.Integer),
                     sa.column("kind", sa.String), sa.column("name", sa.String),
                     sa.column("path", sa.String), sa.column("added_at", sa.DateTime))
    for owner_id, type_, name, stored, added_at in rows:
        try:
            pid = int(owner_id)
        except ValueError:
            continue
        if bind.scalar(sa.text("select id from products where id = :i"), {"i": pid}) is None:
            continue
        bind.execute(table.insert().values(
            product_id=pid, kind="image" if type_ in vault.IMAGE_TYPES else "document",
            name=name, path=stored, added_at=added_at))
