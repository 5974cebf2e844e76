"""Reading archives: folders, JSON Lines, CSV, encodings, HTML pages, and a clear record for bad input."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import os

import pytest

from briefx.batch.decoding import DecodeError, decode, html_to_text, looks_like_html, plausibility
from briefx.batch.records import Document, Failure
from briefx.batch.sources import ReadOptions, estimate, format_of, read

RUSSIAN = "Бюджет области на следующий год составит 178 млрд тенге, рост инвестиций - 29,5 процента."


def items(*paths, **options):
    return list(read([str(p) for p in paths], ReadOptions(**options)))


def write_jsonl(path, rows):
    path.write_bytes(b"".join(r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows))
    return path


# --- encodings -----------------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_legacy_encodings_are_detected_and_recorded(codec):
    text, used = decode(RUSSIAN.encode(codec))
    assert (text, used) == (RUSSIAN, codec)


@pytest.mark.parametrize(
    "data, code",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),  # a NUL byte
        ("Бюджет".encode("cp1251"), "undecodable"),  # too few letters to tell cp1251 from koi8-r
        (bytes(range(128, 256)) * 4, "undecodable"),  # every high byte: no language in it
        (RUSSIAN.encode() + b"\xff\xfe", "undecodable"),  # UTF-8 with two stray bytes
    ],
)
def test_bytes_that_are_not_text_raise_a_decode_error(data, code):
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert caught.value.code == code


def test_utf8_and_bom_win_over_detection():
    assert decode(RUSSIAN.encode()) == (RUSSIAN, "utf-8")
    assert decode(b"\xef\xbb\xbf" + RUSSIAN.encode()) == (RUSSIAN, "utf-8")
    assert decode("\ufeffТест".encode("utf-16-le")) == ("Тест", "utf-16")


def test_the_other_8bit_reading_scores_well_below_russian():
    data = RUSSIAN.encode("cp1251")
    assert plausibility(data.decode("cp1251")) > -3.2 > -3.5 > plausibility(data.decode("koi8-r"))


def test_a_short_line_takes_the_encoding_found_earlier_in_its_file():
    assert decode("Итоги".encode("cp1251"), fallback="cp1251") == ("Итоги", "cp1251")


# --- HTML ----------------------------------------------------------------------------------------


PAGE = """<!DOCTYPE html><html><head><title>Заголовок сайта</title><style>p {color: red}</style>
<script>var x = "1 млрд тенге";</script></head>
<body><nav>Главная</nav><article><h1>Итоги   года</h1>
<p>Привлечено <b>178&nbsp;млрд</b> тенге&nbsp;инвестиций.</p><p>Рост&nbsp;&ndash; 29,5%.<br>Новая строка</p>
</article></body></html>"""


def test_html_is_reduced_to_its_visible_text():
    assert html_to_text(PAGE) == (
        "Главная\n\nИтоги года\n\nПривлечено 178\xa0млрд тенге\xa0инвестиций.\n\nРост\xa0– 29,5%.\nНовая строка"
    )


def test_a_saved_page_is_recognized_by_its_start():
    assert looks_like_html(PAGE.encode())
    assert looks_like_html(b"\xef\xbb\xbf  <!-- saved -->\n<HTML lang=ru>")
    assert not looks_like_html(b"<b>bold</b> is not a page")


def test_html_file_declares_its_charset(tmp_path):
    page = '<html><head><meta charset="windows-1251"></head><body><p>Итоги</p></body></html>'
    (tmp_path / "page.html").write_bytes(page.encode("cp1251"))
    [doc] = items(tmp_path / "page.html")
    assert (doc.text, doc.encoding, doc.markup) == ("Итоги", "cp1251", "html")


def test_html_in_a_json_field_is_reduced(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": "p", "text": PAGE}, {"id": "t", "text": "<b>не страница</b>"}])
    page, text = items(path)
    assert page.markup == "html" and page.text.startswith("Главная")
    assert text.markup is None and text.text == "<b>не страница</b>"
    [forced] = items(path, markup="text")[:1]
    assert forced.text == PAGE


def utf16_archive(path, codec, rows, bom=True):
    data = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode(codec)
    bom_bytes = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[codec]
    path.write_bytes(gzip.compress(bom_bytes + data) if path.suffix == ".gz" else bom_bytes + data)
    return path


@pytest.mark.parametrize("name", ["news.jsonl", "news.jsonl.gz"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_json_lines_are_decoded_by_their_byte_order_mark(tmp_path, codec, name):
    """They were read as one good line and three "binary" records (every other byte is NUL)."""
    rows = [{"id": f"u{i}", "text": f"{RUSSIAN} № {i}\u2028и дальше"} for i in range(4)]
    got = items(utf16_archive(tmp_path / name, codec, rows))
    assert [(d.id, d.text, d.line, d.encoding) for d in got] == [
        (r["id"], r["text"], i + 1, "utf-16") for i, r in enumerate(rows)
    ]


def test_utf16_csv_is_decoded_and_a_broken_line_spoils_only_its_row(tmp_path):
    path = tmp_path / "news.tsv"  # what spreadsheets save as "Unicode text"
    lines = ["id\ttext\n", f"1\t{RUSSIAN}\n", "2\tплохо\n", f"3\t{RUSSIAN}\n"]
    data = [line.encode("utf-16-le") for line in lines]
    data[2] = data[2][:4] + b"\x00\xd8" + data[2][4:]  # a lone surrogate: not UTF-16
    path.write_bytes(codecs.BOM_UTF16_LE + b"".join(data))
    got = items(path)
    assert [(i.id, getattr(i, "code", None) or i.encoding) for i in got] == [
        ("1", "utf-16"),
        ("news.tsv:3", "undecodable"),
        ("3", "utf-16"),
    ]


# --- folders of .txt -----------------------------------------------------------------------------


def test_a_folder_is_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("date 2025-08-14 Второй текст.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Первый текст.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("не статья", encoding="utf-8")
    docs = items(tmp_path)
    assert [d.id for d in docs] == ["a.txt", "b/2.txt"]
    assert docs[1].source == str(tmp_path / "b" / "2.txt") and docs[1].line is None


def read_as_unprivileged(folder):
    """(kind, id, code) of what read() finds in `folder`, read by a user that permission bits apply
    to: this process, or when it is root (which reads any folder) a forked child that drops to
    nobody after entering the folder."""
    if os.geteuid() != 0:
        return [(type(i).__name__, i.id, getattr(i, "code", None)) for i in read([str(folder)])]
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.chdir(folder)
            os.setgid(65534)
            os.setuid(65534)
            found = [(type(i).__name__, i.id, getattr(i, "code", None)) for i in read(["."])]
            os.write(writable, json.dumps(found).encode())
        finally:
            os._exit(0)
    os.close(writable)
    with os.fdopen(readable, "rb") as stream:
        data = stream.read()
    os.waitpid(child, 0)
    return [tuple(found) for found in json.loads(data)]


def test_a_subfolder_that_cannot_be_read_is_an_error_record(tmp_path):
    folder = tmp_path / "archive"
    for name in ("a", "locked", "z"):
        (folder / name).mkdir(parents=True)
        (folder / name / "1.txt").write_text("Выделено 5 млрд тенге.", encoding="utf-8")
    folder.chmod(0o755)
    (folder / "locked").chmod(0)
    try:
        found = read_as_unprivileged(folder)
    finally:
        (folder / "locked").chmod(0o755)
    assert found == [("Document", "a/1.txt", None), ("Failure", "locked/", "unreadable"), ("Document", "z/1.txt", None)]


def test_a_broken_link_in_a_folder_is_an_error_record_not_a_gap(tmp_path):
    (tmp_path / "a.txt").write_text("Выделено 5 млрд тенге.", encoding="utf-8")
    (tmp_path / "b.txt").symlink_to(tmp_path / "moved-away.txt")
    got = items(tmp_path)
    assert [(i.id, getattr(i, "code", None)) for i in got] == [("a.txt", None), ("b.txt", "unreadable")]


def test_a_folder_error_names_the_folder_and_why():
    from briefx.batch.sources import Input, read_input

    [failure] = read_input(Input("/archive/locked", "locked/", "", "PermissionError: Permission denied"), ReadOptions())
    assert (failure.code, failure.id, failure.source, failure.line) == ("unreadable", "locked/", "/archive/locked", None)
    assert failure.reason == "PermissionError: Permission denied"


def test_bad_files_become_failures_and_reading_goes_on(tmp_path):
    (tmp_path / "1-binary.txt").write_bytes(b"\x7fELF\x02\x01\x00\x00")
    (tmp_path / "2-empty.txt").write_text(" \n\t\n", encoding="utf-8")
    (tmp_path / "3-big.txt").write_text("х" * 600, encoding="utf-8")
    (tmp_path / "4-cp1251.txt").write_bytes(RUSSIAN.encode("cp1251"))
    (tmp_path / "5-garbage.txt").write_bytes(bytes(range(128, 256)) * 2)
    (tmp_path / "6-ok.txt").write_text(RUSSIAN, encoding="utf-8")
    got = items(tmp_path, max_bytes=1000)
    assert [(type(i).__name__, getattr(i, "code", None) or i.encoding) for i in got] == [
        ("Failure", "binary"),
        ("Failure", "empty"),
        ("Failure", "too_large"),
        ("Document", "cp1251"),
        ("Failure", "undecodable"),
        ("Document", "utf-8"),
    ]
    assert got[0].id == "1-binary.txt" and got[0].source == str(tmp_path / "1-binary.txt")


def test_a_missing_file_is_a_failure(tmp_path):
    [failure] = items(tmp_path / "gone.txt")
    assert failure.code == "unreadable" and "gone.txt" in failure.source


# --- JSON Lines ----------------------------------------------------------------------------------


def test_jsonl_fields_dates_and_fallback_ids(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {"id": "a", "text": RUSSIAN, "datetime": "2024-04-12T13:09:00"},
            {"id": 7, "text": RUSSIAN, "published": "2025-01-02", "date": "1999-01-01"},
            {"text": RUSSIAN, "date": "not a date"},
            b"\n",
            {"id": "", "text": RUSSIAN},
        ],
    )
    docs = items(path)
    assert [(d.id, d.published, d.line) for d in docs] == [
        ("a", dt.date(2024, 4, 12), 1),
        ("7", dt.date(2025, 1, 2), 2),
        ("news.jsonl:3", None, 3),
        ("news.jsonl:5", None, 5),  # the blank line 4 holds no document
    ]


def test_jsonl_field_names_are_configurable(tmp_path):
    path = write_jsonl(tmp_path / "x.jsonl", [{"key": "k1", "body": RUSSIAN, "day": "2024-02-29"}])
    [doc] = items(path, text_field="body", id_field="key", date_field="day")
    assert (doc.id, doc.text, doc.published) == ("k1", RUSSIAN, dt.date(2024, 2, 29))


def test_corrupted_lines_are_failures_with_their_line(tmp_path):
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            {"id": "ok1", "text": RUSSIAN},
            b'{"id": "cut", "text": "\xd0\x91\xd1\x8e\n',  # cut off mid-string
            json.dumps({"id": "cp", "text": RUSSIAN}, ensure_ascii=False).encode("cp1251") + b"\n",
            b'{"id": "mixed", "text": "\xd0\x91\xff\xfe"}\n',  # UTF-8 with stray bytes
            b"[1, 2]\n",
            {"id": "notext", "body": "x"},
            {"id": "num", "text": 5},
            {"id": "blank", "text": "   "},
            json.dumps({"id": "big", "text": "х" * 800}).encode() + b"\n",
            {"id": "ok2", "text": RUSSIAN},
        ],
    )
    got = items(path, max_bytes=2000)
    summary = [(i.line, i.id, i.code if isinstance(i, Failure) else i.encoding) for i in got]
    assert summary == [
        (1, "ok1", "utf-8"),
        (2, "bad.jsonl:2", "bad_json"),
        (3, "cp", "cp1251"),
        (4, "bad.jsonl:4", "undecodable"),
        (5, "bad.jsonl:5", "bad_json"),
        (6, "notext", "missing_text"),
        (7, "num", "missing_text"),
        (8, "blank", "empty"),
        (9, "bad.jsonl:9", "too_large"),
        (10, "ok2", "utf-8"),
    ]
    assert all(i.source == str(path) for i in got)
    assert "column" in got[1].reason and "'text' is missing" in got[5].reason


def test_gzip_and_a_truncated_gzip(tmp_path):
    rows = [{"id": str(i), "text": RUSSIAN} for i in range(50)]
    data = gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in rows))
    (tmp_path / "a.jsonl.gz").write_bytes(data)
    (tmp_path / "b.jsonl.gz").write_bytes(data[: len(data) // 2])
    assert [d.id for d in items(tmp_path / "a.jsonl.gz")] == [str(i) for i in range(50)]
    cut = items(tmp_path / "b.jsonl.gz")
    assert isinstance(cut[-1], Failure) and cut[-1].code == "unreadable"
    assert all(isinstance(d, Document) for d in cut[:-1])


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_rows_with_quoted_newlines_keep_their_first_line(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        'id;text;date\n1;"Первая строка.\nВторая: 5 млрд тенге.";2025-03-01\n2;Ещё текст;\n;;\n3;Третий;\n',
        encoding="utf-8",
    )
    docs = items(path)
    assert [(d.id, d.line, d.published) for d in docs] == [
        ("1", 2, dt.date(2025, 3, 1)),
        ("2", 4, None),
        ("3", 6, None),
    ]
    assert docs[0].text == "Первая строка.\nВторая: 5 млрд тенге."


def test_csv_bad_lines_spoil_only_their_row(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(
        "id,text\n1,Хорошо\n".encode() + b"2,\xff\xfe\xfd\n" + f"3,{RUSSIAN}\n".encode("cp1251") + "4,Снова\n".encode()
    )
    got = items(path)
    assert [(i.id, getattr(i, "code", None) or i.encoding) for i in got] == [
        ("1", "utf-8"),
        ("news.csv:3", "undecodable"),
        ("3", "cp1251"),
        ("4", "utf-8"),
    ]


def unclosed_quote_csv(path, rows_after, tail=""):
    """A row whose quote is never closed on line 3, then `rows_after` good rows (ids 3, 4, …), then `tail`."""
    good = "".join(f"{i},Выделено {i} млрд тенге.\n" for i in range(3, 3 + rows_after))
    path.write_text(f'id,text\n1,Выделено 1 млрд тенге.\n2,"unterminated\n{good}{tail}', encoding="utf-8")
    return path


def test_csv_an_unclosed_quote_is_one_bad_row_and_the_rest_is_read(tmp_path):
    """The issue's case: `2,"unterminated` then 1,000 rows gave one document holding all of them."""
    got = items(unclosed_quote_csv(tmp_path / "news.csv", 1000))
    assert len(got) == 1002
    bad = got[1]
    assert isinstance(bad, Failure) and (bad.code, bad.line, bad.id) == ("bad_csv", 3, "news.csv:3")
    assert "never closed" in bad.reason
    assert [(d.id, d.line) for d in got[2:4]] == [("3", 4), ("4", 5)]
    assert [d.id for d in got if isinstance(d, Document)] == ["1", *map(str, range(3, 1003))]


