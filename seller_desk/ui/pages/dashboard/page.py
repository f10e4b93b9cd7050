"""概览: the company's name, kind and masked identity code, and what the file holds."""

from __future__ import annotations

from html import escape

from seller_desk.core.changes import Changes
from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.qt import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    Qt,
    QTextBrowser,
    QVBoxLayout,
)

KIND_LABELS = {
    "enterprise": QT_TRANSLATE_NOOP("Page", "Enterprise"),
    "individual_business": QT_TRANSLATE_NOOP("Page", "Individual business (个体工商户)"),
    "individual": QT_TRANSLATE_NOOP("Page", "Individual seller"),
}
#: table → card label (English source, context "Dashboard"); counted when the table exists
CARDS = (
    ("products", QT_TRANSLATE_NOOP("Page", "Products")),
    ("listings", QT_TRANSLATE_NOOP("Page", "Listings")),
    ("orders", QT_TRANSLATE_NOOP("Page", "Orders")),
    ("declarations", QT_TRANSLATE_NOOP("Page", "Declarations")),
    ("fx_records", QT_TRANSLATE_NOOP("Page", "FX records")),
    ("filings", QT_TRANSLATE_NOOP("Page", "Filings")),
    ("outbox", QT_TRANSLATE_NOOP("Page", "Changes to sync")),
)


