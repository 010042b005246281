"""The page-text reader: text copied from web pages into records.

`reader.py` is the entry point (`FORMAT`); `units.py` cuts the page into typed units,
`assemble.py` builds records from them; the other modules recognise single values.
"""
