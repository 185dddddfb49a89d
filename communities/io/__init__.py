"""Spreadsheets in and out: reading a file (importing), planning each row (import_plan and
one plan per kind), the columns (resources), exports, and their pages (views)."""
