"""The value grammar: how a DOI, an arXiv id, a PMID, an ISBN, a year, a month, a page
range and LaTeX-encoded text are read, defined once.

Readers, `check`, match keys, citation keys, merge and the writers all call these
functions, so a record means the same thing on every path: the DOI that `check`
accepts is the DOI matching compares, the year a key is built from is the year
matching uses. Nothing here knows about output style (that is `refs/style.py`) or
about duplicates.

- `ids`: DOI, arXiv, PMID, ISBN.
- `dates`: years (in a field, in page text), months.
- `pages`: page ranges, abbreviated ends (`1034-71`), Roman numerals.
- `latex`: LaTeX letters and accents, and the `fold_for_*` functions, one per purpose.
"""
