"""Command-line tools of the book (run from the repository root with `python -m tools.NAME`)."""
