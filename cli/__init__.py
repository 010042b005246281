"""The `refmerge` command line."""
