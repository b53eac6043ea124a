"""Turn raw Chinese document-site pages into a clean, versioned, auditable dataset."""

__version__ = "0.1.0"
