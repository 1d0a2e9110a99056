"""The real app in headless Chromium: upload, chat (vi, en, follow-up, abstention), language
switch, settings, evaluation, delete. A screenshot of each tab goes to tests/artifacts/."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ui_app import build_store, running_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
WAIT_MS = 60_000
UPLOADED = "Đà Nẵng thông minh.txt"
# a MutationObserver that remembers seeing the streaming cursor in the chat
WATCH_STREAM = """() => { window.__streamed = false;
  new MutationObserver(() => {
    const c = document.querySelector('#scqa-chat');
    if (c && c.innerText.includes('▌')) window.__streamed = true;
  }).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""
TINY_EVAL = [
    {
        "id": "t1",
        "question": "Đề án 950 được phê duyệt ngày nào?",
        "language": "vi",
        "answerable": True,
        "must_include": [["1/8/2018"]],
        "sources": ["de-an-950-tom-tat-dang-van-ban.txt"],
        "tags": ["factoid"],
    },
    {
        "id": "t2",
        "question": "What is the price of bananas in Paris?",
        "language": "en",
        "answerable": False,
        "must_include": [],
        "sources": [],
        "tags": ["unanswerable"],
    },
]


@pytest.fixture(scope="module")
def app(tmp_path_factory, sample_corpus, shared_corpus):
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    root = tmp_path_factory.mktemp("ui")
    store = root / "store"
    build_store(
        store,
        [
            sample_corpus / "de-an-950-tom-tat-dang-van-ban.txt",
            sample_corpus / "hue-s-platform-and-ioc.txt",
            sample_corpus / "resolution-52-fourth-industrial-revolution.md",
            shared_corpus / "003_3e50ef98c247255a.txt",
        ],
    )
    (root / "eval").mkdir()
    (root / "eval" / "tiny.jsonl").write_text(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in TINY_EVAL), encoding="utf-8"
    )
    with running_app(store, cwd=root) as url:
        yield url, root


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(app, browser):
    url, _ = app
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.wait_for_selector("#scqa-question textarea")
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def wait_text(page, selector: str, text: str) -> None:
    """Wait until the element's visible text contains `text` (Gradio tables hold hidden
    copies of their cells, so locators by text are ambiguous)."""
    page.wait_for_function(
        "([sel, text]) => (document.querySelector(sel)?.innerText || '').includes(text)",
        arg=[selector, text],
    )


def ask(page, question: str, answers_before: int) -> None:
    """Type a question, send it, wait until its final answer (the backend line) is shown."""
    box = page.locator("#scqa-question textarea")
    box.fill(question)
    box.press("Enter")
    page.locator("#scqa-chat .scqa-answered-by").nth(answers_before).wait_for()
    page.wait_for_function("() => document.querySelector('#scqa-question textarea').value === ''")


def test_upload_and_list_then_delete(page, sample_corpus, tmp_path):
    page.get_by_role("tab", name="Tài liệu").click()
    docs = page.locator("#scqa-documents")
    wait_text(page, "#scqa-documents", "de-an-950-tom-tat-dang-van-ban.txt")
    upload = tmp_path / UPLOADED
    shutil.copyfile(sample_corpus / "da-nang-thanh-pho-thong-minh.txt", upload)
    page.locator("#scqa-upload input[type=file]").set_input_files([str(upload)])
    wait_text(page, "#scqa-upload", UPLOADED)
    page.get_by_role("button", name="Lập chỉ mục").click()
    results = page.locator("#scqa-ingest-results")
    wait_text(page, "#scqa-ingest-results", "đã thêm")
    assert UPLOADED in results.inner_text()
    wait_text(page, "#scqa-documents", UPLOADED)
    assert (
        "Thêm 1, cập nhật 0, không đổi 0, lỗi 0." in page.locator("#scqa-ingest-msg").inner_text()
    )
    shot(page, "documents")

    pick = page.locator("#scqa-delete-pick input")
    pick.click()
    page.get_by_role("option", name=UPLOADED).click()
    page.get_by_role("button", name="Xoá tài liệu").click()
    wait_text(page, "#scqa-delete-msg", f"Đã xoá {UPLOADED}")
    page.wait_for_function(
        "name => !document.querySelector('#scqa-documents').innerText.includes(name)",
        arg=UPLOADED,
    )
    assert "de-an-950-tom-tat-dang-van-ban.txt" in docs.inner_text()


