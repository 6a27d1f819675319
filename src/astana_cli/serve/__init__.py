"""``astana serve``: the database as a site, in datasette (the optional extra ``astana-cli[web]``).

- ``schema``: the views and people tables (store migration m008); no datasette needed.
- ``plugin``: the datasette plugin: astana's normalization and search as SQL functions
  (``astana_normalize``, ``astana_terms``, ``astana_search``), right-to-left Arabic cells, links
  between quotes, rounds, people and articles; read-only connections.
- ``site``: the datasette instance (metadata, canned queries, settings) and the server.
"""
