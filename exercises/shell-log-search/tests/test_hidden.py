import pytest

from log_search import search_log

LOG = """\
2024-05-02T10:00:01 INFO  checkout order=A-1042 user=ana@example.com total=19.99
2024-05-02T10:00:02 WARN  payment retry order=A-1042 attempt=2
2024-05-02T10:00:03 ERROR Couldn't reach payment provider (timeout) order=B-77
2024-05-02T10:00:04 INFO  deploy started with --force by ops
2024-05-02T10:00:05 INFO  refund order=A-1043 amount=-42.00
2024-05-02T10:00:06 DEBUG env HOME=$HOME path="/srv/shop"
2024-05-02T10:00:07 INFO  CHECKOUT order=C-9 user=bob@example.org total=5.00
2024-05-02T10:00:08 ERROR a.c mismatch in order=D-1
"""
LINES = LOG.splitlines()


@pytest.fixture
def log_file(tmp_path):
    path = tmp_path / "logs" / "shop.log"
    path.parent.mkdir()
    path.write_text(LOG, encoding="utf-8")
    return path


def check_lines(got, indexes):
    assert type(got) is list, f"expected a list, got {type(got).__name__}"
    assert all(type(line) is str for line in got), "every line should be a str"
    want = [LINES[i] for i in indexes]
    assert want == got, f"got {len(got)} line(s): {got!r}"


def test_finds_matching_lines_in_order(log_file):
    """Lines containing the term come back in file order without trailing newlines — the basic
    job support staff use this tool for."""
    check_lines(search_log(log_file, "A-1042"), [0, 1])


def test_match_ignores_case(log_file):
    """The search ignores upper/lower case, as the ticket asks."""
    check_lines(search_log(log_file, "checkout"), [0, 6])
    check_lines(search_log(log_file, "BOB@EXAMPLE.ORG"), [6])


def test_term_is_plain_text_not_a_pattern(log_file):
    """Characters such as dots and brackets are matched literally, so pasting an error message
    finds exactly that message."""
    check_lines(search_log(log_file, "a.c"), [7])
    check_lines(search_log(log_file, "(timeout)"), [2])


PATTERN_LOG = [
    "2024-05-02T11:00:00 INFO  price=1.99 sku=MUG",
    "2024-05-02T11:00:01 INFO  price=1299 sku=TENT",
    "2024-05-02T11:00:02 WARN  retry [2/3] order=A-7",
    "2024-05-02T11:00:03 WARN  retry 2 order=A-8",
    "2024-05-02T11:00:04 INFO  qty*2 order=B-1",
    "2024-05-02T11:00:05 INFO  qty2 order=B-2",
    "ok$ end of batch",
    "ok",
]


@pytest.mark.parametrize("term, indexes", [("1.99", [0]), ("[2/3]", [2]), ("qty*2", [4]), ("ok$", [6])],
                         ids=["a dot", "square brackets", "an asterisk", "a dollar at the end"])
def test_pattern_characters_match_only_themselves(tmp_path, term, indexes):
    """Characters that mean something in a regular expression (dots, brackets, asterisks, anchors)
    match only themselves, so a pasted price or error message finds exactly the lines that
    contain it — a pattern search returns look-alike lines and support acts on the wrong order."""
    path = tmp_path / "patterns.log"
    path.write_text("\n".join(PATTERN_LOG) + "\n", encoding="utf-8")
    got = search_log(path, term)
    assert type(got) is list, f"expected a list, got {type(got).__name__}"
    want = [PATTERN_LOG[i] for i in indexes]
    assert want == got, f"got {len(got)} line(s): {got!r}"


def test_max_lines_is_respected(log_file):
    """At most `max_lines` matching lines come back, so a search on a huge log stays small."""
    check_lines(search_log(log_file, "order=", max_lines=3), [0, 1, 2])
    check_lines(search_log(log_file, "INFO", max_lines=1), [0])


def test_no_match_returns_empty_list(log_file):
    """A term that is not in the log returns an empty list instead of raising."""
    check_lines(search_log(log_file, "Z-0000"), [])


def test_missing_log_raises_file_not_found(tmp_path):
    """Searching a log file that does not exist raises FileNotFoundError, so the tool can say
    which service has no log."""
    with pytest.raises(FileNotFoundError):
        search_log(tmp_path / "missing.log", "A-1042")


@pytest.mark.parametrize("term, indexes", [
    ("couldn't reach", [2]),
    ('path="/srv/shop"', [5]),
    ("$HOME", [5]),
], ids=["an apostrophe", "double quotes around a path", "a dollar sign"])
def test_quotes_and_shell_characters_are_found(log_file, term, indexes):
    """Terms containing quotes, dollar signs and other characters a shell treats specially are
    searched for literally — error messages are full of them."""
    check_lines(search_log(log_file, term), indexes)


@pytest.mark.parametrize("term, indexes", [
    ("--force", [3]),
    ("-42.00", [4]),
], ids=["a word that looks like a long option", "a negative amount"])
def test_terms_starting_with_a_dash_are_searched(log_file, term, indexes):
    """A term that starts with a dash is searched for like any other text instead of being read
    as an option of the search command."""
    check_lines(search_log(log_file, term), indexes)


INJECTIONS = [
    "x' /dev/null; touch {marker}; echo '",
    "x' /dev/null $(touch {marker}) '",
    "x' /dev/null `touch {marker}` '",
    "x' /dev/null || touch {marker} || echo '",
    "x' /dev/null | touch {marker} | echo '",
    "A-1042' /dev/null ; touch {marker} #",
]


@pytest.mark.parametrize("payload", INJECTIONS, ids=[
    "a command after a semicolon", "a command substitution", "a command in backticks",
    "a command after a double bar", "a command in a pipe", "a command after a real order id"])
def test_search_term_cannot_run_commands(log_file, tmp_path, payload):
    """Shell syntax in the search term (quotes, ';', '&&', '|', backticks, '$(...)') runs no
    command on the server — otherwise anyone with support access owns the machine."""
    marker = tmp_path / "pwned"
    got = search_log(log_file, payload.format(marker=marker))
    assert not marker.exists(), "the search term ran a shell command"
    assert type(got) is list and got == [], f"expected no matches, got {got!r}"


def test_search_term_cannot_read_other_files(log_file, tmp_path):
    """A term cannot make the search read a file other than the service's log — the servers hold
    credentials that support staff must not see."""
    secret = tmp_path / "credentials.txt"
    secret.write_text("db_password=hunter2\n", encoding="utf-8")
    for payload in (f"' '{secret}' '", f"x' '{secret}"):
        got = search_log(log_file, payload)
        assert not any("hunter2" in line for line in got), "the search returned another file's contents"


def test_large_log_is_streamed_not_read_whole(tmp_path):
    """The log is searched as a stream (grep, or reading line by line), never loaded into memory
    whole — production logs are several gigabytes and would exhaust the console's memory."""
    import tracemalloc

    path = tmp_path / "big.log"
    filler = "2024-05-02T10:00:09 INFO  heartbeat ok " + "x" * 60 + "\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(LINES[0] + "\n")
        fh.write(filler * 40_000)
    tracemalloc.start()
    try:
        got = search_log(path, "A-1042", max_lines=5)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    check_lines(got, [0])
    assert peak < 1_000_000, f"searching a 4 MB log used {peak // 1_000_000} MB or more of memory"
