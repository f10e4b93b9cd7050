"""概览: the company's name, kind and masked identity code, and what the file holds."""

from __future__ import annotations

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.services.changes import Changes
from seller_desk.ui.pages import BasePage, PageInfo
from seller_desk.ui.qt import QFormLayout, QFrame, QGridLayout, QLabel, Qt, QVBoxLayout

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
        layout.addWidget(box)
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
        layout.addLayout(grid)
        layout.addStretch(1)

    def refresh(self) -> None:
        from seller_desk.services.info import table_counts

        desk = self.ctx.desk

        def load() -> tuple:
            return desk.company.get(), table_counts(desk)

        self.ctx.ops.run_read(load, on_done=self._show, label="dashboard")

    def _show(self, result: tuple) -> None:
        profile, counts = result
        if profile is not None:
            self.name.setText(profile.name_zh)
            self.name_en.setText(profile.name_en or "")
            self.kind.setText(self.tr(KIND_LABELS.get(profile.kind, profile.kind)))
            self.id_code.setText(profile.id_masked)
            self.zone.setText(profile.zone or "")
        self.file.setText(str(self.ctx.desk.path or self.ctx.desk.url))
        for table, label in self.cards.items():
            label.setText(str(counts[table]) if table in counts else "–")

    def on_changes(self, changes: Changes) -> None:
        self.refresh()
