"""What an FX import loads and reads before its rows (issue 12): the FX service loads the
model modules it uses, not every area's, and reads the company's kind and name as the
company service gives them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_fx_service_loads_only_the_models_it_uses():
    code = ("import sys, json; import seller_desk.services.fx; "
            "print(json.dumps(sorted(m for m in sys.modules "
            "if m.startswith('seller_desk.store.models.'))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    loaded = set(json.loads(out.stdout))
    assert {"seller_desk.store.models.fx", "seller_desk.store.models.company",
            "seller_desk.store.models.system"} <= loaded
    assert not loaded & {"seller_desk.store.models.orders", "seller_desk.store.models.tax",
                         "seller_desk.store.models.filing", "seller_desk.store.models.catalog"}


def test_the_company_read_by_fx_is_the_company_services(empty_desk):
    assert empty_desk.company.get() is None
    assert empty_desk.fx._company() == ("enterprise", None)
    empty_desk.company.create(kind="individual", name_zh="张三", id_code="11010519491231002X")
    profile = empty_desk.company.get()
    assert empty_desk.fx._company() == (profile.kind, profile.name_zh) == ("individual", "张三")
    empty_desk.company.update(name_zh="李四")
    assert empty_desk.fx._company() == ("individual", "李四")
