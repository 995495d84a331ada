"""The capdev command and the production settings."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(*args, **env):
    return subprocess.run([sys.executable, "-m", "capdev.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=120)


def test_capdev_lists_its_commands_with_hyphens_or_underscores():
    out = run("help")
    assert out.returncode == 0
    assert "load_reference" in out.stdout and "import_legacy" in out.stdout
    assert run("load-reference", "--help").returncode == 0
    assert "import" in run("import-legacy", "--help").stdout


def test_production_settings_pass_check_deploy(tmp_path):
    out = run("check", "--deploy", "--fail-level", "WARNING",
              DJANGO_SETTINGS_MODULE="capdev.settings.production", SECRET_KEY="x" * 30 + "-Ab3$" * 10,
              DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", ALLOWED_HOSTS="capdev.example.org")
    assert out.returncode == 0, out.stderr + out.stdout
    assert "no issues" in out.stdout


def test_production_settings_refuse_a_missing_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    out = subprocess.run([sys.executable, "-m", "capdev.cli", "check"], cwd=ROOT, capture_output=True, text=True,
                         env={**env, "DJANGO_SETTINGS_MODULE": "capdev.settings.production",
                              "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}, timeout=120)
    assert out.returncode != 0
    assert "SECRET_KEY" in out.stderr


def test_production_static_files_collect(tmp_path):
    """The manifest storage resolves every url() and source map the vendored files reference."""
    out = run("collectstatic", "--noinput", "-v0",
              DJANGO_SETTINGS_MODULE="capdev.settings.production", SECRET_KEY="x" * 30 + "-Ab3$" * 10,
              DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", CAPDEV_VAR_DIR=str(tmp_path / "var"))
    assert out.returncode == 0, out.stderr[-2000:]
    assert (tmp_path / "var" / "static" / "staticfiles.json").exists()
