"""The filing area's tables: contacts, bank accounts, filings with their status history, and the
document vault (files in the company's folder, named by content hash, linked to their owners).

Account numbers are :class:`~seller_desk.store.types.Encrypted`; the plaintext never reaches
the database file. Rules live in ``seller_desk.core.filing`` / ``core.documents``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from seller_desk.core.documents import OWNER_KINDS
from seller_desk.core.filing import FilingKind, FilingStatus
from seller_desk.core.profile import BANK_PURPOSES, CONTACT_ROLES
from seller_desk.store.models.base import Base, SyncMixin, utcnow
from seller_desk.store.types import Encrypted

FILING_KINDS = tuple(k.value for k in FilingKind)
FILING_STATUSES = tuple(s.value for s in FilingStatus)


class CompanyContact(SyncMixin, Base):
    """A person to reach about the company's filings (customs, finance…)."""

    __tablename__ = "company_contacts"
    __table_args__ = (CheckConstraint(f"role in {CONTACT_ROLES!r}", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(30), default="other")
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class BankAccount(SyncMixin, Base):
    """A settlement account (FX proceeds, CNY settlement, payment provider wallet)."""

    __tablename__ = "bank_accounts"
    __table_args__ = (CheckConstraint(f"purpose in {BANK_PURPOSES!r}", name="purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_name: Mapped[str] = mapped_column(String(200))
    account_name: Mapped[str] = mapped_column(String(200))
    account_number: Mapped[str] = mapped_column(Encrypted)
    currency: Mapped[str] = mapped_column(String(3))
    purpose: Mapped[str] = mapped_column(String(30), default="fx_settlement")
    swift: Mapped[str | None] = mapped_column(String(11))
    is_default: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Filing(SyncMixin, Base):
    """One registration with one authority, its number, dates and current status."""

    __tablename__ = "filings"
    __table_args__ = (
        CheckConstraint(f"kind in {FILING_KINDS!r}", name="kind"),
        CheckConstraint(f"status in {FILING_STATUSES!r}", name="status"),
        Index("ix_filings_status_valid_until", "status", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    label: Mapped[str | None] = mapped_column(String(200))  # e.g. the store for a marketplace
    number: Mapped[str | None] = mapped_column(String(100))
    authority: Mapped[str | None] = mapped_column(String(200))  # e.g. 杭州海关
    submitted_on: Mapped[dt.date | None] = mapped_column(Date)
    approved_on: Mapped[dt.date | None] = mapped_column(Date)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)  # the authority's reason for a rejection
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    history: Mapped[list[FilingStatusChange]] = relationship(
        back_populates="filing", cascade="all, delete-orphan",
        order_by="FilingStatusChange.id",
    )


class FilingStatusChange(Base):
    """One move of a filing's status (the first row records its creation)."""

    __tablename__ = "filing_status_history"

    id: Mapped[int] = mapped_column(primary_key=True)
    filing_id: Mapped[int] = mapped_column(ForeignKey("filings.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    happened_on: Mapped[dt.date] = mapped_column(Date)  # the date it happened (as the authority dates it)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)  # when it was recorded
    reason: Mapped[str | None] = mapped_column(Text)
    number: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    filing: Mapped[Filing] = relationship(back_populates="history")


class Document(SyncMixin, Base):
    """A file in the vault: ``<documents_dir>/<stored_path>``, named by its SHA-256."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    type: Mapped[str] = mapped_column(String(10))
    mime: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    original_name: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(300))
    note: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    links: Mapped[list[DocumentLink]] = relationship(
        back_populates="document", cascade="all, delete-orphan")


class DocumentLink(Base):
    """A document attached to a record. ``owner_id`` is the owner's id as text, so products,
    orders and receipts of other areas can be owners without a foreign key between areas."""

    __tablename__ = "document_links"
    __table_args__ = (
        UniqueConstraint("document_id", "owner_kind", "owner_id"),
        CheckConstraint(f"owner_kind in {OWNER_KINDS!r}", name="owner_kind"),
        Index("ix_document_links_owner", "owner_kind", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    owner_kind: Mapped[str] = mapped_column(String(20))
    owner_id: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    document: Mapped[Document] = relationship(back_populates="links")
