"""One module per file format: readers (`FORMAT`), writers (`WRITER`), listed in `registry.py`.

Readers turn text into a `Library` of `Reference`s that keep file and line; writers turn
blocks back into text. Neither knows of duplicates.
"""
