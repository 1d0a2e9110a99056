"""The Gradio app: streamed bilingual chat with a sources panel, documents, settings, evaluation.

Every handler parses its inputs, calls the public `Assistant` API and formats the result; nothing
else. `ScqaError`s become short `gr.Error` messages; other errors never show a traceback
(`show_error=False`). Named API endpoints for `gradio_client`: `/ask` and `/ingest`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from .assistant import Assistant
from .auth import check_bind, parse_auth
from .errors import ScqaError, StoreNotFound
from .types import Answer
from .ui_components import (
    CSS,
    UPLOAD_TYPES,
    chat_message,
    copy_uploads,
    document_headers,
    document_rows,
    ingest_headers,
    ingest_rows,
    ingest_summary,
    remove_upload,
    search_filters,
    sources_html,
    stats_markdown,
    table_value,
)
from .ui_eval import build_eval_tab
from .ui_i18n import DEFAULT_UI_LANGUAGE, UI_LANGUAGES, t

log = logging.getLogger(__name__)

EXAMPLES = [
    "Đề án 950 được phê duyệt ngày nào?",
    "What does Resolution 52-NQ/TW say about the fourth industrial revolution?",
    "Huế-S là gì?",
]


@contextlib.contextmanager
def friendly_errors(lang: str = DEFAULT_UI_LANGUAGE) -> Iterator[None]:
    """Turn scqa's own errors into a short message in the page; never a traceback."""
    try:
        yield
    except StoreNotFound:
        raise gr.Error(t(lang, "empty_store"), print_exception=False) from None
    except ScqaError as e:
        raise gr.Error(str(e).splitlines()[0][:300], print_exception=False) from None


