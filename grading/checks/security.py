"""Security: bandit, in-process, with `# nosec` ignored (a comment is not a fix)."""

from __future__ import annotations

import os
import tempfile
import threading

from grading.report import CheckResult, Finding

PENALTY = {"HIGH": 1.0, "MEDIUM": 0.5, "LOW": 0.25}

# Why each common finding matters in production, in one sentence a learner can act on.
WHY = {
    "B101": "assert statements vanish under `python -O`, so checks written with them stop running.",
    "B102": "exec() runs any code it is given; with outside input that is remote code execution.",
    "B103": "World-writable permissions let any local user change the file.",
    "B104": "Binding to all interfaces exposes the service on every network the host is on.",
    "B105": "A password in source code ends up in every clone, backup and log of the repository.",
    "B106": "A password in source code ends up in every clone, backup and log of the repository.",
    "B107": "A default password in code is the first thing an attacker tries.",
    "B108": "Predictable temp file names let another user pre-create or swap the file.",
    "B110": "`except: pass` hides failures: the system keeps going in a broken state nobody sees.",
    "B112": "`except: continue` silently skips failures, so data goes missing without a trace.",
    "B113": "A request without a timeout can hang a worker forever when the other side stalls.",
    "B201": "Flask debug mode lets anyone who reaches an error page run code on the server.",
    "B301": "Unpickling untrusted data runs attacker-chosen code.",
    "B302": "marshal data from outside can crash or exploit the interpreter.",
    "B303": "MD5/SHA1 are broken for security use: collisions and fast brute force.",
    "B304": "This cipher or mode is broken; data encrypted with it can be read or forged.",
    "B305": "This cipher mode leaks patterns in the data.",
    "B306": "mktemp() creates a race: another process can take the name first.",
    "B307": "eval() on outside input runs attacker-chosen code.",
    "B308": "mark_safe disables escaping: user input can inject scripts into the page.",
    "B310": "urlopen accepts file:// and custom schemes, so a user-supplied URL can read local files.",
    "B311": "The random module is predictable; tokens or passwords made with it can be guessed.",
    "B312": "Telnet sends everything, passwords included, in clear text.",
    "B313": "The standard XML parsers are open to entity-expansion and external-entity attacks.",
    "B314": "The standard XML parsers are open to entity-expansion and external-entity attacks.",
    "B320": "lxml parsing of untrusted XML is open to external-entity attacks.",
    "B321": "FTP sends credentials and data in clear text.",
    "B323": "An unverified SSL context accepts any certificate: man-in-the-middle is trivial.",
    "B324": "MD5/SHA1 are broken for security use: collisions and fast brute force.",
    "B403": "pickle on data from outside runs attacker-chosen code when loaded.",
    "B404": "subprocess runs programs: make sure no outside input reaches a shell.",
    "B501": "Certificate checks are off: anyone on the network path can impersonate the server.",
    "B502": "This SSL/TLS version is broken; connections can be downgraded and read.",
    "B503": "This SSL/TLS version is broken; connections can be downgraded and read.",
    "B504": "Without an explicit TLS version old, broken protocols may be negotiated.",
    "B505": "This key size is too small to resist brute force today.",
    "B506": "yaml.load can build arbitrary Python objects from the document: use safe_load.",
    "B507": "Skipping SSH host key checks allows man-in-the-middle attacks.",
    "B601": "Shell commands built from input let an attacker run their own commands.",
    "B602": "shell=True with outside input lets an attacker run their own commands (command injection).",
    "B603": "subprocess without a shell: check that the program and its arguments are trusted.",
    "B604": "A function called with shell=True passes input to a shell: command injection.",
    "B605": "Starting a process through a shell with input in the string allows command injection.",
    "B606": "Starting a process without a shell: check the program path is trusted.",
    "B607": "A partial executable path is resolved through PATH, which an attacker may control.",
    "B608": "SQL built from strings lets input rewrite the query (SQL injection): use parameters.",
    "B609": "Wildcards in shell commands can be turned into options by crafted file names.",
    "B610": "Raw SQL in Django extra() is open to injection.",
    "B611": "RawSQL with string formatting is open to injection.",
    "B701": "Jinja2 with autoescape off lets user input inject scripts into the page.",
    "B702": "Mako templates don't escape by default: user input can inject scripts.",
    "B703": "mark_safe on user input lets it inject scripts into the page.",
}

