import json

import pytest

from app_errors import ConfigError
from tenant_config import load_tenant_config


def test_bad_json_error_keeps_its_cause(tmp_path):
    """A syntax error in a tenant file raises ConfigError from the JSON error, naming the file."""
    path = tmp_path / "acme.json"
    path.write_text('{"tenant_id": "acme", "plan": }', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_tenant_config(path)
    assert "acme.json" in str(info.value), f"message: {info.value}"
    assert isinstance(info.value.__cause__, json.JSONDecodeError), f"__cause__: {info.value.__cause__!r}"
