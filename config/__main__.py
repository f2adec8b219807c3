"""`python -m config`: print the settings table that README.md's Configuration section holds."""

from config.settings import markdown_table

print(markdown_table())
