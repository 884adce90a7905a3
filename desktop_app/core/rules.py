"""Domain rules shared by the window and the command line: which field values are valid, what a
field change implies, what a tag's name and key may be, and which annotations would duplicate."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from desktop_app.core.annotations import edited
from desktop_app.core.errors import FieldError
from desktop_app.core.fields import YES, fields_for, parse_span, span_key
from desktop_app.core.model import Annotation, Tag

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def field_keys_of(tag: str) -> list[str]:
    """Every key a tag's annotations may carry (span fields also keep `<key>_span`)."""
    keys: list[str] = []
    for spec in fields_for(tag):
        keys.append(spec.key)
        if spec.kind == "span":
            keys.append(span_key(spec.key))
    return keys


def check_field(tag: str, key: str, value: str) -> str:
    """`value` cleaned for `key` of an annotation tagged `tag`; OperationError (one line) when the
    key is not one of the tag's fields or the value is not one it accepts. "" always clears."""
    value = value.strip()
    specs = {s.key: s for s in fields_for(tag)}
    spans = {span_key(k) for k, s in specs.items() if s.kind == "span"}
    if key in spans:
        if value and parse_span(value) is None:
            raise FieldError(f"field {key} takes START-END offsets, got {value!r}")
        return value
    spec = specs.get(key)
    if spec is None:
        known = ", ".join(field_keys_of(tag)) or "none"
        raise FieldError(f"unknown field {key!r} for tag {tag}; its fields are: {known}")
    if not value:
        return value
    if spec.kind == "choice" and value not in spec.choices:
        allowed = ", ".join(spec.choices)
        raise FieldError(f"{key} cannot be {value!r}; use one of: {allowed}")
    if spec.kind == "yesno" and value.lower() not in ("yes", "no"):
        raise FieldError(f"{key} is yes or no, not {value!r}")
    if spec.kind == "yesno":
        return value.lower()
    if spec.kind == "date":
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            raise FieldError(f"{key} is a date (YYYY-MM-DD), not {value!r}") from None
    return value


def with_fields(
    annotation: Annotation,
    changes: Mapping[str, str],
    *,
    text: str,
    reviewer: str,
    today: str | None = None,
    links: Mapping[str, Annotation] | None = None,
) -> Annotation:
    """`annotation` with `changes` applied after validation, plus what they imply:
    * a reason picked from the text (`reason_span`) takes its words from the text, and any reason
      sets "reason given" to yes;
    * marking a claim verified records who and when (unless already recorded) and moves an open
      claim's status to verified;
    * a link must name an annotation of the linked tag in the same document (`links` by id)."""
    fields = dict(annotation.fields)
    status = None
    clean = {k: check_field(annotation.tag, k, v) for k, v in changes.items()}
    specs = {s.key: s for s in fields_for(annotation.tag)}
    for key, value in clean.items():
        spec = specs.get(key)
        if spec is not None and spec.kind == "link" and value:
            target = (links or {}).get(value)
            if target is None or target.tag != spec.link_tag:
                raise FieldError(f"{key} must be the id of a {spec.link_tag} annotation here")
        fields[key] = value
    for key, spec in specs.items():
        if spec.kind != "span":
            continue
        picked = parse_span(clean.get(span_key(key), "")) if span_key(key) in clean else None
        if picked is not None:
            start, end = picked
            if end > len(text):
                raise FieldError(f"{span_key(key)} {start}-{end} is outside the document")
            fields[key] = text[start:end]
        elif key in clean and span_key(key) not in clean:
            fields[span_key(key)] = ""  # typed by hand: no longer the words at the old place
        if key == "reason" and (key in clean or span_key(key) in clean) and fields.get(key):
            fields["reason_given"] = YES
    if clean.get("verification") == "verified":
        fields["checked_by"] = fields.get("checked_by") or reviewer
        fields["checked_at"] = fields.get("checked_at") or today or date.today().isoformat()
        status = "verified" if annotation.status in ("open", "needs_follow_up") else None
    return edited(annotation, fields=fields, status=status)


def duplicate_of(
    candidates: Iterable[Annotation], tag: str, start: int, end: int
) -> Annotation | None:
    """An annotation that already tags exactly these words with this tag."""
    return next((a for a in candidates if a.tag == tag and a.start == start and a.end == end), None)


def tag_name_for(label: str, taken: set[str]) -> str:
    """A stable identifier from the first label: lowercase words joined by underscores."""
    base = re.sub(r"[^0-9a-z]+", "_", label.casefold()).strip("_") or "tag"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


def tag_problem(tag: Tag, tags: Iterable[Tag]) -> str:
    """Why `tag` cannot be saved beside `tags` ("" if it can). Tag keys are single unmodified
    characters: anything with Ctrl/Alt, a function key or a digit would shadow the window's own
    shortcuts (Qt then fires neither), and digits already pick tags by their place in the list."""
    if not tag.label.strip():
        return "A tag needs a label."
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", tag.colour):
        return f"{tag.colour} is not a colour (use #rrggbb)."
    key = tag.shortcut
    if not key:
        return ""
    if len(key) != 1 or not key.isprintable() or key.isspace():
        return f"{key} cannot be a tag key: use a single letter or symbol without Ctrl or Alt."
    if key.isdigit():
        return f"{key} already picks a tag by its place in the list; choose a letter."
    other = next(
        (t for t in tags if t.shortcut.casefold() == key.casefold() and t.name != tag.name), None
    )
    return f"{key} is already the key of {other.label}." if other else ""
