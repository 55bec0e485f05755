"""Shared fixtures: the real corpus, the shipped data, and graphs built once per session."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from c2ckg.kg_build.build import build
from c2ckg.kg_build.catalog import default_data_dir

REPO = Path(__file__).resolve().parents[1]


def _corpus_dir() -> Path:
    return Path(os.environ.get("C2CKG_CORPUS", REPO.parent / "shared" / "corpus"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    path = _corpus_dir()
    if not path.is_dir():
        pytest.fail(f"the corpus is required for the tests: {path} not found (set C2CKG_CORPUS)")
    return path


@pytest.fixture(scope="session")
def built(corpus_dir):
    """The real graph, built from the shipped data with the real corpus."""
    return build(corpus_dir=corpus_dir)


@pytest.fixture(scope="session")
def built_without_corpus():
    return build()


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped curated data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target, ignore=shutil.ignore_patterns("drafts"))
    return target


@pytest.fixture
def corpus_copy(tmp_path, corpus_dir) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(corpus_dir, target)
    return target
