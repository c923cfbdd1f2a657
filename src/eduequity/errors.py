"""The exception tree of eduequity.

Every exception the library raises on purpose derives from :class:`EduequityError`, and
also from the builtin it refines, so that ``except ValueError`` keeps working::

    EduequityError
    ├── DataError (ValueError)              bad school data
    │   └── DataValidationError             a whole file's defects, collected
    ├── UndefinedMetricError (ValueError)   a measure with no defined value (zero mean, …)
    ├── MetricInputError (ValueError)       arrays a measure cannot take (NaN, negative, …)
    ├── ConfigurationError (ValueError)     an invalid option or policy
    │   ├── RuleSetError                    a rule-set file that cannot be used
    │   └── CountyInputError                county inputs that cannot be used
    └── StandardNotMetError                 raised on request by Assessment.raise_for_failures()

Messages say what, where and what was found, e.g.
``school 330106003, column sports_ground_area_m2: must be >= 0, got -120.0``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eduequity.defects import Defect

__all__ = [
    "LINES",
    "Coded",
    "ConfigurationError",
    "CountyInputError",
    "DataError",
    "DataValidationError",
    "EduequityError",
    "MetricInputError",
    "Problem",
    "RuleSetError",
    "StandardNotMetError",
    "UndefinedMetricError",
]


LINES = "lines"
"""The ``message_code`` of an error of several lines: ``message_params["lines"]`` holds
each line's ``(code, params)``."""


class Coded(Exception):  # noqa: N818 (the base of a warning too, not only of errors)
    """An exception (or a warning) whose message can be said in another language.

    ``message_code`` and ``message_params`` (keyword-only, optional): the catalogue's
    sentence ``e.<message_code>`` (:mod:`eduequity.report.labels`) filled with the params;
    the English message is the exception's text. An error of several lines has the code
    :data:`LINES`.

    >>> exc = ConfigurationError("--split: give --output", message_code="split_needs_html")
    >>> str(exc), exc.message_code, exc.message_params
    ('--split: give --output', 'split_needs_html', {})
    """

    def __init__(
        self,
        *args: object,
        message_code: str | None = None,
        message_params: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(*args)
        self.message_code = message_code
        self.message_params: dict[str, object] = dict(message_params or {})

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (e.g. back from a worker process) and copied whole, whatever the
        subclass's ``__init__`` takes: its args and attributes as they are."""
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(cls: type[BaseException], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class EduequityError(Coded):
    """Root of every error eduequity raises deliberately.

    Its message is said in another language from its code where it has one
    (:class:`Coded`)."""


class DataError(EduequityError, ValueError):
    """School data that cannot be used as given."""


class DataValidationError(DataError):
    """All the defects found in one source, reported together.

    Attributes
    ----------
    defects
        Every defect found (errors and warnings), in source order.
    """

    def __init__(self, defects: Sequence[Defect], source: str | None = None) -> None:
        self.defects: tuple[Defect, ...] = tuple(defects)
        self.source = source
        errors = [d for d in self.defects if d.severity == "error"]
        head = f"{len(errors)} error(s) in {source or 'the school data'}"
        lines = [head, *(f"  {d.message}" for d in errors[:50])]
        if len(errors) > 50:
            lines.append(f"  … and {len(errors) - 50} more (see .defects)")
        super().__init__("\n".join(lines))

    @property
    def errors(self) -> tuple[Defect, ...]:
        """The defects of severity ``"error"``."""
        return tuple(d for d in self.defects if d.severity == "error")


class UndefinedMetricError(EduequityError, ValueError):
    """A measure is undefined for the input (zero mean, too few units, …).

    Attributes
    ----------
    reason
        A stable machine code such as ``"zero_mean"``.
    """

    def __init__(self, message: str, reason: str = "undefined") -> None:
        super().__init__(message)
        self.reason = reason


class MetricInputError(EduequityError, ValueError):
    """Arrays a measure cannot take: NaN or inf, negative values or weights, bad shapes."""


class ConfigurationError(EduequityError, ValueError):
    """An option, policy or parameter outside its allowed range."""


class Problem(tuple[str, str, str]):
    """One problem of a rule-set file: ``(file, key, message)``, with the ``code`` and
    ``params`` of its sentence in the catalogue (``rs.<code>``) where it has one.

    >>> p = Problem("a.toml", "id", "field required", "pyd.missing")
    >>> file, key, message = p
    >>> (key, message, p.code), p == ("a.toml", "id", "field required")
    (('id', 'field required', 'pyd.missing'), True)
    """

    code: str | None
    params: dict[str, Any]

    def __new__(
        cls,
        file: str,
        key: str,
        message: str,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Problem:
        self = super().__new__(cls, (file, key, message))
        self.code = code
        self.params = dict(params or {})
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        """Copied and pickled with its code and params."""
        return (type(self), (*self, self.code, self.params))


class RuleSetError(ConfigurationError):
    """A rule-set file that cannot be used: bad TOML, an unknown key, a wrong value, a
    reference to an unknown indicator, column, input or part.

    ``problems`` lists ``(file, key, message)`` (a :class:`Problem` where its sentence has
    a code); the message names them all.
    """

    def __init__(self, problems: Sequence[tuple[str, str, str]]) -> None:
        self.problems = tuple(problems)
        lines = [f"{f}: {k}: {m}" if k else f"{f}: {m}" for f, k, m in self.problems]
        super().__init__("\n".join(lines))


class CountyInputError(ConfigurationError):
    """County inputs that cannot be used: an unknown input, a wrong type or range."""


class StandardNotMetError(EduequityError, AssertionError):
    """An assessment with failures, raised by ``Assessment.raise_for_failures()``.

    ``account`` is the readable list of what failed.
    """

    def __init__(self, account: str) -> None:
        self.account = account
        super().__init__(account)
