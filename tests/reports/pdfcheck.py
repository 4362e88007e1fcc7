"""Reading PDFs back through poppler's command-line tools (pdftotext, pdffonts, pdfimages, pdfinfo)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path


def _poppler(tool: str, pdf: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "doc.pdf"
        path.write_bytes(pdf)
        result = subprocess.run([tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
                                capture_output=True, text=True, check=True)
        return result.stdout


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of every page in drawing order (``pdftotext -raw``; pages end with a form feed).

    The layout engine draws cell after cell, so a value follows its label: once white space is
    removed (``compact``) a filled row reads 姓名张三性别男 and a blank one 姓名性别."""
    return _poppler("pdftotext", pdf, "-enc", "UTF-8", "-raw").split("\f")[:-1]


def pdf_rows(pdf: bytes) -> list[str]:
    """Every printed line of every page where it stands on the page (``pdftotext -layout``),
    without white space: the one-line cells of a grid row read as one string."""
    text = _poppler("pdftotext", pdf, "-enc", "UTF-8", "-layout")
    return [compact(line) for line in text.splitlines() if line.strip()]


def compact(text: str) -> str:
    """Text without any white space: wrapped labels (公民身份/号码) read as one word again."""
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: bytes) -> str:
    return compact("".join(pdf_pages(pdf)))


def pdf_fonts(pdf: bytes) -> list[str]:
    """Base names of the embedded fonts, without the subset prefix (AAAAAA+)."""
    lines = _poppler("pdffonts", pdf).splitlines()[2:]
    return [line.split()[0].split("+")[-1] for line in lines]


def pdf_image_count(pdf: bytes) -> int:
    return len(_poppler("pdfimages", pdf, "-list").splitlines()[2:])


def pdf_page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) of every page in whole millimetres, as ``pdfinfo`` reports them."""
    text = _poppler("pdfinfo", pdf, "-f", "1", "-l", "100000")
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", text, re.MULTILINE)
    return [(round(float(w) * 25.4 / 72), round(float(h) * 25.4 / 72)) for w, h in sizes]
