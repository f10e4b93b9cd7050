"""The platform against its own OpenAPI document (schemathesis), on 127.0.0.1.

Every operation, with the seller's token and the trainer's, valid and invalid requests
generated from the served document: no 5xx ever, and a seller never sees another seller's data
(the other seller's records carry a marker that must not appear in any answer).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from tests.sync.test_platform import PRODUCT, item

schemathesis = pytest.importorskip("schemathesis")

MARKER = "OTHER-SELLER-7f3a9c"
OTHER_UUID = "99999999-9999-4999-8999-999999999999"
EXAMPLES = max(3, settings().max_examples // 2)


def _operations(running):
    from schemathesis.generation import GenerationMode

    schema = schemathesis.openapi.from_url(running.url + "/api/v1/openapi.json")
    out = []
    for result in schema.get_all_operations():
        op = result.ok()
        out.append((op, op.as_strategy(generation_mode=GenerationMode.POSITIVE)))
        out.append((op, op.as_strategy(generation_mode=GenerationMode.NEGATIVE)))
    return out


def test_every_operation_both_roles_no_5xx_no_cross_seller_data(running):
    # the other seller (student 2) owns a record with a marker
    with running.http(running.token(1)) as http:
        res = http.post("/batch", json={"items": [
            item("other", "product", OTHER_UUID, {**PRODUCT, "sku": MARKER})]})
        assert res.json()["results"][0]["status"] == "applied"
    roles = {"seller": running.token(0), "trainer": running.trainer}
    operations = _operations(running)
    assert len({op.path for op, _ in operations}) >= 15  # every route of the document
    failures: list[str] = []

    def make(op, strategy):
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy, role=st.sampled_from(sorted(roles)))
        def check(case, role):
            headers = {"Authorization": f"Bearer {roles[role]}"}
            try:
                response = case.call(base_url=running.url, headers=headers, timeout=20)
            except Exception as exc:  # a request the client cannot even send (bad header)
                if "InvalidHeader" in type(exc).__name__ or "LocalProtocol" in type(
                        exc).__name__ or isinstance(exc, (ValueError, UnicodeError)):
                    return
                raise
            where = f"{role} {op.method.upper()} {op.path} -> {response.status_code}"
            if response.status_code >= 500:
                failures.append(f"{where}: {response.text[:300]}")
            if role == "seller" and MARKER in response.text:
                failures.append(f"{where}: another seller's data")

        return check

    for op, strategy in operations:
        try:
            make(op, strategy)()
        except Unsatisfiable:  # no invalid request exists (an operation without inputs)
            continue
    assert not failures, "\n".join(failures[:20])
