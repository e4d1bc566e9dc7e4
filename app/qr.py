"""QR codes as inline SVG (for projectors and printed invitation sheets), made locally with segno."""
from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(data: str, *, scale: int = 6, title: str | None = None) -> Markup:
    """Return an SVG QR code for ``data`` that can be placed straight into a page."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=scale, xmldecl=False, svgns=True,
                                     title=title, svgclass="qr-code", lineclass=None, border=2)
    return Markup(buffer.getvalue().decode("utf-8"))


def qr_png(data: str, *, scale: int = 8) -> bytes:
    """Return a PNG QR code for ``data`` (e.g. for Word documents)."""
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()
