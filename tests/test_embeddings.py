"""The ask path's embedding memo (embeddings.Memo) over the real e5-small model: it must give
the vectors the model gives, embed each text once while it is remembered, stay within its size,
and keep ingestion's counts honest."""

from __future__ import annotations

import threading

import numpy as np

from scqa import Assistant
from scqa.embeddings import Memo, get_embedder

SENTENCES = [
    "Đề án 950 được phê duyệt ngày 1/8/2018.",
    "Hue-S brings many public services together in one app.",
    "Bộ Xây dựng là cơ quan chủ trì triển khai Đề án.",
    "Resolution 52-NQ/TW was issued on 27 September 2019.",
]


def test_memo_gives_the_models_vectors_and_embeds_each_text_once():
    e5 = get_embedder("e5-small")
    memo = Memo(e5)
    want = e5.embed_passages(SENTENCES)
    before = e5.texts_embedded
    got = memo.embed_passages([SENTENCES[2], SENTENCES[0], SENTENCES[2]])
    assert e5.texts_embedded - before == 2, "a text repeated in one batch is embedded once"
    np.testing.assert_array_equal(got, want[[2, 0, 2]])
    got = memo.embed_passages(SENTENCES)  # two remembered, two new, in the asked order
    assert e5.texts_embedded - before == 4
    np.testing.assert_array_equal(got, want)
    assert memo.hits == 2
    q = memo.embed_query(SENTENCES[0])
    assert e5.texts_embedded - before == 5, "a query is not a passage: e5 prefixes them apart"
    np.testing.assert_array_equal(q, e5.embed_query(SENTENCES[0]))
    assert not np.array_equal(q, want[0])
    memo.embed_query(SENTENCES[0])
    assert e5.texts_embedded - before == 6  # the direct call above; the memo's second is a hit
    assert memo.embed_passages([]).shape == (0, e5.dim)


def test_memo_forgets_the_least_recent_past_its_size_and_hands_out_copies():
    e5 = get_embedder("e5-small")
    memo = Memo(e5, size=2)
    a, b, c = SENTENCES[:3]
    first = memo.embed_passages([a, b])
    first[0][:] = 0.0  # the caller's array: writing to it must not reach the memo
    n = e5.texts_embedded
    again = memo.embed_passages([a])
    assert e5.texts_embedded == n and np.linalg.norm(again[0]) > 0.99
    memo.embed_passages([c])  # a was used last, so b goes
    n = e5.texts_embedded
    memo.embed_passages([a, c])
    assert e5.texts_embedded == n
    memo.embed_passages([b])
    assert e5.texts_embedded == n + 1


def test_memo_is_safe_across_threads():
    e5 = get_embedder("e5-small")
    memo = Memo(e5, size=3)  # smaller than the texts in play: entries come and go under load
    want = {t: v for t, v in zip(SENTENCES, e5.embed_passages(SENTENCES), strict=True)}
    wrong: list[str] = []

    def work(n: int) -> None:
        for i in range(12):
            texts = [SENTENCES[(n + i) % 4], SENTENCES[(n + 2 * i) % 4]]
            for t, v in zip(texts, memo.embed_passages(texts), strict=True):
                if not np.array_equal(v, want[t]):
                    wrong.append(t)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads) and wrong == []
    assert len(memo) <= 3


def test_asking_again_embeds_nothing_and_answers_the_same(built_store):
    e5 = get_embedder("e5-small")
    with Assistant(store=built_store) as a:
        question = "Đề án 950 được phê duyệt ngày nào?"
        n = e5.texts_embedded
        first = a.ask(question)
        cost = e5.texts_embedded - n
        assert cost >= 2, "the question and some answer sentences are embedded the first time"
        n = e5.texts_embedded
        second = a.ask(question)
        assert e5.texts_embedded == n, "the same question again is answered from the memo"
        assert second.text == first.text and not first.abstained
        assert [h.chunk.id for h in second.retrieved] == [h.chunk.id for h in first.retrieved]
        # a fresh assistant, without the memo's history, answers the same
        with Assistant(store=built_store) as b:
            assert b.ask(question).text == first.text


def test_ingest_does_not_go_through_the_memo(tmp_path, sample_corpus):
    """Ingestion's counts show what an ingest embeds (re-ingesting costs nothing), so it uses
    the model itself: a text remembered from a question is still embedded for the store."""
    e5 = get_embedder("e5-small")
    with Assistant(store=tmp_path / "s") as a:
        n = e5.texts_embedded
        report = a.ingest([sample_corpus / "hue-s-platform-and-ioc.txt"])
        chunks = a.stats()["chunks"]
        assert report.ok and e5.texts_embedded - n == chunks
        assert a.memo.hits == 0 and len(a.memo) == 0
