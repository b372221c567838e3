"""The lead words of preambular and operative paragraphs (CONVENTIONS.md, "Lead-word lexicon").

A preambular paragraph opens with a participle or an adjective (*Recalling*, *Deeply
concerned*, *Rappelant en outre*), an operative paragraph with a verb in the present tense
(*Decides*, *Also welcomes*, *Prie en outre*), printed in italics. Text pasted from a PDF has
lost the italics; the text reader puts them back where the paragraph opens with a lead of
this lexicon.

:func:`lead_length` matches, at the start of a paragraph:

1. optional adverbs before the head, capitalised: *Also*, *Further*, *Once again*, *Strongly*
   (``Also welcomes``, ``Strongly condemns``);
2. the head, one or more words (``Recalling``, ``Bearing in mind``, ``Prend note``,
   ``Se félicitant``), the longest that fits;
3. adverbs after it: ``also``, ``further``, ``again``, ``en outre``, ``également``,
   ``instamment``, ``vivement`` (``Recalling also``, ``Prie en outre``, ``Invite instamment``);
4. a fixed complement: ``with appreciation``, ``with deep concern``, ``its appreciation``
   (after *Expressing*/*Expresses*), ``avec satisfaction``, ``sa profonde préoccupation``
   (after *Exprime*/*Exprimant*), ``to`` + verb after *Continues*, ``d'``/``de`` + verb after
   *Continue*.

Matching is on whole words and case-sensitive for the first word (a lead is capitalised at
the start of a paragraph), so "Notes" never matches "Noting" and "Decides" never matches
"Decided". The lexicon is not exhaustive: an unknown lead is kept as written, and the reader
reports it.
"""

from __future__ import annotations

import re
from functools import lru_cache

PREAMBULAR_EN = """
Acknowledging Affirming Alarmed Appreciating Aware Bearing-in-mind Being-gravely-concerned Believing
Calling Cognizant Commending Concerned Conscious Considering Convinced Deeply-concerned
Deeply-disappointed Deploring Desiring Determined Emphasizing Encouraged Encouraging Expressing
Fully-aware Gravely-concerned Guided-by Having-adopted Having-considered Having-examined
Having-heard Having-received Having-reviewed Highlighting Honouring Keeping-in-mind Looking-ahead
Mindful Noting Observing Profoundly-concerned Reaffirming Realizing Recalling Recognizing
Regretting Reiterating Requesting Seeking Seriously-concerned Sharing Stressing Taking-into-account
Taking-into-consideration Taking-note Underlining Underscoring Urging Welcoming Wishing
""".split()
OPERATIVE_EN = """
Accepts Acknowledges Adopts Affirms Agrees Appeals Appreciates Approves Authorizes Calls-for
Calls-on Calls-upon Commends Condemns Confirms Congratulates Considers Continues Decides Declares
Demands Deplores Designates Determines Emphasizes Encourages Endorses Expresses Invites
Looks-forward Notes Proclaims Reaffirms Recalls Recognizes Recommends Regrets Reiterates Renews
Requests Stresses Supports Takes-note Underlines Underscores Urges Welcomes
""".split()
PREAMBULAR_FR = """
Accueillant Ayant-à-l'esprit Ayant-examiné Ayant-examiné Consciente Considérant Constatant
Convaincue Déterminée Encouragée Exprimant Gardant-à-l'esprit Guidée-par Insistant Notant
Prenant-acte Prenant-note Préoccupée Profondément-préoccupée Gravement-préoccupée Rappelant
Réaffirmant Reconnaissant Réitérant Saluant Se-félicitant Soulignant Tenant-compte Affirmant
Alarmée Consciente Déplorant Désireuse Estimant Mesurant Prenant-en-considération Résolue
Sachant Sensible Soucieuse Tenant-compte Vivement-préoccupée Attendu
""".split()
OPERATIVE_FR = """
Accepte Accueille Adopte Affirme Appelle Appuie Approuve Autorise Condamne Constate Continue
Décide Déclare Demande Déplore Encourage Engage Exhorte Exprime Félicite Insiste Invite Note
Prend-acte Prend-note Prie Rappelle Réaffirme Reconnaît Recommande Regrette Réitère Remercie
Salue Se-déclare Se-dit Se-félicite Souligne Soutient
""".split()

