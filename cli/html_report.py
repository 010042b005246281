"""`refmerge dupes --format html`: one self-contained page of groups, versions and pairs.

Reviewers attach it to a protocol and LaTeX users open it to see what `merge` would do,
often offline or years later: so the page carries its own style and script (no network,
no external files), has no timestamp (the same input gives the same file), and prints
with every item expanded and the filters hidden.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from refmerge.dedupe.engine import DedupeResult, Group
from refmerge.refs.model import Reference

from .review_session import field_rows, label

STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d1d1f; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
.counts span { display: inline-block; margin-right: 1.2em; }
.counts b { font-size: 1.2em; }
.filters { position: sticky; top: 0; background: #f4f4f6; padding: .5em .8em; margin: 1em 0;
  border: 1px solid #ddd; border-radius: 6px; z-index: 1; }
.filters label { margin-right: 1em; }
.filters input[type=search] { width: 22em; }
section.item { border: 1px solid #ccc; border-radius: 6px; margin: .8em 0; padding: .5em .8em;
  break-inside: avoid; }
section.item h3 { margin: .1em 0 .3em; font-size: 1.05em; }
.kind-group h3::before { content: "merged \\2014  "; color: #2a7a2a; }
.kind-version h3::before { content: "versions \\2014  "; color: #6a4bb0; }
.kind-review h3::before { content: "to review \\2014  "; color: #b25d00; }
.reasons { margin: 0 0 .4em; color: #444; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #ddd; padding: .2em .4em; vertical-align: top; text-align: left;
  overflow-wrap: anywhere; }
th.field, td.field { width: 9em; color: #555; }
thead th { background: #fafafa; font-weight: 600; }
thead th small { font-weight: normal; color: #666; }
tr.differs td.field { color: #b00020; font-weight: 600; }
tr.differs td.value { background: #fff3cd; }
td.missing { color: #999; }
.hidden { display: none; }
@media print {
  .filters { display: none; }
  body { margin: 0; font-size: 11pt; }
  section.item { border-color: #999; }
  tr.differs td.value { background: none; font-weight: 600; }
  tr.differs td.field::after { content: " \\2260"; }
}
"""

SCRIPT = """
(function () {
  var boxes = document.querySelectorAll('.filters input[type=checkbox]');
  var text = document.getElementById('filter-text');
  var shown = document.getElementById('shown');
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.value] = b.checked; });
    var needle = text.value.toLowerCase().trim();
    var count = 0;
    document.querySelectorAll('section.item').forEach(function (s) {
      var ok = on[s.dataset.kind] && (!needle || s.textContent.toLowerCase().indexOf(needle) >= 0);
      s.classList.toggle('hidden', !ok);
      if (ok) { count += 1; }
    });
    shown.textContent = count;
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  apply();
})();
"""


def _item(
    refs: Sequence[Reference],
    kind: str,
    number: int,
    members: Sequence[int],
    score: float,
    reasons: Sequence[str],
) -> str:
    """One group or pair: heading, reasons, and the fields side by side."""
    names = {"group": "Group", "version": "Version group", "review": "Pair"}
    head = "".join(
        f"<th>{escape(label(refs[m]))}<br><small>{escape(refs[m].entry_type)} · "
        f"{escape(str(refs[m].origin))}</small></th>"
        for m in members
    )
    rows = []
    for row in field_rows(refs, members):
        cells = "".join(
            f'<td class="value">{escape(v)}</td>' if v else '<td class="value missing">—</td>'
            for v in row.values
        )
        cls = ' class="differs"' if row.differs else ""
        rows.append(f'<tr{cls}><td class="field">{escape(row.name)}</td>{cells}</tr>')
    return (
        f'<section class="item kind-{kind}" data-kind="{kind}" id="{kind}-{number}">'
        f"<h3>{names[kind]} {number} · score {score:.0f}</h3>"
        f'<p class="reasons">{escape("; ".join(reasons))}</p>'
        f'<table><thead><tr><th class="field">field</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _groups(refs: Sequence[Reference], kind: str, groups: Sequence[Group]) -> list[str]:
    return [
        _item(refs, kind, n, g.members, g.score, g.reasons) for n, g in enumerate(groups, start=1)
    ]


def to_html(result: DedupeResult, refs: list[Reference]) -> str:
    """The whole report as one HTML document (style and script inline)."""
    removable = sum(len(g.members) - 1 for g in result.groups)
    counts = [
        ("records", len(refs)),
        ("duplicate groups", len(result.groups)),
        ("removable", removable),
        ("version groups", len(result.versions)),
        ("pairs to review", len(result.review)),
    ]
    count_html = "".join(f"<span><b>{n}</b> {escape(what)}</span>" for what, n in counts)
    files = sorted({r.origin.file for r in refs})
    sections = []
    for title, kind, body in (
        ("Duplicate groups (each becomes one record in merge)", "group",
         _groups(refs, "group", result.groups)),
        ("Preprint and published versions (kept apart)", "version",
         _groups(refs, "version", result.versions)),
        ("Pairs to review (not merged; decide with refmerge review)", "review",
         [_item(refs, "review", n, [r.a, r.b], r.score, r.reasons)
          for n, r in enumerate(result.review, start=1)]),
    ):  # fmt: skip
        inner = "".join(body) or '<p class="none">none</p>'
        sections.append(f'<h2 id="{kind}s">{escape(title)} ({len(body)})</h2>{inner}')
    filters = (
        '<div class="filters">show '
        '<label><input type="checkbox" value="group" checked> duplicate groups</label>'
        '<label><input type="checkbox" value="version" checked> version groups</label>'
        '<label><input type="checkbox" value="review" checked> pairs to review</label>'
        '<input type="search" id="filter-text" placeholder="filter: key, file, title, reason">'
        ' · <span id="shown"></span> shown</div>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>refmerge: duplicates report</title>"
        f"<style>{STYLE}</style></head><body>"
        "<h1>refmerge: duplicates report</h1>"
        f'<p class="inputs">inputs: {escape(", ".join(files))}</p>'
        f'<p class="counts">{count_html}</p>{filters}{"".join(sections)}'
        f"<script>{SCRIPT}</script></body></html>\n"
    )
