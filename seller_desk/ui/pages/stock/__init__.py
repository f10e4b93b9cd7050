"""The stock page (``page.Page``) and its parts; see seller_desk/DEVELOPING.md."""

from seller_desk.ui.pages.stock.page import Page

__all__ = ["Page"]
