"""The PostgreSQL search backend with French keys (see backend.py for why in Python).

The index holds keys already stemmed (home/search/text.py), so PostgreSQL reads them with the
`simple` configuration: whatever SEARCH_CONFIG says, a second stemmer would only blur them.
"""

from modelsearch.backends.database.postgres import postgres as stock

from .backend import AllowsExists, french, is_empty, with_indexer
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


class FrenchPostgresSearchResults(stock.PostgresSearchResults):
    def _do_search(self):
        if is_empty(self.query_compiler.query):
            return []
        return super()._do_search()

    def _do_count(self):
        if is_empty(self.query_compiler.query):
            return 0
        return super()._do_count()


class FrenchPostgresSearchBackend(stock.PostgresSearchBackend):
    query_compiler_class = FrenchPostgresSearchQueryCompiler
    index_class = FrenchPostgresIndex
    results_class = FrenchPostgresSearchResults

    def __init__(self, params):
        super().__init__(params)
        self.config = "simple"
