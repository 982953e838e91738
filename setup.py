"""The compiled core (boilerstrip._speedups): built at install where a C compiler is found.

Optional: without a compiler the build skips it and boilerstrip runs its pure-Python twin, which
gives the same output (tests/test_speedups.py checks they agree). Everything else is in pyproject.toml.
"""

from setuptools import Extension, setup

setup(ext_modules=[Extension("boilerstrip._speedups", ["boilerstrip/_speedups.c"], optional=True)])
