"""The built-in guide: task-oriented HTML pages in ``resources/guide/<lang>/`` shown in a
QTextBrowser, with the contents on the left.

A *topic* is ``"<page>"`` or ``"<page>#<anchor>"`` (``"fx-50k#evidence"``): a file
``<page>.html`` of the guide and one of its ``<a name="…">`` anchors. Pages of the app and
problems map to topics (:data:`PAGE_TOPICS`, :func:`problem_topic`); the "?" buttons open the
guide there. The guide is one window shared by the whole app, not owned by the main window, so
it survives the window rebuilt on a language switch and follows the new language itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from seller_desk import resources
from seller_desk.i18n import normalize_language
from seller_desk.ui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QHBoxLayout,
    QLocale,
    QPushButton,
    QSplitter,
    Qt,
    QTextBrowser,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QUrl,
    QVBoxLayout,
    QWidget,
)

# The guide's pages, in the order of its contents.
TOPICS: tuple[str, ...] = ("index", "first-start", "importing", "fx-200k", "fx-50k", "ceb",
                           "exemption-list", "sync", "classroom")

# Each page of the app → the guide topic its "?" opens.
PAGE_TOPICS: dict[str, str] = {
    "dashboard": "first-start#dashboard",
    "filing": "first-start#filings",
    "products": "ceb#products",
    "stock": "ceb#9810",
    "orders": "ceb",
    "fx": "fx-200k",
    "tax": "exemption-list",
    "sync": "sync",
}

# Problem keys (by longest matching prefix) → guide topic.
PROBLEM_TOPICS: dict[str, str] = {
    "io": "importing#problems",
    "fields": "importing#problems",
    "money": "importing#problems",
    "file": "importing#problems",
    "place": "importing#problems",
    "products.import": "importing#problems",
    "orders.mapping": "importing#problems",
    "orders.row": "importing#problems",
    "orders.sku_unmapped": "importing#problems",
    "orders.settlement_unbalanced": "importing#problems",
    "stock.report": "importing#problems",
    "stock.mapping": "importing#problems",
    "identity": "first-start#create",
    "profile": "first-start#create",
    "company": "first-start#create",
    "filing": "first-start#filings",
    "fx": "fx-200k",
    "fx.missing_rate": "fx-200k#rates",
    "fx.rate": "fx-200k#rates",
    "fx.rates": "fx-200k#rates",
    "fx.bad_batch": "fx-200k#rates",
    "fx.netting": "fx-200k#netting",
    "fx.gross_counted": "fx-200k#netting",
    "fx.quota": "fx-50k",
    "fx.evidence": "fx-50k#evidence",
    "fx.split": "fx-50k#splitting",
    "fx.linked_persons": "fx-50k#splitting",
    "fx.settlement_account": "fx-50k#account",
    "fx.account": "fx-50k#account",
    "customs": "ceb",
    "customs.mismatch": "ceb#match",
    "customs.line": "ceb#match",
    "customs.waybill": "ceb#match",
    "customs.order_not_found": "ceb#match",
    "customs.summary": "ceb#summary",
    "customs.full_declaration_needed": "ceb#modes",
    "customs.correction": "ceb#receipts",
    "ceb": "ceb#receipts",
    "orders": "ceb",
    "orders.product_customs_missing": "ceb#products",
    "orders.booking_empty": "ceb#9810",
    "products": "ceb#products",
    "products.list": "exemption-list#conditions",
    "stock": "ceb#9810",
    "stock.booking_required": "ceb#9810",
    "stock.full_declaration": "ceb#modes",
    "tax": "exemption-list",
    "tax.eit": "exemption-list#eit",
    "tax.cny": "exemption-list#cny",
    "stats.exemption_missing_rate": "exemption-list#cny",
    "stats.missing_parity": "exemption-list#cny",
    "stats.missing_usd_rate": "fx-200k#rates",
    "sync": "sync",
    "sync.connection": "sync#connect",
    "sync.token": "sync#connect",
    "sync.no_token": "sync#connect",
    "sync.pin_mismatch": "sync#connect",
    "sync.tls_failed": "sync#connect",
    "sync.unreachable": "sync#connect",
    "sync.bad_server_url": "sync#connect",
    "sync.version_conflict": "sync#conflicts",
    "sync.server_refused": "sync#refused",
    "sync.summary_refused": "sync#refused",
}


def current_lang() -> str:
    """The language the app shows (Qt's default locale follows the installed language)."""
    return normalize_language(QLocale().name())


def guide_dir(lang: str) -> Path:
    return resources.path("guide", normalize_language(lang))


def split_topic(topic: str) -> tuple[str, str]:
    page, _, anchor = topic.partition("#")
    return (page or "index").removesuffix(".html"), anchor


def problem_topic(key: str | object) -> str:
    """The guide topic of a problem (or problem key): its longest matching key prefix, a prefix
    ending at a "." or a "_" ("customs.line" covers "customs.line_total_wrong")."""
    key = str(getattr(key, "key", key) or "")
    best = ""
    for known in PROBLEM_TOPICS:
        if (key == known or key.startswith(known + ".") or key.startswith(known + "_")) \
                and len(known) > len(best):
            best = known
    return PROBLEM_TOPICS[best] if best else "index"


def problems_topic(problems: Iterable[object], default: str = "importing#problems") -> str:
    """The topic of a set of problems: that of the first one with a topic of its own."""
    for p in problems:
        topic = problem_topic(p)
        if topic != "index":
            return topic
    return default


def page_topic(area: str, desk: object | None = None) -> str:
    """The guide topic of an app page; the FX page of an individual seller opens the 50k quota."""
    if area == "fx" and desk is not None:
        try:
            profile = desk.company.get()  # type: ignore[attr-defined]
            if profile is not None and str(getattr(profile, "kind", "")) == "individual":
                return "fx-50k"
        except Exception:  # the guide must open even when the company cannot be read
            pass
    return PAGE_TOPICS.get(area, "index")


# -- the pages' contents ---------------------------------------------------------------------
@dataclass
class GuidePage:
    name: str
    title: str = ""
    sections: list[tuple[str, str]] = field(default_factory=list)  # (anchor, heading)
    anchors: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # href values


class _Parser(HTMLParser):
    def __init__(self, page: GuidePage):
        super().__init__()
        self.page = page
        self._in: str | None = None
        self._text: list[str] = []
        self._anchor = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("name"):
            self.page.anchors.add(a["name"])
            if self._in == "h2":
                self._anchor = a["name"]
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        if tag in ("title", "h2"):
            self._in, self._text, self._anchor = tag, [], self._anchor if tag == "h2" else ""

    def handle_endtag(self, tag):
        if tag == self._in:
            text = "".join(self._text).strip()
            if tag == "title":
                self.page.title = text
            elif self._anchor:
                self.page.sections.append((self._anchor, text))
            self._in, self._anchor = None, ""

    def handle_data(self, data):
        if self._in:
            self._text.append(data)


@cache
def read_page(lang: str, name: str) -> GuidePage:
    page = GuidePage(name)
    _Parser(page).feed((guide_dir(lang) / f"{name}.html").read_text(encoding="utf-8"))
    return page


def contents(lang: str) -> list[GuidePage]:
    return [read_page(normalize_language(lang), name) for name in TOPICS]


def topic_exists(topic: str, lang: str) -> bool:
    name, anchor = split_topic(topic)
    if name not in TOPICS or not (guide_dir(lang) / f"{name}.html").is_file():
        return False
    return not anchor or anchor in read_page(normalize_language(lang), name).anchors


# -- the window ------------------------------------------------------------------------------
class GuideDialog(QDialog):
    """The guide: contents on the left, the page on the right, in the app's language."""

    def __init__(self, lang: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("guide")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # never keeps the app open
        self.lang = normalize_language(lang or current_lang())
        self.topic = "index"
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.back_button = QPushButton()
        self.forward_button = QPushButton()
        self.home_button = QPushButton()
        for b in (self.back_button, self.forward_button, self.home_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.tree = QTreeWidget()
        self.tree.setObjectName("guideContents")
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumWidth(220)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDefaultStyleSheet(STYLE)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.browser)
        split.setStretchFactor(1, 1)
        split.setSizes([290, 710])
        split.setChildrenCollapsible(False)
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.back_button.clicked.connect(self.browser.backward)
        self.forward_button.clicked.connect(self.browser.forward)
        self.home_button.clicked.connect(lambda: self.show_topic("index"))
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.browser.sourceChanged.connect(self._source_changed)
        self.tree.itemClicked.connect(self._item_clicked)
        self._retranslate()
        self._fill_contents()
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)

    # -- what it shows --------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("SellerDesk guide"))
        self.back_button.setText(self.tr("Back"))
        self.forward_button.setText(self.tr("Forward"))
        self.home_button.setText(self.tr("Contents"))

    def _fill_contents(self) -> None:
        self.tree.clear()
        for page in contents(self.lang):
            item = QTreeWidgetItem([page.title])
            item.setData(0, Qt.ItemDataRole.UserRole, page.name)
            item.setToolTip(0, page.title)
            for anchor, heading in page.sections:
                child = QTreeWidgetItem([heading])
                child.setToolTip(0, heading)
                child.setData(0, Qt.ItemDataRole.UserRole, f"{page.name}#{anchor}")
                item.addChild(child)
            self.tree.addTopLevelItem(item)

    def show_topic(self, topic: str) -> None:
        """Show ``topic`` ("page" or "page#anchor"); an unknown one shows the index."""
        if not topic_exists(topic, self.lang):
            topic = "index"
        name, anchor = split_topic(topic)
        url = QUrl.fromLocalFile(str(guide_dir(self.lang) / f"{name}.html"))
        if anchor:
            url.setFragment(anchor)
        self.topic = f"{name}#{anchor}" if anchor else name
        self.browser.setSource(url)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        self._select(self.topic)

    def _source_changed(self, url: QUrl) -> None:
        name = Path(url.toLocalFile() or url.path()).stem
        self.topic = f"{name}#{url.fragment()}" if url.fragment() else name
        self._select(self.topic)

    def _select(self, topic: str) -> None:
        name, _ = split_topic(topic)
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            candidates = [top] + [top.child(j) for j in range(top.childCount())]
            hit = next((c for c in candidates if c.data(0, Qt.ItemDataRole.UserRole) == topic),
                       None)
            if hit is None and top.data(0, Qt.ItemDataRole.UserRole) == name:
                hit = top
            top.setExpanded(hit is not None)  # only the page shown is open in the contents
            if hit is not None:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(hit)
                self.tree.blockSignals(False)

    def _item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.show_topic(item.data(0, Qt.ItemDataRole.UserRole))

    def set_language(self, lang: str) -> None:
        lang = normalize_language(lang)
        if lang == self.lang:
            return
        self.lang = lang
        topic = self.topic
        self.browser.clearHistory()
        self._fill_contents()
        self.show_topic(topic)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.set_language(current_lang())
        super().changeEvent(event)

    def text(self) -> str:
        return self.browser.toPlainText()


STYLE = """
body { font-size: 14px; }
h1 { font-size: 22px; color: #1f4e9c; }
h2 { font-size: 17px; color: #1f4e9c; margin-top: 18px; }
td, th { padding: 3px 8px; }
th { background: #e8eef8; }
.note { color: #555; }
.tip { background: #fff7d6; }
"""

_shared: GuideDialog | None = None


def _alive(w: QWidget | None) -> bool:
    if w is None:
        return False
    import shiboken6

    return shiboken6.isValid(w)


def open_guide(topic: str = "index", parent: QWidget | None = None,
               lang: str | None = None) -> GuideDialog:
    """Show the guide at ``topic``. One guide window is shared; opened from a modal dialog (a
    problems box), the guide opens above it, modal too, so it can be read and scrolled."""
    global _shared
    modal = QApplication.activeModalWidget()
    if modal is not None and not isinstance(modal, GuideDialog):
        dialog = GuideDialog(lang, modal)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    else:
        if not _alive(_shared):
            _shared = GuideDialog(lang)
        dialog = _shared
        if lang:
            dialog.set_language(lang)
    dialog.show_topic(topic)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def shared_guide() -> GuideDialog | None:
    return _shared if _alive(_shared) else None


def close_guide() -> None:
    """Close and forget the shared guide window (tests; the app's shutdown)."""
    global _shared
    if _alive(_shared):
        _shared.close()
        _shared.deleteLater()
    _shared = None


def help_button(topic: str | Callable[[], str], parent: QWidget | None = None,
                text: str = "?") -> QToolButton:
    """A "?" button opening the guide at ``topic`` (or at what ``topic()`` says when clicked)."""
    button = QToolButton(parent)
    button.setObjectName("guideButton")
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    button.setToolTip(QApplication.translate("Guide", "Open the guide on this topic"))

    def clicked() -> None:
        open_guide(topic() if callable(topic) else topic, button.window())

    button.clicked.connect(clicked)
    return button


def guide_button(buttons: QDialogButtonBox, topic: str | Callable[[], str]) -> QPushButton:
    """A "? Guide" button (help role: it never closes the dialog) in a dialog's button box,
    opening the guide at ``topic`` (or at what ``topic()`` says when clicked)."""
    button = buttons.addButton(QApplication.translate("Errors", "? Guide"),
                               QDialogButtonBox.ButtonRole.HelpRole)
    button.setObjectName("dialogGuide")
    button.clicked.connect(lambda: open_guide(topic() if callable(topic) else topic,
                                              buttons.window()))
    return button
