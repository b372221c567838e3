"""The library API behind the command line. Every CLI command calls one function here.

>>> from resodraft import api
>>> res = api.load("drafts/ICC-ASP-19-Res.2.fr.md")
>>> result = api.apply_files("drafts/ICC-ASP-19-Res.2.fr.md", ["drafts/2021/Res.2"])
>>> print(api.to_markdown(result.new))  # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resodraft.model import Resolution


def _with_unprinted_meta(edited: Resolution, base: Resolution, path: str, data: bytes | None = None) -> Resolution:
    """``edited`` with BASE's front-matter values where a Word file, PDF or text copy states
    none: such a copy holds only what its masthead prints (an adopted text's masthead has no
    session line), so a key it lacks is not printed, not removed. A Markdown copy says
    everything it means: a key it lacks is removed."""
    from dataclasses import fields, replace

    from resodraft.readers import sniff

    if data is not None:
        head = data[:1024]  # the bytes already read (standard input can be read only once)
    elif path == "-":
        return edited
    else:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    if sniff(head, path) == "markdown":
        return edited
    filled = {
        f.name: getattr(base.meta, f.name)
        for f in fields(edited.meta)
        if f.name != "extra" and getattr(edited.meta, f.name) is None and getattr(base.meta, f.name) is not None
    }
    return replace(edited, meta=replace(edited.meta, **filled)) if filled else edited


def load(path: str, language: str | None = None) -> Resolution:
    """Read a draft (.md, or a .docx/.pdf/.txt imported on the fly; format sniffed by content)."""
    from resodraft.readers import read

    return read(path, language=language)


def import_file(path: str, *, language: str | None = None, revisions: str = "refuse") -> tuple[Resolution, Any]:
    """Read a document people hold (.docx, .pdf, pasted text, .md) and say what was inferred.

    Returns the resolution and its :class:`~resodraft.readers.report.ImportReport`.
    ``revisions`` (``refuse``, ``accept``, ``reject``) is what to do with Word tracked changes.
    """
    from resodraft.readers import display_name, read
    from resodraft.readers.report import ImportReport

    report = ImportReport(display_name(path))
    res = read(path, language=language, revisions=revisions, report=report, fallback=True)
    return res, report


def outline(res: Resolution) -> dict[str, Any]:
    """The outline of ``res`` as data (``show --json`` contract)."""
    from resodraft.outline import outline as _outline

    return _outline(res)


def to_markdown(res: Resolution) -> str:
    """The canonical Markdown of ``res``."""
    from resodraft.writers.markdown import write_markdown

    return write_markdown(res)


@dataclass
class ApplyResult:
    """What applying amendments produced: the base, the new text and what happened on the way.

    ``label_map`` maps every base label (a block's uid) to its label in the new text;
    ``authors`` maps uids of inserted/deleted/moved/replaced blocks to ``(sponsor, date)``.
    """

    base: Resolution
    new: Resolution
    changes: list[Any] = field(default_factory=list)  # the applied amend.Change objects
    label_map: dict[str, str] = field(default_factory=dict)
    authors: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    inserted: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)  # status -> changes not applied

    def per_sponsor(self) -> dict[str, int]:
        """How many changes each sponsor proposed (a file's ``[meta]`` table counts as one)."""
        counts: dict[str, int] = {}
        metas: set[str] = set()
        for change in self.changes:
            if change.op == "meta":
                if change.file in metas:
                    continue
                metas.add(change.file)
            counts[change.sponsor] = counts.get(change.sponsor, 0) + 1
        return counts


def apply(
    base: Resolution,
    changes: list[Any],
    *,
    allow_dangling: bool = False,
    file: str | None = None,
) -> ApplyResult:
    """Amend ``base``, renumber, and repair internal cross-references (the transforms, in order)."""
    from resodraft.amend import amend
    from resodraft.number import renumber
    from resodraft.xref import fix_crossrefs

    amended = amend(base, changes)
    new, label_map = renumber(amended.resolution)
    new, warnings = fix_crossrefs(base, new, label_map, allow_dangling=allow_dangling, file=file)
    return ApplyResult(
        base=base,
        new=new,
        changes=list(changes),
        label_map=label_map,
        authors=amended.authors,
        inserted=amended.inserted,
        deleted=amended.deleted,
        moved=amended.moved,
        warnings=warnings,
    )


def apply_files(
    base_path: str,
    amendment_paths: list[str],
    *,
    language: str | None = None,
    allow_dangling: bool = False,
    include: tuple[str, ...] = ("agreed",),
) -> ApplyResult:
    """Read ``base_path``, apply the amendment files (or folders of them), renumber, fix references.

    Only the changes whose ``status`` is in ``include`` are applied (by default the agreed
    ones); ``left_out`` counts the others by status. With no amendment the base is returned
    as read (its canonical form).
    """
    base = load(base_path, language=language)
    if not amendment_paths:
        return ApplyResult(base=base, new=base)
    from resodraft.amend import load_amendments, select

    every = load_amendments(amendment_paths)
    _check_named_base(base_path, every)
    changes = select(every, include)
    result = apply(base, changes, allow_dangling=allow_dangling, file=base_path)
    for change in every:
        if change.status not in include:
            result.left_out[change.status] = result.left_out.get(change.status, 0) + 1
    return result


def _check_named_base(base_path: str, changes: list[Any]) -> None:
    """An amendment file that names its base (``base = "…"``) must be applied to that base."""
    import os
    from pathlib import Path

    from resodraft.errors import AmendmentError

    if base_path == "-":
        return
    actual = Path(base_path).resolve()
    for change in changes:
        if change.base is None:
            continue
        folder = Path(change.file).parent
        named = (folder / change.base).resolve()
        if named != actual:
            if Path(change.base).name != Path(base_path).name:
                raise AmendmentError(
                    f"this file amends {change.base}, not {base_path}",
                    file=change.file,
                    line=change.base_line,
                    hint="give the base text it was written for, or change its 'base' line",
                )
            # the same name in two folders (an amendment file moved to another folder): say
            # which two files these are and how to write the line
            relative = Path(os.path.relpath(actual, folder.resolve())).as_posix()
            raise AmendmentError(
                f"this file amends {named} (its 'base' line is read from the file's own folder), "
                f"not {actual}",
                file=change.file,
                line=change.base_line,
                hint=f'if {base_path} is the text it was written for, change its line to base = "{relative}"',
            )



def compare(result: ApplyResult, *, author: str | None = None, date: str | None = None) -> Any:
    """The :class:`~resodraft.model.Redline` of an :class:`ApplyResult` (base → new)."""
    from resodraft.redline import compare as _compare

    return _compare(
        result.base, result.new, by_uid=True, authors=result.authors, author=author, date=date, moved=result.moved
    )


def diff_files(old_path: str, new_path: str, *, language: str | None = None, author: str | None = None, date: str | None = None) -> Any:
    """The redline of two versions of a text, without amendment files."""
    from resodraft.redline import compare as _compare

    return _compare(load(old_path, language=language), load(new_path, language=language), author=author, date=date)


@dataclass
class RedlineJob:
    """The main job's outputs, computed in memory before anything is written."""

    result: ApplyResult
    redline: Any
    files: dict[str, bytes | str]


def redline_job(
    base_path: str,
    amendment_paths: list[str],
    out_dir: str,
    *,
    stem: str | None = None,
    language: str | None = None,
    allow_dangling: bool = False,
    author: str | None = None,
    date: str | None = None,
    critic: bool = False,
    mark_renumbering: bool = False,
    insert_style: str = "bold",
    template_dir: str | None = None,
    reference_docx: str | None = None,
    word: bool = True,
    include: tuple[str, ...] = ("agreed",),
    html: bool = False,
    typed_numbers: bool = False,
    french_spacing: str = "narrow",
) -> RedlineJob:
    """The main job: amended text, redline, and every output file's content (not yet written).

    ``include`` says which changes to apply (by status); ``html`` adds ``STEM.redline.html``,
    the review page.

    The Word files' revisions and properties without a date of their own are dated ``date``,
    else ``SOURCE_DATE_EPOCH``, else the time of the run — one date for the three files.
    ``typed_numbers`` types the paragraph numbers in the clean and tracked files instead of
    Word's automatic numbering; ``french_spacing`` is ``narrow``, ``nbsp`` or ``off``
    (:mod:`resodraft.typography`).
    """
    from pathlib import Path

    from resodraft.writers import get_writer

    result = apply_files(
        base_path, amendment_paths, language=language, allow_dangling=allow_dangling, include=include
    )
    red = compare(result, author=author, date=date)
    stem = stem or _stem(base_path)
    out = Path(out_dir)
    files: dict[str, bytes | str] = {
        str(out / f"{stem}.clean.md"): to_markdown(result.new),
        str(out / f"{stem}.redline.md"): get_writer("md")(red, critic=critic, mark_renumbering=mark_renumbering),
    }
    if word:
        from resodraft.writers.docx import run_date, write_clean_docx, write_redline_docx, write_tracked_docx

        opts = {
            "template_dir": template_dir,
            "reference_docx": reference_docx,
            "date": run_date(date),
            "spacing": french_spacing,
        }
        files[str(out / f"{stem}.clean.docx")] = write_clean_docx(result.new, typed_numbers=typed_numbers, **opts)
        files[str(out / f"{stem}.redline.docx")] = write_redline_docx(
            red, insert_style=insert_style, mark_renumbering=mark_renumbering, **opts
        )
        files[str(out / f"{stem}.tracked.docx")] = write_tracked_docx(
            red, author=author or "resodraft", mark_renumbering=mark_renumbering, typed_numbers=typed_numbers, **opts
        )
    if html:
        from resodraft.writers.html import write_redline_html

        files[str(out / f"{stem}.redline.html")] = write_redline_html(
            red, mark_renumbering=mark_renumbering, template_dir=template_dir, label_map=result.label_map
        )
    return RedlineJob(result=result, redline=red, files=files)


def _stem(path: str) -> str:
    from pathlib import Path

    name = Path(path).name
    for suffix in (".md", ".markdown", ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return Path(path).stem


# --------------------------------------------------------------------------------------------
# amendments from an edited copy


@dataclass
class DerivedFile:
    """One amendment file ``resodraft amendments`` derived: who, what, where it goes.

    ``path`` is ``-`` (standard output), a path, or ``None`` when the sponsor's changes come to
    nothing (no file); ``authors`` the Word user names of a tracked file's revisions (empty for
    an edited copy); ``remarks`` what the reviewer should know beyond the derivation's own.
    """

    sponsor: str
    derivation: Any
    path: str | None
    text: str = ""
    authors: tuple[str, ...] = ()
    notes: int = 0


@dataclass
class AmendmentsJob:
    """What ``resodraft amendments`` computed, before anything is written.

    ``outputs``: one :class:`DerivedFile` per sponsor (one for an edited copy; one per
    sponsor of a Word file's tracked changes); ``files`` maps each output (a path, or ``-``
    for standard output) to the amendment file's text, and is empty when nothing changes.
    ``derivation`` and ``sponsor`` are the first output's; ``remarks`` what concerns no single
    file (comments attached to no change, revisions left out); ``tracked`` is true when EDITED
    held tracked changes.
    """

    derivation: Any
    files: dict[str, str]
    sponsor: str
    outputs: list[DerivedFile] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    tracked: bool = False


def derive_amendments(
    base: Resolution,
    edited: Resolution,
    *,
    sponsor: str,
    date: str | None = None,
    base_name: str = "BASE",
    edited_name: str = "EDITED",
    base_ref: str | None = None,
    derived_on: str | None = None,
    status: str | None = None,
    tag: str | None = None,
) -> tuple[Any, str]:
    """The changes that turn ``base`` into ``edited`` and the amendment file that says them.

    Returns the :class:`~resodraft.derive.Derivation` and the file's text (TOML, reviewed line
    by line: a comment above each change quotes the words it changes). ``base_ref`` is the
    file's ``base = …`` line; ``derived_on`` (YYYY-MM-DD) the day named in its header (today,
    or the day of ``SOURCE_DATE_EPOCH``, by default); ``status`` and ``tag`` the file-level
    keys of a negotiation (``status = "proposed"`` for a delegation's proposals).
    """
    from resodraft import __version__
    from resodraft.amendfile import derived_amendment_file
    from resodraft.derive import derive

    derivation = derive(base, edited)
    text = derived_amendment_file(
        derivation,
        sponsor=sponsor,
        date=date,
        base_ref=base_ref,
        base_name=base_name,
        edited_name=edited_name,
        derived_on=derived_on or _today(),
        version=__version__,
        status=status,
        tag=tag,
    )
    return derivation, text


def _today() -> str:
    """Today (YYYY-MM-DD), or the day of ``SOURCE_DATE_EPOCH`` for reproducible outputs."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


def amendments_job(
    base_path: str,
    edited_path: str,
    *,
    sponsor: str | list[str] | tuple[str, ...] | None = None,
    date: str | None = None,
    output: str = "-",
    language: str | None = None,
    derived_on: str | None = None,
    status: str | None = None,
    tag: str | None = None,
    authors: list[str] | tuple[str, ...] | None = None,
) -> AmendmentsJob:
    """Read BASE and a delegation's edited copy of it; derive the amendment file(s) (not written).

    ``output`` is ``-`` (standard output), a ``FILE.toml``, or a folder (an existing one, or a
    path ending with ``/``), where each file is named after its sponsor (``france.toml``).
    EDITED may be a Word file with tracked changes: then one file per sponsor of its revisions
    (:func:`tracked_job`; ``sponsor`` may map Word user names, ``"Jean Dupont=France"``, and
    ``authors`` picks whose changes to derive). Refused, naming the file: the same file given
    twice, a missing sponsor, a copy that shares too little with the base
    (:data:`resodraft.derive.COMMON_MIN`), a copy whose only changes amendment files cannot
    express.
    """
    from resodraft.derive import COMMON_MIN
    from resodraft.errors import InputError, UsageError
    from resodraft.readers import display_name, read_bytes, sniff

    if base_path == "-" and edited_path == "-":
        raise UsageError("only one of BASE and EDITED can be read from standard input (-)")
    if base_path != "-" and edited_path != "-" and _same_file(base_path, edited_path):
        raise UsageError(
            f"BASE and EDITED are the same file ({edited_path})",
            hint="give last year's text as BASE and the delegation's edited copy of it as EDITED",
        )
    sponsors = [sponsor] if isinstance(sponsor, str) else list(sponsor or [])
    from resodraft.amend import STATUSES

    if status is not None and status not in STATUSES:
        raise UsageError(f"--status {status!r} is unknown", hint="use --status agreed, proposed or withdrawn")
    if tag is not None and (not tag.strip() or any(c in tag for c in "[]\n")):
        raise UsageError(f"--tag {tag!r} cannot be shown in a compilation", hint="give a short name without brackets, e.g. --tag EU")
    data = read_bytes(edited_path)
    if sniff(data, edited_path) == "docx":
        from resodraft.readers.docx import parse_docx

        doc = parse_docx(data, display_name(edited_path))
        if doc.revisions:
            return tracked_job(
                base_path, edited_path, doc, sponsors=sponsors, authors=list(authors or []), date=date,
                output=output, language=language, derived_on=derived_on, status=status, tag=tag,
            )
    if authors:
        raise UsageError(
            f"--author picks whose tracked changes to derive, and {display_name(edited_path)} has none",
            hint='leave --author out and name the sponsor with --sponsor "…"',
        )
    if len(sponsors) > 1 or (sponsors and "=" in sponsors[0]):
        raise UsageError(
            f"{display_name(edited_path)} has no tracked changes: one --sponsor names who proposes its changes",
            hint='give one --sponsor "…" (NAME=SPONSOR maps the authors of a Word file\'s tracked changes)',
        )
    if not sponsors or not sponsors[0].strip():
        raise UsageError(
            "who proposes these changes? the edited copy does not say",
            hint='add --sponsor "…" (e.g. --sponsor "France"): it becomes the author of the tracked changes',
        )
    name = sponsors[0].strip()
    target = _amendments_target(output, name)
    base_ref = _base_ref(base_path, target)
    base = load(base_path, language=language)
    from resodraft.readers import read

    edited = read(edited_path, language=language or base.meta.language, data=data)
    edited = _with_unprinted_meta(edited, base, edited_path, data)
    derivation, text = derive_amendments(
        base,
        edited,
        sponsor=name,
        date=date,
        base_name=display_name(base_path),
        edited_name=display_name(edited_path),
        base_ref=base_ref,
        derived_on=derived_on,
        status=status,
        tag=tag.strip() if tag else None,
    )
    if derivation.common < COMMON_MIN:
        raise InputError(
            f"only {derivation.common:.0%} of its paragraphs ({derivation.shared[0]} of {derivation.shared[1]}) "
            f"are found in {display_name(base_path)}: it is not an edited copy of that text",
            file=display_name(edited_path),
            hint="give last year's text as BASE and a delegation's edited copy of it as EDITED",
        )
    if not derivation.proposals and not derivation.meta_table:
        if derivation.unexpressed:
            raise InputError(
                "amendment files cannot express what this copy changes: " + "; ".join(derivation.unexpressed),
                file=display_name(edited_path),
                hint="make those changes by hand after applying the other amendments",
            )
        out = DerivedFile(name, derivation, None)
        return AmendmentsJob(derivation=derivation, files={}, sponsor=name, outputs=[out])
    out = DerivedFile(name, derivation, target, text)
    return AmendmentsJob(derivation=derivation, files={target: text}, sponsor=name, outputs=[out])


def _base_ref(base_path: str, target: str) -> str | None:
    """The ``base = …`` line of a file written to ``target``: BASE relative to it."""
    import os
    from pathlib import Path

    if target == "-" or base_path == "-":
        return None
    return Path(os.path.relpath(Path(base_path).resolve(), Path(target).resolve().parent)).as_posix()


def sponsor_mapping(values: list[str], authors: list[str], file: str) -> tuple[dict[str, str], str | None]:
    """``--sponsor`` values for a tracked file: ``NAME=SPONSOR`` maps a Word user name (as
    Word recorded it, any case) to a sponsor; one value without ``=`` names the sponsor of a
    file with one author. Returns the mapping and that plain sponsor (or ``None``)."""
    from resodraft.errors import UsageError

    mapping: dict[str, str] = {}
    plain: list[str] = []
    by_fold = {a.casefold(): a for a in authors}
    for value in values:
        name, sep, sponsor = value.partition("=")
        if not sep:
            if value.strip():
                plain.append(value.strip())
            continue
        name, sponsor = name.strip(), sponsor.strip()
        author = by_fold.get(name.casefold())
        if author is None:
            raise UsageError(
                f'--sponsor "{value}": {file} has no tracked change by {name!r}',
                hint="its changes are by " + ", ".join(repr(a) for a in authors) + " (the names Word recorded)",
            )
        if not sponsor:
            raise UsageError(f'--sponsor "{value}" names no sponsor', hint=f'write --sponsor "{author}=France"')
        mapping[author] = sponsor
    if len(plain) > 1:
        raise UsageError(
            "--sponsor is given " + str(len(plain)) + " times without NAME=",
            hint='map each author of the tracked changes: --sponsor "Jean Dupont=France"',
        )
    return mapping, plain[0] if plain else None


def tracked_job(
    base_path: str,
    edited_path: str,
    doc: Any,
    *,
    sponsors: list[str],
    authors: list[str],
    date: str | None = None,
    output: str = "-",
    language: str | None = None,
    derived_on: str | None = None,
    status: str | None = None,
    tag: str | None = None,
) -> AmendmentsJob:
    """``resodraft amendments`` for a Word file with tracked changes: one file per sponsor.

    See :mod:`resodraft.tracked`. ``sponsors`` are the ``--sponsor`` values
    (:func:`sponsor_mapping`), ``authors`` the ``--author`` values (Word user names or
    sponsors) that pick whose changes to derive. Several files need a folder as ``output``.
    """
    from resodraft import __version__
    from resodraft.amendfile import derived_amendment_file
    from resodraft.errors import UsageError
    from resodraft.readers import display_name
    from resodraft.tracked import RENUMBERING_AUTHOR, derive_tracked

    name = display_name(edited_path)
    base_name = display_name(base_path)
    word_authors = [a for a in doc.revision_authors() if a != RENUMBERING_AUTHOR]
    word_authors.sort(key=lambda a: next(k for k, r in enumerate(doc.revisions) if r.author == a))
    mapping, plain = sponsor_mapping(sponsors, word_authors, name)
    selected: list[str] | None = None
    if authors:
        selected = []
        known = {a.casefold(): mapping.get(a, a) for a in word_authors}
        known.update({s.casefold(): s for s in mapping.values()})
        for value in authors:
            sponsor_name = known.get(value.strip().casefold())
            if sponsor_name is None:
                raise UsageError(
                    f"--author {value!r}: {name} has no tracked change by {value.strip()!r}",
                    hint="its changes are by " + ", ".join(repr(a) for a in word_authors) + " (the names Word recorded)",
                )
            if sponsor_name not in selected:
                selected.append(sponsor_name)
    chosen = list(dict.fromkeys(mapping.get(a, a) for a in word_authors))
    if selected is not None:
        chosen = [s for s in chosen if s in selected]
    if plain is not None:
        if len(chosen) != 1:
            raise UsageError(
                f"{name} holds tracked changes by {len(chosen)} authors ({', '.join(chosen)}): "
                f'one --sponsor "{plain}" cannot name them all',
                hint='map each author to its sponsor (--sponsor "' + chosen[0] + '=France" …), or pick one with --author NAME',
            )
        for author in word_authors:
            if mapping.get(author, author) == chosen[0]:
                mapping[author] = plain
        chosen = [plain]
        if selected is not None:
            selected = [plain]
    if not word_authors:
        return AmendmentsJob(derivation=None, files={}, sponsor="", remarks=[
            f"{name} holds only {RENUMBERING_AUTHOR} revisions (renumbered paragraphs and references), which are no amendments"
        ], tracked=True)
    base = load(base_path, language=language)
    result = derive_tracked(
        base, doc, file=name, base_name=base_name, mapping=mapping, selected=selected, language=language
    )
    with_changes = [sf.sponsor for sf in result.files if sf.derivation.proposals or sf.derivation.meta_table]
    if len(with_changes) > 1 and not _is_folder(output):
        where = "standard output" if output == "-" else output
        raise UsageError(
            f"{name} holds tracked changes by {len(with_changes)} sponsors ({', '.join(with_changes)}): one file per "
            f"sponsor, and {where} can hold only one",
            hint="give a folder (-o amendments/) for one file each, or pick one with --author NAME",
        )
    if tag is not None and len(with_changes) > 1:
        raise UsageError(
            f"--tag names one sponsor, and {name} holds tracked changes by {len(with_changes)}",
            hint="pick one with --author NAME, or add tag = \"…\" to each file afterwards",
        )
    outputs: list[DerivedFile] = []
    files: dict[str, str] = {}
    used: set[str] = set()
    for sf in result.files:
        derivation = sf.derivation
        derivation.remarks = list(derivation.remarks) + sf.remarks
        if not derivation.proposals and not derivation.meta_table:
            outputs.append(DerivedFile(sf.sponsor, derivation, None, authors=sf.authors))
            continue
        target = _amendments_target(output, sf.sponsor)
        if target in used:  # two sponsors with the same file name (France, france)
            stem = target[: -len(".toml")]
            k = 2
            while f"{stem}-{k}.toml" in used:
                k += 1
            target = f"{stem}-{k}.toml"
        used.add(target)
        text = derived_amendment_file(
            derivation,
            sponsor=sf.sponsor,
            date=date or sf.date,
            base_ref=_base_ref(base_path, target),
            base_name=base_name,
            edited_name=name,
            derived_on=derived_on or _today(),
            version=__version__,
            status=status,
            tag=tag.strip() if tag else None,
            tracked=(sf.authors, sf.first_date, sf.date),
        )
        files[target] = text
        outputs.append(DerivedFile(sf.sponsor, derivation, target, text, sf.authors, sf.notes))
    remarks = list(result.remarks)
    for author, n in result.skipped.items():
        if author == RENUMBERING_AUTHOR:
            remarks.append(
                f"{n} revision{'s' if n != 1 else ''} by {RENUMBERING_AUTHOR} left out: renumbered paragraphs and "
                "references are no amendments (apply renumbers)"
            )
        else:
            remarks.append(f"{n} tracked change{'s' if n != 1 else ''} by {author} left out (not picked with --author)")
    first = outputs[0] if outputs else None
    return AmendmentsJob(
        derivation=first.derivation if first else None,
        files=files,
        sponsor=first.sponsor if first else "",
        outputs=outputs,
        remarks=remarks,
        tracked=True,
    )


def _same_file(a: str, b: str) -> bool:
    from pathlib import Path

    try:
        return Path(a).resolve() == Path(b).resolve() or Path(a).samefile(b)
    except OSError:
        return False


def _amendments_target(output: str, sponsor: str) -> str:
    """Where ``amendments`` writes: ``-``, the ``FILE.toml`` given, or FOLDER/SPONSOR.toml."""
    from pathlib import Path

    from resodraft.errors import UsageError

    if output == "-":
        return output
    if _is_folder(output):
        return str(Path(output) / f"{slug(sponsor)}.toml")
    if not output.lower().endswith(".toml"):
        raise UsageError(
            f"-o {output}: an amendment file's name ends with .toml",
            hint="give FILE.toml, or a folder (end it with / to create it)",
        )
    return output


def _is_folder(output: str) -> bool:
    """Is ``-o output`` a folder: an existing one, or a name ending with ``/``?"""
    import os
    from pathlib import Path

    return output != "-" and (output.endswith(("/", os.sep)) or Path(output).is_dir())


def slug(name: str) -> str:
    """A file name for a sponsor: ``Co-facilitateurs (France, Sénégal)`` → ``co-facilitateurs-france-senegal``."""
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:60] or "amendments"


def rollover_file(
    base_path: str,
    *,
    session: int | None = None,
    sponsor: str | None = None,
    with_paths: list[str] | None = None,
    output: str = "-",
    language: str | None = None,
) -> tuple[str, Any]:
    """The roll-over amendment file of ``base_path`` (text) and its :class:`~resodraft.rollover.Rollover`.

    ``with_paths``: amendment files or folders applied together with it (the output file and
    earlier roll-over files among them are skipped); ``output``: where the file will be
    written, so that its ``base = …`` line is relative to it (``-``: no ``base`` line).
    """
    import os
    import shlex
    from pathlib import Path

    from resodraft.amend import amendment_files, parse_amendment_text
    from resodraft.readers import read_text
    from resodraft.rollover import MARKER, rollover, to_toml

    base = load(base_path, language=language)
    others: list[Any] = []
    used: list[str] = []
    target = Path(output).resolve() if output != "-" else None
    for file in amendment_files(with_paths or []):
        if target is not None and Path(file).resolve() == target:
            continue
        text = read_text(file)
        if text.startswith(MARKER):
            continue
        others.extend(parse_amendment_text(text, file))
        used.append(file)
    _check_named_base(base_path, others)
    result = rollover(base, session=session, sponsor=sponsor, others=others)
    args = [base_path]
    if session is not None:
        args += ["--session", str(session)]
    if sponsor is not None:
        args += ["--sponsor", sponsor]
    for path in with_paths or []:
        args += ["--with", path]
    if output != "-":
        args += ["-o", output]
    base_ref = None
    if output != "-" and base_path != "-":
        base_ref = Path(os.path.relpath(Path(base_path).resolve(), Path(output).resolve().parent)).as_posix()
    return to_toml(result, command="resodraft rollover " + shlex.join(args), base_ref=base_ref), result
