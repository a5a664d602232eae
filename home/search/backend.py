"""Wagtail's database search, taught French (settings: WAGTAILSEARCH_BACKENDS).

The stemming happens in Python, on both databases, in what is indexed and in what is searched
(home/search/text.py): the index holds each word's key ("ateliers" → `ateli`) and a query's
words are turned into keys the same way. Why not PostgreSQL's own `french` configuration with
`unaccent` there? It would need a migration that creates the extension and a text search
configuration (CREATE EXTENSION needs rights a hosted database may not give the site's role),
SQLite has no stemmer at all, and two stemmers would give two slightly different searches.
With one function both databases find the same pages for the same words, and the tests prove
it once for both. PostgreSQL indexes the keys with the `simple` configuration (lower case, no
stemming, no stop words).

Which database: like `wagtail.search.backends.database` (modelsearch), chosen from the default
connection's vendor. After changing what is indexed, run `manage.py update_index`.
"""

import hashlib
import types

from django.core.cache import cache
from django.db import connection, connections
from django.db.models import Exists, Lookup
from modelsearch.query import And, Or, Phrase, PlainText

from .text import index_text, query_terms


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    if connection.vendor == "postgresql":
        from .postgres import FrenchPostgresSearchBackend

        return FrenchPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from .sqlite import FrenchSQLiteSearchBackend

        return FrenchSQLiteSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as stock

    return stock(params)


def french(query):
    """A PlainText or Phrase query with its words replaced by their keys; others as they are
    (And and Or are rebuilt leaf by leaf by the compiler, which calls this on each leaf)."""
    if isinstance(query, PlainText):
        return PlainText(" ".join(query_terms(query.query_string)), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(index_text(query.query_string), boost=query.boost)
    return query


def ranked_rows(hits, start, stop, best_first_descending):
    """One page of `hits` (a queryset with `object_pk` and `score`), best first, and the number
    of hits in all, in one query: the page's rows carry the count of every hit (a window
    function over the filtered hits) instead of a second query that would filter them again.

    Returns (rows, total); `total` is None when the page is empty (past the last page).
    SQLite cannot use bm25() inside a window's query, hence the subquery."""
    sql, params = hits.values_list("object_pk", "score").query.sql_with_params()
    connection = connections[hits.db]
    order = "DESC" if best_first_descending else "ASC"
    limit = stop - start if stop is not None else (-1 if connection.vendor == "sqlite" else None)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT hits.object_pk, hits.score, COUNT(*) OVER () FROM ({sql}) hits "
            f"ORDER BY hits.score {order}, hits.object_pk DESC "
            + ("LIMIT %s " if limit is not None else "")
            + "OFFSET %s",
            [*params, *([limit] if limit is not None else []), start],
        )
        fetched = cursor.fetchall()
    total = fetched[0][2] if fetched else None
    return [(pk, score) for pk, score, _total in fetched], total


VISIBLE_SECONDS = 10 * 60


def rows(queryset):
    """The rows of a values_list queryset as the database gives them: its thousands of
    (primary key, score) pairs without a converter call per value (both are numbers in SQL)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def visible_ids(queryset):
    """The primary keys of `queryset` (the pages a search may list), from the cache while they
    may still be right: the key is the queryset's SQL (its locale, today's date for the
    lapsed-membership check, the view restrictions' paths are in it) and the generation that
    publishing, unpublishing, moving or deleting a page and a change of membership bump
    (home/chrome.py). Ten minutes at most: a per-process cache does not see another
    process's bump. What is shown is checked again (`search_page`)."""
    from home import chrome

    sql, params = queryset.values_list("pk").query.sql_with_params()
    material = repr((queryset.db, sql, params, chrome.generation()))
    key = "search:visible:" + hashlib.sha256(material.encode()).hexdigest()
    ids = cache.get(key)
    if ids is None:
        ids = frozenset(queryset.values_list("pk", flat=True))
        cache.set(key, ids, VISIBLE_SECONDS)
    return ids


def search_page(queryset, query, start, stop, operator=None):
    """One page of the search for `query` among `queryset`, best first, and the number of hits:
    (objects, total).

    With the French backends: the index's matches are read once, ranked and unfiltered (no
    check of each hit against the queryset in SQL), kept if their page is in the queryset's
    cached set of primary keys (`visible_ids`), counted, and the page's own rows are checked
    against the queryset again, in SQL, before they are shown. So the cost follows the page
    size, not the number of hits, and a page that stopped being public is never shown even
    while the cached set is stale (the count may then be off by it, for ten minutes at most).
    Other backends: their own results and count."""
    results = queryset.search(query, operator=operator)
    compiler = results.query_compiler
    if is_empty(compiler.query):
        return [], 0
    if not (hasattr(compiler, "matches") and compiler.fast_path()):
        return list(results[start:stop]), results.count()
    visible = visible_ids(queryset)
    rows = [row for row in compiler.matches(compiler.get_config(results.backend)) if row[0] in visible]
    page = rows[start:stop]
    still = set(queryset.filter(pk__in=[pk for pk, _score in page]).values_list("pk", flat=True))
    return objects_in_rank_order(queryset.model, [row for row in page if row[0] in still]), len(rows)


def objects_in_rank_order(model, rows, score_field=None, sign=1):
    """The objects of `(pk, score)` rows, loaded by primary key and kept in the rows' order;
    `score_field`, when asked, set to `sign * score`. The rows passed the queryset's filters
    in SQL: a row whose object has since gone is skipped."""
    objects = model._default_manager.in_bulk([pk for pk, _score in rows])
    results = []
    for pk, score in rows:
        obj = objects.get(pk)
        if obj is not None:
            if score_field:
                setattr(obj, score_field, sign * score)
            results.append(obj)
    return results


def is_empty(query):
    """Whether a query has no key left to look for (only punctuation, say)."""
    if isinstance(query, (PlainText, Phrase)):
        return not french(query).query_string
    if isinstance(query, (And, Or)):
        return all(is_empty(subquery) for subquery in query.subqueries)
    return False


class AllowsExists:
    """A query compiler mixin: the queryset searched may be filtered by an EXISTS subquery.

    modelsearch checks each filter of the queryset against the model's FilterFields, for
    backends that translate filters (Elasticsearch); it has no case for an EXISTS and fails
    on it. The database backends run the queryset's filters as SQL, so an EXISTS is fine
    there: an app's PUBLIC_PAGES exclusion (home/hooks.py) may use one.
    """

    def _get_filters_from_where_node(self, where_node, check_only=False):
        if check_only and isinstance(where_node, Lookup) and isinstance(where_node.lhs, Exists):
            return None
        return super()._get_filters_from_where_node(where_node, check_only=check_only)


def with_indexer(add_items, module, indexer_class):
    """modelsearch's `add_items` (SQLite or PostgreSQL), building `indexer_class` instead of its
    module's ObjectIndexer.

    Trap: modelsearch builds its ObjectIndexer by name inside add_items, with no hook to choose
    another. Rather than copying that function, or swapping the module's global for the call
    (not thread-safe), this is the same code object run with a copy of its module's globals in
    which ObjectIndexer is ours. It has no closure (no zero-argument super()).
    """
    globals_ = {**vars(module), "ObjectIndexer": indexer_class}
    return types.FunctionType(add_items.__code__, globals_, add_items.__name__, add_items.__defaults__)
