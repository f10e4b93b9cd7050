"""Sync with the zone platform: the API client, the engine, and tokens.

How a record kind joins the sync (each area, when its issue lands):

1. Its table carries ``SyncMixin`` (uuid, version, updated_at, remote_status). Name the entity
   as the platform knows it (``seller_desk.core.sync.KNOWN_ENTITIES``: ``filing``,
   ``product``, ``declaration``, ``fx_record``, ``fx_registration``, ``tax_record``; other
   well-formed names are accepted too). If the table name differs from ``<entity>`` or
   ``<entity>s``, set ``__sync_entity__ = "<entity>"`` on the model.
2. Every write the platform must know adds an outbox row in the same transaction:
   ``seller_desk.store.outbox.enqueue(s, entity, row.uuid, payload, version=row.version)``,
   with a JSON payload of plain values (amounts as strings, never floats). A bulk write
   (an import of thousands of rows) collects its rows and adds them with one executemany:
   ``seller_desk.store.outbox.enqueue_many(s, [{"entity", "entity_uuid", "payload",
   "version"}, ...])``. Send what the platform needs, no more (no unit costs, no notes, no
   personal names it does not ask for).
3. Statuses the platform sets (approvals, customs receipts) arrive as
   :class:`seller_desk.sync.protocol.RemoteChange` values. An area that wants more than the
   remote status written on its row implements ``apply_remote(change)`` on its service
   (``desk.<area>``; the entity → area map is ``seller_desk.sync.desk_store.ENTITY_AREAS``).
   It runs in its own transaction and must be idempotent (a change can come again after a
   crash). ``change.kind`` is ``"status"`` (filings, product filings, FX and tax records;
   ``change.reason`` says why, kept in the row's ``remote_reason``), ``"receipt"``
   (customs; ``change.data`` has copNo, preNo, invtNo, returnStatus, returnTime, returnInfo)
   or ``"record"`` (the user chose the platform's version in a conflict; ``change.data`` is
   ``{"version", "data", "deleted"}``; an area that cannot keep that kind raises
   ``ProblemError(sync.cannot_take_theirs)`` rather than ignore it).
4. The platform validates each kind (see ``sandbox/validation.py``); a refusal shows on
   the Sync page under the record, with the field it names.

Layers: ``client`` (httpx, retries, rate limit) and ``engine`` (push, pull) work against the
:class:`~seller_desk.sync.protocol.SyncStore` protocol; ``desk_store`` implements it over the
company file, ``memory`` in memory. Nothing here imports the sandbox package.
"""
