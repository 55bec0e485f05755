"""c2c-kg: a knowledge graph of city-to-city environmental and climate collaboration.

The folders of the repository install as subpackages of ``c2ckg``: ``c2ckg.ontology``,
``c2ckg.kg_build``, ``c2ckg.graph`` and ``c2ckg.queries``; ``c2ckg.cli`` is the command line.
"""
__version__ = "0.1.0"
