"""Propriety: runs a council's councillor–officer protocol."""

__version__ = "0.1.0"
