"""The lived-experience toolkit engine: content model, loading, checks and rendering.

Only :mod:`toolkit.mkdocs_adapter` knows about MkDocs; everything else is plain Python
that another static-site engine could call.
"""

from __future__ import annotations

__version__ = "0.1.0"
