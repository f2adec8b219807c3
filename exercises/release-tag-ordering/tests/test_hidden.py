import random

import pytest

from release_tags import latest_release, releases_since, stable_tags


def tag(version):
    return "v{}.{}.{}".format(*version)


def random_versions(seed, n=30):
    rng = random.Random(seed)
    versions = {(rng.randint(0, 12), rng.randint(0, 25), rng.choice([rng.randint(0, 25), rng.randint(90, 130)]))
                for _ in range(n)}
    return sorted(versions)


def shuffled_tags(versions, seed):
    tags = [tag(v) for v in versions]
    tags += ["nightly", "docs-2024", tag(versions[-1]) + "-rc1", "v99.0.0-beta.2", "v1.2", "release-7"]
    random.Random(seed).shuffle(tags)
    return tags


@pytest.mark.parametrize(
    "older,newer",
    [
        ((1, 9, 3), (1, 10, 0)),
        ((9, 9, 9), (10, 0, 0)),
        ((2, 3, 9), (2, 3, 10)),
        ((1, 99, 99), (2, 0, 0)),
        ((1, 99, 0), (1, 100, 0)),
        ((3, 4, 99), (3, 4, 120)),
    ],
    ids=[
        "a two-digit minor version",
        "a two-digit major version",
        "a two-digit patch version",
        "a new major after high minor and patch numbers",
        "a three-digit minor version",
        "a three-digit patch version",
    ],
)
def test_two_digit_parts_are_newer(older, newer):
    """A release whose part has more digits (10, 100, ...) is newer than one with a smaller part in
    the same place — text order would deploy the older release and roll production back."""
    for tags in ([tag(older), tag(newer)], [tag(newer), tag(older)]):
        got = latest_release(tags)
        assert type(got) is str, f"latest_release returned a {type(got).__name__}"
        assert got == tag(newer), f"latest of two releases was {got}"


@pytest.mark.parametrize(
    "seed", [4, 16, 33], ids=["a first shuffled tag list", "a second shuffled tag list", "a third shuffled tag list"]
)
def test_latest_release_is_the_highest_version(seed):
    """`/deploy latest` picks the highest version among many stable tags in any order, ignoring
    pre-releases and other tags."""
    versions = random_versions(seed)
    got = latest_release(shuffled_tags(versions, seed))
    assert type(got) is str and got == tag(versions[-1]), f"picked {got}"


@pytest.mark.parametrize("seed", [5, 27], ids=["a first shuffled tag list", "a second shuffled tag list"])
def test_changelog_lists_newer_releases_oldest_first(seed):
    """The changelog lists exactly the releases newer than the running one, in version order,
    oldest first — otherwise users miss what changed, or see releases they already have."""
    versions = random_versions(seed)
    current = versions[len(versions) // 3]
    got = releases_since(shuffled_tags(versions, seed), tag(current))
    want = [tag(v) for v in versions if v > current]
    assert type(got) is list and all(type(t) is str for t in got), "releases_since must return a list of tags"
    assert got == want, f"{len(got)} releases listed, expected {len(want)}; first {got[:3]}"


def test_changelog_across_a_two_digit_minor():
    """Running v1.9.x, the changelog includes v1.10 and later and not the older v1.x releases."""
    tags = ["v1.8.0", "v1.10.0", "v1.9.3", "v1.9.10", "v1.11.2", "v2.0.0-rc1", "v1.10.1"]
    got = releases_since(tags, "v1.9.3")
    assert got == ["v1.9.10", "v1.10.0", "v1.10.1", "v1.11.2"], f"got {got}"


def test_nothing_newer_and_nothing_stable():
    """With nothing newer the changelog is empty, and with no stable release `latest_release` is
    None — the bot must say "nothing to deploy", not pick a pre-release."""
    assert releases_since(["v1.10.0", "v1.9.0"], "v1.10.0") == [], "the running release is not newer than itself"
    assert latest_release(["v3.0.0-rc1", "nightly", "v3.0"]) is None, "a pre-release or other tag was picked"
    assert latest_release([]) is None, "no tags at all must give None"


def test_stable_tags_filter_is_unchanged():
    """`stable_tags` still keeps the stable tags in their given order and drops everything else."""
    tags = ["v1.10.0", "v1.10.0-rc2", "nightly", "v1.9.3", "v1.9", "xv1.0.0", "v0.0.1"]
    assert stable_tags(tags) == ["v1.10.0", "v1.9.3", "v0.0.1"], f"got {stable_tags(tags)}"


def test_tags_come_back_exactly_as_given():
    """The functions return the tag strings themselves (the bot passes them to `git checkout`)."""
    tags = ["v1.9.3", "v1.10.0", "v1.10.0-rc1"]
    assert latest_release(iter(tags)) == "v1.10.0", "latest_release must accept any iterable of tags"
    assert releases_since(iter(tags), "v1.9.3") == ["v1.10.0"], "releases_since must accept any iterable of tags"
