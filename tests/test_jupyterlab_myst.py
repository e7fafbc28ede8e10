"""JupyterLab renders the book's MyST markdown ({exercise}, {solution}, {note}, ...).

The jupyterlab-myst extension does that. It only works with the JupyterLab versions
it was built for, so requirements.txt pins both; this test fails when the extension
is missing, disabled, or reported as incompatible with the installed JupyterLab.
"""

import re
import subprocess

import pytest

from support import jupyter_command, without_colours

EXTENSION = "jupyterlab-myst"


@pytest.fixture(scope="module")
def labextension_list():
    completed = subprocess.run(
        jupyter_command() + ["labextension", "list"],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return without_colours(completed.stdout + completed.stderr)


def test_jupyterlab_myst_is_installed_enabled_and_compatible(labextension_list):
    lines = [
        line.strip()
        for line in labextension_list.splitlines()
        if re.match(rf"\s*{re.escape(EXTENSION)}\s+v\d", line)
    ]
    assert lines, (
        f"{EXTENSION} is not installed in this environment; install the project's "
        f"requirements (pip install -r requirements.txt). `jupyter labextension list`:\n"
        f"{labextension_list}"
    )
    words = lines[0].split()
    assert "enabled" in words and "disabled" not in words, (
        f"{EXTENSION} is installed but not enabled: {lines[0]!r}. Enable it with "
        f"`jupyter labextension enable {EXTENSION}` (and `jupyter labextension unlock "
        f"{EXTENSION}` if it is locked)."
    )
    assert "OK" in words, (
        f"{EXTENSION} does not fit the installed JupyterLab: {lines[0]!r}\n"
        f"{labextension_list}\nInstall the versions pinned in requirements.txt."
    )
    assert "locked" not in lines[0], f"{EXTENSION} is locked: {lines[0]!r}"
    assert f"{EXTENSION}@" not in labextension_list, (
        f"JupyterLab reports a conflict for {EXTENSION}:\n{labextension_list}"
    )
