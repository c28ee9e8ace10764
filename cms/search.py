"""Full-text search for Chinese. The database search backends split words on spaces and
punctuation, so a run of Chinese characters is one 'word' and a search for part of it finds
nothing. As CJK-aware search engines do, we index the single characters and the overlapping
pairs (bigrams) of every Chinese run, and turn a query into the same pairs."""

from incubator.kernel.text import CJK_RUN


def _grams(run: str) -> list[str]:
    """A one-character run stays as it is; a longer run becomes its overlapping pairs."""
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def cjk_index_text(text: str) -> str:
    """Extra text to index beside ``text``: its non-Chinese words (split away from adjoining
    Chinese), and every character and pair of its Chinese runs, repeated as often as they occur
    so that relevance ranking still counts them."""
    runs = CJK_RUN.findall(text)
    if not runs:
        return ""
    terms: list[str] = [CJK_RUN.sub(" ", text).strip()]
    for run in runs:
        terms.extend(run)
        if len(run) > 1:
            terms.extend(_grams(run))
    return " ".join(terms)


def cjk_search_query(query: str) -> str:
    """The query as terms the index holds: Chinese runs become pairs, other words stay."""
    if not CJK_RUN.search(query):
        return query
    terms: list[str] = []
    for word in query.split():
        terms.extend(piece for piece in CJK_RUN.split(word) if piece.strip())
        for run in CJK_RUN.findall(word):
            terms.extend(_grams(run))
    return " ".join(dict.fromkeys(terms))
