"""The reference platform: a stand-in for the zone's online comprehensive service platform.

A trainer runs it for a class (``seller-desk-platform``), tests run it on 127.0.0.1. It keeps
its own store, validates with the same ``seller_desk.core`` rules as the desktop, and shares
only ``seller_desk.core.sync`` with the client (which never imports this package).
"""
