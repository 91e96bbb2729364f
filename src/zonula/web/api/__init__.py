"""The REST API under /api/v1: Bearer tokens, Pydantic input and output schemas, the same facade."""
