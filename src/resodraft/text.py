"""Inline text utilities shared by readers and writers: canonical inline form, language guess."""

from __future__ import annotations

import re
from collections.abc import Iterable

from resodraft.model import Inline, Inlines, Text, normalize

LANGUAGES = ("fr", "en")
"""The languages resodraft knows (front matter ``language``, ``--lang``)."""



def language_tag(value: str) -> str:
    """A language tag as resodraft writes it: ``EN``, ``en-GB``, ``fr_FR``, ``Fr`` → ``en``/``fr``.

    Tags are case-insensitive and a region is dropped (BCP 47: ``fr-FR``, ``fr-CH``); anything
    else is returned lower-cased, for the caller to refuse.
    """
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]


_FR = re.compile(r"\b(le|la|les|des|du|de|et|à|sur|aux|une|États)\b|[éèêàç]", re.IGNORECASE)
_EN = re.compile(r"\b(the|of|and|to|on|its|with|that|States)\b", re.IGNORECASE)


def canonical_inlines(inlines: Iterable[Inline]) -> Inlines:
    """The canonical form of inline content: formatting never starts or ends with white space.

    Adjacent runs with the same marks are merged first; then white space at the edges of a
    formatted run is moved outside it, and a run of white space only carries no marks.
    Markdown cannot open ``*`` before a space or close it after one, so ``*Rappelant *`` and
    ``*Rappelant* `` must be the same text: the second is the canonical form. Likewise
    ``*a* *b*`` (two italic words, a plain space) stays as it is, while ``*a b*`` is one run.
    The function is idempotent.
    """
    out: list[Inline] = []
    for item in normalize(inlines):
        if isinstance(item, Text) and item.marks and item.text.strip() != item.text:
            core = item.text.strip()
            if not core:
                out.append(Text(item.text))
                continue
            head = item.text[: len(item.text) - len(item.text.lstrip())]
            tail = item.text[len(item.text.rstrip()) :]
            out.extend([Text(head), Text(core, item.marks), Text(tail)])
        else:
            out.append(item)
    return normalize(out)


def guess_language(text: str) -> str:
    """``fr`` or ``en``, by counting very common words (``fr`` when it cannot tell)."""
    fr = len(_FR.findall(text))
    en = len(_EN.findall(text))
    return "en" if en > fr else "fr"
