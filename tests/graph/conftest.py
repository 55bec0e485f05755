"""Servers on loopback for the store and endpoint tests: a real Oxigraph server, a real
``c2ckg serve``, and a misbehaving endpoint (refuses nothing, but answers slowly, with 500,
with garbage, or fails half-way through a push). Each starts once and is stopped at the end."""
from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from c2ckg import queries
from c2ckg.graph.export import write_build
from c2ckg.graph.store import from_file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def example_params(name: str) -> dict[str, str]:
    """The parameters of a named query's header example."""
    words = shlex.split(queries.get(name).example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


def _wait(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{proc.args[0]} exited with {proc.returncode}: {Path(proc.log).read_text()}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    pytest.fail(f"{url} did not answer within {seconds:g} s")


def _start(args: list[str], log: Path) -> subprocess.Popen:
    with open(log, "wb") as sink:
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=sink)
    proc.log = log
    return proc


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def graph_dir(tmp_path_factory, built) -> Path:
    path = tmp_path_factory.mktemp("graph")
    write_build(built.dataset, built.report, path)
    return path


@pytest.fixture(scope="session")
def local_store(graph_dir):
    return from_file(graph_dir)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A real Oxigraph server (the ``oxigraph`` package's binary), empty, on a free loopback port."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    if not Path(binary).exists():
        pytest.fail("the oxigraph server binary is required: pip install -e '.[test]'")
    port = free_port()
    folder = tmp_path_factory.mktemp("oxigraph")
    proc = _start([binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"], folder / "log")
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/", proc)
    yield base
    _stop(proc)


@pytest.fixture(scope="session")
def c2ckg_server(graph_dir, tmp_path_factory):
    """``c2ckg serve`` in its own process on a free loopback port (query limit: 1 s)."""
    port = free_port()
    proc = _start([sys.executable, "-m", "c2ckg", "serve", "--graph", str(graph_dir), "--port", str(port),
                   "--timeout", "1"], tmp_path_factory.mktemp("serve") / "log")
    base = f"http://127.0.0.1:{port}"
    _wait(base + "/", proc)
    yield base
    _stop(proc)


class _Misbehaving(BaseHTTPRequestHandler):
    """/slow answers after 3 s, /error with 500, /garbage with HTML as results, /store takes
    one write and then fails, /query counts nothing useful."""

    writes = 0

    def log_message(self, *args) -> None:
        pass

    def _answer(self, status: int, body: bytes, kind: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        try:
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (/slow)
            pass

    def _body(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_POST(self) -> None:
        self._body()
        if self.path.startswith("/slow"):
            time.sleep(3)
            self._answer(200, b"{}", "application/sparql-results+json")
        elif self.path.startswith("/error"):
            self._answer(500, b"database is on fire\nsecond line")
        elif self.path.startswith("/garbage"):
            self._answer(200, b"<html><body>hello</body></html>", "text/html")
        elif self.path.startswith("/store"):
            self.do_PUT()
        else:
            self._answer(404, b"not here")

    def do_PUT(self) -> None:
        if self.command == "PUT":
            self._body()
        type(self).writes += 1
        if type(self).writes == 1:
            self._answer(204, b"")
        else:
            self._answer(503, b"disk full")


@pytest.fixture
def misbehaving():
    _Misbehaving.writes = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Misbehaving)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def pushed(oxigraph_server, local_store):
    """The Oxigraph server holding the real graph, pushed once; (query URL, push report)."""
    from c2ckg.graph.push import push

    endpoint = oxigraph_server + "/query"
    return endpoint, push(local_store, gsp=oxigraph_server + "/store", endpoint=endpoint)
