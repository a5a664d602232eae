"""The PostgreSQL search backend with French keys (see backend.py for why in Python).

The index holds keys already stemmed (home/search/text.py), so PostgreSQL reads them with the
`simple` configuration: whatever SEARCH_CONFIG says, a second stemmer would only blur them.
"""

from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, IntegerField, OuterRef
from django.db.models.functions import Cast
from modelsearch.backends.database.postgres import postgres as stock
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from .backend import AllowsExists, french, is_empty, objects_in_rank_order, ranked_rows, rows, with_indexer
from .text import index_text


class FrenchObjectIndexer(stock.ObjectIndexer):
    """Indexes the keys of the title's and the text's words; autocomplete (and the plain
    copies kept for fuzzy search) keep the words as typed."""

    def as_vector(self, texts, for_autocomplete=False):
        if not for_autocomplete:
            texts = [(index_text(text), weight) for text, weight in texts]
        return super().as_vector(texts, for_autocomplete=for_autocomplete)


class FrenchPostgresIndex(stock.PostgresIndex):
    add_items = with_indexer(stock.PostgresIndex.add_items, stock, FrenchObjectIndexer)


class FrenchPostgresSearchQueryCompiler(AllowsExists, stock.PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        return super().build_tsquery_content(french(query), config=config, invert=invert)

    def fast_path(self):
        """Whether this query is ranked by `hits` (as on SQLite): a positive query ordered by
        relevance, over the index, on a model with an integer primary key."""
        pk = self.queryset.model._meta.pk
        while pk.is_relation:
            pk = pk.target_field
        return (
            self.order_by_relevance
            and self.fields is None
            and isinstance(self.query, (PlainText, Phrase, And, Or))
            and isinstance(pk, IntegerField)
        )

    def hits(self, config):
        """The index entries that match, for objects of the queryset: driven by the index's
        GIN index on title || body, each hit checked against the queryset by primary key.
        modelsearch's own query starts from the queryset and joins the index to it; with the
        site search's filters PostgreSQL chose a plan costing seconds for a rare word."""
        search_query = self.build_tsquery(self.query, config=config)
        vector = F("title")._combine(F("body"), "||", False)  # the GIN index's expression
        return (
            stock.IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(_vector_=vector)
            .filter(_vector_=search_query)
            .annotate(object_pk=Cast("object_id", IntegerField()))
            .filter(Exists(self.queryset.filter(pk=OuterRef("object_pk")))),
            search_query,
        )

    def matches(self, config):
        """(primary key, score) of every object of the searched model whose index entry
        matches, best first; not checked against the queryset (see backend.search_page)."""
        search_query = self.build_tsquery(self.query, config=config)
        vector = F("title")._combine(F("body"), "||", False)  # the GIN index's expression
        rank = SearchRank(F("title"), search_query, weights=self.sql_weights) * F("title_norm") + SearchRank(
            F("body"), search_query, weights=self.sql_weights
        )
        return rows(
            stock.IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(self.queryset.model))
            .annotate(_vector_=vector)
            .filter(_vector_=search_query)
            .annotate(object_pk=Cast("object_id", IntegerField()), score=rank)
            .order_by("-score", "-object_pk")
            .values_list("object_pk", "score")
        )

    def ranked(self, config, start, stop, score_field=None):
        """The objects of one page of results, best first, ranked and limited in SQL, and the
        number of hits in all (None past the last page)."""
        hits, search_query = self.hits(config)
        rank = SearchRank(F("title"), search_query, weights=self.sql_weights) * F("title_norm") + SearchRank(
            F("body"), search_query, weights=self.sql_weights
        )
        rows, total = ranked_rows(hits.annotate(score=rank), start, stop, True)
        return objects_in_rank_order(self.queryset.model, rows, score_field), total


def fast(compiler):
    return isinstance(compiler, FrenchPostgresSearchQueryCompiler) and compiler.fast_path()


class FrenchPostgresSearchResults(stock.PostgresSearchResults):
    # The number of hits in all, read with a page of results (None until then, or past the end).
    total = None

    def _do_search(self):
        compiler = self.query_compiler
        if is_empty(compiler.query):
            return []
        if fast(compiler):
            objects, self.total = compiler.ranked(
                compiler.get_config(self.backend), self.start, self.stop, self._score_field
            )
            return objects
        return super()._do_search()

    def _do_count(self):
        compiler = self.query_compiler
        if is_empty(compiler.query):
            return 0
        if fast(compiler):
            return compiler.hits(compiler.get_config(self.backend))[0].count()
        return super()._do_count()


class FrenchPostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = FrenchPostgresSearchQueryCompiler
    index_class = FrenchPostgresIndex
    results_class = FrenchPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.config = "simple"
