"""Sweep the cross-lingual boost (Settings.crosslingual_boost) on the eval sets.

    .venv/bin/python bench/tune_crosslingual.py --store STORE eval/shared.jsonl eval/sample.jsonl
    .venv/bin/python bench/tune_crosslingual.py --store STORE eval/heldout.jsonl --boost 0 0.04

e5-small scores a passage in the question's own language higher than an equally relevant one in
the other language; the boost is added to the other language's passages before the dense ranking
(retrieval.Retriever.dense). For each value this prints hit@5 / MRR of the answerable questions,
per group: Vietnamese and English questions, English questions over Vietnamese text ("x:en") and
Vietnamese questions over English text ("x:vi"), questions typed without diacritics, and the
Vietnamese questions typed with their marks over Vietnamese text ("vi-marked"). MRR is the
eval's: the rank of the first retrieved chunk from a gold source. The store must hold the sets'
corpora (`scqa eval ... --corpus` builds one).

Translated queries (`Retriever.search(..., translation=...)`, used when an LLM is configured): with
`--translations FILE` (JSONL of {"id", "translation"}: bench/data/crosslingual_translations.jsonl
holds hand-written ones of the cross-lingual questions of shared + sample, what a good translator
gives) and/or `--llm SPEC` (the LLM translates every question's standalone query, as `ask`
does), each boost prints a row without translations and one per source of translations, with
them; `--boost-translation` boosts the translation's dense search too, `--write-translations`
keeps the LLM's translations for a rerun without it.

    SCQA_LLM_TEMPERATURE=0 .venv/bin/python bench/tune_crosslingual.py --store STORE \
        eval/shared.jsonl eval/sample.jsonl --boost 0.04 \
        --translations bench/data/crosslingual_translations.jsonl --llm llamacpp:GGUF
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

sys.path.insert(0, str(Path(__file__).parent))
from measure_retrieval import load, rank_of  # noqa: E402

from scqa import Assistant  # noqa: E402
from scqa.query_translation import similarity  # noqa: E402


def groups(q: dict) -> list[str]:
    out = ["ALL", f"lang:{q['language']}"]
    if "crosslingual" in q["tags"]:
        out.append(f"x:{q['language']}")
    if "nodiacritics" in q["tags"]:
        out.append("nodiacritics")
    if q["language"] == "vi" and not {"crosslingual", "nodiacritics"} & set(q["tags"]):
        out.append("vi-marked")  # Vietnamese typed with its marks, over Vietnamese text
    return out


def load_translations(path: str) -> dict[str, str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return {d["id"]: d["translation"] for d in map(json.loads, filter(str.strip, lines))}


def llm_translations(a: Assistant, spec: str, questions: list[dict]) -> dict[str, str]:
    """Each question's standalone query (the keyword carry-over for follow-ups) translated by
    the LLM, as `Assistant.retrieve` does; questions whose translation it rejects are left out,
    by its form (`accept_translation`) or by SCQA_TRANSLATION_MIN_SIMILARITY."""
    generator = a.generator(spec)
    floor = a.settings.translation_min_similarity
    out = {}
    for q in questions:
        language, query, _ = a.retrieve(q["question"], history=q.get("history"), k=1)
        translation = generator.translate(query, language)
        if translation and similarity(a.memo, query, translation) >= floor:
            out[q["id"]] = translation
    return out


def measure(a: Assistant, questions: list[dict], translations: dict[str, str] | None) -> str:
    rr: dict[str, list[float]] = defaultdict(list)
    hit: dict[str, list[int]] = defaultdict(list)
    for q in questions:
        language, query, hits = a.retrieve(q["question"], history=q.get("history"), k=10)
        if translations and q["id"] in translations:
            hits = a.retriever.search(query, language, 10, translation=translations[q["id"]])
        rank = rank_of(hits, set(q["sources"]))
        for g in groups(q):
            rr[g].append(1 / rank if rank else 0.0)
            hit[g].append(1 if rank and rank <= 5 else 0)
    return "  ".join(
        f"{g} {statistics.mean(hit[g]):.3f}/{statistics.mean(rr[g]):.3f} (n={len(rr[g])})"
        for g in sorted(rr)
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--store", required=True)
    ap.add_argument("--boost", type=float, nargs="+", default=[0.0, 0.02, 0.03, 0.04, 0.05, 0.06])
    ap.add_argument("--translations", help="JSONL of {id, translation}")
    ap.add_argument("--llm", help="translate every question with this LLM (llamacpp:<gguf>, ...)")
    ap.add_argument("--write-translations", help="keep the LLM's translations in this JSONL")
    ap.add_argument("--boost-translation", action="store_true")
    args = ap.parse_args(argv)
    questions = [q for q in load(args.sets) if q["answerable"]]
    with Assistant(store=args.store) as a:
        retriever = a.retriever
        retriever.boost_translation = args.boost_translation
        sources: dict[str, dict[str, str]] = {}
        if args.translations:
            sources["reference"] = load_translations(args.translations)
        if args.llm:
            sources[args.llm] = llm_translations(a, args.llm, questions)
            if args.write_translations:
                rows = (
                    json.dumps({"id": i, "translation": t}, ensure_ascii=False)
                    for i, t in sources[args.llm].items()
                )
                Path(args.write_translations).write_text("\n".join(rows) + "\n", "utf-8")
        for boost in args.boost:
            retriever.crosslingual_boost = boost
            print(f"boost {boost:.2f}: " + measure(a, questions, None))
            for name, translations in sources.items():
                n = sum(1 for q in questions if q["id"] in translations)
                cells = measure(a, questions, translations)
                print(f"boost {boost:.2f} + {name} ({n} translated): {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
