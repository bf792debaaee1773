"""Typed models of every document voipscan reads or writes.

One module per document: ``report`` (the JSON report), ``export`` (the vendor-neutral
export), ``profile``, ``suppressions`` and ``baseline`` (a previous report read back for
drift). The JSON Schemas in ``voipscan/schemas/`` are generated from them by
``python -m voipscan.models.schemas``. pydantic is imported only with these modules, so
import them where a document is read or written, never at start-up.
"""
