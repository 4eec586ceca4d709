"""MkDocs hooks: hand each event to the toolkit's adapter; no logic lives here.

Named toolkit_hooks.py, not toolkit.py: MkDocs puts this folder first on sys.path while
loading it, and a file named after the package would shadow it.
"""

from toolkit.engine import mkdocs_adapter

on_startup = mkdocs_adapter.on_startup
on_config = mkdocs_adapter.on_config
on_files = mkdocs_adapter.on_files
on_page_markdown = mkdocs_adapter.on_page_markdown
on_page_content = mkdocs_adapter.on_page_content
on_env = mkdocs_adapter.on_env
on_post_build = mkdocs_adapter.on_post_build
