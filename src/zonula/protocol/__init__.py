"""Elimination, reintroduction and confirmation plans, their verdicts, and repair-plan tracking."""
