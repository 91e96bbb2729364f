"""zonula: an honest, evidence-graded gut-symptom diary and trigger finder."""

__version__ = "0.1.0"
