"""Content hash of the shipped lexicon (written by tools/build_lexicon.py)."""

LEXICON_VERSION = "a7753196fe27"
