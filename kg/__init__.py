"""VanKien KG: trace how Vietnamese Party and state documents cite and implement each other.

The public face is the library API in :mod:`kg.api`; the ``kg`` command is a thin layer over it.
"""

__version__ = "0.3.0"
