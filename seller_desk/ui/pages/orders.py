"""Placeholder until this area's page is built (its issue replaces this module)."""

from seller_desk.ui.pages import PlaceholderPage as Page

__all__ = ["Page"]
