"""Fixtures of the PDF tests (helpers to read PDFs back are in pdfcheck.py)."""

from __future__ import annotations

import pytest


@pytest.fixture
def fallback_char():
    """A CJK character that the main font lacks and a fallback font has, with that font's name."""
    from sifasuo_desktop.reports.pdf import fonts

    chain = fonts.chain()
    for cp in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) + list(range(0x20000, 0x2A6E0)):
        ch = chr(cp)
        font = chain.covering_font(ch)
        if font and font != chain.main:
            return ch, font
    pytest.skip("every character of the fallback fonts is in the main font")
