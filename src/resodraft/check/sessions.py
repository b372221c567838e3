"""Rule ``session-ordinal``: the own assembly's session named in a request is not a future one.

Recurring resolutions are updated every year, and "faire rapport à l'Assemblée à sa vingtième
session" is the phrase most often forgotten. The rule knows the draft's session N (the session
that adopts it: front matter ``session``, else the session of its symbol, ``A/80/L.9`` → 80)
and reads every "<ordinal> session" with :func:`resodraft.sessions.mentions`, which decides
whose session it is and whether the text looks forward to it. It reports a session M ≤ N
that is

- the resolution's **own** assembly's ("à l'Assemblée à sa vingtième session", "to the
  General Assembly at its eighty-first session", "the provisional agenda of its eighty-first
  session") — never another body's ("the Assembly of States Parties at its twenty-third
  session" in a General Assembly text, "the Human Rights Council at its fifty-ninth
  session", "the twenty-ninth session of the Conference of the Parties");
- and **looked forward to**: a request verb of the clause comes before it ("faire rapport",
  "soumettre", "to report", "to be submitted", "to inform", "for consideration"), or it
  follows "provisional agenda of its", "until its", "jusqu'à sa" — and no past participle
  stands between ("le rapport soumis à l'Assemblée, à sa treizième session" is a past
  session); publication titles ("Official Records of the General Assembly, Eightieth
  Session") are never requests.

Mentions the rule cannot place (an operative paragraph that only names a session) are not
reported: a warning that cries wolf would be switched off.
"""

from __future__ import annotations

from collections.abc import Iterator

from resodraft.check.core import Context, Finding
from resodraft.model import Footnote, Text
from resodraft.sessions import mentions, ordinal_value, own_assembly, session_of_meta
from resodraft.model import plain_text


def italic_breaks(content: tuple) -> list[int]:
    """Offsets of the italic runs that start inside a paragraph ("…, et *prie* la Cour"):
    each starts a new clause whose subject is the resolution's assembly."""
    out: list[int] = []
    pos = 0
    for item in content:
        if isinstance(item, Text):
            if "i" in item.marks and pos > 0 and item.text.strip():
                out.append(pos + len(item.text) - len(item.text.lstrip()))
            pos += len(item.text)
    return out


def session_ordinal(ctx: Context) -> Iterator[Finding]:
    """A forward-looking mention of the own assembly's session that is not later than the draft's."""
    found = session_of_meta(ctx.res.meta)
    if found is None:
        return
    current, source = found
    own = own_assembly(plain_text(ctx.res.formula or ()), ctx.res.meta.symbol)
    language = ctx.language
    for node, text in ctx.texts():
        preambular = not isinstance(node, Footnote) and node.kind == "preambular"
        content = node.content
        for m in mentions(text, own=own, language=language, preambular=preambular, breaks=italic_breaks(content)):
            if not m.own or m.tense != "forward" or m.value > current:
                continue
            phrase = text[m.start : m.session_end]
            message = (
                f"'{phrase}' ({m.value}) in a request for a future session, but this draft is for "
                f"session {current} ({source}): a later session is expected"
            )
            clause_start = max(text.rfind(";", 0, m.start), text.rfind(":", 0, m.start)) + 1
            yield ctx.finding(node, m.start, message, text[max(clause_start, m.start - 60) : m.session_end])


__all__ = ["italic_breaks", "ordinal_value", "session_ordinal"]
