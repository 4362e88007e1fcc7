"""Process-wide plumbing without Qt or SQLAlchemy: paths, settings defaults, logging, errors."""
