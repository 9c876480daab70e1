"""Typed exceptions: every failure the library reports is a `CleanerError`."""

from __future__ import annotations

#: What to do about a model that cannot be used.
RETRAIN_HINT = "retrain it with 'cleaner train' (or 'make model' for the shipped one)"


class CleanerError(Exception):
    """Base class of every error cleaner raises on purpose."""


class InputError(CleanerError):
    """The input cannot be read as a page: missing, binary, undecodable."""


class LabelFormatError(CleanerError):
    """A labelled page does not follow the `label<TAB>line` format."""


class ModelError(CleanerError):
    """A model file is missing, corrupt, untrusted or incompatible."""