def test_chat_vi_en_followup_and_abstention(page):
    page.evaluate(WATCH_STREAM)
    sources = page.locator("#scqa-sources")
    chat = page.locator("#scqa-chat")

    ask(page, "Đề án 950 được phê duyệt ngày nào?", 0)
    assert "1/8/2018" in chat.inner_text()
    assert "[1]" in chat.inner_text()
    assert "Trả lời bởi: extractive" in chat.inner_text()
    first = sources.locator(".scqa-card").first
    assert "de-an-950-tom-tat-dang-van-ban.txt" in first.inner_text()
    assert "950/QĐ-TTg" in first.locator("mark").inner_text()
    assert first.locator(".scqa-n").inner_text() == "[1]"
    assert page.evaluate("window.__streamed") is True

    ask(page, "Ai phê duyệt?", 1)  # a follow-up: understood with the first question
    assert "Câu hỏi được hiểu là" in chat.locator(".message").last.inner_text()
    assert "de-an-950-tom-tat-dang-van-ban.txt" in sources.inner_text()

    page.get_by_role("button", name="Cuộc hội thoại mới").click()  # a new topic
    page.wait_for_function("() => !document.querySelector('#scqa-sources .scqa-card')")
    ask(page, "What is Hue-S?", 0)
    assert "According to the documents" in chat.inner_text()
    assert "hue-s-platform-and-ioc.txt" in sources.locator(".scqa-card").first.inner_text()
    assert sources.locator(".scqa-abstain").count() == 0
    shot(page, "chat")

    ask(page, "What is the price of bananas in Paris?", 1)
    assert chat.locator(".scqa-abstain-msg").count() == 1
    assert "I could not find information" in chat.locator(".scqa-abstain-msg").inner_text()
    why = chat.locator(".scqa-abstain-msg .scqa-why").inner_text()  # why, under the refusal
    assert why == "No passage found mentions: Paris."
    assert (
        "Không đoạn nào tìm được nhắc đến: Paris." in sources.locator(".scqa-abstain").inner_text()
    )
    assert "Không tìm thấy câu trả lời" in sources.locator(".scqa-abstain").inner_text()
    shot(page, "chat_abstention")

    page.get_by_text("English", exact=True).click()  # interface labels switch, answers stay
    page.get_by_role("tab", name="Documents").wait_for()
    assert "No answer found" in sources.locator(".scqa-abstain").inner_text()
    assert page.get_by_role("button", name="Send").count() == 1
    assert page.get_by_role("heading", name="Sources").count() == 1
    shot(page, "chat_english")

    page.get_by_role("button", name="New conversation").click()
    page.wait_for_function("() => !document.querySelector('#scqa-sources .scqa-card')")
    ask(page, "de an 950 duoc phe duyet ngay nao", 0)  # typed without diacritics
    assert "1/8/2018" in chat.inner_text()
    last = chat.locator(".message").last.inner_text()
    assert "Searched with diacritics as: “đề án 950 được phê duyệt ngày nào”" in last


def test_settings_and_evaluation(page):
    page.get_by_role("tab", name="Cài đặt").click()
    stats = page.locator("#scqa-stats")
    wait_text(page, "#scqa-stats", "documents")
    assert "| documents | 4 |" not in stats.inner_text()  # rendered as a table, not markdown
    row = stats.locator("tr", has_text="documents")
    assert row.locator("td").nth(1).inner_text() == "4"
    shot(page, "settings")

    page.get_by_role("tab", name="Đánh giá").click()
    pick = page.locator("#scqa-eval-set input")
    pick.click()
    page.get_by_role("option", name="tiny.jsonl").click()
    page.get_by_role("button", name="Chạy đánh giá").click()
    page.locator("#scqa-eval-metrics")
    wait_text(page, "#scqa-eval-metrics", "accuracy")
    assert "accuracy = 1.000 · 2 câu hỏi" in page.locator("#scqa-eval-summary").inner_text()
    wait_text(page, "#scqa-eval-report", "report.html")
    images = "[...document.querySelectorAll('#scqa-eval-plots img')].map(i => i.src)"
    assert len(set(page.evaluate(f"() => {images}"))) == 3
    shot(page, "evaluation")
