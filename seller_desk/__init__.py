"""SellerDesk: the compliance desk of a small cross-border e-commerce seller."""

__version__ = "0.1.0"