PRE_ADVERBS = """
Also Further Again Once-again Strongly Firmly Urgently Deeply Fully Gravely Seriously
Profoundly Warmly Sincerely Unequivocally
""".split()
POST_ADVERBS = """
also further again once-again moreover furthermore unequivocally strongly firmly
en-outre également aussi de-nouveau à-nouveau par-ailleurs instamment vivement fermement
énergiquement
""".split()
_QUALIFIER = r"(?:(?:deep|grave|serious|great|profound|sincere|strong|full|vive|profonde|grande|sincère|sérieuse|grave|une|vive)\s+)*"
COMPLEMENTS = (
    rf"with\s+{_QUALIFIER}(?:appreciation|satisfaction|concern|interest|regret|gratitude|alarm)",
    rf"avec\s+{_QUALIFIER}(?:satisfaction|préoccupation|intérêt|inquiétude|appréciation|regret|gratitude|reconnaissance|consternation)",
    rf"(?:its|their)\s+{_QUALIFIER}(?:appreciation|concern|gratitude|support|condolences|solidarity|thanks|regret|alarm|outrage|commitment)",
    rf"(?:sa|son|ses|leur)\s+{_QUALIFIER}(?:satisfaction|préoccupation|gratitude|reconnaissance|inquiétude|soutien|appui|condoléances|solidarité|remerciements|regret)",
    rf"{_QUALIFIER}(?:concern|appreciation|gratitude|alarm)(?=\s+(?:at|about|over|for|that|regarding|to)\b)",
)
"""Fixed complements that belong to the lead (``Notes with appreciation``, ``Expressing its concern``)."""
_CONTINUES = re.compile(r"\s+(?:to\s+[a-z]+|d['’]\w+|de\s+\w+)")


def _words(entry: str) -> str:
    return r"\s+".join(re.escape(w) for w in entry.split("-")) if "'" not in entry else re.escape(entry.replace("-", " ")).replace(r"\ ", r"\s+")


@lru_cache(maxsize=4)
def _pattern(kind: str) -> re.Pattern[str]:
    heads = {
        "preambular": PREAMBULAR_EN + PREAMBULAR_FR,
        "operative": OPERATIVE_EN + OPERATIVE_FR,
        "any": PREAMBULAR_EN + PREAMBULAR_FR + OPERATIVE_EN + OPERATIVE_FR,
    }[kind]
    head = "|".join(_words(h) for h in sorted(set(heads), key=len, reverse=True))
    pre = "|".join(_words(a) for a in sorted(PRE_ADVERBS, key=len, reverse=True))
    post = "|".join(_words(a) for a in sorted(POST_ADVERBS, key=len, reverse=True))
    comp = "|".join(COMPLEMENTS)
    lower_head = "|".join(_words(h[0].lower() + h[1:]) for h in sorted(set(heads), key=len, reverse=True))
    return re.compile(
        rf"^(?:(?:{pre})\s+(?:(?:{post})\s+)?(?P<lhead>{lower_head})|(?P<head>{head}))"
        rf"(?:,?\s+(?:{post})(?=[\s,]|$))*"
        rf"(?:\s+(?:{comp}))?"
        r"(?=[\s,:;.]|$)"
    )


def lead_length(text: str, kind: str = "any") -> int:
    """The length of the lead at the start of ``text`` (0 when none of the lexicon is there).

    ``kind`` is ``preambular``, ``operative`` or ``any``. The lead ends before white space and
    punctuation: ``"Recalling also that …"`` → ``len("Recalling also")``.
    """
    m = _pattern(kind).match(text)
    if not m:
        return 0
    end = m.end()
    head = m.group("head") or m.group("lhead") or ""
    if head in ("Continues", "continues", "Continue", "continue"):
        c = _CONTINUES.match(text, end)
        if not c:
            return 0
        end = c.end()
    return end


def starts_with_lead(text: str) -> bool:
    """Does ``text`` open with a lead of either kind (a new paragraph, not a continuation)?"""
    return lead_length(text.lstrip(), "any") > 0
