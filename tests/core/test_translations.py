"""Every marked message has a German translation, and what is committed is what runs.

The catalog is extracted afresh from ``src/tribe`` (``makemessages`` on a copy,
so the committed files are never touched) and compared with the committed
``locale/de/LC_MESSAGES/django.po``: a message marked anywhere (a template, a
form label, a service's error) without a finished German text fails here.
Then the compiled ``django.mo`` must say exactly what the ``.po`` says, since
``tribe serve`` reads the ``.mo`` and may run where gettext is not installed.

To update the catalog after marking messages, from ``src/tribe``::

    ../../.venv/bin/python -m django makemessages -l de --settings=tribe.settings \\
        --add-location=file --no-obsolete
    # translate the new entries (no "fuzzy" left), then
    ../../.venv/bin/python -m django compilemessages -l de --settings=tribe.settings

GNU gettext (``xgettext``, ``msgfmt``) must be installed; without it this test
fails rather than skips, so a CI machine missing it cannot pass silently.
"""

from __future__ import annotations

import ast
import gettext
import importlib
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

import tribe

PACKAGE = Path(tribe.__file__).resolve().parent
CATALOG = PACKAGE / "locale" / "de" / "LC_MESSAGES" / "django.po"
COMPILED = CATALOG.with_suffix(".mo")
#: Tribe's own date format names (see ``tribe.locale.en.formats``).
OWN_FORMATS = (
    "LONG_DATE_FORMAT",
    "LONG_DATETIME_FORMAT",
    "DAY_TIME_FORMAT",
    "PADDED_DATE_FORMAT",
    "PADDED_MONTH_DAY_FORMAT",
    "PADDED_FULL_MONTH_DAY_FORMAT",
    "PADDED_DAY_TIME_FORMAT",
    "PADDED_SLOT_FORMAT",
    "PADDED_LONG_DATE_FORMAT",
    "PADDED_LONG_DATETIME_FORMAT",
    "PADDED_LONG_DAY_FORMAT",
    "PADDED_LONG_DAY_TIME_FORMAT",
)

#: ``%(name)s``, ``%s``, ``%d`` … and ``{name}``: what a translation must keep.
PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdifr]|%[sdifr]|\{[A-Za-z_]\w*\}")
TAG = re.compile(r"</?[A-Za-z][^>]*>")


@dataclass
class Entry:
    context: str | None = None
    msgid: str = ""
    plural: str | None = None
    #: msgstr, or msgstr[0], msgstr[1], … for a plural entry.
    strings: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.context, self.msgid, self.plural)

    def label(self) -> str:
        where = f" (context {self.context!r})" if self.context else ""
        return f"{self.msgid!r}{where}"


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (the header and obsolete ``#~`` entries left out)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry
        if entry.msgid or entry.plural:
            entries.append(entry)
        entry = Entry()

    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if target is not None and target[0] == "msgstr":
                finish()
                target = None
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith('"'):  # a continuation of the string before
            assert target is not None, f"{path}: a string continues nothing: {line}"
            rest, keyword = line, ""
        else:
            if keyword in ("msgctxt", "msgid") and target is not None and target[0] == "msgstr":
                finish()
            index = 0
            if keyword.startswith("msgstr["):
                keyword, index = "msgstr", int(keyword[7:-1])
            target = (keyword, index)
        text: str = ast.literal_eval(rest)
        kind, index = target
        if kind == "msgctxt":
            entry.context = (entry.context or "") + text
        elif kind == "msgid":
            entry.msgid += text
        elif kind == "msgid_plural":
            entry.plural = (entry.plural or "") + text
        elif kind == "msgstr":
            entry.strings[index] = entry.strings.get(index, "") + text
    finish()
    return entries


def _require_gettext() -> None:
    missing = [
        tool for tool in ("xgettext", "msgfmt", "msgmerge", "msguniq") if not shutil.which(tool)
    ]
    if missing:
        pytest.fail(
            f"GNU gettext is not installed (no {', '.join(missing)} on PATH): install it "
            "(apt-get install gettext, brew install gettext) to check the translations."
        )


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> list[Entry]:
    """The catalog as ``makemessages`` makes it now, from a copy of the package."""
    _require_gettext()
    work = tmp_path_factory.mktemp("extract")
    copy = work / "tribe"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("locale", "static", "__pycache__"))
    (copy / "locale").mkdir()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tribe.settings",
        "TRIBE_DATA_DIR": str(work / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "de", "--no-obsolete"],
        cwd=copy,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"makemessages failed:\n{done.stdout}\n{done.stderr}"
    return read_po(copy / "locale" / "de" / "LC_MESSAGES" / "django.po")


