"""Docstring examples of the installed modules run as tests."""
import doctest
import importlib
import pkgutil

import pytest

PACKAGES = ["c2ckg", "c2ckg.ontology", "c2ckg.kg_build", "c2ckg.graph", "c2ckg.queries"]


def _modules():
    # Each package is listed: with the package-dir mapping, subpackages do not sit under
    # c2ckg's own folder, so walking c2ckg.__path__ alone would miss them.
    for name in PACKAGES:
        yield name
        package = importlib.import_module(name)
        for info in pkgutil.iter_modules(package.__path__, name + "."):
            if not info.name.endswith("__main__"):
                yield info.name


@pytest.mark.parametrize("name", sorted(_modules()))
def test_docstring_examples(name):
    module = importlib.import_module(name)
    failures, _tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_modules_with_examples_exist():
    tried = sum(doctest.testmod(importlib.import_module(n))[1] for n in _modules())
    assert tried >= 10
