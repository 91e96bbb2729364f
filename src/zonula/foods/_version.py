"""Content hash of the shipped lexicon (written by tools/build_lexicon.py)."""

LEXICON_VERSION = "d8f9531fc4e4"