def build_app(assistant: Assistant) -> gr.Blocks:
    """The Blocks app over `assistant` (shared by every user of this process)."""
    settings = assistant.settings
    upload_dir = Path(settings.store) / "uploads"
    answerers = ["extractive"] + ([settings.llm] if settings.llm != "extractive" else [])
    lang0 = DEFAULT_UI_LANGUAGE
    labelled: list[tuple[Any, str, str]] = []  # (component, label key, property) to translate

    def L(component: Any, key: str, prop: str = "label") -> Any:  # noqa: N802
        labelled.append((component, key, prop))
        return component

    def doc_state(lang: str) -> tuple[dict, Any, Any, str]:
        try:
            docs, stats = assistant.documents(), stats_markdown(assistant.stats(), lang)
        except StoreNotFound:  # nothing indexed yet
            docs, stats = [], t(lang, "empty_store")
        sources = [d["source"] for d in sorted(docs, key=lambda d: d["source"])]
        return (
            table_value(document_headers(lang), document_rows(docs)),
            gr.update(choices=sources, value=None),
            gr.update(choices=sources),
            stats,
        )

    with gr.Blocks(title="scqa") as demo:
        lang = gr.State(lang0)
        conv = gr.State([])  # chat messages shown
        turns = gr.State([])  # earlier user questions, oldest first
        last = gr.State(None)  # the last Answer, to re-render the sources panel
        with gr.Row(equal_height=True):
            with gr.Column(scale=4):
                L(gr.Markdown(t(lang0, "title")), "title", "value")
                L(gr.Markdown(t(lang0, "subtitle")), "subtitle", "value")
            ui_lang = L(
                gr.Radio(
                    [(name, code) for code, name in UI_LANGUAGES.items()],
                    value=lang0,
                    label=t(lang0, "ui_language"),
                    scale=1,
                ),
                "ui_language",
            )

        with L(gr.Tab(t(lang0, "tab_chat"), id="chat"), "tab_chat"), gr.Row():
            with gr.Column(scale=3):
                chatbot = L(
                    gr.Chatbot(label=t(lang0, "chat"), height=520, elem_id="scqa-chat"), "chat"
                )
                with gr.Row():
                    question = L(
                        gr.Textbox(
                            label=t(lang0, "question"),
                            placeholder=t(lang0, "question_ph"),
                            scale=5,
                            elem_id="scqa-question",
                        ),
                        "question",
                    )
                    L(question, "question_ph", "placeholder")
                    send = L(
                        gr.Button(t(lang0, "send"), variant="primary", scale=1, min_width=80),
                        "send",
                        "value",
                    )
                examples = gr.Examples(EXAMPLES, inputs=[question], label=t(lang0, "examples"))
                L(examples.dataset, "examples")
                clear = L(gr.Button(t(lang0, "clear"), size="sm"), "clear", "value")
            with gr.Column(scale=2):
                L(gr.Markdown(t(lang0, "h_sources")), "h_sources", "value")
                sources = gr.HTML(sources_html(None, lang0), elem_id="scqa-sources")

        with L(gr.Tab(t(lang0, "tab_docs"), id="docs"), "tab_docs"):
            with gr.Row():
                with gr.Column(scale=2):
                    files = L(
                        gr.File(
                            label=t(lang0, "upload"),
                            file_count="multiple",
                            file_types=UPLOAD_TYPES,
                            elem_id="scqa-upload",
                        ),
                        "upload",
                    )
                    ingest_btn = L(
                        gr.Button(t(lang0, "ingest"), variant="primary"), "ingest", "value"
                    )
                    ingest_msg = gr.Markdown("", elem_id="scqa-ingest-msg")
                with gr.Column(scale=3):
                    ingest_table = L(
                        gr.Dataframe(
                            table_value(ingest_headers(lang0), []),
                            label=t(lang0, "ingest_results"),
                            interactive=False,
                            wrap=True,
                            elem_id="scqa-ingest-results",
                            elem_classes="scqa-table",
                            column_widths=["40%", "15%", "10%", "35%"],
                        ),
                        "ingest_results",
                    )
            docs_table = L(
                gr.Dataframe(
                    label=t(lang0, "documents"),
                    interactive=False,
                    wrap=True,
                    elem_id="scqa-documents",
                    elem_classes="scqa-table",
                    column_widths=["38%", "30%", "8%", "10%", "6%", "8%"],
                ),
                "documents",
            )
            with gr.Row():
                delete_pick = L(
                    gr.Dropdown(
                        [], label=t(lang0, "delete_pick"), scale=3, elem_id="scqa-delete-pick"
                    ),
                    "delete_pick",
                )
                delete_btn = L(
                    gr.Button(t(lang0, "delete"), variant="stop", scale=1), "delete", "value"
                )
                refresh_btn = L(gr.Button(t(lang0, "refresh"), scale=1), "refresh", "value")
            delete_msg = gr.Markdown("", elem_id="scqa-delete-msg")

        with L(gr.Tab(t(lang0, "tab_settings"), id="settings"), "tab_settings"), gr.Row():
            with gr.Column():
                k = L(
                    gr.Slider(1, settings.max_k, value=settings.k, step=1, label=t(lang0, "k")),
                    "k",
                )
                answerer = L(
                    gr.Dropdown(answerers, value=answerers[-1], label=t(lang0, "answerer")),
                    "answerer",
                )
                L(gr.Markdown(t(lang0, "h_filters")), "h_filters", "value")
                f_sources = L(
                    gr.Dropdown([], multiselect=True, label=t(lang0, "filter_sources")),
                    "filter_sources",
                )
                f_lang = L(
                    gr.Radio(
                        [(t(lang0, "any"), "any"), ("vi", "vi"), ("en", "en")],
                        value="any",
                        label=t(lang0, "filter_language"),
                    ),
                    "filter_language",
                )
                with gr.Row():
                    f_from = L(gr.Textbox(label=t(lang0, "date_from")), "date_from")
                    f_to = L(gr.Textbox(label=t(lang0, "date_to")), "date_to")
            with gr.Column():
                L(gr.Markdown(t(lang0, "h_stats")), "h_stats", "value")
                stats = gr.Markdown("", elem_id="scqa-stats")

        with L(gr.Tab(t(lang0, "tab_eval"), id="eval"), "tab_eval"):
            eval_labelled = build_eval_tab(assistant, lang0, lang)
        labelled.extend(eval_labelled)

        # hidden components behind the /ingest API endpoint
        api_files = gr.File(file_count="multiple", visible=False)
        api_report = gr.JSON(visible=False)
        api_ingest_btn = gr.Button(visible=False)

        # -- handlers: parse → call → format ---------------------------------------------------
        def on_ask(message, conv_v, turns_v, k_v, llm, fs, fl, ff, ft, lang_v):
            text = (message or "").strip()
            if not text:
                return
            history = list(turns_v)[-settings.max_history :] if settings.max_history else []
            base = [*conv_v, {"role": "user", "content": text}]
            with friendly_errors(lang_v):
                stream = assistant.stream(
                    text, history, int(k_v), search_filters(fs, fl, ff, ft), llm or None
                )
                shown = ""
                for item in stream:
                    if isinstance(item, Answer):
                        msgs = [*base, {"role": "assistant", "content": chat_message(item, lang_v)}]
                        yield msgs, msgs, [*turns_v, text], item, sources_html(item, lang_v), ""
                    else:
                        shown += item
                        msgs = [*base, {"role": "assistant", "content": shown + " ▌"}]
                        yield msgs, msgs, gr.skip(), gr.skip(), gr.skip(), ""

        ask_io = dict(
            inputs=[question, conv, turns, k, answerer, f_sources, f_lang, f_from, f_to, lang],
            outputs=[chatbot, conv, turns, last, sources, question],
            api_visibility="private",
        )
        send.click(on_ask, **ask_io)
        question.submit(on_ask, **ask_io)
        clear.click(
            lambda lg: ([], [], [], None, sources_html(None, lg)),
            [lang],
            [chatbot, conv, turns, last, sources],
            api_visibility="private",
        )

        def on_ingest(paths, lang_v, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
            if not paths:
                raise gr.Error(t(lang_v, "nothing_uploaded"), print_exception=False)
            with friendly_errors(lang_v):
                copied, refused = copy_uploads(
                    list(paths), upload_dir, int(settings.max_upload_mb * 1024 * 1024)
                )

                def report_progress(p) -> None:
                    done = p.files_done + (p.chunks_done / p.chunks_total if p.chunks_total else 0)
                    progress((done, max(p.files_total, 1)), desc=p.source.rsplit("/", 1)[-1])

                report = assistant.ingest(copied, progress=report_progress) if copied else None
                rows = ingest_rows(report, refused, lang_v, settings.max_upload_mb)
                return (
                    table_value(ingest_headers(lang_v), rows),
                    ingest_summary(report, len(refused), lang_v),
                    None,
                    *doc_state(lang_v),
                )

        docs_out = [docs_table, delete_pick, f_sources, stats]
        ingest_btn.click(
            on_ingest,
            [files, lang],
            [ingest_table, ingest_msg, files, *docs_out],
            api_visibility="private",
        )

        def on_delete(source, lang_v):
            if not source:
                raise gr.Error(t(lang_v, "nothing_selected"), print_exception=False)
            with friendly_errors(lang_v):
                result = assistant.delete(source)
                remove_upload(upload_dir, result.source)
                return (
                    t(lang_v, "deleted", source=result.source, chunks=result.chunks),
                    *doc_state(lang_v),
                )

        delete_btn.click(
            on_delete, [delete_pick, lang], [delete_msg, *docs_out], api_visibility="private"
        )

        def on_refresh(lang_v):
            with friendly_errors():
                return doc_state(lang_v)

        refresh_btn.click(on_refresh, [lang], docs_out, api_visibility="private")
        demo.load(on_refresh, [lang], docs_out, api_visibility="private")

        translated = list(dict.fromkeys(c for c, _, _ in labelled))  # unique, in order

        def on_language(code, last_v):
            props: dict[Any, dict[str, str]] = {c: {} for c in translated}
            for component, key, prop in labelled:
                props[component][prop] = t(code, key)
            with friendly_errors():
                docs = doc_state(code)
            return [
                code,
                sources_html(last_v, code),
                *docs,
                *(gr.update(**props[c]) for c in translated),
            ]

        ui_lang.change(
            on_language,
            [ui_lang, last],
            [lang, sources, *docs_out, *translated],
            api_visibility="private",
        )

        # -- API endpoints for gradio_client ---------------------------------------------------
        def ask(question: str, history: list[str] | None = None, k: int | None = None) -> dict:
            """Answer `question` (earlier user turns in `history`, oldest first) with `k`
            passages: the same object as `scqa ask --json`."""
            with friendly_errors("en"):
                return assistant.ask(question, history=list(history or []), k=k).to_dict()

        gr.api(ask, api_name="ask")

        def ingest(paths: list[str] | None) -> dict:
            with friendly_errors("en"):
                copied, refused = copy_uploads(
                    list(paths or []), upload_dir, int(settings.max_upload_mb * 1024 * 1024)
                )
                out = assistant.ingest(copied).to_dict() if copied else {"summary": {}, "files": []}
            for name, reason in refused:
                out["files"].append(
                    {
                        "source": name,
                        "status": "failed",
                        "chunks": 0,
                        "reason": t("en", reason, mb=settings.max_upload_mb),
                    }
                )
            return out

        api_ingest_btn.click(
            ingest,
            [api_files],
            [api_report],
            api_name="ingest",
            api_description="Index uploaded files; returns the per-file report.",
        )
    return demo


def launch(
    host: str = "127.0.0.1",
    port: int = 7860,
    store: str | Path | None = None,
    *,
    block: bool = True,
) -> gr.Blocks:
    """Open the store, build the app and serve it. Refuses a non-loopback `host` unless SCQA_AUTH
    is set. With `block=False` it returns once the server is up (tests)."""
    assistant = Assistant(store=store)
    auth = parse_auth(assistant.settings.auth)
    check_bind(host, auth)
    demo = build_app(assistant)
    demo.queue(default_concurrency_limit=4)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=auth or None,
        show_error=False,
        max_file_size=f"{assistant.settings.max_upload_mb:g}mb",
        prevent_thread_lock=not block,
        quiet=True,
        footer_links=["api"],
        css=CSS,
        theme=gr.themes.Soft(  # system fonts: the app never fetches anything from the web
            font=["ui-sans-serif", "system-ui", "DejaVu Sans", "sans-serif"],
            font_mono=["ui-monospace", "DejaVu Sans Mono", "monospace"],
        ),
    )
    return demo
