"""Checks you can run: the assistant's tests."""

from release_tags import latest_release, releases_since


def test_latest_of_three():
    """The newest of a few stable releases, pre-releases ignored."""
    tags = ["v1.3.0", "v1.2.0", "v1.4.0-rc1", "v1.3.1", "nightly"]
    assert latest_release(tags) == "v1.3.1", latest_release(tags)


def test_changelog_since_current():
    """Releases newer than the running one, oldest first."""
    tags = ["v1.3.1", "v1.2.0", "v1.3.0"]
    assert releases_since(tags, "v1.2.0") == ["v1.3.0", "v1.3.1"], releases_since(tags, "v1.2.0")
