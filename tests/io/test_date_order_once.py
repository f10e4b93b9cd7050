"""``fx_lines.date_order`` looks at each distinct date text once: the same answer as looking
at every sample (a reference copy of the plain loop), and the samples still read one at a
time (a year-first date ends the reading there)."""

from __future__ import annotations

import itertools
import random

from seller_desk.io.fx_lines import _DATE_PARTS, date_order


def _every_sample(samples, hint=None):
    mdy = dmy = False
    for s in samples:
        m = _DATE_PARTS.search(s)
        if not m:
            continue
        a, b, _ = m.groups()
        if len(a) == 4:
            return "YMD"
        if int(a) > 12:
            dmy = True
        if int(b) > 12:
            mdy = True
    if dmy and not mdy:
        return "DMY"
    if mdy and not dmy:
        return "MDY"
    return hint or "MDY"


POOL = ["01/02/2025", "13/02/2025", "02/13/2025", "2025-02-03", "2025年2月3日", "", "n/a",
        "12/12/2024", "31.12.2024", "12/31/2024", "5-6-25", "07/08/2025 10:00:00"]


def test_the_answer_is_the_one_every_sample_gives():
    rng = random.Random(7)
    for _n in range(300):
        samples = [rng.choice(POOL) for _ in range(rng.randrange(0, 30))]
        for hint in (None, "MDY", "DMY"):
            assert date_order(samples, hint) == _every_sample(samples, hint), (samples, hint)
    for combo in itertools.product(POOL, repeat=2):
        assert date_order(list(combo) * 3) == _every_sample(list(combo) * 3)


def test_the_samples_are_read_until_a_year_first_date():
    read: list[str] = []

    def samples():
        for s in ["01/02/2025", "01/02/2025", "2025-02-03", "13/02/2025"]:
            read.append(s)
            yield s

    assert date_order(samples()) == "YMD"
    assert read == ["01/02/2025", "01/02/2025", "2025-02-03"]
