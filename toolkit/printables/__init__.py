"""Printable downloads made at build time from the tool data: PDF (pdf.py) and Word (docx.py),
planned and cached by content hash in downloads.py."""
