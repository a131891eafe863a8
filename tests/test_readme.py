"""The README's example is real output: re-run its command and compare."""

import re
from pathlib import Path

from click.testing import CliRunner

from kibaru.cli import main

REPO = Path(__file__).resolve().parents[1]


def test_readme_example_output_is_what_kibaru_code_prints_today() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- example:begin -->\n```console\n\$ kibaru (.+?)\n(.*?)```", readme, re.DOTALL)
    assert block, "README.md has no example block"
    arguments, shown = block.group(1).split(), block.group(2)
    result = CliRunner().invoke(main, arguments, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    printed = "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())
    assert printed.strip() == shown.strip(), "re-run the README's example and paste its output"
