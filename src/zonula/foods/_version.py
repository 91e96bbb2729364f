"""Content hash of the shipped lexicon (written by tools/build_lexicon.py)."""

LEXICON_VERSION = "0cf2e1d9a6c9"
