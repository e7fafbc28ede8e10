"""The set-up script: what a reader on a fresh machine runs first."""

import subprocess

from support import ROOT


def test_setup_stops_with_a_clear_message_on_a_python_older_than_3_11(tmp_path):
    old_python = tmp_path / "python3.10"
    old_python.write_text(  # answers like Python 3.10 would
        "#!/bin/sh\n"
        'case "$1" in -c) exit 1 ;; --version) echo "Python 3.10.14" ;; esac\n'
    )
    old_python.chmod(0o755)
    completed = subprocess.run(
        ["bash", str(ROOT / "tools" / "setup.sh"), "--no-build"],
        env={"PATH": "/usr/bin:/bin", "PYTHON": str(old_python)},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert completed.returncode == 1
    assert "needs Python >= 3.11" in completed.stderr
    assert "found: Python 3.10.14" in completed.stderr
