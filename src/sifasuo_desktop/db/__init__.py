"""Persistence: SQLAlchemy models, the SQLite engine, migrations at start, backups."""
