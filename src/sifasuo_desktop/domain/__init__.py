"""Pure rules of the office's work. Standard library only: no Qt, no SQLAlchemy, no I/O."""
