"""Widgets more than one page uses: the documents pane, date helpers, table export."""
