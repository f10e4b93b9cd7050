"""The demo company's sync history: a trainer can show the platform's answers (a rejected
filing, a customs rejection, a scenario under way) without a platform."""

from __future__ import annotations

from sqlalchemy import select


def test_demo_has_a_rejected_filing_a_customs_rejection_and_a_scenario(demo_desk):
    from seller_desk.services.demo_parts.sync import CUSTOMS_REJECTION, FILING_REJECTION

    arrived = demo_desk.classroom.arrivals(limit=500)
    by = {}
    for a in arrived:
        by.setdefault((a["entity"], a["status"]), []).append(a)
    (filing,) = by[("filing", "rejected")]
    assert filing["reason"] == FILING_REJECTION
    assert demo_desk.sync.remote_status("filing", filing["uuid"]) == ("rejected",
                                                                      FILING_REJECTION)
    (customs,) = by[("declaration", "100")]
    assert arrived[0] == customs  # the newest answer first
    assert customs["reason"] == CUSTOMS_REJECTION
    assert by[("declaration", "800")] or by[("declaration", "899")]
    from seller_desk.store.models.orders import Declaration

    with demo_desk.read() as s:
        d = s.scalar(select(Declaration).where(Declaration.uuid == customs["uuid"]))
        assert (d.status_code, d.status_info, d.remote_status) == ("100", CUSTOMS_REJECTION,
                                                                    "100")
    mine = demo_desk.classroom.current("en")
    assert mine["title"] == "Customs rejects your list for 品名不符"
    assert [(t["task"], t["status"]) for t in mine["tasks"]] == [("declared", "done"),
                                                                 ("redeclared", "not_yet")]
    assert (mine["score"], mine["max_points"]) == (20, 100)
    assert d.cop_no in demo_desk.classroom.current("zh_CN")["tasks"][1]["why"]
