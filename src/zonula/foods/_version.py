"""Content hash of the shipped lexicon (written by tools/build_lexicon.py)."""

LEXICON_VERSION = "6766f8c390fd"
