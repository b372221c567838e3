"""Story → the XML parts of the document, through the Jinja templates in ``templates/docx/``.

Templates (bundled, or the user's ``--template-dir`` which mirrors the bundled layout, so a
user overrides ``docx/masthead.xml.j2`` by writing ``D/docx/masthead.xml.j2``):

========================== ==========================================================
``docx/document.xml.j2``   ``word/document.xml``: masthead, body, page setup
``docx/masthead.xml.j2``   symbol line, adoption line, title, enacting formula
``docx/footnotes.xml.j2``  ``word/footnotes.xml``: separators and the footnotes
``docx/settings.xml.j2``   ``word/settings.xml``: footnote settings, trackRevisions, language
``docx/numbering.xml.j2``  ``word/numbering.xml``: the automatic numbers of the paragraphs
``docx/header.xml.j2``     the page header, every page and (``first``) the first page
``docx/footer.xml.j2``     the page footer (page number), every page and the first page
``docx/macros.xml.j2``     ``run``, ``chunk``, ``para``: the WordprocessingML of the story
========================== ==========================================================

The Jinja environment is :mod:`resodraft.templating`'s: XML autoescaping, ``StrictUndefined``,
user templates sandboxed, template faults reported as :class:`~resodraft.errors.TemplateError`
with the template's file and line. On top of it, each rendered part must be well-formed XML,
or a :class:`TemplateError` names the template that produced it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from resodraft.errors import TemplateError

from .headers import FOOTER_TEMPLATE, HEADER_TEMPLATE, HeaderSet
from .story import WORD_LANGUAGE, Story

DOCUMENT = "docx/document.xml.j2"
FOOTNOTES = "docx/footnotes.xml.j2"
SETTINGS = "docx/settings.xml.j2"
NUMBERING = "docx/numbering.xml.j2"



def bundled_templates_dir() -> Path:
    """The folder holding resodraft's own templates (see :func:`resodraft.templating.bundled_dir`)."""
    from resodraft.templating import bundled_dir

    return bundled_dir()


def render(env: Any, name: str, context: dict[str, Any]) -> bytes:
    """Render template ``name`` (:func:`resodraft.templating.render`: template faults become
    :class:`TemplateError`) and check that the result is well-formed XML; UTF-8 bytes."""
    from lxml import etree

    from resodraft import templating

    text = templating.render(name, context, env=env)
    data = text.encode("utf-8")
    try:
        etree.fromstring(data)
    except etree.XMLSyntaxError as exc:
        template = env.get_template(name)
        raise TemplateError(
            f"the template produced XML that Word cannot read (output line {exc.lineno}: {exc.msg})",
            file=template.filename or name,
            hint="check the markup of this template and of the templates it includes; "
            "text is escaped for you, tags are not",
        ) from None
    return data


def render_parts(
    story: Story, section: str, template_dir: str | Path | None = None, headers: HeaderSet | None = None
) -> dict[str, bytes]:
    """The templated parts of the package: document, footnotes, settings, numbering (when the
    numbers are automatic) and the headers and footers ``headers`` renders from templates.

    ``section`` is the ``<w:sectPr>`` (page size, margins, header and footer references) taken
    from the reference document, inserted as is.
    """
    from markupsafe import Markup

    from resodraft.templating import environment

    env = environment(template_dir)
    from resodraft.masthead import masthead_lines

    masthead = {line.kind: line.text for line in masthead_lines(story.meta, story.language, story.formula)}
    context = {
        "masthead": story.masthead,
        "body": story.body,
        "paragraphs": story.paragraphs,
        "notes": story.notes,
        "meta": story.meta,
        "language": story.language,
        "word_language": WORD_LANGUAGE.get(story.language, story.language),
        "tracked": story.tracked,
        "section": Markup(section),
        "numbering": story.numbering,
        "even_and_odd_headers": bool(headers and headers.even_and_odd),
        # for the page header: which assembly adopts the text (asp, ga or None), and what names
        # it on every page — its symbol, else its masthead title ("Projet de résolution sur …")
        "assembly": story.assembly,
        "running_head": story.meta.symbol or masthead.get("title") or masthead.get("draft") or "",
    }
    parts = {
        "word/document.xml": render(env, DOCUMENT, context),
        "word/footnotes.xml": render(env, FOOTNOTES, context),
        "word/settings.xml": render(env, SETTINGS, context),
    }
    if story.numbering is not None:
        parts["word/numbering.xml"] = render(env, NUMBERING, context)
    for part in headers.parts if headers is not None else ():
        if part.data is None:
            template = HEADER_TEMPLATE if part.kind == "header" else FOOTER_TEMPLATE
            parts[part.name] = render(env, template, {**context, "first": part.type == "first"})
    return parts
