import textwrap

import pytest

from shipping_rules import RulesError, load_shipping_rules

UK_SHOP = textwrap.dedent("""\
    currency: GBP
    zones:
      - name: UK mainland
        countries: [GB]
        price_cents: 395
        free_over_cents: 4000
      - name: Ireland
        countries:
          - IE
        price_cents: 850
""")

WITH_ANCHORS = textwrap.dedent("""\
    currency: EUR
    eu_defaults: &eu
      price_cents: 990
      free_over_cents: 7500
    zones:
      - name: Germany
        countries: [DE]
        price_cents: 490
      - <<: *eu
        name: "  Rest of EU "
        countries: [FR, NL, BE, AT]
""")


def test_parses_a_valid_file():
    """A valid rules file is parsed into the currency and its zones, with whole-number cents and
    None for a missing free-shipping threshold — checkout prices come from this."""
    got = load_shipping_rules(UK_SHOP)
    want = {
        "currency": "GBP",
        "zones": [
            {"name": "UK mainland", "countries": ["GB"], "price_cents": 395, "free_over_cents": 4000},
            {"name": "Ireland", "countries": ["IE"], "price_cents": 850, "free_over_cents": None},
        ],
    }
    assert type(got) is dict, f"expected a dict, got {type(got).__name__}"
    assert want == got, f"got {got!r}"
    assert type(got["zones"][0]["price_cents"]) is int, "price_cents should be an int"


def test_anchors_and_merge_keys_still_work():
    """Ordinary YAML features merchants use (anchors, aliases, merge keys) still load, so a safe
    parser does not break existing uploads."""
    got = load_shipping_rules(WITH_ANCHORS)
    want = [
        {"name": "Germany", "countries": ["DE"], "price_cents": 490, "free_over_cents": None},
        {"name": "Rest of EU", "countries": ["FR", "NL", "BE", "AT"], "price_cents": 990,
         "free_over_cents": 7500},
    ]
    assert type(got) is dict and got.get("currency") == "EUR", f"got {got!r}"
    assert want == got["zones"], f"zones were {got['zones']!r}"


INVALID = [
    "currency: EUR\n",
    "currency: JPY\nzones: [{name: Japan, countries: [JP], price_cents: 900}]\n",
    "currency: EUR\nzones: []\n",
    "currency: EUR\nzones: [{name: EU, countries: [de], price_cents: 900}]\n",
    "currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: -1}]\n",
    "currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: 9.5}]\n",
    "currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: true}]\n",
    "currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: 100, free_over_cents: lots}]\n",
    "- just\n- a list\n",
    "currency: EUR\nzones: [unclosed\n",
    "currency: [EUR\n",
    "",
]


@pytest.mark.parametrize("text", INVALID, ids=[f"invalid-{n}" for n in range(1, len(INVALID) + 1)])
def test_invalid_files_raise_rules_error(text):
    """An invalid or malformed file raises RulesError (not a YAML or Python error), so the admin
    shows the merchant a message instead of a 500 page."""
    with pytest.raises(RulesError):
        load_shipping_rules(text)


CODE_PAYLOADS = [
    'currency: !!python/object/apply:builtins.open ["{marker}", "w"]\nzones: []\n',
    'currency: EUR\nzones:\n  - name: !!python/object/apply:builtins.exec ["open(r\'{marker}\', \'w\').close()"]\n'
    '    countries: [DE]\n    price_cents: 1\n',
    '!<tag:yaml.org,2002:python/object/apply:builtins.open> ["{marker}", "w"]\n',
    'currency: !!python/object/new:builtins.open {{args: ["{marker}", "w"]}}\n',
    'currency: EUR\nzones: !!python/object/apply:builtins.list [!!python/object/apply:builtins.open ["{marker}", "w"]]\n',
]


@pytest.mark.parametrize("payload", CODE_PAYLOADS, ids=["apply", "in-zone", "verbose-tag", "new", "nested"])
def test_uploaded_yaml_cannot_run_code(tmp_path, payload):
    """A file with YAML tags that construct Python objects is rejected with RulesError and runs
    nothing — otherwise any merchant account can execute code on the server."""
    marker = tmp_path / "pwned.txt"
    text = payload.format(marker=str(marker).replace("\\", "/"))
    with pytest.raises(RulesError):
        load_shipping_rules(text)
    assert not marker.exists(), "the uploaded YAML ran code on the server"


@pytest.mark.parametrize("text", [
    "currency: EUR\nzones:\n  - name: !!python/name:os.system\n    countries: [DE]\n    price_cents: 1\n",
    "currency: EUR\nzones:\n  - name: EU\n    countries: !!python/tuple [DE, FR]\n    price_cents: 1\n",
], ids=["name-tag", "tuple-tag"])
def test_python_tags_are_rejected(text):
    """Python-specific YAML tags are refused with RulesError instead of producing Python objects
    inside the rules."""
    with pytest.raises(RulesError):
        load_shipping_rules(text)
