"""Render resources/copydesk.svg into the app icons that the packages use.

    python packaging/make_icons.py            # writes resources/icons/*
    python packaging/make_icons.py --out DIR  # somewhere else

Writes copydesk-<N>.png (16..512), copydesk.ico (Windows: 16..256, PNG-compressed entries) and
copydesk.icns (macOS: 16..1024 incl. @2x). The results are committed, so neither CI nor the release
workflow runs this; run it again only when the SVG changes.

Needs nothing beyond the app's own dependency PySide6 (QtSvg renders the SVG); the ICO and ICNS
containers are simple enough to write here with `struct`, so there is no Pillow dependency.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "copydesk.svg"
OUT = ROOT / "resources" / "icons"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types that hold PNG data, and the pixel size of each (Apple's "iconutil" set).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),  # 16 pt, @1x and @2x
    (b"icp5", 32),
    (b"ic12", 64),  # 32 pt
    (b"ic07", 128),
    (b"ic13", 256),  # 128 pt
    (b"ic08", 256),
    (b"ic14", 512),  # 256 pt
    (b"ic09", 512),
    (b"ic10", 1024),  # 512 pt
)


def render_pngs(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - painting needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {svg}")
    pngs: dict[int, bytes] = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"make_icons: could not encode the {size}px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose entries are PNG images (supported by Windows since Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: big-endian 'icns' header, then one (type, length, PNG) element per size."""
    body = b""
    for kind, size in ICNS_TYPES:
        body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    sizes = set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = render_pngs(args.svg, sizes)
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    for size in PNG_SIZES:
        path = args.out / f"copydesk-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    (args.out / "copydesk.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (args.out / "copydesk.icns").write_bytes(icns_bytes(pngs))
    written += [args.out / "copydesk.ico", args.out / "copydesk.icns"]
    for path in written:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"{shown}\t{path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
