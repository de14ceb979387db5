"""Careermap: career conversations that turn into development that actually happens."""

__version__ = "0.1.0"
