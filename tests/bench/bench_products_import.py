"""Times a products import of 20,000 rows into a company file (run on demand, not by pytest).

    /work/venv/bin/python tests/bench/bench_products_import.py [ROWS] [REPEATS]

Each repeat writes the CSV once, imports it into a fresh file (every row new: one product and
one outbox row each), then imports a changed copy (every row updated). Prints the best time of
each step (wall clock, and the CPU time of this process, steadier on a shared machine) and
the outbox rows written.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _memory_keyring() -> None:
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):  # the bench never touches the user's keychain
        priority = 10  # type: ignore[assignment]
        data: dict = {}

        def get_password(self, service, username):
            return self.data.get((service, username))

        def set_password(self, service, username, password):
            self.data[(service, username)] = password

        def delete_password(self, service, username):
            self.data.pop((service, username), None)

    keyring.set_keyring(Memory())


def write_csv(path: Path, n: int, suffix: str = "") -> None:
    from seller_desk.io.products_table import headers

    head = headers("products")
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        for i in range(n):
            values = {"SKU": f"SKU-{i:06d}", "Chinese name": f"商品{i}{suffix}",
                      "English name": f"Product {i}{suffix}", "HS code": "3926909090",
                      "Declared name": f"塑料制品{suffix}", "Declared unit": "011",
                      "Net weight (kg)": "0.25", "Origin country": "CN", "Unit cost": "12.50",
                      "Cost currency": "CNY"}
            w.writerow([values.get(h, "") for h in head])


def main(n: int = 20_000, repeats: int = 3) -> None:
    from sqlalchemy import func, select

    from seller_desk.desk import Desk
    from seller_desk.store.db import url_for_path
    from seller_desk.store.models import OutboxItem

    _memory_keyring()
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}
    outbox = 0
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            first, second = Path(tmp) / "p.csv", Path(tmp) / "p2.csv"
            write_csv(first, n)
            write_csv(second, n, " v2")
            desk = Desk.open(url_for_path(Path(tmp) / "bench.sqlite"), data_dir=Path(tmp))
            try:
                desk.company.create(kind="enterprise", name_zh="测试贸易有限公司",
                                    id_code="91110000600037341L")
                for name, path in (("import (new)", first), ("import (update)", second)):
                    t, c = time.perf_counter(), time.process_time()
                    report = desk.imports.import_file(path, reader="products-table",
                                                      options={"target": "products"})
                    secs, used = time.perf_counter() - t, time.process_time() - c
                    assert report.written, report.problems[:3]
                    best[name] = min(best.get(name, secs), secs)
                    cpu[name] = min(cpu.get(name, used), used)
                with desk.read() as s:
                    outbox = s.scalar(select(func.count()).select_from(OutboxItem)
                                      .where(OutboxItem.entity == "product"))
            finally:
                desk.close()
    print(f"{n} rows, best of {repeats}; product outbox rows after both imports: {outbox}")
    for name, secs in best.items():
        print(f"{name:<18}{secs:>8.2f} s wall {cpu[name]:>8.2f} s CPU")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
