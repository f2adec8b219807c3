"""Reusable UI pieces: the editor, the report panel, badges and charts."""
