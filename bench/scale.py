"""Scale of duplicate detection: synthetic libraries with known duplicates.

Usage: python bench/scale.py [--sizes 10000,100000,1000000] [--dup-rate 0.3] [--seed 1]

Each size gets works with random titles, authors, venues and locators; a share of them is
copied 1-3 times with the damage real exports show (typos, case, accents, initials for
given names, DOI URL forms, `[Chinese]` tags, dropped fields, abbreviated page ranges).
Prints generation time, dedupe time (normalise + block + compare + cluster), peak memory
(RSS), candidate pairs per record (counted after the timed run; blocking must keep it
bounded on any input) and record-level precision/recall against the known groups, then the time ratio
between consecutive sizes (target: 10x the records costs <= 12x the time).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import score

from refmerge.dedupe.blocking import candidate_pairs
from refmerge.dedupe.engine import find_duplicates_in_keys
from refmerge.dedupe.policy import Policy
from refmerge.refs.model import Origin, Reference
from refmerge.refs.normalize import match_keys

ACCENTS = {"e": "é", "a": "á", "o": "ö", "u": "ü", "i": "í", "n": "ñ"}


def _word(rnd: random.Random, syllables: list[str], n: int) -> str:
    return "".join(rnd.choice(syllables) for _ in range(n))


class Generator:
    def __init__(self, seed: int, n_works: int) -> None:
        self.rnd = rnd = random.Random(seed)
        syl = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"] + ["an", "er", "ol", "is"]
        vocab_size = max(5000, min(60000, n_works // 10))
        self.vocab = sorted({_word(rnd, syl, rnd.randint(2, 4)) for _ in range(vocab_size)})
        self.surnames = sorted(
            {_word(rnd, syl, rnd.randint(2, 3)).capitalize() for _ in range(20000)}
        )
        self.given = sorted({_word(rnd, syl, 2).capitalize() for _ in range(3000)})
        self.journals = [
            " ".join(rnd.choice(self.vocab).capitalize() for _ in range(rnd.randint(2, 4)))
            for _ in range(2000)
        ]

    def work(self, n: int) -> dict[str, str]:
        rnd = self.rnd
        words = [rnd.choice(self.vocab) for _ in range(rnd.randint(6, 14))]
        authors = [
            (rnd.choice(self.surnames), rnd.choice(self.given), rnd.choice(string.ascii_uppercase))
            for _ in range(rnd.randint(1, 6))
        ]
        first_page = rnd.randint(1, 3000)
        fields = {
            "title": " ".join(words).capitalize(),
            "author": " and ".join(f"{s}, {g} {m}." for s, g, m in authors),
            "year": str(rnd.randint(1980, 2024)),
            "journal": rnd.choice(self.journals),
            "volume": str(rnd.randint(1, 200)),
            "number": str(rnd.randint(1, 12)),
            "pages": f"{first_page}--{first_page + rnd.randint(1, 30)}",
        }
        if rnd.random() < 0.6:
            fields["doi"] = f"10.{rnd.randint(1000, 9999)}/w{n}"
        return fields

    def damage(self, fields: dict[str, str]) -> dict[str, str]:
        """A copy as another database would export it."""
        rnd = self.rnd
        copy = dict(fields)
        title = copy["title"]
        roll = rnd.random()
        if roll < 0.25 and len(title) > 20:
            i = rnd.randrange(1, len(title) - 1)  # a typo: drop or swap a character
            title = (
                title[:i] + title[i + 1 :]
                if rnd.random() < 0.5
                else (title[: i - 1] + title[i] + title[i - 1] + title[i + 1 :])
            )
        elif roll < 0.45:
            title = title.upper()
        elif roll < 0.55:
            title = title + ". [Chinese]"
        elif roll < 0.65:
            title = title.title() + "."
        copy["title"] = title
        if rnd.random() < 0.4:  # initials instead of given names
            names = []
            for part in copy["author"].split(" and "):
                last, _, first = part.partition(", ")
                names.append(f"{last}, {'. '.join(w[0] for w in first.split())}.")
            copy["author"] = " and ".join(names)
        if rnd.random() < 0.2:  # accents lost or added
            copy["author"] = "".join(
                ACCENTS.get(c, c) if rnd.random() < 0.3 else c for c in copy["author"]
            )
        if "doi" in copy:
            form = rnd.random()
            if form < 0.3:
                copy["doi"] = "https://doi.org/" + copy["doi"].upper()
            elif form < 0.45:
                copy["url"] = "https://dx.doi.org/" + copy.pop("doi")
            elif form < 0.6:
                del copy["doi"]
        if rnd.random() < 0.3:  # abbreviated page range 1034-71
            first, _, last = copy["pages"].partition("--")
            if len(last) == len(first) and len(first) >= 2:
                copy["pages"] = f"{first}-{last[len(first) // 2 :]}"
        for name in ("pages", "volume", "number", "journal"):
            if rnd.random() < 0.1:
                copy.pop(name, None)
        return copy


def build(size: int, dup_rate: float, seed: int) -> tuple[list[Reference], dict[str, int]]:
    """`size` records; truth maps record key -> work id for records in a duplicate group."""
    n_works = int(size / (1 + dup_rate * 2))
    gen = Generator(seed, n_works)
    refs: list[Reference] = []
    truth: dict[str, int] = {}
    work_id = 0
    while len(refs) < size:
        fields = gen.work(work_id)
        copies = [fields]
        if gen.rnd.random() < dup_rate:
            copies += [gen.damage(fields) for _ in range(gen.rnd.randint(1, 3))]
        for c in copies[: size - len(refs)]:
            key = f"r{len(refs)}"
            refs.append(Reference("article", key, c, Origin("synthetic", len(refs) + 1)))
            if len(copies) > 1:
                truth[key] = work_id
        work_id += 1
    gen.rnd.shuffle(refs)
    return refs, truth


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, dup_rate: float, seed: int) -> float:
    t0 = time.perf_counter()
    refs, truth = build(size, dup_rate, seed)
    t1 = time.perf_counter()
    c1 = time.process_time()
    gc.disable()  # as find_duplicates does around its own normalisation
    keys = [match_keys(r) for r in refs]
    gc.enable()
    t2 = time.perf_counter()
    result = find_duplicates_in_keys(keys, [r.key for r in refs], Policy())
    t3 = time.perf_counter()
    cpu = time.process_time() - c1
    ids = [r.key for r in refs]
    pairs = sum(1 for _ in candidate_pairs(keys, list(range(len(keys)))))
    fig = score([[ids[m] for m in g.members] for g in result.groups], truth, ids)
    print(
        f"{size:>9,} records  generate {t1 - t0:6.1f} s  normalise {t2 - t1:6.1f} s  "
        f"match {t3 - t2:6.1f} s  dedupe total {t3 - t1:6.1f} s (CPU {cpu:6.1f} s)  "
        f"peak RSS {peak_rss_mb():7.0f} MB  load {os.getloadavg()[0]:.1f}  "
        f"candidates/record {pairs / len(refs):5.2f}  "
        f"precision {fig['precision']:.4f}  recall {fig['recall']:.4f}  "
        f"groups {len(result.groups):,}  review {len(result.review):,}",
        flush=True,
    )
    return cpu


def add_size_options(parser: argparse.ArgumentParser, sizes: str) -> None:
    """The options every synthetic-library benchmark takes."""
    parser.add_argument("--sizes", default=sizes)
    parser.add_argument("--dup-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)


def parse_sizes(text: str) -> list[int]:
    return [int(s.replace("_", "")) for s in text.split(",") if s]


def print_ratios(sizes: list[int], times: list[float], unit: str, what: str) -> None:
    """How the cost grows between consecutive sizes (target: 10x costs <= 12x)."""
    for k in range(1, len(sizes)):
        n1, n2, t1, t2 = sizes[k - 1], sizes[k], times[k - 1], times[k]
        print(f"{n2 / n1:.0f}x {unit} ({n1:,} -> {n2:,}): {t2 / t1:.1f}x {what}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_size_options(parser, "10000,100000,1000000")
    args = parser.parse_args()
    sizes = parse_sizes(args.sizes)
    times = [run(size, args.dup_rate, args.seed) for size in sizes]
    print_ratios(sizes, times, "records", "CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