@pytest.fixture(scope="module")
def committed() -> list[Entry]:
    assert CATALOG.is_file(), f"no German catalog at {CATALOG}"
    return read_po(CATALOG)


def test_something_is_marked(extracted: list[Entry]) -> None:
    """The extraction really ran over the templates (an empty catalog proves nothing)."""
    assert len(extracted) > 300
    assert ("navigation", "Main", None) in {e.key for e in extracted}


def test_every_marked_message_has_a_finished_german_translation(
    extracted: list[Entry], committed: list[Entry]
) -> None:
    translated = {e.key: e for e in committed}
    problems = []
    for entry in extracted:
        found = translated.get(entry.key)
        if found is None:
            problems.append(f"not in the German catalog: {entry.label()}")
        elif "fuzzy" in found.flags:
            problems.append(f"marked fuzzy (a guess, not a translation): {entry.label()}")
        elif len(found.strings) != (2 if entry.plural else 1) or not all(
            s.strip() for s in found.strings.values()
        ):
            problems.append(f"not translated: {entry.label()}")
    assert not problems, (
        f"{len(problems)} message(s) lack a German translation; run makemessages and "
        "translate them (see this module's docstring):\n" + "\n".join(problems)
    )


def test_the_catalog_holds_no_messages_the_code_no_longer_has(
    extracted: list[Entry], committed: list[Entry]
) -> None:
    stale = {e.key for e in committed} - {e.key for e in extracted}
    assert not stale, f"run makemessages --no-obsolete: no longer in the code: {sorted(stale)}"


def test_translations_keep_the_placeholders_and_markup(committed: list[Entry]) -> None:
    problems = []
    for entry in committed:
        for index, text in entry.strings.items():
            source = entry.plural if (entry.plural and index > 0) else entry.msgid
            for pattern in (PLACEHOLDER, TAG):
                want, have = Counter(pattern.findall(source)), Counter(pattern.findall(text))
                if want != have:
                    problems.append(f"{entry.label()}: {sorted(want)} became {sorted(have)}")
    assert not problems, "\n".join(problems)


def test_the_compiled_catalog_says_what_the_po_says(committed: list[Entry]) -> None:
    """``django.mo`` is committed (``tribe serve`` needs no gettext): it must be current."""
    with COMPILED.open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    expected: dict[object, str] = {}
    for entry in committed:
        if "fuzzy" in entry.flags or not all(entry.strings.values()):
            continue  # msgfmt leaves these out (the test above names them)
        msgid = f"{entry.context}\x04{entry.msgid}" if entry.context else entry.msgid
        if entry.plural:
            expected.update({(msgid, i): text for i, text in entry.strings.items()})
        else:
            expected[msgid] = entry.strings[0]
    actual = {key: text for key, text in catalog._catalog.items() if key != ""}  # type: ignore[attr-defined]
    assert actual == expected, "django.mo is out of date: run compilemessages -l de"
    assert catalog.info()["plural-forms"] == "nplurals=2; plural=(n != 1);"


def test_msgfmt_accepts_the_catalog() -> None:
    _require_gettext()
    done = subprocess.run(
        ["msgfmt", "--check", "--output-file=/dev/null", str(CATALOG)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and not done.stderr, done.stderr


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_every_language_names_the_date_formats_the_pages_use(code: str) -> None:
    """A missing name would print as a literal format: "LONG_DATE_FORMAT" as letters."""
    formats = importlib.import_module(f"tribe.locale.{code}.formats")
    missing = [name for name in OWN_FORMATS if not isinstance(getattr(formats, name, None), str)]
    assert not missing
