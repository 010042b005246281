"""Records, readers, writers and normalisation; knows nothing of duplicates."""
