"""The compiled core: built at install where a C compiler is found.

Optional: without a compiler the build skips it and boilerstrip runs its pure-Python twin, which
gives the same output (tests/test_speedups.py checks they agree). ``boilerstrip._speedups`` counts
tokens and walks the trees; ``boilerstrip._walk`` walks the DOM and needs lxml's C headers, which
lxml ships (pyproject.toml puts lxml in the build requirements). Everything else is in pyproject.toml.
"""

from setuptools import Extension, setup

extensions = [Extension("boilerstrip._speedups", ["boilerstrip/_speedups.c"], optional=True)]
try:
    import lxml
except ImportError:  # no lxml to build against: the Python walk runs
    pass
else:
    extensions.append(Extension("boilerstrip._walk", ["boilerstrip/_walk.c"], include_dirs=lxml.get_include(),
                                optional=True))  # fmt: skip

setup(ext_modules=extensions)