_LOCK = threading.Lock()  # bandit keeps process-global state


def run_bandit(source: str) -> list[Finding]:
    """Every bandit finding for `source` (which must compile), `# nosec` comments ignored."""
    from bandit.core import config, manager

    fd, path = tempfile.mkstemp(prefix="prodready-", suffix=".py")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(source)
        with _LOCK:
            bandit = manager.BanditManager(
                config.BanditConfig(), "file", ignore_nosec=True, quiet=True
            )
            bandit.discover_files([path])
            bandit.run_tests()
            issues = bandit.get_issue_list()
    finally:
        os.unlink(path)
    findings = [
        Finding(
            tool="bandit",
            id=issue.test_id,
            severity=issue.severity,
            confidence=issue.confidence,
            cwe=issue.cwe.id if issue.cwe and issue.cwe.id else None,
            line=issue.lineno,
            column=issue.col_offset,
            message=issue.text,
            why=WHY.get(issue.test_id, ""),
        )
        for issue in issues
    ]
    return sorted(findings, key=lambda f: (f.line, f.column, f.id))


# Rules whose verdict is wrong for the environments ProdReady runs in. Their findings are shown
# as information with the reason and never counted. Keep this short; each entry has a test.
ENVIRONMENT_NOTES = {
    "B413": "pyCrypto, the library this rule warns about, cannot be installed on the Python "
    "versions ProdReady supports: a `Crypto` import here is the maintained pycryptodome.",
}


def classify(
    findings: list[Finding], allowed: tuple[str, ...] = (), expected: tuple[str, ...] = ()
) -> None:
    """Marks each finding: the exercise's own flaw (expected), allowed by the exercise, or
    informational because the rule is wrong here. The flaw an exercise teaches always counts."""
    for finding in findings:
        finding.expected = finding.id in expected
        finding.allowed = finding.id in allowed and not finding.expected
        note = ENVIRONMENT_NOTES.get(finding.id, "")
        finding.info = "" if finding.expected else note


def counted(findings: list[Finding]) -> list[Finding]:
    """Findings that cost security points: neither allowed nor informational."""
    return [f for f in findings if not f.allowed and not f.info]


def blocking(findings: list[Finding]) -> list[Finding]:
    """Findings that stop a fix from counting as solved: a counted MEDIUM or HIGH one, or the
    exercise's own flaw at any severity. LOW findings are advice: shown, scored, not blocking."""
    return [f for f in counted(findings) if f.expected or f.severity in ("MEDIUM", "HIGH")]


def describe(findings: list[Finding]) -> str:
    """ "B608 HIGH (line 14), B311 LOW (line 3, the flaw this exercise is about)"."""
    parts = []
    for f in findings:
        notes = [f"line {f.line}"]
        if f.expected:
            notes.append("the flaw this exercise is about")
        elif f.allowed:
            notes.append("allowed here")
        elif f.info:
            notes.append("informational")
        elif f.severity == "LOW":
            notes.append("advice")
        parts.append(f"{f.id} {f.severity} ({', '.join(notes)})")
    return ", ".join(parts)


def score(findings: list[Finding], weight: int) -> CheckResult:
    costs = counted(findings)
    value = max(0.0, 1.0 - sum(PENALTY.get(f.severity, 0.25) for f in costs))
    if not costs:
        summary = "No security findings." if not findings else "No finding that counts here."
    else:
        worst = max(costs, key=lambda f: PENALTY.get(f.severity, 0))
        ids = ", ".join(sorted({f.id for f in costs}))
        summary = f"{len(costs)} finding(s) ({ids}); worst: {worst.severity} on line {worst.line}."
    return CheckResult("security", round(value, 3), weight, summary)
