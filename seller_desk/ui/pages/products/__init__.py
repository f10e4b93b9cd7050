"""The products page (``page.Page``) and its parts; see seller_desk/DEVELOPING.md."""

from seller_desk.ui.pages.products.page import Page

__all__ = ["Page"]
