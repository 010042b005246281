"""Accuracy of the scraped-text reader against labelled pages.

Scores every `NAME.txt` that has a `NAME.expected.json` in the shared scrape
fixtures (../shared/fixtures/scrapes and the seed) and in tests/data/scrapes.
Per file it prints: records expected/read, the *key* score (title, first-author
surname, year and DOI all right; the title by its letters, not their case: a style that
title-cases what it prints leaves the page no other form) and the *strict* score (every expected field
right: authors in order, venue, volume, issue, pages, type, abstract start).
Records read that match no expected record count against both scores.

    .venv/bin/python bench/scrape_accuracy.py [--verbose] [--speed] [FILE.txt ...]

`--speed` also times the reader on the listing pages (those without a
reference-list heading, which would end the reading) concatenated and repeated
to about 2 MB, and on one 5 MB line, and prints MB/s. It then reads 1 MB of
page text with this reader and with the reader of `--baseline-rev` (default: the
commit before issue 13's work, "today's reader"), each in CPU seconds in the same
run, and prints their ratio (machines are shared: compare ratios, not seconds).

`--generated N` scores N pages per template family of bench/pagegen.py (tuned
families and held-out families apart; see `generated_pages`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

from refmerge.refs.model import InputError, Reference
from refmerge.refs.names import parse_bibtex_names
from refmerge.refs.scrape.lines import is_stop_heading
from refmerge.refs.scrape.reader import read_scrape

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "fixtures"
OWN = REPO / "tests" / "data" / "scrapes"

BASELINE_REV = "8ca6970"  # the reader before issue 13 (page structure, generated test bed)
VENUE_FIELDS = ("journal", "booktitle", "school", "institution", "howpublished")
KEY_FIELDS = ("title_any_case", "first_surname", "year", "doi")
STRICT_FIELDS = (
    "title", "authors", "year", "venue", "volume", "issue", "pages", "doi", "type",
    "abstract_starts",
)  # fmt: skip


def _n(value: object) -> object:
    if isinstance(value, str):
        value = " ".join(unicodedata.normalize("NFC", value).split())
        return value or None
    return value


def _surname(author: str | None) -> str | None:
    if not author:
        return None
    return author.split(",")[0].strip() or None


def actual_record(ref: Reference) -> dict:
    """A read Reference in the expected JSON's vocabulary."""
    f = ref.fields
    authors = [
        n.bibtex().replace("{", "").replace("}", "")
        for n in parse_bibtex_names(f.get("author", ""))
    ]
    venue = next((f[k] for k in VENUE_FIELDS if f.get(k)), None)
    if venue is None and ref.entry_type == "book":
        venue = f.get("publisher")
    year = f.get("year")
    return {
        "title": _n(f.get("title")),
        "authors": [_n(a) for a in authors],
        "year": int(year) if year and year.isdigit() else None,
        "venue": _n(venue),
        "volume": _n(f.get("volume")),
        "issue": _n(f.get("number")),
        "pages": _n(f.get("pages")),
        "doi": _n(f.get("doi")),
        "type": ref.entry_type,
        "abstract": f.get("abstract", ""),
        "line": ref.origin.line,
    }


def field_ok(name: str, exp: dict, act: dict) -> bool:
    if name == "first_surname":
        first = exp.get("authors") or [None]
        got = act.get("authors") or [None]
        return _n(_surname(first[0])) == _n(_surname(got[0]))
    if name == "authors":
        return [_n(a) for a in exp.get("authors") or []] == act["authors"]
    if name == "abstract_starts":
        start = exp.get("abstract_starts")
        return (
            not start or _n(act["abstract"]).startswith(_n(start)) if act["abstract"] else not start
        )
    if name == "title_any_case":
        # The key score reads a title by its letters, not their case: a style that
        # title-cases what it prints (MLA, Chicago) leaves the page no other form, while
        # the expected record keeps the source's case. The strict score keeps the case.
        want, got = _n(exp.get("title")), act.get("title")
        return (want.casefold() if isinstance(want, str) else want) == (
            got.casefold() if isinstance(got, str) else got
        )
    if name == "type" and "type" not in exp:
        return True
    return _n(exp.get(name)) == act.get(name)


