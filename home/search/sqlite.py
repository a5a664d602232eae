"""The SQLite FTS5 search backend with French keys and a ranking paid once per request.

modelsearch's SQLite backend ranks by a correlated subquery that runs the full-text match
again for every hit (2.3 s of CPU for "parents" at 10,000 profiles). Here the hits are read
from the FTS table once, ranked by bm25 there, limited to the page of results in SQL, and only
those objects are loaded.
"""

from django.db.models import Exists, FloatField, Func, IntegerField, OuterRef
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from modelsearch.backends.database.sqlite import sqlite as stock
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from .backend import AllowsExists, french, is_empty, objects_in_rank_order, ranked_rows, rows, with_indexer
from .text import index_text

# bm25 weights of the FTS5 table's columns, in the order of its migration: autocomplete,
# body, title. A word in the title counts five times a word in the text.
BM25_WEIGHTS = (0.0, 1.0, 5.0)


class FrenchObjectIndexer(stock.ObjectIndexer):
    """Indexes the keys of the title's and the text's words; autocomplete keeps the words as
    typed (the admin's choosers complete on prefixes of real words)."""

    @cached_property
    def title(self):
        return index_text(stock.ObjectIndexer.title.func(self))

    @cached_property
    def body(self):
        return index_text(stock.ObjectIndexer.body.func(self))


class FrenchSQLiteIndex(stock.SQLiteIndex):
    add_items = with_indexer(stock.SQLiteIndex.add_items, stock, FrenchObjectIndexer)


class WeightedBM25(Func):
    """bm25() of the FTS table with BM25_WEIGHTS (lower is better)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        weights = ", ".join(str(weight) for weight in BM25_WEIGHTS)
        return f"bm25({stock.SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


class FrenchSQLiteSearchQueryCompiler(AllowsExists, stock.SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        return super().build_search_query_content(french(query), config=config)

    def fast_path(self):
        """Whether this query is ranked by `hits`: a positive query ordered by relevance over
        a model with an integer primary key (the site search, the admin's page search)."""
        pk = self.queryset.model._meta.pk
        while pk.is_relation:  # a page type's pk is its link to Page
            pk = pk.target_field
        return (
            self.order_by_relevance
            and isinstance(normalize(self.query), (PlainText, Phrase, And, Or))
            and isinstance(pk, IntegerField)
        )

    def hits(self, config):
        """The FTS rows that match, for objects of the queryset: one query, no subquery per hit."""
        query = normalize(self.query)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        return (
            stock.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(object_pk=Cast("index_entry__object_id", IntegerField()))
            # Each hit checked against the queryset's filters (an EXISTS by primary key),
            # rather than `object_pk IN (the whole queryset)`, built for every page whatever
            # the number of hits.
            .filter(Exists(self.queryset.filter(pk=OuterRef("object_pk"))))
        )

    def matches(self, config):
        """(primary key, score) of every object of the searched model whose index entry
        matches, best first; not checked against the queryset (see backend.search_page)."""
        query = normalize(self.query)
        match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
        return rows(
            stock.SQLiteFTSIndexEntry.objects.filter(match)
            .filter(index_entry__content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(object_pk=Cast("index_entry__object_id", IntegerField()), score=WeightedBM25())
            .order_by("score", "-object_pk")
            .values_list("object_pk", "score")
        )

    def ranked(self, config, start, stop, score_field=None):
        """The objects of one page of results, best first, ranked and limited in SQL, and the
        number of hits in all (None past the last page)."""
        rows, total = ranked_rows(self.hits(config).annotate(score=WeightedBM25()), start, stop, False)
        # bm25 is lower for better hits: the score shown is its opposite.
        return objects_in_rank_order(self.queryset.model, rows, score_field, sign=-1), total


def fast(compiler):
    """Whether the results go through `ranked` and `hits` (never autocomplete's)."""
    return isinstance(compiler, FrenchSQLiteSearchQueryCompiler) and compiler.fast_path()


class FrenchSQLiteSearchResults(stock.SQLiteSearchResults):
    # The number of hits in all, read with a page of results (None until then, or past the end).
    total = None

    def _do_search(self):
        compiler = self.query_compiler
        if is_empty(compiler.query):
            return []
        config = compiler.get_config(self.backend)
        if fast(compiler):
            objects, self.total = compiler.ranked(config, self.start, self.stop, self._score_field)
            return objects
        return super()._do_search()

    def _do_count(self):
        compiler = self.query_compiler
        if is_empty(compiler.query):
            return 0
        if fast(compiler):
            return compiler.hits(compiler.get_config(self.backend)).count()
        return super()._do_count()


class FrenchSQLiteSearchBackend(stock.SQLiteSearchBackend):
    query_compiler_class = FrenchSQLiteSearchQueryCompiler
    index_class = FrenchSQLiteIndex
    results_class = FrenchSQLiteSearchResults
