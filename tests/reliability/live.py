"""A live zonula server in a subprocess (uvicorn on a free loopback port), for crash tests and the soak."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SECRET = "reliability-secret-key-0123456789"


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    """A running uvicorn process serving zonula and the URL it answers on."""

    proc: subprocess.Popen[bytes]
    base: str

    def kill(self) -> None:
        """SIGKILL: no shutdown handlers, no flush, like a power cut for the process."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        """A polite stop (SIGTERM), then SIGKILL if it hangs."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def start_app(url: str, data_dir: Path, *, mode: str = "multi", timeout: float = 60.0) -> LiveServer:
    """uvicorn serving the app over the store at `url`; waits until it answers."""
    port = free_port()
    env = {**os.environ, "ZONULA_DATABASE_URL": url, "ZONULA_DATA_DIR": str(data_dir), "ZONULA_MODE": mode,
           "ZONULA_SECRET_KEY": SECRET, "PYTHONPATH": str(ROOT / "src"), "ZONULA_TIMEZONE": "Asia/Shanghai"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "zonula.web.asgi:app", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning", "--no-access-log"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"the app exited with {proc.returncode}: {err[-2000:]}")
        try:
            if httpx.get(base + "/api/v1/openapi.json", timeout=2).status_code == 200:
                return LiveServer(proc, base)
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the app did not start in time")