def _similarity(exp: dict, act: dict) -> int:
    return sum(field_ok(k, exp, act) for k in (*KEY_FIELDS, "venue", "pages", "authors"))


def align(expected: list[dict], actual: list[dict]) -> list[tuple[int | None, int | None]]:
    """Order-preserving alignment (LCS-style) maximising field agreement."""
    n, m = len(expected), len(actual)
    score = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            s = _similarity(expected[i], actual[j])
            pair = score[i + 1][j + 1] + s if s >= 3 else -1
            score[i][j] = max(score[i + 1][j], score[i][j + 1], pair)
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        s = _similarity(expected[i], actual[j])
        if s >= 3 and score[i][j] == score[i + 1][j + 1] + s:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append((i, None))
            i += 1
        else:
            pairs.append((None, j))
            j += 1
    pairs.extend((k, None) for k in range(i, n))
    pairs.extend((None, k) for k in range(j, m))
    return pairs


def expected_path(path: Path) -> Path:
    return path.with_name(path.name[: -len(".txt")] + ".expected.json")


def score_file(path: Path) -> dict:
    expected = json.loads(expected_path(path).read_text())["records"]
    return score_text(path.read_text(encoding="utf-8"), expected, path.name)


def score_text(text: str, expected: list[dict], name: str) -> dict:
    """Score one page text against its expected records (see the module docstring)."""
    try:
        lib = read_scrape(text, name)
        actual = [actual_record(r) for r in lib.references]
    except InputError:
        actual = []
    rows = []
    key_ok = strict_ok = 0
    for ei, ai in align(expected, actual):
        exp = expected[ei] if ei is not None else None
        act = actual[ai] if ai is not None else None
        if exp is None or act is None:
            rows.append((exp, act, ["unmatched"], ["unmatched"]))
            continue
        key_bad = [k for k in KEY_FIELDS if not field_ok(k, exp, act)]
        strict_bad = [k for k in STRICT_FIELDS if not field_ok(k, exp, act)]
        key_ok += not key_bad
        strict_ok += not strict_bad
        rows.append((exp, act, key_bad, strict_bad))
    return {
        "file": name,
        "expected": len(expected),
        "read": len(actual),
        "total": len(rows),
        "key_ok": key_ok,
        "strict_ok": strict_ok,
        "rows": rows,
    }


