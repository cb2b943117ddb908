"""Participation's writes, one module per feature."""