def test_csv_a_quoted_field_over_many_lines_is_cut_there(tmp_path, monkeypatch):
    """A later quote closes the runaway field, so the end of the file cannot tell: the line limit does."""
    from briefx.batch import sources

    monkeypatch.setattr(sources, "MAX_FIELD_LINES", 50)
    path = unclosed_quote_csv(tmp_path / "news.csv", 80, tail='90,"Кавычки, и 9 млрд тенге."\n91,Конец.\n')
    got = items(path)
    assert [(i.code, i.line) for i in got if isinstance(i, Failure)] == [("bad_csv", 3)]
    assert "50 lines" in got[1].reason
    assert [d.id for d in got if isinstance(d, Document)] == ["1", *map(str, range(3, 83)), "90", "91"]
    assert got[-2].text == "Кавычки, и 9 млрд тенге."


def test_csv_a_runaway_field_over_the_size_limit_is_cut_there(tmp_path):
    got = items(unclosed_quote_csv(tmp_path / "news.csv", 40, tail='50,"closed later"\n'), max_bytes=300)
    assert [(i.code, i.line) for i in got if isinstance(i, Failure)] == [("bad_csv", 3)]
    assert [d.id for d in got if isinstance(d, Document)] == ["1", *map(str, range(3, 43)), "50"]


def test_csv_without_the_text_column_is_one_failure(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("id,body\n1,a\n", encoding="utf-8")
    [failure] = items(path)
    assert failure.code == "missing_text" and "columns: id, body" in failure.reason


# --- how inputs are told apart -------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, fmt",
    [("a.jsonl", "jsonl"), ("a.JSONL.GZ", "jsonl"), ("a.ndjson", "jsonl"), ("b.tsv", "csv"), ("c.htm", "html"), ("d", "txt")],
)
def test_format_by_suffix(name, fmt):
    assert format_of(name) == fmt


def test_estimate_counts_lines_and_files(tmp_path):
    write_jsonl(tmp_path / "a.jsonl", [{"text": "x"}] * 5)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "1.txt").write_text("x")
    assert estimate([str(tmp_path / "a.jsonl"), str(tmp_path / "d")]) == 6
    assert estimate(["-"]) is None
