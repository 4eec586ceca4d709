"""The lived-experience toolkit engine: content model, loading, checks and rendering.

Only :mod:`toolkit.engine.mkdocs_adapter` knows about MkDocs; everything else is plain Python
that another static-site engine could call.
"""

from __future__ import annotations

__version__ = "0.1.0"
#: What the toolkit calls itself in what it makes: printed packs, PDF and Word properties
#: (templates have it as the Jinja global TOOLKIT_NAME). The site's own name is mkdocs.yml's site_name.
TOOLKIT_NAME = "Lived Experience at Work toolkit"
