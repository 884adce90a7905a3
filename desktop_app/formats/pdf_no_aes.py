"""Stand-in for the `cryptography` ciphers pdfminer imports, for builds that leave it out.

pdfminer.six imports AES from `cryptography` at start-up but uses it only for AES-encrypted
PDFs. The frozen bundle excludes `cryptography` (a 14 MB native library, over the bundle's size
budget), so there `install()` registers these names instead: every PDF reads as before, and an
AES-encrypted one raises `AesUnavailable`, which the importer turns into one line.
"""

from __future__ import annotations

import sys
import types


class AesUnavailable(Exception):
    """An AES-encrypted PDF was met in a build without the `cryptography` package."""


def _unavailable(*_args: object, **_kwargs: object) -> object:
    raise AesUnavailable("AES decryption is not available in this build")


def install() -> None:
    """Register stub `cryptography` modules (only when the real package cannot be imported)."""
    names = (
        "cryptography", "cryptography.hazmat", "cryptography.hazmat.backends",
        "cryptography.hazmat.primitives", "cryptography.hazmat.primitives.ciphers",
    )  # fmt: skip
    for name in names:
        module = types.ModuleType(name, "copydesk stand-in: AES is not available")
        sys.modules.setdefault(name, module)
    backends = sys.modules["cryptography.hazmat.backends"]
    ciphers = sys.modules["cryptography.hazmat.primitives.ciphers"]
    backends.default_backend = _unavailable  # type: ignore[attr-defined]
    ciphers.Cipher = _unavailable  # type: ignore[attr-defined]
    ciphers.algorithms = types.SimpleNamespace(AES=_unavailable)  # type: ignore[attr-defined]
    ciphers.modes = types.SimpleNamespace(CBC=_unavailable)  # type: ignore[attr-defined]
