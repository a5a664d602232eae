import pytest

# The library's fixtures (site tree with the library, readers in each situation, a vignette).
from tests.resources.fixtures import *  # noqa: F401,F403

# Anonymisation check report ---------------------------------------------------------------
# test_anonymisation.py fills the `anonymisation_report` dict (recall per category, false
# positives); the hook below prints it at the end of every run that collected those tests,
# -q included.

ANONYMISATION_REPORT = pytest.StashKey[dict]()


@pytest.fixture
def anonymisation_report(request):
    """A dict, shared by the session, whose content is printed in the terminal summary."""
    return request.config.stash.setdefault(ANONYMISATION_REPORT, {})


def pytest_terminal_summary(terminalreporter, config):
    report = config.stash.get(ANONYMISATION_REPORT, None)
    if not report:
        return
    write = terminalreporter.write_line
    terminalreporter.write_sep("=", "anonymisation check")
    if "recall" in report:
        write(f"{'category':<12} {'found':>5} / {'expected':<8} recall")
        for category, (found, expected) in report["recall"].items():
            recall = f"{found / expected:.2f}" if expected else "n/a"
            write(f"{category:<12} {found:>5} / {expected:<8} {recall}")
    for line in report.get("missed", ()):
        write(f"MISSED {line}")
    if "false_positives" in report:
        positives = report["false_positives"]
        write(f"false positives: {len(positives)} of {report['findings']} findings")
        for line in positives:
            write(f"  {line}")
    if "scan_ms" in report:
        write(f"scan of a {report['scan_words']}-word text: {report['scan_ms']:.1f} ms")