def fixture_files() -> list[Path]:
    files: list[Path] = []
    for folder in (SHARED, SHARED / "scrapes", OWN):
        if folder.is_dir():
            files.extend(
                p.with_suffix("").with_suffix(".txt")
                for p in sorted(folder.glob("*.expected.json"))
            )
    return [f for f in files if f.exists()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--verbose", "-v", action="store_true", help="list every wrong field")
    ap.add_argument("--speed", action="store_true", help="also time the reader on big inputs")
    ap.add_argument(
        "--generated", type=int, metavar="N", default=0,
        help="also score N generated pages per template family (bench/pagegen.py)",
    )  # fmt: skip
    ap.add_argument("--seed", type=int, default=13, help="seed of the generated pages")
    ap.add_argument(
        "--baseline-rev", default=BASELINE_REV,
        help="git revision of the reader to compare speed with (--speed)",
    )  # fmt: skip
    ap.add_argument(
        "--no-refstrings", action="store_true", help="skip the reference-string figures"
    )
    args = ap.parse_args(argv)
    if args.generated and not args.files:
        generated_pages(args.generated, args.seed, args.verbose)
        if not args.speed:
            return 0
    files = args.files or fixture_files()
    tot = key = strict = 0
    print(f"{'file':40} {'exp':>4} {'read':>4} {'key':>7} {'strict':>7}")
    for path in files:
        r = score_file(path)
        tot += r["total"]
        key += r["key_ok"]
        strict += r["strict_ok"]
        print(f"{r['file'][:40]:40} {r['expected']:4} {r['read']:4} "
              f"{r['key_ok']:3}/{r['total']:<3} {r['strict_ok']:3}/{r['total']:<3}")  # fmt: skip
        if args.verbose:
            for exp, act, _key_bad, strict_bad in r["rows"]:
                if strict_bad:
                    title = (exp or act or {}).get("title") or (exp or act or {}).get("authors")
                    print(f"    {strict_bad}  {str(title)[:60]}")
                    for k in strict_bad:
                        if exp and act and k != "unmatched":
                            ek = "authors" if k == "first_surname" else k
                            ak = "abstract" if k == "abstract_starts" else ek
                            print(
                                f"        {k}: expected {exp.get(ek)!r} got {str(act.get(ak))[:80]!r}"
                            )
    if tot:
        print(
            f"{'overall':40} {'':4} {'':4} {key / tot:7.1%} {strict / tot:7.1%}  ({key}/{tot}, {strict}/{tot})"
        )
    if args.speed:
        speed(files)
        speed_ratio(files, args.baseline_rev)
    if not args.files and not args.no_refstrings:
        refstring_figures()
    return 0


def _load_pagegen() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("pagegen", Path(__file__).with_name("pagegen.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pagegen"] = module
    spec.loader.exec_module(module)
    return module


def generated_pages(per_family: int, seed: int = 13, verbose: bool = False) -> dict[str, dict]:
    """Score the generated test bed: per template family, then tuned vs held-out families.

    Per family: records expected, records read, the key score (title, first-author
    surname, year and DOI all right) and *junk*: records read that match no expected
    record (a running head, a menu, a second copy of a work already read)."""
    gen = _load_pagegen()
    pages = gen.generate(seed, per_family)  # type: ignore[attr-defined]
    tuned = set(gen.TUNE)  # type: ignore[attr-defined]
    fams: dict[str, dict] = {}
    for page in pages:
        r = score_text(page.text, page.records, f"{page.family}/{page.lang}")
        f = fams.setdefault(
            page.family, {"pages": 0, "expected": 0, "read": 0, "key": 0, "junk": 0, "wrong": []}
        )
        f["pages"] += 1
        f["expected"] += r["expected"]
        f["read"] += r["read"]
        f["key"] += r["key_ok"]
        for exp, act, key_bad, _ in r["rows"]:
            if exp is None:
                f["junk"] += 1
            if key_bad and len(f["wrong"]) < 400:
                f["wrong"].append((page.lang, key_bad, exp, act))
    print(f"\ngenerated pages (seed {seed}, {per_family} per family)")
    print(f"{'family':22} {'group':5} {'pages':>5} {'exp':>5} {'read':>5} {'key':>7} {'junk':>5}")
    new_held = set(getattr(gen, "NEW_HELD", ()))
    totals = {"tune": [0, 0, 0], "held": [0, 0, 0], "held6": [0, 0, 0]}
    for name, f in sorted(fams.items(), key=lambda kv: (kv[0] not in tuned, kv[0])):
        group = "tune" if name in tuned else "held"
        for g in (group, "held6") if group == "held" and name not in new_held else (group,):
            t = totals[g]
            t[0] += f["key"]
            t[1] += f["expected"]
            t[2] += f["junk"]
        share = f["key"] / f["expected"] if f["expected"] else 0.0
        print(
            f"{name:22} {group:5} {f['pages']:5} {f['expected']:5} {f['read']:5} {share:7.1%} {f['junk']:5}"
        )
        if verbose and group == "tune":  # held-out families are only scored, never read
            for lang, bad, exp, act in f["wrong"][:12]:
                ek = {k: (exp or {}).get(k) for k in ("title", "authors", "year", "doi")}
                ak = {k: (act or {}).get(k) for k in ("title", "authors", "year", "doi")}
                print(
                    f"    {lang} {bad}\n        expected {str(ek)[:200]}\n        got      {str(ak)[:200]}"
                )
    for group, (ok, tot, junk) in totals.items():
        label = {"tune": "tuned families", "held": "held-out families (all)"}.get(
            group, "held-out families (first six)"
        )
        print(f"{label:28} key {ok / max(tot, 1):6.1%} ({ok}/{tot}), junk records {junk}")
    return fams


_TIMER = """
import sys, time
from refmerge.refs.scrape.reader import read_scrape
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
n = len(read_scrape(text, "speed.txt").references)
print(time.process_time() - start, n)
"""


def _one_mb(files: list[Path]) -> str:
    texts = [p.read_text(encoding="utf-8") for p in files]
    listings = [t for t in texts if not any(is_stop_heading(x.strip()) for x in t.split("\n"))]
    pages = "\n\n".join(listings or texts)
    big = pages * (1_000_000 // max(1, len(pages)) + 1)
    return big[: big.rfind("\n", 0, 1_000_000)]


def speed_ratio(files: list[Path], rev: str) -> None:
    """1 MB of page text read by this reader and by the reader at `rev`, in one run."""
    import subprocess
    import sysconfig
    import tarfile
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.txt"
        page.write_text(_one_mb(files), encoding="utf-8")
        timer = Path(tmp) / "timer.py"
        timer.write_text(_TIMER)
        base = Path(tmp) / "base"
        (base / "refmerge").mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", rev, "cli", "refs", "dedupe"],
            capture_output=True, check=False,
        )  # fmt: skip
        if archive.returncode:
            print(f"speed: no baseline ({rev} not found)")
            return
        (Path(tmp) / "base.tar").write_bytes(archive.stdout)
        with tarfile.open(Path(tmp) / "base.tar") as tar:
            tar.extractall(base / "refmerge")
        site = sysconfig.get_paths()["purelib"]
        runs = {}
        for label, env in (
            ("this reader", None),
            (f"reader at {rev}", {"PYTHONPATH": f"{base}:{site}"}),
        ):
            cmd = [sys.executable, *(["-S"] if env else []), str(timer), str(page)]
            out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
            seconds, records = out.stdout.split()
            runs[label] = float(seconds)
            mb = page.stat().st_size / 1e6
            print(f"speed: {label}: {mb:.2f} MB, {records} records in {float(seconds):.2f} s CPU")
        now, before = runs.values()
        print(f"speed: ratio this/{rev}: {now / before:.2f}")


def refstring_figures() -> None:
    """Reference strings one at a time: the held-out split of bench/train_refstrings.py.

    Title, first-author surname, year and container all right, for the trained
    parser alone, the rules alone (refs/scrape/cite.py before the model) and the
    two combined as the page reader uses them (`parse_citation`).
    """
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "train_refstrings", Path(__file__).resolve().parent / "train_refstrings.py"
    )
    if spec is None or spec.loader is None:
        return
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    if not train.CORPUS.is_dir():
        print("reference strings: corpus not found, skipped")
        return
    _, held = train.split()
    print(
        f"reference strings, held-out split ({len(held)} strings; all of title, first author, year, container):"
    )
    for label, mode in (
        ("model", "model"),
        ("rules", "rules"),
        ("reader (rules + model)", "reader"),
    ):
        r = train.evaluate(held, mode=mode)
        fields = "  ".join(f"{k} {v:.1%}" for k, v in r["fields"].items())
        print(f"    {label:24} {r['key_all']:6.1%}   ({fields})")


def speed(files: list[Path]) -> None:
    texts = [p.read_text(encoding="utf-8") for p in files]
    listings = [t for t in texts if not any(is_stop_heading(x.strip()) for x in t.split("\n"))]
    pages = "\n\n".join(listings or texts)
    big = pages * max(1, 2_000_000 // max(1, len(pages)))
    line = "Smith, J. (2020). Title. Journal, 1(2), 3-4. \u25fd " * 110_000
    for label, text in (("all pages, repeated", big), ("one 5 MB line", line)):
        start = time.perf_counter()
        try:
            n = len(read_scrape(text, "speed.txt").references)
        except InputError:
            n = 0
        took = time.perf_counter() - start
        mb = len(text.encode()) / 1e6
        print(f"speed: {label}: {mb:.1f} MB, {n} records in {took:.2f} s ({mb / took:.1f} MB/s)")


if __name__ == "__main__":
    sys.exit(main())
