"""The quickened PySide import hook gives the same answers as PySide's own."""

import importlib
import json
import sys

import PySide6.QtCore  # noqa: F401  (installs PySide's hook)

from desktop_app.ui import pyside_hook


def test_quickened_hook_answers_as_pysides_own(monkeypatch) -> None:
    feature = sys.modules["shibokensupport.feature"]
    original = feature._mod_uses_pyside
    if getattr(original, "quickened", False):  # an earlier test's window already replaced it
        original = original.original
    monkeypatch.setattr(feature, "_mod_uses_pyside", original)
    assert pyside_hook.quicken_import_hook() is True
    quick = feature._mod_uses_pyside
    assert quick is not original
    modules = [
        importlib.import_module("desktop_app.ui.document_view"),  # imports PySide6
        importlib.import_module("desktop_app.core.model"),  # does not
        json,  # standard library, with source
        sys,  # built in
        PySide6.QtCore,  # an extension module
    ]
    assert [quick(m) for m in modules] == [original(m) for m in modules]
    assert quick(modules[0]) is True and quick(modules[1]) is False
    assert pyside_hook.quicken_import_hook() is False  # once is enough


def test_a_pyside_without_the_hook_keeps_its_own(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "shibokensupport.feature")
    assert pyside_hook.quicken_import_hook() is False
