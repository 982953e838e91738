"""Thin adapters that run boilerstrip on cluster engines: Ray, datatrove and Spark.

Each is an optional extra (``pip install 'boilerstrip[ray]'``, ``[datatrove]``, ``[spark]``) and a
few lines over :func:`boilerstrip.corpus.iter_records` and :func:`boilerstrip.corpus.clean_record`,
so every engine gives the rows ``boilerstrip corpus`` writes: id, url, text (and error).
"""
