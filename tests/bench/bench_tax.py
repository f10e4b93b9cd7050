"""Times the monthly exemption list on 10,000 export lines (run on demand, not by pytest).

    /work/venv/bin/python tests/bench/bench_tax.py [LINES]

Prints one table: judging the lines, the PDF, the Excel workbook, pdftotext reading back, and
the same month through a company file (upsert 10k lines, read + judge them via ``desk.tax``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from seller_desk.core.tax import build_month_list
from seller_desk.io.tax_pdf import write_exemption_list_pdf
from seller_desk.io.tax_xlsx import write_exemption_list_xlsx
from tests.io.tax_samples import SELLER, make_lines


def main(n: int = 10_000) -> None:
    rows: list[tuple[str, float, str]] = []
    lines = make_lines(n)
    t = time.perf_counter()
    ml = build_month_list(lines, SELLER, "2024-05")
    rows.append(("judge + total", time.perf_counter() - t,
                 f"{len(ml.eligible)} eligible, {len(ml.ineligible)} ineligible"))
    with tempfile.TemporaryDirectory() as tmp:
        pdf, xlsx = Path(tmp) / "list.pdf", Path(tmp) / "list.xlsx"
        t = time.perf_counter()
        stats = write_exemption_list_pdf(ml, pdf)
        rows.append(("PDF", time.perf_counter() - t, f"{stats.pages} pages, {pdf.stat().st_size / 1e6:.1f} MB"))
        t = time.perf_counter()
        write_exemption_list_xlsx(ml, xlsx)
        rows.append(("Excel", time.perf_counter() - t, f"{xlsx.stat().st_size / 1e6:.1f} MB"))
        if shutil.which("pdftotext"):
            t = time.perf_counter()
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
            rows.append(("pdftotext", time.perf_counter() - t, f"{len(text) / 1e6:.1f} M chars"))
    rows += _through_the_store(lines)
    print(f"{'step':<16}{'seconds':>9}  detail   ({n} lines, amount CNY {ml.amount_cny:,.2f})")
    for name, secs, detail in rows:
        print(f"{name:<16}{secs:>9.2f}  {detail}")


def _through_the_store(lines) -> list[tuple[str, float, str]]:
    import keyring
    from keyring.backend import KeyringBackend

    from seller_desk.desk import Desk
    from seller_desk.services.tax import ExportLineRecord
    from seller_desk.store.db import url_for_path

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
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk.open(url_for_path(Path(tmp) / "bench.sqlite"), data_dir=Path(tmp))
        try:
            desk.company.create(kind="enterprise", name_zh=SELLER.name, id_code="91110000600037341L",
                                zone_customs_code="2992")
            desk.settings.set("tax.zone_registered_from", "2019-03-01")
            desk.settings.set("tax.platform_filed_from", "2019-03-15")
            records = [ExportLineRecord(
                source_ref=ln.line_id, export_date=ln.export_date, goods_name=ln.goods_name, unit=ln.unit,
                quantity=ln.quantity, unit_price=ln.unit_price, amount=ln.amount, list_no=ln.list_no,
                hs_code=ln.hs_code, trade_mode=ln.trade_mode, customs_code=ln.customs_code,
                cny_rate=ln.cny_rate) for ln in lines]
            t = time.perf_counter()
            desk.tax.upsert_export_lines(records, source="bench")
            out.append(("store: upsert", time.perf_counter() - t, f"{len(records)} lines"))
            t = time.perf_counter()
            ml = desk.tax.month_list("2024-05")
            out.append(("store: month", time.perf_counter() - t,
                        f"{len(ml.eligible)} eligible (invoices not recorded here)"))
        finally:
            desk.close()
    return out


def rows(scale: str, workdir: Path, n: int = 10_000) -> list:
    """bench_all: the 10k-line exemption list as PDF (absolute goal 5 s, font loading included
    when this is the process's first PDF)."""
    from seller_desk.io.tax_pdf import register_cjk_font
    from tests.bench._common import BenchRow

    ml = build_month_list(make_lines(n), SELLER, "2024-05")
    pdf = workdir / "list.pdf"
    t = time.perf_counter()
    register_cjk_font()
    stats = write_exemption_list_pdf(ml, pdf)
    took = time.perf_counter() - t
    return [BenchRow(f"exemption list PDF, {n // 1000}k lines", took, max_value=5.0,
                     note=f"{stats.pages} pages, {pdf.stat().st_size / 1e6:.1f} MB")]


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
