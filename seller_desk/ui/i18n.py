"""Installing the translations in Qt: our .ts catalogues and Qt's own zh_CN catalogue."""

from __future__ import annotations

from seller_desk import i18n
from seller_desk.ui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []

#: Labels of Qt's own file dialog that qtbase_zh_CN lacks (its catalogue still has them without
#: the mnemonic); translated in our app catalogue, context "QFileDialog".
QT_FILE_DIALOG = (
    i18n.QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    i18n.QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


class CatalogueTranslator(QTranslator):
    """Serves SellerDesk's .ts catalogues (parsed by seller_desk.i18n) to Qt's tr()."""

    def __init__(self, lang: str):
        super().__init__()
        self._lang = i18n.normalize_language(lang)
        self._table = i18n.catalogue(self._lang)

    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None (a null QString) tells Qt "not translated here": it falls back to the source.
        return self._table.get((context, source_text))

    def isEmpty(self) -> bool:
        return not self._table

    def language(self) -> str:
        return self._lang


def install(lang: str | None) -> str:
    """Switch the application's language (zh_CN or en); returns the language installed."""
    app = QCoreApplication.instance()
    lang = i18n.normalize_language(lang)
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    if lang != "en":
        qt_tr = QTranslator()
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_tr.load(QLocale(lang), "qtbase", "_", path):
            _installed.append(qt_tr)
        _installed.append(CatalogueTranslator(lang))
    for tr in _installed:
        app.installTranslator(tr)
    QLocale.setDefault(QLocale(lang))
    return lang


def qt_catalogue_loaded() -> bool:
    return any(not isinstance(t, CatalogueTranslator) for t in _installed)
