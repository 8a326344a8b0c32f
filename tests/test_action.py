"""The GitHub action: valid against GitHub's schema, and its steps run as a runner runs them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import FIXTURES, ROOT

ACTION = ROOT / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*([a-z.\-_]+)\s*\}\}")


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema with one of its bundled schemas (no network)."""
    tool = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run([str(tool), "--builtin-schema", schema, *map(str, files)],
                          capture_output=True, text=True, check=False)


def test_action_is_valid_against_githubs_schema() -> None:
    """action.yml validates against vendor.github-actions."""
    done = check_jsonschema("vendor.github-actions", ACTION)
    assert done.returncode == 0, done.stdout + done.stderr


def _steps() -> dict[str, dict[str, Any]]:
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    return {s["id"]: s for s in action["runs"]["steps"] if "id" in s}


def _env(step: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """The step's env with its ${{ ... }} expressions filled in as the runner would."""
    return {k: EXPRESSION.sub(lambda m: values[m[1]], str(v))
            for k, v in step.get("env", {}).items()}


def _run(step: dict[str, Any], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    # GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`.
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                           step["run"]], env=env, cwd=cwd, capture_output=True, text=True,
                          check=False)


@pytest.mark.slow
def test_action_steps_annotate_build_and_summarise(tmp_path: Path) -> None:
    """Validate, build and summary steps in a desk: annotations, outputs, job summary."""
    desk = tmp_path / "desk"
    shutil.copytree(ROOT / "facts", desk / "facts")
    shutil.copytree(ROOT / "editions", desk / "editions")
    shutil.copytree(FIXTURES / "invalid" / "missing-claimed-by", desk / "facts" / "warned")
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    summary.write_text("")
    output.write_text("")
    action = yaml.safe_load(ACTION.read_text())
    inputs = {f"inputs.{k}": str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs.update({"inputs.to": "json,html", "inputs.strict": "false"})
    base = {"PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            "HOME": str(tmp_path), "GITHUB_ACTIONS": "true", "CI": "true",
            "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output),
            "GITHUB_WORKSPACE": str(desk), "GITHUB_ACTION_PATH": str(ROOT)}
    steps = _steps()

    validate = _run(steps["validate"], {**base, **_env(steps["validate"], inputs)}, desk)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert ("::warning file=facts/warned/sheet.yaml,line=17,col=5,title=FS311::figures[0]: "
            "no `claimed_by`") in validate.stdout

    build = _run(steps["build"], {**base, **_env(steps["build"], inputs)}, desk)
    assert build.returncode == 0, build.stdout + build.stderr
    assert "out=build\n" in output.read_text()
    for name in ("kazakhstan-2022-01.html", "brief/kazakhstan-2022-01.html", "index.html",
                 "feed.xml"):
        assert (desk / "build" / name).is_file(), name

    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    inputs["steps.build.outputs.out"] = outputs["out"]
    told = _run(steps["summary"], {**base, **_env(steps["summary"], inputs)}, desk)
    assert told.returncode == 0, told.stdout + told.stderr
    assert "::notice title=kazakhstan-2022-01::edition 3: " in told.stdout
    text = summary.read_text()
    assert text.startswith("## Kazakhstan unrest, January 2022\n\nEdition 3 · as of ")
    assert "### Changes since edition 2 (as of 2022-01-09T21:00:00+06:00)\n\n" in text
    assert "- Killed: at least 164 → 225\n" in text
    assert "### Corrections and retractions\n\n- Killed (at least 164) withdrawn on " \
           "2022-01-10: " in text
    assert text.count("\n## ") == 1 and "\n## Unrest in Almaty\n" in text  # both sheets


def test_summary_escapes_markdown(tmp_path: Path) -> None:
    """A fact's text is shown as written: no Markdown or HTML of its own."""
    from factsheet.site.summary import md

    assert md("<script>*x*</script> [a](b) | #1") == \
        r"\<script\>\*x\*\</script\> \[a\](b) \| \#1"


def test_documented_workflows_are_valid(tmp_path: Path) -> None:
    """Every workflow in docs/ci.md validates against vendor.github-workflows."""
    text = (ROOT / "docs" / "ci.md").read_text()
    workflows = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "\njobs:" in b]
    assert len(workflows) == 2
    files = []
    for n, block in enumerate(workflows):
        files.append(tmp_path / f"workflow-{n}.yml")
        files[-1].write_text(block)
    done = check_jsonschema("vendor.github-workflows", *files)
    assert done.returncode == 0, done.stdout + done.stderr
    pins = re.findall(r"factsheet-dev/factsheet@([^\s`\"]+)", text)
    assert pins and all(re.fullmatch(r"[0-9a-f]{40}", pin) for pin in pins)  # a SHA, no tag
