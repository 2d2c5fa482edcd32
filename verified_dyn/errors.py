"""One exception tree for verified-dyn.

Every error a user can cause (a bad model file, an impossible request) is a ``VerifiedDynError``
subclass whose message is one line naming the file, the key and the problem; the command line
turns it into that line on stderr and exit status 2.
"""


class VerifiedDynError(Exception):
    """Base class of every error verified-dyn raises on purpose."""


class ModelError(VerifiedDynError):
    """A model file or model description is unreadable, malformed or inconsistent."""

    def __init__(self, problem: str, source: str | None = None, key: str | None = None):
        self.problem, self.source, self.key = problem, source, key
        where = ": ".join(p for p in (source, f"key '{key}'" if key else None) if p)
        super().__init__(f"{where}: {problem}" if where else problem)


class UsageError(VerifiedDynError):
    """A request that cannot be carried out as asked (absurd size, unknown option value).

    With ``param`` (an API parameter name such as "max_period"), the message is "max_period <problem>"
    in Python and "--max-period <problem>" on the command line (:meth:`flag_message`)."""

    def __init__(self, problem: str, param: str | None = None):
        self.problem, self.param = problem, param
        super().__init__(f"{param} {problem}" if param else problem)

    def flag_message(self) -> str:
        return f"--{self.param.replace('_', '-')} {self.problem}" if self.param else str(self)


class SearchError(VerifiedDynError):
    """The untrusted search failed in a way the user should hear about."""


class CertifyError(VerifiedDynError):
    """A candidate could not be turned into a certificate."""


class CertificateError(VerifiedDynError):
    """A certificate file is unreadable (not JSON, not an object)."""
