"""Scale coding out: run the pipeline on a Dask cluster and hand Parquet parts to the store."""

from __future__ import annotations

from kibaru.scale.dask_engine import Failure, PartPaths, code_on_dask, read_articles, read_part

__all__ = ["Failure", "PartPaths", "code_on_dask", "read_articles", "read_part"]
