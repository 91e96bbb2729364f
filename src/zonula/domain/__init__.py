"""Pure domain model: entries, scales, time handling. No storage, web or CLI imports."""
