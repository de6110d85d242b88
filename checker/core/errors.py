"""Errors the user can act on. Each carries one Chinese sentence naming the file (and, where
it applies, the sheet and cell) and what to do; the CLI prints it instead of a traceback."""
from __future__ import annotations


class CheckerError(Exception):
    """Base class: ``str(error)`` is the message shown to the user."""


class InputError(CheckerError):
    """An input could not be read (exit status 2)."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"无法读取 {path}：{message}")


class UsageError(CheckerError):
    """The command was called wrongly (exit status 2)."""
