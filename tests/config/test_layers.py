"""The layering of the apps (docs/architecture.md) is checked by import-linter's contracts
in pyproject.toml (`make lint` runs `lint-imports`). Here: they hold, and they do catch a
violating import."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def packages() -> list[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=where, capture_output=True, text=True, check=False
    )


def test_the_apps_keep_their_layers():
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_an_app_importing_one_above_it_breaks_the_contract(tmp_path):
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for package in packages():
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("*.pyc"))
    (tmp_path / "regio" / "schending.py").write_text("import workflows.flows\n")
    (tmp_path / "notifications" / "outbox.py").write_text(
        (tmp_path / "notifications" / "outbox.py").read_text() + "\nfrom . import tasks\n"
    )
    result = lint(tmp_path)
    assert result.returncode == 1
    assert "An app imports only the apps below it BROKEN" in result.stdout
    assert "regio.schending -> workflows.flows" in result.stdout
    assert "the outbox only writes rows BROKEN" in result.stdout
