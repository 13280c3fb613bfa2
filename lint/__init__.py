"""scrapelint: find and fix the noise in text scraped from the web.

>>> from scrapelint import check_text, fix_text
>>> [f.code for f in check_text("Hello</p>")]
['M001']
>>> fix_text("Hello</p>")
'Hello'
"""
from __future__ import annotations

from .api import FixesDidNotSettle, check_text, fix_text
from .model import CATEGORIES, Applicability, Document, Edit, Finding, Fix, Severity

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Applicability",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "FixesDidNotSettle",
    "Severity",
    "check_text",
    "fix_text",
    "__version__",
]
