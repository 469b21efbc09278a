"""The portico command: coverage report, options, environment, signals."""

import pathlib
import re
import signal
import subprocess

import pytest

from conftest import BINARY


def test_coverage_report_counts_operations_per_service():
    output = subprocess.run([BINARY, "coverage"], capture_output=True, text=True, check=True, timeout=60).stdout
    counts = {m.group(1): (int(m.group(2)), int(m.group(3)))
              for m in re.finditer(r"^(\S+): (\d+)/(\d+) operations implemented$", output, re.M)}
    assert set(counts) == {"apigateway", "apigatewayv2", "apigatewaymanagementapi"}
    assert counts["apigateway"][1] == 124
    assert counts["apigatewayv2"][1] == 103
    assert counts["apigatewaymanagementapi"] == (0, 3)
    assert counts["apigateway"][0] == 121
    missing_v1 = re.search(r"^apigateway: .*\n  missing \(\d+\): (.*)$", output, re.M).group(1).split(", ")
    # Only the operations that need authorizers and a stage cache are missing from the REST control plane.
    assert sorted(missing_v1) == ["FlushStageAuthorizersCache", "FlushStageCache", "TestInvokeAuthorizer"]


def start(*arguments, env=None):
    import os

    process = subprocess.Popen(
        [BINARY, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, **(env or {})),
    )
    return process, process.stdout.readline()


def test_port_from_the_environment_and_flags_override_it():
    from conftest import free_port

    port = free_port()
    process, ready = start(env={"PORTICO_PORT": str(port), "PORTICO_LOG_LEVEL": "error"})
    try:
        assert ready.strip() == f"Portico is ready on http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
    other = free_port()
    process, ready = start("--port", str(other), env={"PORTICO_PORT": str(port)})
    try:
        assert ready.strip().endswith(f":{other}")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signals_shut_down_cleanly(sig):
    process, ready = start("--port", "0", "--log-level", "error")
    assert "ready" in ready
    process.send_signal(sig)
    assert process.wait(timeout=10) == 0


def test_bad_options_are_refused_with_a_message():
    completed = subprocess.run([BINARY, "--log-level", "loud"], capture_output=True, text=True, timeout=30)
    assert completed.returncode != 0
    assert "--log-level must be one of" in completed.stderr
    completed = subprocess.run([BINARY, "--port", "70000"], capture_output=True, text=True, timeout=30)
    assert completed.returncode != 0
    assert "--port must be between 0 and 65535" in completed.stderr


def test_help_documents_options_and_environment():
    output = subprocess.run([BINARY, "serve", "--help"], capture_output=True, text=True, timeout=30).stdout
    for text in ("--host", "PORTICO_HOST", "--port", "PORTICO_PORT", "--log-level", "PORTICO_LOG_LEVEL"):
        assert text in output


def test_codegen_reports_a_bad_model_as_file_error_message(tmp_path):
    codegen = str(pathlib.Path(BINARY).parent / "portico-codegen")
    model = tmp_path / "service-2.json"
    model.write_text('{"metadata": {"apiVersion": "1", "endpointPrefix": "x", "protocol": "query", "serviceId": "X"},'
                     ' "operations": {}, "shapes": {}}')
    completed = subprocess.run([codegen, "--spec", str(model), "--module", "X", "--output", str(tmp_path / "out")],
                               capture_output=True, text=True, timeout=30)
    assert completed.returncode == 1
    assert completed.stderr == f"{model}: error: unsupported protocol 'query' (only rest-json is supported)\n"
    assert not (tmp_path / "out").exists()
