"""Times the monthly exemption list on 10,000 export lines (run on demand, not by pytest).

    /work/venv/bin/python tests/bench/bench_tax.py [LINES]

Prints one table: judging the lines, the PDF, the Excel workbook, and pdftotext reading back.
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
    print(f"{'step':<16}{'seconds':>9}  detail   ({n} lines, amount CNY {ml.amount_cny:,.2f})")
    for name, secs, detail in rows:
        print(f"{name:<16}{secs:>9.2f}  {detail}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
