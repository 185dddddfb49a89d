"""The PDF fonts moved to the kernel (``bangphlat.thaifont``): training's certificates need
them too, and training sits below the handbook. The book's modules still import them here."""

from bangphlat.thaifont import FACES, font_face_css, install, pdf_font_path, source_digest

__all__ = ["FACES", "font_face_css", "install", "pdf_font_path", "source_digest"]
