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
    pytest.param("currency: EUR\n", id="a file without zones"),
    pytest.param("currency: JPY\nzones: [{name: Japan, countries: [JP], price_cents: 900}]\n",
                 id="an unsupported currency"),
    pytest.param("currency: EUR\nzones: []\n", id="an empty list of zones"),
    pytest.param("currency: EUR\nzones: [{name: EU, countries: [de], price_cents: 900}]\n",
                 id="a lower-case country code"),
    pytest.param("currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: -1}]\n",
                 id="a negative price"),
    pytest.param("currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: 9.5}]\n",
                 id="a price with a fraction of a cent"),
    pytest.param("currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: true}]\n",
                 id="a yes or no value as the price"),
    pytest.param("currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: 100, free_over_cents: lots}]\n",
                 id="a free-shipping threshold that is not a number"),
    pytest.param("- just\n- a list\n", id="a list instead of a mapping"),
    pytest.param("currency: EUR\nzones: [unclosed\n", id="an unclosed bracket in the zones"),
    pytest.param("currency: [EUR\n", id="an unclosed bracket in the currency"),
    pytest.param("", id="an empty file"),
    pytest.param("currency: EUR\nvalid_from: 2025-02-30\nzones: [{name: EU, countries: [DE], price_cents: 1}]\n",
                 id="a date that does not exist"),
    pytest.param("currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: !!int lots}]\n",
                 id="a whole-number tag on a word"),
    pytest.param("currency: EUR\nzones: [{name: EU, countries: [DE], price_cents: 1, express: !!bool maybe}]\n",
                 id="a yes-or-no tag on a word"),
    pytest.param("currency: EUR\nvalid_from: !!timestamp soon\nzones: [{name: EU, countries: [DE], price_cents: 1}]\n",
                 id="a date tag on a word"),
]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_files_raise_rules_error(text):
    """An invalid or malformed file raises RulesError (not a YAML or Python error, whatever the
    parser raised), so the admin shows the merchant a message instead of a 500 page."""
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


@pytest.mark.parametrize("payload", CODE_PAYLOADS, ids=["a tag that calls a function", "a function call inside a zone", "the long form of a Python tag",
     "a tag that creates a Python object", "a Python object nested in a list"])
def test_uploaded_yaml_cannot_run_code(tmp_path, payload):
    """A file with YAML tags that construct Python objects is rejected with RulesError and runs
    nothing — otherwise any merchant account can execute code on the server."""
    marker = tmp_path / "pwned.txt"
    text = payload.format(marker=str(marker).replace("\\", "/"))
    with pytest.raises(RulesError):
        load_shipping_rules(text)
    assert not marker.exists(), "the uploaded YAML ran code on the server"


PYTHON_TAGS = [
    pytest.param("currency: EUR\nzones:\n  - name: !!python/name:os.system\n    countries: [DE]\n    price_cents: 1\n",
                 id="a Python function name"),
    pytest.param("currency: EUR\nzones:\n  - name: EU\n    countries: !!python/tuple [DE, FR]\n    price_cents: 1\n",
                 id="a Python tuple"),
    pytest.param("currency: EUR\nzones:\n  - name: !!python/str Germany\n    countries: [DE]\n    price_cents: 490\n",
                 id="a Python string tag on a valid name"),
    pytest.param("currency: EUR\nzones:\n  - name: Germany\n    countries: [DE]\n    price_cents: !!python/int 490\n",
                 id="a Python integer tag on a valid price"),
    pytest.param("currency: !!python/str EUR\nzones:\n  - name: Germany\n    countries: [DE]\n    price_cents: 490\n",
                 id="a Python string tag on a valid currency"),
]


@pytest.mark.parametrize("text", PYTHON_TAGS)
def test_python_tags_are_rejected(text):
    """Every Python-specific YAML tag is refused with RulesError, even when the value it builds
    would pass validation: a loader that understands any Python tag is one bypass away from
    running code, so the upload must be parsed as plain data only."""
    with pytest.raises(RulesError):
        load_shipping_rules(text)
