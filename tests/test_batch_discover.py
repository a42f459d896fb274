"""File discovery: recursive, sorted, hidden files skipped, an empty directory reported."""

from __future__ import annotations

from xxgk.batch.discover import Task, discover, is_batch


def test_directories_are_walked_sorted_and_hidden_entries_skipped(tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "b/1.pdf", "a.html", ".DS_Store", ".git/HEAD", "c.docx"):
        (tmp_path / name).write_text("x")
    names = [t.name[len(str(tmp_path)) + 1 :] for t in discover([str(tmp_path)])]
    assert names == ["a.html", "c.docx", "b/1.pdf", "b/2.txt"]


def test_inputs_keep_their_order_and_missing_files_stay_tasks(tmp_path) -> None:
    (tmp_path / "z.txt").write_text("x")
    tasks = discover([str(tmp_path / "z.txt"), "missing.txt", "-"], stdin=b"seed 1")
    assert tasks == [Task(str(tmp_path / "z.txt")), Task("missing.txt"), Task("-", data=b"seed 1")]


def test_a_directory_without_files_is_an_error_task(tmp_path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".hidden").write_text("x")
    [task] = discover([str(tmp_path / "empty")])
    assert task.error == "directory holds no report files"


def test_batch_means_several_inputs_or_a_directory(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("x")
    assert not is_batch([str(tmp_path / "a.txt")])
    assert not is_batch(["-"])
    assert is_batch([str(tmp_path)])
    assert is_batch([str(tmp_path / "a.txt"), "-"])
