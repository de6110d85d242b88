"""Annotating a copy of a published disclosure PDF: ``checker run x.pdf --annotate OUT.pdf``.

:mod:`.quotes` says what a finding quotes (the figure or words to highlight), :mod:`.places`
turns each finding's locations into rectangles on pages — through the reader's provenance map
(:mod:`checker.core.reader.pdf_places`) and the characters printed inside those places — and
:mod:`.write` adds one Highlight annotation per located finding, with the message as its note, to
a copy of the PDF (pypdf). The user's PDF is only read.
"""
