"""The one error a build raises for bad input, carrying where the problem is."""
from __future__ import annotations


class BuildError(Exception):
    """Bad input: a data file, a corpus document or a locator.

    ``str()`` gives one line per problem: ``file:line: what is wrong``.

    >>> str(BuildError("unknown entity 'x'", path="data/a.yaml", line=3))
    "data/a.yaml:3: unknown entity 'x'"
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class BuildErrors(BuildError):
    """Several problems found in one pass, reported together (one line each)."""

    def __init__(self, errors: list[BuildError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
