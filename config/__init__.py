"""ProdReady's settings: every environment variable it reads, in one module."""

from config.settings import SETTINGS, Settings, SettingsError, current

__all__ = ["SETTINGS", "Settings", "SettingsError", "current"]
