"""Finding and merging duplicate records: pure functions over `Reference`s, no I/O."""
