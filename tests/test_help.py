"""Every command explains itself, and the README's command reference lists every command."""
import pytest
import typer.main

from astana_cli.cli import app
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands


def test_there_are_commands_to_check():
    assert {"ingest", "rounds", "quotes", "search"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_for_itself_and_every_option(name):
    command = COMMANDS[name]
    assert (command.help or "").strip(), f"astana {name} has no help text"
    undocumented = [p.name for p in command.params if not (getattr(p, "help", None) or "").strip()]
    assert not undocumented, f"astana {name}: options without help: {undocumented}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_the_readme_reference(name):
    assert f"### `astana {name} --help`" in README, f"astana {name} missing from README's reference: run cog -r README.md"
