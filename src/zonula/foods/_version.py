"""Content hash of the shipped lexicon (written by tools/build_lexicon.py)."""

LEXICON_VERSION = "ead0107f8ba4"
