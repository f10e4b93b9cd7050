"""Asking for the passphrase of the encrypted file keyring (no OS keychain on this computer)."""

from __future__ import annotations

from seller_desk.ui.qt import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout


class PassphraseDialog(QDialog):
    def __init__(self, new: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("PassphraseDialog")
        self.new = new
        self.setWindowTitle(self.tr("Protect your secrets"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("This computer has no system keychain. SellerDesk keeps the key that encrypts "
                    "ID numbers and bank accounts, and your platform token, in an encrypted file "
                    "instead. Choose a passphrase for it; you will be asked for it when SellerDesk "
                    "starts.") if new else
            self.tr("Enter the passphrase of SellerDesk's encrypted key file."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if new:
            form.addRow(self.tr("Repeat it"), self.second)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setStyleSheet("color: #b42318")
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(480, 220)

    def _accept(self) -> None:
        text = self.first.text()
        if len(text) < 8:
            self.hint.setText(self.tr("Use at least 8 characters."))
            return
        if self.new and text != self.second.text():
            self.hint.setText(self.tr("The two passphrases differ."))
            return
        self.accept()

    def passphrase(self) -> str:
        return self.first.text()


def ask_passphrase(new: bool) -> str | None:
    """The keychain's passphrase provider. Only on the GUI thread (a background job that finds
    the key file locked fails with a clear message instead of opening a dialog off-thread), and
    never under a progress dialog: one waiting for the user is hidden while it asks."""
    import threading

    from seller_desk.ui.qt import QApplication, QProgressDialog

    if QApplication.instance() is None or threading.current_thread() is not threading.main_thread():
        return None
    hidden = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, QProgressDialog) and w.isVisible()]
    for w in hidden:
        w.hide()
    try:
        dialog = PassphraseDialog(new)
        return dialog.passphrase() if dialog.exec() else None
    finally:
        for w in hidden:
            w.show()


def ensure_unlocked(parent=None) -> bool:
    """Ask for the key file's passphrase now, before work that needs a secret starts (False
    when the user cancels; the message says why nothing happened)."""
    from seller_desk import keychain

    if not keychain.needs_passphrase():
        return True
    try:
        keychain.backend()
    except keychain.KeychainUnavailable as exc:
        from seller_desk.ui.errors import show_error

        show_error(parent, exc)
        return False
    return True
