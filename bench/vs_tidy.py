"""`refmerge merge` against `bibtex-tidy --duplicates --merge=combine` on one generated library.

Usage: python bench/vs_tidy.py [--size 20000] [--dup-share 0.05] [--seed 1] [--rounds 1]
       [--tidy PATH] [--keep DIR]

The library (seeded) is what issue 16 describes: every entry has author, title, journal,
year, volume, number, pages, doi and an abstract of about 600 characters, drawn from a
small vocabulary (titles share many words, which is what makes blocking hard); about 5%
of the entries are near-duplicates of another entry, with the title's case changed,
punctuation added or dropped (title, authors, abstract) and the DOI written in another
form (`https://doi.org/`, `doi:`, upper case). Citation keys are opaque (`e12345`), so
neither tool can find a duplicate by its key.

The two tools run in turns on the same file (refmerge, bibtex-tidy, refmerge, ... with
`--rounds`), each as its own process measured by a small Python parent: wall time and
peak RSS (`ru_maxrss` of the child). Each output is scored against the known works: a
duplicate work is *found* when all its records end up in one output entry, *partly*
when some of them do, and a work whose records all disappeared was merged into another
work (a false merge). Machines here are shared and noisy: compare the ratios of one run.

bibtex-tidy is the npm package; it is looked up in bench/out/node_modules (install it
with `npm install --prefix bench/out bibtex-tidy`), then on PATH. Without node or the
package the comparison is skipped with the reason, and refmerge's figures still print.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from merge_scale import measure_cpu  # noqa: E402  (bench/merge_scale.py)

_SYL = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"] + ["an", "er", "ol", "is"]


def _word(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice(_SYL) for _ in range(n))


class Library:
    """Works and their near-duplicates, written as BibTeX; `work_of` maps key -> work."""

    def __init__(self, size: int, dup_share: float, seed: int) -> None:
        self.rnd = rnd = random.Random(seed)
        # A small vocabulary: 3,000 words for 20,000 titles, so most title words are shared.
        self.vocab = sorted({_word(rnd, rnd.randint(2, 4)) for _ in range(3000)})
        self.surnames = sorted({_word(rnd, rnd.randint(2, 3)).capitalize() for _ in range(8000)})
        self.given = sorted({_word(rnd, 2).capitalize() for _ in range(1500)})
        self.journals = [
            "Journal of " + " ".join(rnd.choice(self.vocab).capitalize() for _ in range(2))
            for _ in range(400)
        ]
        self.work_of: dict[str, int] = {}
        entries: list[tuple[int, dict[str, str]]] = []
        n_works = round(size * (1 - dup_share))
        works = [self.work(w) for w in range(n_works)]
        entries = [(w, fields) for w, fields in enumerate(works)]
        while len(entries) < size:
            w = rnd.randrange(n_works)
            entries.append((w, self.damage(works[w])))
        rnd.shuffle(entries)
        self.entries: list[tuple[str, dict[str, str]]] = []
        for i, (w, fields) in enumerate(entries):
            key = f"e{i:05d}"
            self.work_of[key] = w
            self.entries.append((key, fields))

    def sentence(self, lo: int, hi: int) -> str:
        words = [self.rnd.choice(self.vocab) for _ in range(self.rnd.randint(lo, hi))]
        return " ".join(words).capitalize()

    def work(self, n: int) -> dict[str, str]:
        rnd = self.rnd
        authors = [
            f"{rnd.choice(self.surnames)}, {rnd.choice(self.given)} {rnd.choice('ABCDEFGHJKLMNPRST')}."
            for _ in range(rnd.randint(1, 6))
        ]
        abstract = ""
        while len(abstract) < 560:
            abstract += self.sentence(8, 16) + ". "
        first = rnd.randint(1, 3000)
        title = self.sentence(6, 12)
        if rnd.random() < 0.3:
            title += ": " + self.sentence(2, 5).lower()
        return {
            "author": " and ".join(authors),
            "title": title,
            "journal": rnd.choice(self.journals),
            "year": str(rnd.randint(1980, 2024)),
            "volume": str(rnd.randint(1, 120)),
            "number": str(rnd.randint(1, 12)),
            "pages": f"{first}--{first + rnd.randint(2, 30)}",
            "doi": f"10.{rnd.randint(1000, 9999)}/j.{rnd.choice(self.vocab)}.{n}",
            "abstract": abstract.strip(),
        }

    def damage(self, fields: dict[str, str]) -> dict[str, str]:
        """A near-duplicate: case, punctuation and DOI form changed, the work unchanged."""
        rnd = self.rnd
        copy = dict(fields)
        title = copy["title"]
        case = rnd.random()
        if case < 0.3:
            title = title.upper()
        elif case < 0.6:
            title = title.title()
        elif case < 0.8:
            title = title.lower()
        if ":" in title and rnd.random() < 0.5:
            title = title.replace(":", " -", 1)
        elif rnd.random() < 0.5:
            title += "."
        copy["title"] = title
        if rnd.random() < 0.5:  # initials without full stops: "Kano, Beti R"
            copy["author"] = copy["author"].replace(".", "")
        if rnd.random() < 0.5:
            copy["abstract"] = copy["abstract"].replace(". ", ", ", 1).rstrip(".")
        doi = copy["doi"]
        form = rnd.random()
        if form < 0.3:
            copy["doi"] = "https://doi.org/" + doi
        elif form < 0.5:
            copy["doi"] = "doi:" + doi
        elif form < 0.8:
            copy["doi"] = doi.upper()
        if rnd.random() < 0.3:
            copy["pages"] = copy["pages"].replace("--", "-")
        return copy

    def bibtex(self) -> str:
        out = []
        for key, fields in self.entries:
            body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
            out.append(f"@article{{{key},\n{body}\n}}\n")
        return "\n".join(out)


_KEY = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s]+)", re.MULTILINE)


def score(output: str, work_of: dict[str, int]) -> dict[str, int]:
    """Entries out, and how the duplicate works came out (by the input keys that survive)."""
    keys = _KEY.findall(output)
    records = Counter(work_of.values())
    surviving: defaultdict[int, int] = defaultdict(int)
    for key in keys:
        if key in work_of:
            surviving[work_of[key]] += 1
    dup_works = [w for w, n in records.items() if n > 1]
    return {
        "entries": len(keys),
        "dup_works": len(dup_works),
        "found": sum(1 for w in dup_works if surviving[w] == 1),
        "partly": sum(1 for w in dup_works if 1 < surviving[w] < records[w]),
        "missed": sum(1 for w in dup_works if surviving[w] == records[w]),
        "false_merges": sum(1 for w in records if surviving[w] == 0),
    }


def find_tidy(explicit: str | None) -> tuple[list[str] | None, str]:
    """The bibtex-tidy command line, or None and the reason it cannot run."""
    if not shutil.which("node"):
        return None, "node is not installed"
    candidates = [explicit] if explicit else []
    candidates += [str(HERE / "out" / "node_modules" / ".bin" / "bibtex-tidy")]
    candidates += [shutil.which("bibtex-tidy") or ""]
    for path in candidates:
        if path and Path(path).exists():
            return [path], ""
    return None, "bibtex-tidy not found (npm install --prefix bench/out bibtex-tidy)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--dup-share", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--tidy", help="path of the bibtex-tidy executable")
    parser.add_argument("--keep", type=Path, help="keep the input and both outputs here")
    args = parser.parse_args()

    lib = Library(args.size, args.dup_share, args.seed)
    tidy, reason = find_tidy(args.tidy)
    refmerge = str(Path(sys.executable).with_name("refmerge"))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "library.bib"
        source.write_text(lib.bibtex(), encoding="utf-8")
        print(
            f"library: {len(lib.entries):,} entries, {source.stat().st_size / 1e6:.1f} MB, "
            f"{len(set(lib.work_of.values())):,} works; load {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        commands = {"refmerge": [refmerge, "merge", str(source), "-o", str(work / "rm.bib"), "-q"]}
        if tidy:
            commands["bibtex-tidy"] = [
                *tidy,
                str(source),  # first: a bare --duplicates would take the path as its value
                "--duplicates",
                "--merge=combine",
                "--quiet",
                "--no-modify",
                "-o",
                str(work / "tidy.bib"),
            ]
        else:
            print(f"bibtex-tidy: skipped ({reason})")
        best: dict[str, tuple[float, float, float]] = {}
        for _ in range(args.rounds):
            for name, cmd in commands.items():
                code, seconds, rss, cpu = measure_cpu(cmd)
                out = work / ("rm.bib" if name == "refmerge" else "tidy.bib")
                fig = score(out.read_text(encoding="utf-8"), lib.work_of) if out.exists() else {}
                print(
                    f"{name:<12} exit {code}  wall {seconds:6.2f} s  CPU {cpu:6.2f} s  "
                    f"peak RSS {rss:6.0f} MB  "
                    + "  ".join(f"{k} {v:,}" for k, v in fig.items())
                    + f"  load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                prev = best.get(name, (float("inf"),) * 3)
                best[name] = (min(prev[0], seconds), min(prev[1], cpu), min(prev[2], rss))
        if "bibtex-tidy" in best:
            (t_rm, c_rm, m_rm), (t_td, c_td, m_td) = best["refmerge"], best["bibtex-tidy"]
            print(
                f"refmerge / bibtex-tidy (best of {args.rounds}): wall {t_rm / t_td:.2f}x  "
                f"CPU {c_rm / c_td:.2f}x  peak memory {m_rm / m_td:.2f}x  "
                "(target: wall and memory <= 0.5x)"
            )
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for path in work.iterdir():
                shutil.copy(path, args.keep / path.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
