"""The merge pipeline as a library: dedupe, settle, merge, key and lay out one bibliography.

    from refmerge.refs.library import read_inputs
    from refmerge.dedupe.pipeline import MergeSettings, merge

    result = merge(read_inputs(["a.bib", "b.ris"]), MergeSettings())
    print(len(result.references), "records in,", len(result.merged), "out")

`refmerge merge` is this function plus options, printing and writing; keeping it here
means a notebook, a bench or another tool gets exactly what the command writes. Like
the rest of `dedupe/`, it does no I/O: the caller reads (`refs.library.read_inputs`)
and writes (`refs.formats.registry.WRITERS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from refmerge.refs.bulk import paused_gc
from refmerge.refs.checks.crossref import parents_last
from refmerge.refs.codes import MACRO_REDEFINED, diagnostic
from refmerge.refs.formats.bibtex_values import MONTH_MACROS, parse_expression
from refmerge.refs.keys import DEFAULT_TEMPLATE
from refmerge.refs.library import Bibliography, Input
from refmerge.refs.model import Block, Comment, Diagnostic, Preamble, Reference, StringDef

from .engine import DedupeResult, Group, ReviewPair, all_match_keys, find_duplicates
from .keys_policy import KeyPlan, assign_keys
from .merge import Merged, link_versions, uses_biblatex
from .policy import Decisions, Policy
from .settle import merge_settled


class Progress(Protocol):
    """What the pipeline tells a progress display (the CLI's draws it on a terminal)."""

    def stage(self, description: str, total: int | None) -> None:
        """A new step; `total` is its count of items, None when it has no inner count."""

    def advance(self, n: int = 1) -> None:
        """`n` more items of the current step are done."""


class _Silent:
    def stage(self, description: str, total: int | None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


@dataclass(frozen=True, slots=True)
class MergeSettings:
    """What a merge may be told: the matching policy and how keys are made."""

    strictness: str = "balanced"  # strict | balanced | loose (dedupe.policy.STRICTNESS)
    merge_versions: bool = False  # also merge a preprint and its published version
    decisions: Decisions = field(default_factory=Decisions)  # remembered == / != decisions
    key_template: str = DEFAULT_TEMPLATE  # keys for records without one
    ids: bool = False  # keep absorbed keys in biblatex's `ids` field

    def policy(self) -> Policy:
        return Policy.preset(
            self.strictness, merge_versions=self.merge_versions, decisions=self.decisions
        )


@dataclass(slots=True)
class MergeResult:
    """Everything one merge produced, kept apart from printing and writing."""

    inputs: list[Input]
    references: list[Reference]  # every input record; `Merged.members` index into it
    merged: list[Merged]  # one per output record, in input order
    blocks: list[Block]  # what to write: records, @strings, @preambles, comments
    review: list[ReviewPair]  # grey-zone pairs left unmerged for a person to decide
    versions: list[Group]  # preprint/published groups left unmerged
    keys: KeyPlan  # every key change, for the report and `--rewrite-tex`
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _priorities(inputs: Sequence[Input]) -> list[int]:
    """0 for records of the first BibTeX input (the existing library), 1 for the rest."""
    first_bib = next((n for n, i in enumerate(inputs) if i.format == "bibtex"), None)
    out: list[int] = []
    for n, inp in enumerate(inputs):
        out.extend([0 if n == first_bib else 1] * len(inp.library.references))
    return out


def _macros_in(expression: str) -> list[str]:
    parsed, _ = parse_expression(expression)
    return [p.text.lower() for p in parsed.pieces if p.kind == "macro"]


@dataclass(slots=True)
class _FileMacros:
    """The `@string`s one file's fields were written against."""

    values: dict[str, str]  # inherited from earlier files, then the file's own first definitions
    ambiguous: set[str] = field(default_factory=set)  # defined twice in the file, differently

    def means(self, name: str, value: str) -> bool:
        return name not in self.ambiguous and self.values.get(name) == value


def layout(
    inputs: Sequence[Input], merged: Sequence[Merged], refs: Sequence[Reference]
) -> tuple[list[Block], list[Diagnostic]]:
    """Output blocks in input order: each merged record at its base's place.

    Non-entry blocks of BibTeX inputs are kept (first `@string` of a name wins; a
    different redefinition is dropped and reported). A field written with a macro
    whose surviving definition differs from its own file's is written out expanded.
    """
    by_base = {m.base: m for m in merged}
    file_macros: dict[str, _FileMacros] = {}
    kept_macros: dict[str, str] = {}
    seen_text: set[tuple[str, str]] = set()
    blocks: list[Block] = []
    notes: list[Diagnostic] = []
    index = 0
    for inp in inputs:
        own = file_macros.setdefault(inp.name, _FileMacros(dict(inp.inherited_macros)))
        defined_here: set[str] = set()
        for block in inp.library.blocks:
            if isinstance(block, Reference):
                m = by_base.get(index)
                index += 1
                if m is not None:
                    blocks.append(m.record)
                continue
            if inp.format != "bibtex":
                continue
            if isinstance(block, StringDef):
                name = block.name.lower()
                again_in_file = name in defined_here  # the reader has reported it (RM108)
                if not again_in_file:  # a file's own definition beats an inherited one
                    defined_here.add(name)
                    own.values[name] = block.value
                elif own.values.get(name) != block.value:
                    own.ambiguous.add(name)  # means two things in this file: write it out
                if name in kept_macros:
                    if kept_macros[name] != block.value and not again_in_file:
                        notes.append(
                            diagnostic(
                                MACRO_REDEFINED,
                                f"@string {block.name} redefined with a different value; kept the "
                                f"first definition, fields of this file using it are written out",
                                block.origin.file,
                                block.origin.line,
                            )
                        )
                    continue
                kept_macros[name] = block.value
                blocks.append(block)
            elif isinstance(block, Preamble | Comment):
                text = block.expression if isinstance(block, Preamble) else block.text
                marker = (type(block).__name__, text)
                if marker not in seen_text:
                    seen_text.add(marker)
                    blocks.append(block)
    # Expressions are only safe where every macro means what it meant in the record's file.
    for m in merged:
        own = file_macros.get(refs[m.base].origin.file, _FileMacros({}))
        for name, expression in list(m.record.expressions.items()):
            for macro in _macros_in(expression):
                if macro in kept_macros and not own.means(macro, kept_macros[macro]):
                    m.record.expressions.pop(name)
                    break
                if macro not in kept_macros and macro not in MONTH_MACROS:
                    m.record.expressions.pop(name)
                    break
    # merging moves records: BibTeX needs each crossref parent after its children again
    return parents_last(blocks), notes


def _apart(result: DedupeResult, merge_versions: bool) -> set[tuple[int, int]]:
    """Index pairs decided different works, or versions kept apart: the second look keeps them."""
    decided = result.decided
    return decided.apart if merge_versions else decided.apart | decided.versions


def merge(
    library: Bibliography, settings: MergeSettings | None = None, progress: Progress | None = None
) -> MergeResult:
    """Dedupe, settle, merge, key and lay out the readable inputs of `library`.

    Inputs that could not be read contribute nothing; a caller that must not write a
    partial result checks `library.failed` (and blocking codes) first, as `merge` does.
    """
    with paused_gc():  # see refs/bulk.py: millions of long-lived objects, no cycles
        return _merge(library, settings or MergeSettings(), progress or _Silent())


def _merge(library: Bibliography, settings: MergeSettings, bar: Progress) -> MergeResult:
    inputs = list(library.inputs)
    refs = library.references
    bar.stage(f"finding duplicates among {len(refs):,} records", None)
    policy = settings.policy()
    keys = all_match_keys(refs)
    result = find_duplicates(refs, policy, keys)
    bar.stage("merging", None)
    # merged records get a second look, so merging this output again changes nothing
    settled, merged = merge_settled(
        refs,
        result.groups,
        _priorities(inputs),
        policy,
        _apart(result, policy.merge_versions),
        keys,
    )
    del keys
    groups = {tuple(g.members): g for g in settled}
    for m in merged:
        g = groups.get(tuple(m.members))
        if g is not None:
            m.score, m.reasons, m.codes = g.score, list(g.reasons), list(g.codes)
    plan = assign_keys(merged, refs, settings.key_template, settings.ids)
    link_versions(merged, [g.members for g in result.versions], uses_biblatex(refs))
    blocks, notes = layout(inputs, merged, refs)
    diagnostics = [d for inp in inputs for d in inp.library.diagnostics] + notes
    return MergeResult(
        inputs,
        refs,
        merged,
        blocks,
        list(result.review),
        list(result.versions),
        plan,
        diagnostics,
    )
