"""Request and response bodies of the platform API (they make the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class BatchItem(BaseModel):
    idempotency_key: str = Field(min_length=1, max_length=100,
                                 description="Applied once; the same key again replays the result.")
    entity: str = Field(description="Record kind, e.g. filing, product, declaration.")
    uuid: str = Field(description="The record's UUID (the client's).")
    # op and data are checked item by item (a bad item is refused alone, never the batch)
    op: str = Field("upsert", description="upsert or delete")
    base_version: int = Field(0, ge=0, le=2**53, description="The server version this change was made "
                              "on (0 for a new record); a different current version is a conflict.")
    data: Any = Field(None, description="The record as a JSON object (for upsert)")


class BatchRequest(BaseModel):
    items: list[BatchItem] = Field(max_length=1000)


class ServerRecord(BaseModel):
    version: int
    data: dict[str, Any] | None
    deleted: bool
    remote_status: str | None = None


class ItemResult(BaseModel):
    idempotency_key: str
    entity: str
    uuid: str
    status: Literal["applied", "conflict", "rejected"]
    version: int | None = None
    remote_status: str | None = None
    problem: dict[str, Any] | None = None
    server: ServerRecord | None = None


class BatchResponse(BaseModel):
    results: list[ItemResult]


class RecordOut(BaseModel):
    entity: str
    uuid: str
    version: int
    data: dict[str, Any]
    deleted: bool
    remote_status: str | None
    status_reason: str | None
    updated_at: str


class RecordPage(BaseModel):
    records: list[RecordOut]
    next_after: str | None


class ChangeOut(BaseModel):
    seq: int
    entity: str
    uuid: str
    kind: Literal["status", "receipt"]
    remote_status: str
    reason: str | None
    data: dict[str, Any] | None
    at: str


class ChangesPage(BaseModel):
    changes: list[ChangeOut]
    cursor: str
    more: bool


class Me(BaseModel):
    id: int
    name: str
    role: Literal["seller", "trainer"]
    class_id: int | None


class Health(BaseModel):
    status: str
    version: str


class StudentOut(BaseModel):
    seller_id: int
    name: str
    token: str | None = None
    connection: str | None = None
    records: int | None = None


class ClassOut(BaseModel):
    class_id: int
    name: str
    trainer_token: str | None = None
    trainer_connection: str | None = None
    students: list[StudentOut]


class StudentsRequest(BaseModel):
    count: int = Field(ge=1, le=500)


class RejectRequest(BaseModel):
    reason: str = Field(min_length=1, max_length=1000)


class FilingOut(BaseModel):
    seller_id: int
    seller_name: str
    uuid: str
    version: int
    data: dict[str, Any]
    remote_status: str | None
    status_reason: str | None


class StatusRequest(BaseModel):
    """A status the platform sets on a seller's record (an FX record acknowledged, a tax
    exemption record accepted or refused with a reason)."""

    status: str = Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z_]*$")
    reason: str | None = Field(None, max_length=1000)


class EventRequest(BaseModel):
    kind: Literal["customs_reject", "receipt"]
    uuids: list[str] = Field(min_length=1, max_length=1000)
    reason: str | None = Field(None, max_length=1000)
    return_status: str | None = Field(None, max_length=10)


class EventResult(BaseModel):
    delivered: int
    missing: list[str]


class Receipt(BaseModel):
    copNo: str | None
    preNo: str | None
    invtNo: str | None
    returnStatus: str
    returnTime: str
    returnInfo: str


class ReceiptList(BaseModel):
    uuid: str
    receipts: list[Receipt]


class Problem(BaseModel):
    """RFC 9457 problem document, with the record and field it concerns."""

    type: str
    title: str
    status: int
    detail: str | None = None
    entity: str | None = None
    uuid: str | None = None
    field: str | None = None
    problems: list[dict[str, Any]] = []
