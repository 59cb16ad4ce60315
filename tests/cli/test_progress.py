import io

from cli.progress import ProgressBar, _duration


class Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_counts_pages_rate_and_eta():
    out = Tty()
    bar = ProgressBar(files=4, stream=out, min_interval=0)
    bar.file_started(3)
    bar.file_started(1)
    for _ in range(2):
        bar.page_done()
    total, rate, left = bar.estimate()
    assert total == 8  # 4 pages known in 2 files, 2 files to come at 2 pages each
    assert rate > 0 and left is not None and left > 0
    bar.close()
    text = out.getvalue()
    assert "2/8 pages" in text and "pages/min" in text and "reste ~" in text and text.endswith("\n")


def test_silent_when_not_a_terminal():
    out = io.StringIO()
    bar = ProgressBar(files=1, stream=out, min_interval=0)
    bar.file_started(1)
    bar.page_done()
    bar.close()
    assert out.getvalue() == ""


def test_durations_in_french():
    assert _duration(42) == "42 s"
    assert _duration(125) == "2 min 05 s"
    assert _duration(7260) == "2 h 01 min"
