"""First start: open the demo company, create my company, or open a company file."""

from __future__ import annotations

from seller_desk.i18n import QT_TRANSLATE_NOOP
from seller_desk.messages import message
from seller_desk.ui.qt import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QLocale,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

#: Pilot zones offered when a company is created (any other may be typed).
ZONES = (
    "中国(杭州)跨境电子商务综合试验区",
    "中国(宁波)跨境电子商务综合试验区",
    "中国(上海)跨境电子商务综合试验区",
    "中国(深圳)跨境电子商务综合试验区",
    "中国(广州)跨境电子商务综合试验区",
    "中国(郑州)跨境电子商务综合试验区",
    "中国(天津)跨境电子商务综合试验区",
    "中国(重庆)跨境电子商务综合试验区",
    "中国(厦门)跨境电子商务综合试验区",
    "中国(义乌)跨境电子商务综合试验区",
)
KINDS = (
    ("enterprise", QT_TRANSLATE_NOOP("NewCompanyDialog", "Enterprise (企业)")),
    ("individual_business",
     QT_TRANSLATE_NOOP("NewCompanyDialog", "Individual business (个体工商户)")),
    ("individual", QT_TRANSLATE_NOOP("NewCompanyDialog", "Individual seller (自然人)")),
)


class WelcomeDialog(QDialog):
    """``choice`` is "demo", "new" or "open" after exec()."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("WelcomeDialog")
        self.setWindowTitle(self.tr("Welcome to SellerDesk"))
        self.choice: str | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Welcome to SellerDesk"))
        title.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(title)
        intro = QLabel(self.tr("Keep the compliance side of your cross-border trade in one place: "
                               "filing, listings, overseas stock, customs declarations, FX "
                               "settlement and tax paperwork. Everything stays on this computer "
                               "until you sync it with the zone platform."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        for choice, text, hint in (
            ("demo", self.tr("Open the demo company"),
             self.tr("A believable Hangzhou seller with months of data: explore freely.")),
            ("new", self.tr("Create my company"),
             self.tr("An enterprise, an individual business (个体工商户) or an individual seller.")),
            ("open", self.tr("Open a company file…"),
             self.tr("A file you or your team already keep.")),
        ):
            button = QPushButton(text)
            button.setObjectName(f"welcome_{choice}")
            button.setMinimumHeight(44)
            button.setStyleSheet("text-align: left; padding-left: 12px; font-size: 14px;")
            button.clicked.connect(lambda _c=False, c=choice: self._choose(c))
            layout.addWidget(button)
            note = QLabel(hint)
            note.setStyleSheet("color: palette(dark); margin-left: 14px;")
            note.setWordWrap(True)
            layout.addWidget(note)
        self.resize(560, 420)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


class NewCompanyDialog(QDialog):
    """The company profile of a new file, with live validation of the identity code."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("NewCompanyDialog")
        self.setWindowTitle(self.tr("Create my company"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_group = QButtonGroup(self)
        kinds = QVBoxLayout()
        for i, (kind, text) in enumerate(KINDS):
            radio = QRadioButton(self.tr(text))
            radio.setProperty("kind", kind)
            radio.setChecked(i == 0)
            self.kind_group.addButton(radio, i)
            kinds.addWidget(radio)
        form.addRow(self.tr("Seller kind"), kinds)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Legal name in Chinese"))
        form.addRow(self.tr("Name"), self.name)
        self.name_en = QLineEdit()
        form.addRow(self.tr("English name"), self.name_en)
        self.name_en_label = form.labelForField(self.name_en)
        # the 综试区 the seller files with (its platform is where everything is filed once)
        self.zone = QComboBox()
        self.zone.setEditable(True)
        self.zone.addItems(ZONES)
        self.zone.setCurrentIndex(-1)
        self.zone.lineEdit().setPlaceholderText(self.tr("The pilot zone you file with"))
        form.addRow(self.tr("Pilot zone (综试区)"), self.zone)
        self.id_code = QLineEdit()
        self.id_code.setPlaceholderText(self.tr("USCC, or resident ID for an individual"))
        form.addRow(self.tr("Identity code"), self.id_code)
        self.id_feedback = QLabel()
        self.id_feedback.setObjectName("idFeedback")
        self.id_feedback.setWordWrap(True)
        form.addRow("", self.id_feedback)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for signal in (self.name.textChanged, self.id_code.textChanged,
                       self.kind_group.idToggled):
            signal.connect(self.validate)
        self.validate()
        self.resize(560, 360)

    @property
    def kind(self) -> str:
        return self.kind_group.checkedButton().property("kind")

    def values(self) -> dict[str, str]:
        individual = self.kind == "individual"  # no English legal name for a person
        return {"kind": self.kind, "name_zh": self.name.text().strip(),
                "name_en": None if individual else (self.name_en.text().strip() or None),
                "id_code": self.id_code.text().strip(),
                "zone": self.zone.currentText().strip() or None}

    def validate(self, *_args: object) -> bool:
        from seller_desk.services.company import validate_identity

        lang = QLocale().name()
        individual = self.kind == "individual"  # only the fields of this kind of seller
        self.name_en.setVisible(not individual)
        if self.name_en_label is not None:
            self.name_en_label.setVisible(not individual)
        self.name.setPlaceholderText(self.tr("Your name as on your ID card") if individual
                                     else self.tr("Legal name in Chinese"))
        code = self.id_code.text().strip()
        problems = validate_identity(self.kind, code) if code else []
        errors = [p for p in problems if p.is_error]
        if not code:
            self.id_feedback.setText("")
        elif problems:
            color = "#b42318" if errors else "#b54708"
            lines = "<br>".join(message(p, lang) for p in problems)
            self.id_feedback.setText(f"<span style='color:{color}'>{lines}</span>")
        else:
            self.id_feedback.setText(
                "<span style='color:#067647'>✓ " + self.tr("Valid identity code") + "</span>")
        ok = bool(self.name.text().strip()) and bool(code) and not errors
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok
