"""The connect dialog: a connection string, or a server address and a token.

The token is checked with the platform (on the network pool, never the GUI thread) before it is
kept in the keychain; a wrong one is said in the dialog, which stays open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from seller_desk.core.problems import ProblemError
from seller_desk.messages import describe, message
from seller_desk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from seller_desk.ui.context import AppContext


class ConnectDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result_info: dict[str, Any] | None = None
        self.setObjectName("syncConnectDialog")
        self.setWindowTitle(self.tr("Connect to the platform"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Paste the connection string your trainer or the platform gave you "
            "(sellerdesk://…), or give the server address and your token."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.server = QLineEdit()
        self.server.setObjectName("server")
        self.server.setPlaceholderText("sellerdesk://192.168.1.20:8700?token=…  /  https://…")
        self.server.setText(ctx.desk.sync.server_url)
        self.token = QLineEdit()
        self.token.setObjectName("token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("not needed with a connection string"))
        ca_row = QHBoxLayout()
        self.ca = QLineEdit(ctx.desk.settings.get("sync.ca_bundle"))
        self.ca.setObjectName("caBundle")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        ca_row.addWidget(self.ca, 1)
        ca_row.addWidget(browse)
        form.addRow(self.tr("Connection string or server"), self.server)
        form.addRow(self.tr("Token"), self.token)
        form.addRow(self.tr("CA certificate (optional)"), ca_row)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("connectError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        self.buttons.accepted.connect(self.connect_now)
        self.buttons.rejected.connect(self.reject)
        from seller_desk.ui.guide import guide_button

        self.guide_button = guide_button(self.buttons, "sync#connect")
        layout.addWidget(self.buttons)

    def prefill(self, connection: str) -> None:
        """A clicked ``sellerdesk://`` link: in the field, ready for the Connect button."""
        self.server.setText(connection.strip())
        self.token.clear()
        self.error.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setFocus()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("CA certificate"), "", self.tr("Certificates (*.pem *.crt);;All files (*)"))
        if path:
            self.ca.setText(path)

    def connect_now(self) -> None:
        target = self.server.text().strip()
        token = self.token.text().strip() or None
        ca = self.ca.text().strip()  # "" clears a CA file set before
        self.error.clear()
        self.buttons.setEnabled(False)
        sync = self.ctx.desk.sync
        # the token is checked over the network: on the pool, result back on the GUI thread
        self.ctx.ops.run_read(lambda: sync.connect(target, token, ca_bundle=ca),
                              on_done=self._connected, on_error=self._failed,
                              label="sync-connect")

    def _connected(self, info: dict[str, Any]) -> None:
        self.buttons.setEnabled(True)
        self.result_info = info
        self.token.clear()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        lang = self.ctx.lang
        if isinstance(exc, ProblemError):
            text = "\n".join(describe(p, lang) for p in exc.problems)
        elif hasattr(exc, "problem"):
            text = message(exc.problem, lang)
        else:
            text = str(exc)
        self.error.setText(text)