class Page(BasePage):
    watches = ()  # every change may move a count

    def __init__(self, ctx, info: PageInfo):
        super().__init__(ctx, info)
        self._generation = 0  # of refresh(): only the newest load's results are shown
        layout = QVBoxLayout(self)
        self.heading(layout)
        box = QFrame()
        box.setObjectName("companyCard")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name = QLabel()
        self.name.setObjectName("companyName")
        self.name_en = QLabel()
        self.kind = QLabel()
        self.id_code = QLabel()
        self.id_code.setObjectName("idMasked")
        self.zone = QLabel()
        self.file = QLabel()
        self.file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file.setWordWrap(True)
        for label, widget in (
            (self.tr("Company"), self.name), (self.tr("English name"), self.name_en),
            (self.tr("Kind"), self.kind), (self.tr("Identity code"), self.id_code),
            (self.tr("Pilot zone"), self.zone), (self.tr("Company file"), self.file),
        ):
            form.addRow(label, widget)
        top = QHBoxLayout()  # the company card beside the counts: room for the charts below
        top.addWidget(box, 1)
        grid = QGridLayout()
        self.cards: dict[str, QLabel] = {}
        for i, (table, label) in enumerate(CARDS):
            card = QFrame()
            card.setObjectName("countCard")
            card.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(card)
            value = QLabel("–")
            value.setObjectName("countValue")
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption = QLabel(self.tr(label))
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            inner.addWidget(value)
            inner.addWidget(caption)
            grid.addWidget(card, i // 4, i % 4)
            self.cards[table] = value
        top.addLayout(grid, 1)
        layout.addLayout(top)
        # The trainer's scenario (classroom), as the last sync brought it: hidden otherwise.
        self.classroom = QFrame()
        self.classroom.setObjectName("classroomCard")
        self.classroom.setFrameShape(QFrame.Shape.StyledPanel)
        cl = QVBoxLayout(self.classroom)
        self.classroom_title = QLabel()
        self.classroom_title.setObjectName("classroomTitle")
        self.classroom_title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.classroom_tasks = QLabel()
        self.classroom_tasks.setObjectName("classroomTasks")
        self.classroom_tasks.setWordWrap(True)
        self.classroom_tasks.setTextFormat(Qt.TextFormat.RichText)
        cl.addWidget(self.classroom_title)
        cl.addWidget(self.classroom_tasks)
        self.classroom.setVisible(False)
        layout.addWidget(self.classroom)
        # Charts and the compliance strip (seller_desk/ui/pages/dashboard/charts.py).
        from seller_desk.ui.pages.dashboard.charts import ChartsPanel

        self.charts = ChartsPanel()
        self.charts_year: int | None = None  # None: this year
        self.charts.monthClicked.connect(self.open_month)
        layout.addWidget(self.charts, 3)
        heading = QLabel(self.tr("Needs your attention"))
        heading.setObjectName("attentionTitle")
        heading.setStyleSheet("font-size: 15px; font-weight: 600; padding-top: 8px;")
        layout.addWidget(heading)
        # A text browser wraps long advice and makes each item a link to its page.
        self.attention = QTextBrowser()
        self.attention.setObjectName("attention")
        self.attention.setOpenLinks(False)
        self.attention.setToolTip(self.tr("Click an item to open the page that deals with it."))
        self.attention.anchorClicked.connect(lambda url: self.open_item(int(url.path())))
        self.attention_items: list = []
        layout.addWidget(self.attention, 1)

    def refresh(self) -> None:
        desk = self.ctx.desk
        lang = self.ctx.lang

        def load() -> tuple:  # on a worker: the services (and the ORM models) load there
            from seller_desk.services.attention import gather
            from seller_desk.services.info import table_counts

            counts = table_counts(desk)
            # the same count as the status bar's "waiting to send" (not every outbox row)
            counts["outbox"] = desk.sync.status(ask_keychain=False).pending
            return desk.company.get(), counts, gather(desk), desk.classroom.current(lang)

        # owner=self: a language switch deletes this page while its loads still run (their
        # results are dropped then); the generation drops an older load's late result
        self._generation += 1
        gen = self._generation
        self.ctx.ops.run_read(load, on_done=lambda r: self._show(r, gen), owner=self,
                              label="dashboard")
        self.ctx.ops.run_read(load_charts, desk, self.charts_year,
                              on_done=lambda r: self._show_charts(r, gen), owner=self,
                              label="dashboard charts")

    def _show_charts(self, result: tuple, gen: int | None = None) -> None:
        if gen is None or gen == self._generation:
            self.charts.show_stats(*result)

    def _show(self, result: tuple, gen: int | None = None) -> None:
        from seller_desk.messages import message
        from seller_desk.store.db import shown_url
        from seller_desk.ui.pages import PAGES, nav_text

        if gen is not None and gen != self._generation:
            return  # a newer refresh is on its way
        profile, counts, items, classroom = result
        self._show_classroom(classroom)
        if profile is not None:
            self.name.setText(profile.name_zh)
            self.name_en.setText(profile.name_en or "")
            self.kind.setText(self.tr(KIND_LABELS.get(profile.kind, profile.kind)))
            self.id_code.setText(profile.id_masked)
            self.zone.setText(profile.zone or "")
        self.file.setText(str(self.ctx.desk.path or shown_url(self.ctx.desk.url)))
        for table, label in self.cards.items():
            label.setText(str(counts[table]) if table in counts else "–")
        titles = {p.area: nav_text(p.title) for p in PAGES}
        self.attention_items = list(items)
        rows = []
        for i, item in enumerate(items):
            about = ""
            if item.subject is not None:
                label = item.problem.params.get("label")
                about = message(item.subject, self.ctx.lang) + (f" ({label})" if label else "")
                about += ": "
            color = "#b42318" if item.urgent else "#b54708"
            rows.append(
                f"<p style='margin:3px 0'><a href='item:{i}' style='color:{color};"
                f"text-decoration:none'><b>{escape(titles.get(item.area, item.area))}</b> · "
                f"{escape(about + message(item.problem, self.ctx.lang))}</a></p>")
        if not rows:
            rows.append("<p>" + escape(self.tr("Nothing needs your attention today.")) + "</p>")
        self.attention.setHtml("".join(rows))

    def _show_classroom(self, scenario: dict | None) -> None:
        """The scenario's tasks and the platform's check of each (done / not yet / wrong, with
        why), and the trainer's latest instruction."""
        self.classroom.setVisible(scenario is not None)
        if scenario is None:
            return
        self.classroom_title.setText(self.tr("Classroom: {title} — score {score} of {max}").format(
            title=scenario["title"], score=scenario["score"], max=scenario["max_points"]))
        marks = {"done": ("✔", "#1e7a3c", self.tr("done")),
                 "not_yet": ("…", "#b54708", self.tr("not yet")),
                 "wrong": ("✘", "#b42318", self.tr("wrong"))}
        rows = []
        if scenario["events"]:
            rows.append("<p style='margin:2px 0'>" + escape(self.tr("Trainer: {text}").format(
                text=scenario["events"][-1]["text"])) + "</p>")
        for task in scenario["tasks"]:
            sign, color, word = marks.get(task["status"], ("?", "#555", task["status"]))
            rows.append(
                f"<p style='margin:2px 0'><span style='color:{color}'><b>{sign} {escape(word)}"
                f"</b></span> {escape(task['title'])} "
                f"<span style='color:#555'>({task['points']}/{task['max_points']}) · "
                f"{escape(task['why'])}</span></p>")
        self.classroom_tasks.setText("".join(rows))

    def open_item(self, index: int) -> None:
        """Show the page that deals with attention item ``index``."""
        if 0 <= index < len(self.attention_items):
            self.navigate.emit(self.attention_items[index].area)

    def open_month(self, area: str, month: str) -> None:
        """A chart's bar: the area's page, filtered to ``month`` where the page can."""
        self.navigate.emit(area)
        window = self.window()
        if month and hasattr(window, "page"):
            page = window.page(area)
            if hasattr(page, "show_month"):
                page.show_month(month)

    def on_changes(self, changes: Changes) -> None:
        self.refresh()


def load_charts(desk, year: int | None = None) -> tuple:
    """The charts' figures (off the GUI thread): the year's statistics and health."""
    import datetime as dt

    year = year or dt.date.today().year
    kind = "enterprise"
    profile = desk.company.get()
    if profile is not None:
        kind = profile.kind
    return desk.stats.period(year), desk.stats.health(year), kind
